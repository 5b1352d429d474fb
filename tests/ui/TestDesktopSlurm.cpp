// The desktop on a real Slurm system (one node started by the harness, a real gateway): the Run form offers the
// cluster, a job waiting for cores shows why in its detail with Slurm's job id and the batch script, and a controller
// that stops answering shows on the system's entry; the Terminal tab's session is a job of the cluster (waiting with
// Slurm's reason in its banner, then a shell on the node). Screenshots at 1024×700.
#include "MainWindow.h"
#include "client/EventStreamClient.h"
#include "client/GatewayConnection.h"
#include "common/JobFormController.h"
#include "common/MessageBanner.h"
#include "history/JobHistoryModel.h"
#include "history/JobHistoryTab.h"
#include "run/RunTab.h"
#include "support/ApiClient.h"
#include "support/GatewayProcess.h"
#include "support/JobSpecs.h"
#include "support/Screenshot.h"
#include "support/SlurmCluster.h"
#include "support/SourceFiles.h"
#include "terminal/TerminalPage.h"
#include "terminal/TerminalTab.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

#include <qtermwidget.h>

using namespace tandem;

class TestDesktopSlurm : public QObject
{
    Q_OBJECT

    test::SlurmCluster m_cluster;
    QTemporaryDir m_configDir;
    test::GatewayProcess m_gateway;
    std::unique_ptr<test::ApiClient> m_api;
    std::unique_ptr<GatewayConnection> m_connection;
    std::unique_ptr<MainWindow> m_window;

    QJsonObject run(const QString &executable, int cores)
    {
        return {{QStringLiteral("type"), QStringLiteral("run")},
                {QStringLiteral("system"), QStringLiteral("cluster")},
                {QStringLiteral("executable"), executable},
                {QStringLiteral("args"), QJsonArray{QStringLiteral("desktop-slurm")}},
                {QStringLiteral("cores"), cores}};
    }

    // tests/gateway/data/sleeper.c compiled on the cluster: its path, empty if that failed.
    QString compiledSleeper()
    {
        QJsonObject compile = test::compileSpec(QStringLiteral("src/sleeper.c"), QStringLiteral("sleeper"));
        compile[u"system"] = QStringLiteral("cluster");
        const QJsonObject compiled = m_api->waitUntilFinal(
            m_api->post(QStringLiteral("/api/v1/jobs"), compile).json[u"id"].toInteger(), 60000);
        if (compiled[u"status"].toString() != u"FINISHED")
            return {};
        return compiled[u"directory"].toString() + QStringLiteral("/sleeper");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_cluster.start(), qPrintable(m_cluster.error()));
        const QString config = m_configDir.filePath(QStringLiteral("gateway.json"));
        // Sessions are jobs of the cluster too.
        QVERIFY(test::SlurmCluster::writeGatewayConfig(config, {m_cluster.system(QStringLiteral("cluster"))},
                                                       {{QStringLiteral("sessionSystem"), QStringLiteral("cluster")}}));
        QVERIFY(m_gateway.start({QStringLiteral("--config"), config}));
        m_api = std::make_unique<test::ApiClient>(m_gateway.baseUrl(), m_gateway.localToken());
        // The system takes jobs once the gateway has heard from its controller.
        QTRY_VERIFY_WITH_TIMEOUT(m_api->system(QStringLiteral("cluster"))[u"available"].toBool(), 10000);
        QCOMPARE(m_api
                     ->put(QStringLiteral("/api/v1/files/src/sleeper.c"),
                           test::sourceFile(QStringLiteral("tests/gateway/data/sleeper.c")))
                     .status,
                 201);
        m_connection = std::make_unique<GatewayConnection>(m_gateway.baseUrl());
        m_connection->setToken(m_gateway.localToken());
        m_window = std::make_unique<MainWindow>(m_connection.get());
        m_window->resize(1024, 700);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_connection->checkHealth();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->events()->isConnected(), 10000);
    }

    void aWaitingJobSaysWhyWithItsSlurmIdAndScript()
    {
        const QString sleeper = compiledSleeper();
        QVERIFY(!sleeper.isEmpty());

        // One job holds a core; the next asks for all eight of the node's and waits.
        const qint64 running = m_api->post(QStringLiteral("/api/v1/jobs"), run(sleeper, 1)).json[u"id"].toInteger();
        QCOMPARE(m_api->waitForStatus(running, QStringLiteral("RUNNING"), 30000)[u"status"].toString(),
                 QStringLiteral("RUNNING"));
        const qint64 waiting = m_api->post(QStringLiteral("/api/v1/jobs"), run(sleeper, 8)).json[u"id"].toInteger();

        JobHistoryTab *history = m_window->historyTab();
        m_window->tabs()->setCurrentWidget(history);
        QTRY_VERIFY_WITH_TIMEOUT(history->model()->rowOf(waiting) >= 0, 10000);
        history->selectJob(waiting);
        QTRY_VERIFY_WITH_TIMEOUT(
            history->overview()->toPlainText().contains(QStringLiteral("Waiting for free cores or nodes.")), 15000);
        const QString slurmId
            = m_api->get(QStringLiteral("/api/v1/jobs/%1").arg(waiting)).json[u"schedulerJobId"].toString();
        QVERIFY(!slurmId.isEmpty());
        const QString shown = history->overview()->toPlainText();
        QVERIFY2(shown.contains(QStringLiteral("Scheduler's job ID")) && shown.contains(slurmId), qPrintable(shown));
        QVERIFY(shown.contains(QStringLiteral("#SBATCH --ntasks=8")));
        QCOMPARE(history->model()->statusAt(history->model()->rowOf(waiting)), QStringLiteral("QUEUED"));
        test::saveScreenshot(*m_window, QStringLiteral("desktop-slurm-waiting"));

        // The Run form offers the cluster; when its controller stops answering, its entry says so.
        RunTab *runTab = m_window->runTab();
        m_window->tabs()->setCurrentWidget(runTab);
        QTRY_VERIFY_WITH_TIMEOUT(runTab->systemBox()->findData(QStringLiteral("cluster")) >= 0, 10000);
        m_cluster.stopController();
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                // Shown again, the form asks the gateway again.
                m_window->tabs()->setCurrentWidget(history);
                m_window->tabs()->setCurrentWidget(runTab);
                const int index = runTab->systemBox()->findData(QStringLiteral("cluster"));
                return index >= 0
                    && runTab->systemBox()->itemData(index, Qt::ToolTipRole).toString().contains(u"not answered");
            }(),
            30000);
        runTab->systemBox()->setCurrentIndex(runTab->systemBox()->findData(QStringLiteral("cluster")));
        // The reason stands under the System field, not only in a tooltip.
        QTRY_VERIFY_WITH_TIMEOUT(runTab->form()->fieldError(QStringLiteral("system")).contains(u"not answered"), 10000);
        test::saveScreenshot(*m_window, QStringLiteral("desktop-slurm-unreachable"));
        QVERIFY(m_cluster.startController());
        for (const qint64 id : {waiting, running})
            m_api->post(QStringLiteral("/api/v1/jobs/%1/cancel").arg(id), {});
        for (const qint64 id : {waiting, running})
            QCOMPARE(m_api->waitUntilFinal(id, 60000)[u"status"].toString(), QStringLiteral("CANCELLED"));
    }

    void theTerminalTabsSessionIsASlurmJob()
    {
        // The node full: the session waits, and the Terminal tab's banner says why in Slurm's words made plain.
        const QString sleeper = compiledSleeper();
        QVERIFY(!sleeper.isEmpty());
        const qint64 blocker = m_api->post(QStringLiteral("/api/v1/jobs"), run(sleeper, 8)).json[u"id"].toInteger();
        QCOMPARE(m_api->waitForStatus(blocker, QStringLiteral("RUNNING"), 30000)[u"status"].toString(),
                 QStringLiteral("RUNNING"));
        QCOMPARE(m_api->put(QStringLiteral("/api/v1/files/on-the-node.txt"), "a file of the home\n").status, 201);

        TerminalTab *tab = m_window->terminalTab();
        m_window->tabs()->setCurrentWidget(tab);
        tab->startSession();
        QTRY_VERIFY_WITH_TIMEOUT(tab->banner()->text().contains(QStringLiteral("Waiting for free cores or nodes.")),
                                 20000);
        QCOMPARE(tab->state(), TerminalTab::State::Starting);
        QVERIFY(tab->banner()->isVisible());
        QVERIFY(test::saveScreenshot(*m_window, QStringLiteral("terminal-slurm-waiting")));

        // Cores free: the session's job runs, and the tab connects to its sshd on the node.
        QCOMPARE(m_api->post(QStringLiteral("/api/v1/jobs/%1/cancel").arg(blocker), {}).status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(tab->state(), TerminalTab::State::Connected, 60000);
        // Its time limit is the partition's (120 minutes in the config), not the twelve hours of a role without a
        // session lifetime: a longer one would wait forever.
        QCOMPARE(
            QString::fromUtf8(m_cluster.run(QStringLiteral("squeue"),
                                            {QStringLiteral("-h"), QStringLiteral("-o"), QStringLiteral("%j %T %l")}))
                .trimmed(),
            QStringLiteral("tandem-session-%1 RUNNING 2:00:00").arg(tab->sessionId()));
        TerminalPage *page = tab->currentPage();
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(page->isAttached() && page->screenText().contains(u'$'), 15000);
        QTest::keyClicks(terminalDisplay(page->terminal()), QStringLiteral("cat on-the-node.txt"));
        QTest::keyClick(terminalDisplay(page->terminal()), Qt::Key_Return);
        QTRY_VERIFY2_WITH_TIMEOUT(page->screenText().contains(QStringLiteral("\na file of the home")),
                                  qPrintable(page->screenText().simplified()), 10000);
        QVERIFY(test::saveScreenshot(*m_window, QStringLiteral("terminal-slurm-connected")));

        // Stop ends the session and cancels its job.
        tab->stopSession();
        QTRY_COMPARE_WITH_TIMEOUT(tab->state(), TerminalTab::State::Ended, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(
            QString::fromUtf8(m_cluster.run(QStringLiteral("squeue"), {QStringLiteral("-h")})).trimmed(), QString(),
            30000);
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_gateway.stop();
        m_cluster.stop();
    }
};

QTEST_MAIN(TestDesktopSlurm)
#include "TestDesktopSlurm.moc"
