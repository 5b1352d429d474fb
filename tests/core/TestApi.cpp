// The API's vocabulary against its document: every job status openapi.json names is a JobStatus and back, and every
// HTTP status the document lists maps to an error kind that maps back to it.
#include "api/HttpStatus.h"
#include "api/JobStatus.h"

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
