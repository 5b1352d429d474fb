#include "api/Routes.h"

#include <QUrl>

namespace tandem::api::routes {

namespace {

const QString V1 = QStringLiteral("api/v1/");

} // namespace

QString health()
{
    return QStringLiteral("healthz");
}
QString token()
{
    return V1 + QStringLiteral("auth/token");
}
QString renew()
{
    return V1 + QStringLiteral("auth/renew");
}
QString me()
{
    return V1 + QStringLiteral("me");
}
QString systems()
{
    return V1 + QStringLiteral("systems");
}
QString users()
{
    return V1 + QStringLiteral("users");
}
QString events()
{
    return V1 + QStringLiteral("events");
}
QString jobs()
{
    return V1 + QStringLiteral("jobs");
}
QString jobsQuery(const QString &query)
{
    return jobs() + u'?' + query;
}
QString jobPreview()
{
    return jobs() + QStringLiteral("/preview");
}
QString job(qint64 id)
{
    return jobs() + u'/' + QString::number(id);
}
QString jobHistory(qint64 id)
{
    return job(id) + QStringLiteral("/history");
}
QString jobFiles(qint64 id)
{
    return job(id) + QStringLiteral("/files");
}

QString jobFile(qint64 id, const QString &name)
{
    return jobFiles(id) + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(name));
}

QString jobOutput(qint64 id, QStringView stream, qint64 offset)
{
    return job(id) + QStringLiteral("/output/") + stream + QStringLiteral("?offset=") + QString::number(offset);
}

QString jobArchive(qint64 id)
{
    return job(id) + QStringLiteral("/archive");
}
QString jobCancel(qint64 id)
{
    return job(id) + QStringLiteral("/cancel");
}
QString jobResubmit(qint64 id)
{
    return job(id) + QStringLiteral("/resubmit");
}
QString files(const QString &path)
{
    // Each segment percent-encoded: a name may hold '#', '?' or '%', and a "." or ".." segment must reach the
    // gateway (which refuses it) instead of being resolved away into another route on the way.
    QStringList segments;
    for (const QString &segment : path.split(u'/', Qt::SkipEmptyParts)) {
        const QByteArray dots = segment == u"." || segment == u".." ? QByteArrayLiteral(".") : QByteArray();
        segments << QString::fromLatin1(QUrl::toPercentEncoding(segment, {}, dots));
    }
    return V1 + QStringLiteral("files/") + segments.join(u'/');
}
QString extractInto(const QString &folder)
{
    return files(folder) + QStringLiteral("?op=extract");
}
QString sessions()
{
    return V1 + QStringLiteral("sessions");
}
QString session(qint64 id)
{
    return sessions() + u'/' + QString::number(id);
}
QString sessionKey(qint64 id)
{
    return session(id) + QStringLiteral("/key");
}
QString sessionsStop()
{
    return sessions() + QStringLiteral("/stop");
}

} // namespace tandem::api::routes
