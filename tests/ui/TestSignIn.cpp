#include "MainWindow.h"
#include "client/GatewayConnection.h"
#include "common/MessageBanner.h"
#include "common/SignInDialog.h"
#include "common/TokenStore.h"
#include "compile/CompileTab.h"
#include "support/ApiClient.h"
#include "support/GatewayProcess.h"
#include "support/Screenshot.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QTabWidget>
#include <QtTest>

using namespace tandem;

class TestSignIn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void warnsBeforeSendingAPasswordInTheClear()
    {
        GatewayConnection remote(QUrl(QStringLiteral("http://192.0.2.10:8470")));
        SignInDialog dialog(&remote, QStringLiteral("ann"));
        dialog.show();
        QVERIFY(SignInDialog::isInsecure(remote.baseUrl()));
        QVERIFY(dialog.insecureConfirmation()->isVisible());
        QTest::keyClicks(dialog.passwordEdit(), QStringLiteral("secret"));
        QVERIFY(!dialog.signInButton()->isEnabled());
        dialog.insecureConfirmation()->setChecked(true);
        QVERIFY(dialog.signInButton()->isEnabled());
        test::saveScreenshot(dialog, QStringLiteral("sign-in-insecure"));

        for (const char *safe :
             {"https://gateway.example.org", "http://127.0.0.1:8470", "http://localhost:8470", "http://[::1]:8470"})
            QVERIFY2(!SignInDialog::isInsecure(QUrl(QLatin1StringView(safe))), safe);
    }

    void signsInAndKeepsTheFormsWhenTheTokenIsRevoked()
    {
        test::GatewayProcess gateway;
        QVERIFY(gateway.start({QStringLiteral("--no-local-user")}));
        QProcess add;
        add.start(QStringLiteral(TANDEM_GATEWAY_BINARY),
                  {QStringLiteral("--data-dir"), gateway.dataDir(), QStringLiteral("user"), QStringLiteral("add"),
                   QStringLiteral("ann"), QStringLiteral("--view"), QStringLiteral("limited"),
                   QStringLiteral("--password-stdin")});
        add.write("ann-password\n");
        add.closeWriteChannel();
        QVERIFY(add.waitForFinished(10000));
        QCOMPARE(add.exitCode(), 0);

        GatewayConnection connection(gateway.baseUrl());
        TokenStore tokens;
        MainWindow window(&connection, &tokens);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        connection.checkHealth();
        // No token: the first refused request asks to sign in.
        QTRY_VERIFY_WITH_TIMEOUT(window.signInDialog() != nullptr, 10000);
        SignInDialog *dialog = window.signInDialog();
        QTest::keyClicks(dialog->userEdit(), QStringLiteral("ann"));
        QTest::keyClicks(dialog->passwordEdit(), QStringLiteral("wrong"));
        QTest::mouseClick(dialog->signInButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->banner()->isVisible(), 10000);
        QVERIFY(dialog->banner()->text().contains(QStringLiteral("Wrong user name or password")));
        dialog->passwordEdit()->clear();
        QTest::keyClicks(dialog->passwordEdit(), QStringLiteral("ann-password"));
        QTest::mouseClick(dialog->signInButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.signInDialog() == nullptr, 10000);
        QVERIFY(!connection.token().isEmpty());
        // The views follow /api/v1/me: a limited account has no terminal.
        QTRY_COMPARE_WITH_TIMEOUT(window.views(), QStringList{QStringLiteral("limited")}, 10000);
        QVERIFY(
            !window.tabs()->isTabVisible(window.tabs()->indexOf(reinterpret_cast<QWidget *>(window.terminalTab()))));
        if (!tokens.persistent()) // no Secret Service in the test root: kept in memory, and the user is told
            QTRY_VERIFY(window.banner()->text().contains(QStringLiteral("memory only")));

        // Something typed into a form survives the token being revoked and a new sign-in.
        window.tabs()->setCurrentWidget(window.compileTab());
        window.compileTab()->outputEdit()->clear();
        QTest::keyClicks(window.compileTab()->outputEdit(), QStringLiteral("keep-me"));
        test::ApiClient api(gateway.baseUrl(), connection.token());
        QCOMPARE(api.call("DELETE", QStringLiteral("/api/v1/auth/token")).status, 204);
        window.compileTab()->outputEdit()->insert(QStringLiteral("!")); // any request now answers 401
        window.compileTab()->outputEdit()->backspace();
        QTRY_VERIFY_WITH_TIMEOUT(window.signInDialog() != nullptr, 10000);
        QCOMPARE(window.compileTab()->outputEdit()->text(), QStringLiteral("keep-me"));
        QCOMPARE(window.signInDialog()->userEdit()->text(), QStringLiteral("ann"));
        QTest::keyClicks(window.signInDialog()->passwordEdit(), QStringLiteral("ann-password"));
        QTest::mouseClick(window.signInDialog()->signInButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.signInDialog() == nullptr, 10000);
        QCOMPARE(window.compileTab()->outputEdit()->text(), QStringLiteral("keep-me"));
    }
};

QTEST_MAIN(TestSignIn)
#include "TestSignIn.moc"
