// The API's vocabulary against its document: every job status openapi.json names is a JobStatus and back, and every
// HTTP status the document lists maps to an error kind that maps back to it.
#include "api/HttpStatus.h"
#include "api/JobStatus.h"
#include "api/Routes.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QtTest>

using namespace tandem;

namespace {

QJsonObject openApi()
{
    QFile file(QStringLiteral(TANDEM_SOURCE_DIR "/core/gateway/api/openapi.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class TestApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jobStatusesAreTheDocumentsOwn()
    {
        const QJsonArray documented = openApi()[u"components"][u"schemas"][u"JobStatus"][u"enum"].toArray();
        QVERIFY(!documented.isEmpty());
        QStringList names;
        for (api::JobStatus status : api::allJobStatuses()) {
            names << api::statusName(status);
            QCOMPARE(api::jobStatusFromString(api::statusName(status)), status);
        }
        QStringList expected;
        for (const QJsonValue &value : documented)
            expected << value.toString();
        QCOMPARE(names, expected);
        QVERIFY(!api::jobStatusFromString(u"finished")); // exact names only
        QVERIFY(!api::jobStatusFromString(u""));
    }

    void finalStatusesAreTheThreeEnds()
    {
        QStringList final;
        for (api::JobStatus status : api::allJobStatuses()) {
            if (api::isFinal(status))
                final << api::statusName(status);
        }
        QCOMPARE(final,
                 QStringList({QStringLiteral("FINISHED"), QStringLiteral("FAILED"), QStringLiteral("CANCELLED")}));
        QVERIFY(api::isFinalStatus(u"FAILED"));
        QVERIFY(!api::isFinalStatus(u"RUNNING"));
        QVERIFY(!api::isFinalStatus(u"SOMETHING_NEW"));
    }

    void everyErrorKindHasOneStatusBothWays()
    {
        QSet<int> statuses;
        for (Error::Kind kind : {Error::Kind::BadRequest, Error::Kind::Unauthorized, Error::Kind::Forbidden,
                                 Error::Kind::NotFound, Error::Kind::Conflict, Error::Kind::Gone, Error::Kind::TooLarge,
                                 Error::Kind::TooMany, Error::Kind::Unavailable, Error::Kind::Internal}) {
            const int status = api::httpStatus(kind);
            QVERIFY2(!statuses.contains(status), QByteArray::number(status).constData());
            statuses.insert(status);
            QCOMPARE(api::errorKind(status), kind);
        }
    }

    void everyRouteTheDesktopAsksForIsDocumented()
    {
        namespace routes = api::routes;
        const QJsonObject paths = openApi()[u"paths"].toObject();
        // Each path as built, with its parameters put back as the document names them.
        const QList<std::pair<QString, QString>> built{
            {routes::health(), QStringLiteral("/healthz")},
            {routes::token(), QStringLiteral("/api/v1/auth/token")},
            {routes::renew(), QStringLiteral("/api/v1/auth/renew")},
            {routes::me(), QStringLiteral("/api/v1/me")},
            {routes::systems(), QStringLiteral("/api/v1/systems")},
            {routes::users(), QStringLiteral("/api/v1/users")},
            {routes::events(), QStringLiteral("/api/v1/events")},
            {routes::jobs(), QStringLiteral("/api/v1/jobs")},
            {routes::jobsQuery(QStringLiteral("limit=5")), QStringLiteral("/api/v1/jobs")},
            {routes::jobPreview(), QStringLiteral("/api/v1/jobs/preview")},
            {routes::job(7), QStringLiteral("/api/v1/jobs/{id}")},
            {routes::jobHistory(7), QStringLiteral("/api/v1/jobs/{id}/history")},
            {routes::jobFiles(7), QStringLiteral("/api/v1/jobs/{id}/files")},
            {routes::jobFile(7, QStringLiteral("a b.txt")), QStringLiteral("/api/v1/jobs/{id}/files/{name}")},
            {routes::jobOutput(7, u"stdout", 0), QStringLiteral("/api/v1/jobs/{id}/output/{stream}")},
            {routes::jobArchive(7), QStringLiteral("/api/v1/jobs/{id}/archive")},
            {routes::jobCancel(7), QStringLiteral("/api/v1/jobs/{id}/cancel")},
            {routes::jobResubmit(7), QStringLiteral("/api/v1/jobs/{id}/resubmit")},
            {routes::files(), QStringLiteral("/api/v1/files")},
            {routes::files(QStringLiteral("src/a.c")), QStringLiteral("/api/v1/files/{path}")},
            {routes::extractInto(QStringLiteral("uploads")), QStringLiteral("/api/v1/files/{path}")},
            {routes::sessions(), QStringLiteral("/api/v1/sessions")},
            {routes::session(3), QStringLiteral("/api/v1/sessions/{id}")},
            {routes::sessionKey(3), QStringLiteral("/api/v1/sessions/{id}/key")},
            {routes::sessionsStop(), QStringLiteral("/api/v1/sessions/stop")},
        };
        for (const auto &[path, documented] : built) {
            QVERIFY2(paths.contains(documented), qPrintable(documented));
            // The built path has the documented shape: literal segments equal, parameters filled.
            const QStringList want = documented.mid(1).split(u'/');
            QString plain = path.section(u'?', 0, 0);
            if (plain.endsWith(u'/'))
                plain.chop(1);
            const QStringList got = plain.split(u'/');
            const bool restOfPath = documented.endsWith(u"{path}");
            QVERIFY2(restOfPath ? got.size() >= want.size() : got.size() == want.size(), qPrintable(path));
            for (qsizetype i = 0; i < want.size(); ++i) {
                if (!want[i].startsWith(u'{'))
                    QCOMPARE(got[i], want[i]);
                else
                    QVERIFY2(!got[i].isEmpty(), qPrintable(path));
            }
        }
        QCOMPARE(api::routes::jobFile(7, QStringLiteral("a b.txt")), QStringLiteral("api/v1/jobs/7/files/a%20b.txt"));
    }

    void everyDocumentedErrorStatusHasAKind()
    {
        const QJsonObject paths = openApi()[u"paths"].toObject();
        QVERIFY(!paths.isEmpty());
        int checked = 0;
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject operations = path.value().toObject();
            for (auto operation = operations.begin(); operation != operations.end(); ++operation) {
                const QJsonObject responses = operation.value()[u"responses"].toObject();
                for (auto response = responses.begin(); response != responses.end(); ++response) {
                    const int status = response.key().toInt();
                    if (status < 400)
                        continue;
                    const Error::Kind kind = api::errorKind(status);
                    QVERIFY2(status == 500 || kind != Error::Kind::Internal,
                             qPrintable(QStringLiteral("%1 %2 answers %3, which the desktop cannot tell apart")
                                            .arg(operation.key(), path.key())
                                            .arg(status)));
                    ++checked;
                }
            }
        }
        QVERIFY(checked > 20);
    }
};

QTEST_GUILESS_MAIN(TestApi)
#include "TestApi.moc"
