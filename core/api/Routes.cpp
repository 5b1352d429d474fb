#include "api/Routes.h"

#include <QUrl>

namespace tandem::api::routes {

namespace {

// A pattern of api::patterns with its parameters filled in, each value already encoded for a path.
QString fill(QLatin1StringView pattern, std::initializer_list<std::pair<QLatin1StringView, QString>> values)
{
    QString path(pattern);
    for (const auto &[name, value] : values)
        path.replace(u'{' + name + u'}', value);
    return path;
}

QString withId(QLatin1StringView pattern, qint64 id)
{
    return fill(pattern, {{QLatin1StringView("id"), QString::number(id)}});
}

} // namespace

QString health()
{
    return patterns::Health;
}
QString token()
{
    return patterns::Token;
}
QString renew()
{
    return patterns::Renew;
}
QString me()
{
    return patterns::Me;
}
QString systems()
{
    return patterns::Systems;
}
QString users()
{
    return patterns::Users;
}
QString templates()
{
    return patterns::Templates;
}
QString templateCopy(qint64 id)
{
    return withId(patterns::TemplateCopy, id);
}
QString usersImport()
{
    return patterns::UsersImport;
}
QString classOf(const QString &group)
{
    return group.isEmpty()
        ? QString(patterns::Class)
        : patterns::Class + QStringLiteral("?group=") + QString::fromLatin1(QUrl::toPercentEncoding(group));
}
QString events()
{
    return patterns::Events;
}
QString jobs()
{
    return patterns::Jobs;
}
QString jobsQuery(const QString &query)
{
    return jobs() + u'?' + query;
}
QString jobPreview()
{
    return patterns::JobPreview;
}
QString job(qint64 id)
{
    return withId(patterns::Job, id);
}
QString jobHistory(qint64 id)
{
    return withId(patterns::JobHistory, id);
}
QString jobFiles(qint64 id)
{
    return withId(patterns::JobFiles, id);
}

QString jobFile(qint64 id, const QString &name)
{
    return fill(patterns::JobFile,
                {{QLatin1StringView("id"), QString::number(id)},
                 {QLatin1StringView("name"), QString::fromLatin1(QUrl::toPercentEncoding(name))}});
}

QString jobOutput(qint64 id, QStringView stream, qint64 offset)
{
    return fill(patterns::JobOutput,
                {{QLatin1StringView("id"), QString::number(id)}, {QLatin1StringView("stream"), stream.toString()}})
        + QStringLiteral("?offset=") + QString::number(offset);
}

QString jobArchive(qint64 id)
{
    return withId(patterns::JobArchive, id);
}
QString jobCancel(qint64 id)
{
    return withId(patterns::JobCancel, id);
}
QString jobResubmit(qint64 id)
{
    return withId(patterns::JobResubmit, id);
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
    return QString(patterns::Files) + u'/' + segments.join(u'/');
}
QString extractInto(const QString &folder)
{
    return files(folder) + QStringLiteral("?op=extract");
}
QString sessions()
{
    return patterns::Sessions;
}
QString session(qint64 id)
{
    return withId(patterns::Session, id);
}
QString sessionKey(qint64 id)
{
    return withId(patterns::SessionKey, id);
}
QString sessionsStop()
{
    return patterns::SessionsStop;
}

} // namespace tandem::api::routes
