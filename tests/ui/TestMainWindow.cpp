#include "MainWindow.h"
#include "admin/AdminTab.h"
#include "client/EventStreamClient.h"
#include "client/GatewayConnection.h"
#include "code/CodeViewer.h"
#include "common/MessageBanner.h"
#include "compile/CompileTab.h"
#include "help/HelpTab.h"
#include "support/ApiClient.h"
#include "support/GatewayProcess.h"
#include "support/Screenshot.h"
#include "terminal/TerminalTab.h"

#include <qtermwidget.h>

#include <QTabWidget>
#include <QtTest>

using namespace tandem;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void opensWithTabsConnectedToARealGateway()
    {
        test::GatewayProcess gateway;
        QVERIFY(gateway.start());
        GatewayConnection connection(gateway.baseUrl());
        connection.setToken(gateway.localToken());
        MainWindow window(&connection);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        connection.checkHealth();
        QTRY_COMPARE(connection.state(), GatewayConnection::State::Online);
        QVERIFY(window.connectionText().contains(QString::number(gateway.baseUrl().port())));
        QTRY_VERIFY(window.events()->isConnected());
        QVERIFY(!window.banner()->isVisible());

        // The workstation's own user is an admin: the Admin tab shows once the account is known.
        QTRY_VERIFY(window.tabs()->isTabVisible(window.tabs()->indexOf(window.adminTab())));
        QStringList tabs;
        for (int i = 0; i < window.tabs()->count(); ++i)
            tabs << window.tabs()->tabText(i).remove(u'&');
        QCOMPARE(tabs,
                 QStringList({QStringLiteral("Terminal"), QStringLiteral("Compile"), QStringLiteral("Run"),
                              QStringLiteral("Job History"), QStringLiteral("Help"), QStringLiteral("Admin")}));

        // The Terminal tab holds a real QTermWidget in teletype mode with a pty behind it.
        QVERIFY(window.terminalTab()->terminal());
        QVERIFY(window.terminalTab()->terminal()->getPtySlaveFd() >= 0);
        // Help shows the bundled sample through KSyntaxHighlighting (Compile shows the source the user selects).
        QCOMPARE(window.helpTab()->codeViewer()->definitionName(), QStringLiteral("C"));
        QVERIFY(window.helpTab()->codeViewer()->toPlainText().contains(QStringLiteral("MPI_Init_thread")));

        for (int i = 0; i < window.tabs()->count(); ++i) {
            window.tabs()->setCurrentIndex(i);
            const QString name = window.tabs()->tabText(i).remove(u'&').replace(u' ', u'-').toLower();
            QVERIFY(test::saveScreenshot(window, QStringLiteral("main-window-") + name));
        }
    }

    void theAdminTabIsForAdminsAndInstructorsOnly()
    {
        test::GatewayProcess gateway;
        QVERIFY(gateway.start());
        test::ApiClient admin(gateway.baseUrl(), gateway.localToken());
        for (const QString &role : {QStringLiteral("user"), QStringLiteral("instructor")}) {
            const QString name = role + QStringLiteral("1");
            QCOMPARE(admin.createUser(name, QStringLiteral("secret-pw"), role, QStringLiteral("c1")).status, 201);
            test::ApiClient account(gateway.baseUrl());
            QVERIFY(account.login(name, QStringLiteral("secret-pw")));
            GatewayConnection connection(gateway.baseUrl());
            connection.setToken(account.token());
            MainWindow window(&connection);
            window.show();
            connection.checkHealth();
            QTRY_VERIFY(window.windowTitle().contains(name));
            QCOMPARE(window.tabs()->isTabVisible(window.tabs()->indexOf(window.adminTab())), role == u"instructor");
        }
    }

    void showsABannerWhenTheGatewayIsUnreachable()
    {
        const quint16 port = test::GatewayProcess::unusedLoopbackPort();

        GatewayConnection connection(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        MainWindow window(&connection);
        window.show();
        connection.checkHealth();
        QTRY_VERIFY(window.banner()->isVisible());
        QCOMPARE(window.banner()->level(), MessageBanner::Level::Warning);
        QVERIFY(window.banner()->text().contains(QString::number(port)));
        QCOMPARE(window.connectionText(), QStringLiteral("Offline"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
