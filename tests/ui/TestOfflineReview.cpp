#include "MainWindow.h"
#include "client/EventStreamClient.h"
#include "client/GatewayConnection.h"
#include "common/MessageBanner.h"
#include "history/JobHistoryModel.h"
#include "history/JobHistoryTab.h"
#include "support/ApiClient.h"
#include "support/GatewayProcess.h"
#include "support/Screenshot.h"

#include <QJsonArray>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

using namespace tandem;

class TestOfflineReview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void reviewsFromTheCacheAndFromArchivesWithoutAGateway()
    {
        QTemporaryDir keep;
        test::GatewayProcess gateway;
        QVERIFY(gateway.start());
        test::ApiClient api(gateway.baseUrl(), gateway.localToken());
        QFile source(QStringLiteral(TANDEM_SOURCE_DIR "/tests/gateway/data/hello.c"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QCOMPARE(api.put(QStringLiteral("/api/v1/files/hello.c"), source.readAll()).status, 201);
        const auto compiled = api.post(QStringLiteral("/api/v1/jobs"),
                                       {{QStringLiteral("type"), QStringLiteral("compile")},
                                        {QStringLiteral("system"), QStringLiteral("local")},
                                        {QStringLiteral("preset"), QStringLiteral("serial-c")},
                                        {QStringLiteral("sources"), QJsonArray{QStringLiteral("hello.c")}},
                                        {QStringLiteral("output"), QStringLiteral("hello")},
                                        {QStringLiteral("mode"), QStringLiteral("quick")}});
        QCOMPARE(compiled.json.value(QStringLiteral("status")).toString(), QStringLiteral("FINISHED"));
        const auto ran = api.post(
            QStringLiteral("/api/v1/jobs"),
            {{QStringLiteral("type"), QStringLiteral("run")},
             {QStringLiteral("system"), QStringLiteral("local")},
             {QStringLiteral("mode"), QStringLiteral("quick")},
             {QStringLiteral("args"), QJsonArray{QStringLiteral("offline")}},
             {QStringLiteral("executable"),
              QString(compiled.json.value(QStringLiteral("directory")).toString() + QStringLiteral("/hello"))}});
        const qint64 runId = ran.json.value(QStringLiteral("id")).toInteger();
        QCOMPARE(ran.json.value(QStringLiteral("status")).toString(), QStringLiteral("FINISHED"));
        const QString archive = keep.filePath(QStringLiteral("run.tar.gz"));
        {
            QFile out(archive);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(api.get(QStringLiteral("/api/v1/jobs/%1/archive").arg(runId)).body);
        }

        {
            // Online: open the run's detail once, so that it is cached.
            GatewayConnection connection(gateway.baseUrl());
            connection.setToken(gateway.localToken());
            MainWindow window(&connection);
            window.show();
            connection.checkHealth();
            QTRY_COMPARE_WITH_TIMEOUT(window.historyTab()->model()->rowCount(), 2, 10000);
            window.historyTab()->selectJob(runId);
            QTRY_COMPARE_WITH_TIMEOUT(window.historyTab()->stdoutView()->toPlainText(),
                                      QStringLiteral("hello [offline]\n"), 10000);
            QTRY_VERIFY_WITH_TIMEOUT(
                window.historyTab()->overview()->toPlainText().contains(QStringLiteral("Timeline")), 10000);
        }
        const QUrl url = gateway.baseUrl();
        gateway.stop();

        {
            // The gateway is gone; a fresh start opens read-only from the cache, with a visible banner.
            GatewayConnection connection(url);
            connection.setToken("whatever");
            MainWindow window(&connection);
            window.show();
            connection.checkHealth();
            QTRY_COMPARE_WITH_TIMEOUT(window.connectionText(), QStringLiteral("Offline"), 10000);
            QVERIFY(window.banner()->isVisible());
            QVERIFY(window.historyTab()->isOffline());
            QCOMPARE(window.historyTab()->model()->rowCount(), 2);
            window.tabs()->setCurrentWidget(window.historyTab());
            window.historyTab()->selectJob(runId);
            QCOMPARE(window.historyTab()->stdoutView()->toPlainText(), QStringLiteral("hello [offline]\n"));
            QVERIFY(window.historyTab()->overview()->toPlainText().contains(QStringLiteral("./hello offline")));
            QVERIFY(!window.historyTab()->cancelButton()->isEnabled());
            QVERIFY(!window.historyTab()->resubmitButton()->isEnabled());
            test::saveScreenshot(window, QStringLiteral("offline-review"));
        }

        {
            // An archive, reviewed with no gateway ever reached (another profile, so an empty cache).
            GatewayConnection connection(
                QUrl(QStringLiteral("http://127.0.0.1:%1").arg(test::GatewayProcess::unusedLoopbackPort())));
            MainWindow window(&connection);
            window.show();
            connection.checkHealth();
            QTRY_VERIFY_WITH_TIMEOUT(window.historyTab()->isOffline(), 10000);
            const int before = window.historyTab()->model()->rowCount();
            QSignalSpy imported(window.historyTab(), &JobHistoryTab::archivesImported);
            window.historyTab()->importArchives({archive, keep.filePath(QStringLiteral("missing.tar.gz"))});
            QVERIFY(imported.wait(10000));
            QCOMPARE(imported.first().first().toInt(), 1);
            QVERIFY(window.historyTab()->model()->rowCount() == before + 1
                    || window.historyTab()->model()->rowOf(runId) >= 0);
            window.historyTab()->selectJob(runId);
            QCOMPARE(window.historyTab()->stdoutView()->toPlainText(), QStringLiteral("hello [offline]\n"));
            QVERIFY(window.historyTab()->overview()->toPlainText().contains(QStringLiteral("Finished normally.")));
        }
    }
};

QTEST_MAIN(TestOfflineReview)
#include "TestOfflineReview.moc"
