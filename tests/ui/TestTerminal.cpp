#include "admin/AdminTab.h"
#include "client/EventStreamClient.h"
#include "client/GatewayConnection.h"
#include "common/MessageBanner.h"
#include "ssh/SshConnection.h"
#include "support/ApiClient.h"
#include "support/GatewayProcess.h"
#include "support/Screenshot.h"
#include "support/ScriptedDialogs.h"
#include "support/SourceFiles.h"
#include "terminal/SessionFilesPanel.h"
#include "terminal/TerminalPage.h"
#include "terminal/TerminalSettings.h"
#include "terminal/TerminalTab.h"

#include <qtermwidget.h>

#include <QClipboard>
#include <QCryptographicHash>
#include <QFontMetrics>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace tandem;

namespace {

void type(TerminalPage *page, const QString &line)
{
    QTest::keyClicks(terminalDisplay(page->terminal()), line);
    QTest::keyClick(terminalDisplay(page->terminal()), Qt::Key_Return);
}

// The last screen line that matches, trimmed; empty if none does.
QString lastLineMatching(TerminalPage *page, const QRegularExpression &pattern)
{
    const QStringList lines = page->screenText().split(u'\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        if (pattern.match(it->trimmed()).hasMatch())
            return it->trimmed();
    }
    return {};
}

// The screen as lines without their trailing blanks, and no blank lines at the end (as tmux capture-pane gives it).
QString trimmedScreen(const QString &text)
{
    QStringList lines = text.split(u'\n');
    for (QString &line : lines) {
        while (line.endsWith(u' '))
            line.chop(1);
    }
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines.join(u'\n');
}

// Resizes `tab` until its page's terminal has exactly `columns` × `rows`; false if it cannot.
bool sizeTerminal(TerminalTab &tab, TerminalPage *page, int columns, int rows)
{
    const QFontMetrics metrics(page->terminal()->getTerminalFont());
    for (int attempt = 0; attempt < 20; ++attempt) {
        const int haveColumns = page->terminal()->screenColumnsCount();
        const int haveRows = page->terminal()->screenLinesCount();
        if (haveColumns == columns && haveRows == rows)
            return true;
        tab.resize(tab.width() + (columns - haveColumns) * metrics.horizontalAdvance(u'M'),
                   tab.height() + (rows - haveRows) * metrics.height());
        QTest::qWait(50);
    }
    return false;
}

} // namespace

class TestTerminal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_gateway.start());
        m_connection = std::make_unique<GatewayConnection>(m_gateway.baseUrl());
        m_connection->setToken(m_gateway.localToken());
        m_connection->checkHealth();
        QTRY_COMPARE(m_connection->state(), GatewayConnection::State::Online);
    }

    void settingsApplyToEveryTabAndFindOpensTheSearchBar()
    {
        TerminalTab tab(m_connection.get());
        tab.resize(900, 600);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        TerminalSettings chosen = tab.settings();
        chosen.colorScheme = QStringLiteral("Linux");
        chosen.font.setPointSize(15);
        chosen.scrollbackLines = 500;
        // The dialog shows what it was given and gives back what is in it.
        TerminalSettingsDialog dialog(chosen, &tab);
        QCOMPARE(dialog.settings().colorScheme, QStringLiteral("Linux"));
        QCOMPARE(dialog.settings().scrollbackLines, 500);
        QCOMPARE(dialog.settings().font.pointSize(), 15);
        dialog.adjustSize();
        QVERIFY(test::saveScreenshot(dialog, QStringLiteral("terminal-settings")));
        tab.applySettings(dialog.settings());
        QTermWidget *terminal = tab.terminal();
        QCOMPARE(terminal->historySize(), 500);
        QCOMPARE(terminal->getTerminalFont().pointSize(), 15);

        // Ctrl+Shift+F opens the widget's own search bar.
        QWidget *searchBar = nullptr;
        for (QWidget *child : terminal->findChildren<QWidget *>()) {
            if (QByteArray(child->metaObject()->className()).contains("SearchBar"))
                searchBar = child;
        }
        QVERIFY(searchBar);
        QVERIFY(!searchBar->isVisible());
        QTest::keyClick(terminalDisplay(terminal), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(searchBar->isVisible());
    }

    void typesIntoTheTerminalResizesAndRunsVi()
    {
        TerminalTab tab(m_connection.get());
        tab.resize(900, 600);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QCOMPARE(tab.state(), TerminalTab::State::NoSession);
        QVERIFY(tab.banner()->isVisible());

        QSignalSpy states(&tab, &TerminalTab::stateChanged);
        tab.startSession();
        QTRY_COMPARE_WITH_TIMEOUT(tab.state(), TerminalTab::State::Connected, 20000);
        // It went through the steps a user sees: asked, starting (progress), connecting, connected.
        QList<TerminalTab::State> seen;
        for (const QList<QVariant> &state : std::as_const(states))
            seen.append(state.at(0).value<TerminalTab::State>());
        QCOMPARE(seen.first(), TerminalTab::State::Requesting);
        QVERIFY(seen.contains(TerminalTab::State::Starting));
        QCOMPARE(seen.last(), TerminalTab::State::Connected);

        TerminalPage *page = tab.currentPage();
        QVERIFY(page);
        QTRY_VERIFY2_WITH_TIMEOUT(page->isAttached() && page->screenText().contains(u'$'),
                                  qPrintable(tab.banner()->text() + page->screenText().simplified()), 10000);
        type(page, QStringLiteral("echo $((6*7))"));
        QTRY_COMPARE_WITH_TIMEOUT(lastLineMatching(page, QRegularExpression(QStringLiteral("^42$"))),
                                  QStringLiteral("42"), 10000);

        // Paste (Ctrl+Shift+V) types the clipboard into the shell.
        QGuiApplication::clipboard()->setText(QStringLiteral("echo pasted-$((2+3))"));
        QTest::keyClick(terminalDisplay(page->terminal()), Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
        QTest::keyClick(terminalDisplay(page->terminal()), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(lastLineMatching(page, QRegularExpression(QStringLiteral("^pasted-\\d$"))),
                                  QStringLiteral("pasted-5"), 10000);

        // The PTY follows the widget's size.
        const int columnsBefore = page->terminal()->screenColumnsCount();
        QSignalSpy sized(page, &TerminalPage::sizeChanged);
        tab.resize(640, 400);
        QTRY_VERIFY(page->terminal()->screenColumnsCount() < columnsBefore - 10);
        // Typed once the new size has gone to the session.
        QTRY_VERIFY(!sized.isEmpty() && sized.last().at(0).toInt() == page->terminal()->screenColumnsCount()
                    && sized.last().at(1).toInt() == page->terminal()->screenLinesCount());
        const QString expected = QStringLiteral("%1 %2")
                                     .arg(page->terminal()->screenLinesCount())
                                     .arg(page->terminal()->screenColumnsCount());
        // tmux on the session takes the new size a moment after the PTY gets it (its client hears SIGWINCH and tells
        // its server), so a command typed at once may still see the old one: ask until the answer settles.
        QString answer;
        for (int attempt = 0; attempt < 20 && answer != expected; ++attempt) {
            type(page, QStringLiteral("clear; stty size"));
            // Done as soon as the new size shows; an old one on the screen means asking again.
            (void)QTest::qWaitFor(
                [&] {
                    answer = lastLineMatching(page, QRegularExpression(QStringLiteral("^\\d+ \\d+$")));
                    return answer == expected;
                },
                1000);
        }
        QCOMPARE(answer, expected);

        // A full-screen program works and gives the screen back.
        type(page, QStringLiteral("vi notes-from-vi.txt"));
        QTRY_VERIFY_WITH_TIMEOUT(page->screenText().count(QStringLiteral("\n~")) > 3, 10000);
        QTest::keyClicks(terminalDisplay(page->terminal()), QStringLiteral("iwritten in vi"));
        QTest::keyClick(terminalDisplay(page->terminal()), Qt::Key_Escape);
        type(page, QStringLiteral(":wq"));
        QTRY_VERIFY_WITH_TIMEOUT(page->screenText().count(QStringLiteral("\n~")) == 0, 10000);
        test::ApiClient api(m_gateway.baseUrl(), m_gateway.localToken());
        QTRY_COMPARE_WITH_TIMEOUT(api.get(QStringLiteral("/api/v1/files/notes-from-vi.txt")).body,
                                  QByteArray("written in vi\n"), 5000);

        QVERIFY(test::saveScreenshot(tab, QStringLiteral("terminal-connected")));

        // Signing out disconnects this desktop and forgets its key; the session runs on for the next sign-in.
        const qint64 session = tab.sessionId();
        tab.signOut();
        QCOMPARE(tab.state(), TerminalTab::State::NoSession);
        QVERIFY(!page->isAttached());
        QVERIFY(!tab.filesPanel()->isReady());
        QVERIFY(!tab.sshConnection());
        QCOMPARE(api.get(QStringLiteral("/api/v1/sessions/%1").arg(session)).json.value(u"state").toString(),
                 QStringLiteral("READY"));
    }

    void aDroppedConnectionComesBackToTheSameShell()
    {
        auto tab = std::make_unique<TerminalTab>(m_connection.get());
        tab->resize(900, 600);
        tab->show();
        tab->startSession();
        QTRY_COMPARE_WITH_TIMEOUT(tab->state(), TerminalTab::State::Connected, 20000);
        TerminalPage *page = tab->currentPage();
        QTRY_VERIFY_WITH_TIMEOUT(page->isAttached() && page->screenText().contains(u'$'), 10000);
        type(page, QStringLiteral("echo shell-$$"));
        const QRegularExpression shellLine(QStringLiteral("^shell-\\d+$"));
        QTRY_VERIFY_WITH_TIMEOUT(!lastLineMatching(page, shellLine).isEmpty(), 10000);
        const QString shell = lastLineMatching(page, shellLine);
        type(page, QStringLiteral("sleep 1000 &"));
        QTRY_VERIFY_WITH_TIMEOUT(
            !lastLineMatching(page, QRegularExpression(QStringLiteral("^\\[1\\] \\d+$"))).isEmpty(), 10000);

        // The TCP connection dies under libssh: a banner says so and it reconnects by itself.
        tab->sshConnection()->dropConnection();
        QTRY_COMPARE_WITH_TIMEOUT(tab->state(), TerminalTab::State::Reconnecting, 10000);
        QVERIFY(tab->banner()->isVisible());
        QCOMPARE(tab->banner()->level(), MessageBanner::Level::Warning);
        QTRY_COMPARE_WITH_TIMEOUT(tab->state(), TerminalTab::State::Connected, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(page->isAttached(), 5000);
        // Same shell: its history is on screen again, and $$ and its job are the same.
        QTRY_VERIFY_WITH_TIMEOUT(page->screenText().contains(shell), 10000);
        type(page, QStringLiteral("clear; echo again-$$; jobs"));
        QTRY_COMPARE_WITH_TIMEOUT(lastLineMatching(page, QRegularExpression(QStringLiteral("^again-\\d+$"))),
                                  QString(shell).replace(QStringLiteral("shell-"), QStringLiteral("again-")), 10000);
        QVERIFY(page->screenText().contains(QStringLiteral("sleep 1000")));

        // A second tab is a second shell on the same session.
        TerminalPage *second = tab->newTerminal();
        QVERIFY(second);
        QCOMPARE(tab->pages()->count(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(second->isAttached() && second->screenText().contains(u'$'), 10000);
        type(second, QStringLiteral("echo shell-$$"));
        QTRY_VERIFY_WITH_TIMEOUT(!lastLineMatching(second, shellLine).isEmpty(), 10000);
        QVERIFY(lastLineMatching(second, shellLine) != shell);

        // A restarted desktop (new key pair, in memory) finds the session and the same first shell.
        const qint64 session = tab->sessionId();
        tab.reset();
        TerminalTab restarted(m_connection.get());
        restarted.resize(900, 600);
        restarted.show();
        restarted.setAccount(m_userName);
        QTRY_COMPARE_WITH_TIMEOUT(restarted.state(), TerminalTab::State::Connected, 20000);
        QCOMPARE(restarted.sessionId(), session);
        TerminalPage *again = restarted.currentPage();
        QTRY_VERIFY_WITH_TIMEOUT(again->isAttached(), 5000);
        type(again, QStringLiteral("clear; echo again-$$"));
        QTRY_COMPARE_WITH_TIMEOUT(lastLineMatching(again, QRegularExpression(QStringLiteral("^again-\\d+$"))),
                                  QString(shell).replace(QStringLiteral("shell-"), QStringLiteral("again-")), 10000);
        stopAndWait(restarted);
        QVERIFY(restarted.banner()->text().contains(QStringLiteral("ended")));
    }

    void aHostKeyOtherThanTheAnnouncedOneIsRefused()
    {
        test::ApiClient api(m_gateway.baseUrl(), m_gateway.localToken());
        const SshKey key = SshKey::generate();
        QVERIFY(!key.isNull());
        const auto started
            = api.post(QStringLiteral("/api/v1/sessions"),
                       {{QStringLiteral("publicKey"), QString::fromLatin1(key.publicLine(QStringLiteral("test")))}});
        QCOMPARE(started.status, 202);
        const qint64 id = started.json.value(u"id").toInteger();
        QJsonObject session;
        QTRY_COMPARE_WITH_TIMEOUT(
            (session = api.get(QStringLiteral("/api/v1/sessions/%1").arg(id)).json).value(u"state").toString(),
            QStringLiteral("READY"), 15000);
        const SshTarget right = SshTarget::session(
            session.value(u"host").toString(), quint16(session.value(u"port").toInt()),
            session.value(u"userName").toString(), session.value(u"hostKeyFingerprint").toString());

        SshTarget wrong = right;
        wrong.hostKeyFingerprint = QStringLiteral("SHA256:") + QString(43, u'A');
        SshConnection refused(key, wrong);
        QSignalSpy failed(&refused, &SshConnection::failed);
        QSignalSpy connected(&refused, &SshConnection::connected);
        refused.open();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QCOMPARE(failed.at(0).at(0).value<SshConnection::Failure>(), SshConnection::Failure::HostKeyMismatch);
        QVERIFY(failed.at(0).at(1).toString().contains(right.hostKeyFingerprint));
        QCOMPARE(connected.size(), 0);

        // The same key with the announced fingerprint is accepted; a key the session does not hold is not.
        SshConnection accepted(key, right);
        QSignalSpy up(&accepted, &SshConnection::connected);
        accepted.open();
        QTRY_COMPARE_WITH_TIMEOUT(up.size(), 1, 10000);
        SshConnection stranger(SshKey::generate(), right);
        QSignalSpy strangerFailed(&stranger, &SshConnection::failed);
        stranger.open();
        QTRY_COMPARE_WITH_TIMEOUT(strangerFailed.size(), 1, 10000);
        QCOMPARE(strangerFailed.at(0).at(0).value<SshConnection::Failure>(), SshConnection::Failure::Authentication);
        QCOMPARE(api.call("DELETE", QStringLiteral("/api/v1/sessions/%1").arg(id)).status, 202);
    }

    void aRefusedKeyIsReportedAndNotRetriedForever()
    {
        // Declared before the tab, so it outlives the slot below.
        test::ApiClient api(m_gateway.baseUrl(), m_gateway.localToken());
        const QString foreignKey
            = QString::fromLatin1(SshKey::generate().publicLine(QStringLiteral("another-desktop")));
        QVERIFY(!foreignKey.isEmpty());

        TerminalTab tab(m_connection.get());
        tab.resize(900, 600);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));

        // Each time the tab is about to log in (Connecting, with its SshConnection made but not yet opened), another
        // desktop gives the session its own key first, so every login with this desktop's key is refused. The post
        // waits for the gateway's answer (it has written authorized_keys by then), before the tab calls open().
        int posted = 0;
        QList<int> postStatuses;
        connect(
            &tab, &TerminalTab::stateChanged, &tab,
            [&](TerminalTab::State state) {
                if (state != TerminalTab::State::Connecting || !tab.sshConnection())
                    return;
                ++posted;
                postStatuses.append(api.post(QStringLiteral("/api/v1/sessions/%1/key").arg(tab.sessionId()),
                                             {{QStringLiteral("publicKey"), foreignKey}})
                                        .status);
            },
            Qt::DirectConnection);

        tab.startSession();
        QTRY_COMPARE_WITH_TIMEOUT(tab.state(), TerminalTab::State::Failed, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(tab.banner()->level(), MessageBanner::Level::Error, 30000);
        QTRY_VERIFY2_WITH_TIMEOUT(tab.banner()->text().contains(QStringLiteral("did not accept this desktop's key"))
                                      && tab.banner()->text().contains(QStringLiteral("again did not help")),
                                  qPrintable(tab.banner()->text()), 30000);
        QVERIFY(tab.banner()->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(tab.status()->text(), QStringLiteral("Not connected."), 30000);
        // The first login, then once more after this desktop's key was sent again; no third.
        QTRY_COMPARE_WITH_TIMEOUT(posted, 2, 30000);
        QCOMPARE(postStatuses, QList<int>({200, 200}));

        // Nothing more may happen: no third key, no way out of Failed, for three seconds (it ends early if it does).
        QVERIFY(!QTest::qWaitFor([&] { return posted > 2 || tab.state() != TerminalTab::State::Failed; }, 3000));
        QCOMPARE(tab.state(), TerminalTab::State::Failed);
        QCOMPARE(posted, 2);
        QVERIFY(!tab.sshConnection());

        QVERIFY(test::saveScreenshot(tab, QStringLiteral("terminal-login-refused")));
        QCOMPARE(api.call("DELETE", QStringLiteral("/api/v1/sessions/%1").arg(tab.sessionId())).status, 202);
    }

    void aGatewayWithoutUserGivesAUsableTerminal()
    {
        // Started as a service manager might: no USER, no LOGNAME.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("USER"));
        environment.remove(QStringLiteral("LOGNAME"));
        test::GatewayProcess gateway;
        gateway.setEnvironment(environment);
        QVERIFY(gateway.start());
        GatewayConnection connection(gateway.baseUrl());
        connection.setToken(gateway.localToken());
        connection.checkHealth();
        QTRY_COMPARE(connection.state(), GatewayConnection::State::Online);

        TerminalTab tab(&connection);
        tab.resize(900, 600);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        tab.startSession();
        QTRY_COMPARE_WITH_TIMEOUT(tab.state(), TerminalTab::State::Connected, 30000);
        TerminalPage *page = tab.currentPage();
        QVERIFY(page);
        QTRY_VERIFY2_WITH_TIMEOUT(page->isAttached() && page->screenText().contains(u'$'),
                                  qPrintable(tab.banner()->text() + page->screenText().simplified()), 10000);
        type(page, QStringLiteral("echo hello-$((6*7))"));
        QTRY_VERIFY2_WITH_TIMEOUT(page->screenText().contains(QStringLiteral("hello-42")),
                                  qPrintable(page->screenText().simplified()), 10000);
        stopAndWait(tab);
    }

    void theFilesPanelMovesFiftyMegabytesBothWaysIntact()
    {
        TerminalTab tab(m_connection.get());
        SessionFilesPanel *files = openFilesPanel(tab);
        QVERIFY(files);
        QVERIFY(files->isVisible());

        QTemporaryDir local;
        const QString original = local.filePath(QStringLiteral("field.bin"));
        QByteArray content(50 * 1024 * 1024, Qt::Uninitialized);
        QRandomGenerator generator(42);
        generator.fillRange(reinterpret_cast<quint32 *>(content.data()), content.size() / 4);
        QFile file(original);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(content), content.size());
        file.close();
        const QByteArray checksum = QCryptographicHash::hash(content, QCryptographicHash::Sha256);

        QSignalSpy finished(files, &SessionFilesPanel::operationFinished);
        QElapsedTimer timer;
        timer.start();
        files->uploadFiles({original});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(finished.takeFirst().at(0).toString(), QString());
        qInfo("SFTP upload of 50 MiB: %lld ms", timer.elapsed());
        // The gateway sees the very same bytes in the user's home (one home for terminal, Compile and Run).
        QFile stored(m_gateway.dataDir() + QStringLiteral("/homes/%1/field.bin").arg(m_userName));
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QCOMPARE(QCryptographicHash::hash(stored.readAll(), QCryptographicHash::Sha256), checksum);
        QTRY_VERIFY(files->entryNames().contains(QStringLiteral("field.bin")));
        QVERIFY(!files->entryNames().contains(QStringLiteral(".field.bin.part")));

        const QString back = local.filePath(QStringLiteral("back.bin"));
        timer.restart();
        files->download(QStringLiteral("field.bin"), back);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(finished.takeFirst().at(0).toString(), QString());
        qInfo("SFTP download of 50 MiB: %lld ms", timer.elapsed());
        QFile downloaded(back);
        QVERIFY(downloaded.open(QIODevice::ReadOnly));
        QCOMPARE(QCryptographicHash::hash(downloaded.readAll(), QCryptographicHash::Sha256), checksum);

        // New folder, rename, delete; bad names are refused before anything is sent.
        files->createFolder(QStringLiteral("results"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(finished.takeFirst().at(0).toString(), QString());
        QTRY_VERIFY(files->entryNames().contains(QStringLiteral("results")));
        const QStringList before = files->entryNames();
        files->createFolder(QStringLiteral("../escape"));
        QVERIFY(files->status()->text().contains(QStringLiteral("/")));
        files->renameEntry(QStringLiteral("field.bin"), QStringLiteral("results"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY(finished.takeFirst().at(0).toString().contains(QStringLiteral("exists")));
        QTRY_COMPARE(files->entryNames(), before);
        files->renameEntry(QStringLiteral("field.bin"), QStringLiteral("renamed.bin"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QTRY_VERIFY(files->entryNames().contains(QStringLiteral("renamed.bin")));
        files->deleteEntry(QStringLiteral("renamed.bin"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QTRY_VERIFY(!files->entryNames().contains(QStringLiteral("renamed.bin")));
        QVERIFY(!QFile::exists(m_gateway.dataDir() + QStringLiteral("/homes/%1/renamed.bin").arg(m_userName)));

        // A file handed to the Compile form goes as a path relative to the home.
        QCOMPARE(api().put(QStringLiteral("/api/v1/files/src/ring.c"), "int main(void){return 0;}\n").status, 201);
        files->openDirectory(files->home() + QStringLiteral("/src"));
        QTRY_VERIFY(files->entryNames().contains(QStringLiteral("ring.c")));
        files->select(QStringLiteral("ring.c"));
        QSignalSpy compile(&tab, &TerminalTab::useInCompile);
        auto *useButton = [&] {
            for (QPushButton *button : files->findChildren<QPushButton *>()) {
                if (button->text() == u"Use in Compile")
                    return button;
            }
            return static_cast<QPushButton *>(nullptr);
        }();
        QVERIFY(useButton && useButton->isEnabled());
        QTest::mouseClick(useButton, Qt::LeftButton);
        QCOMPARE(compile.size(), 1);
        QCOMPARE(compile.at(0).at(0).toString(), QStringLiteral("src/ring.c"));

        QVERIFY(test::saveScreenshot(tab, QStringLiteral("terminal-files")));
        stopAndWait(tab);
        QVERIFY(!files->isReady());
    }

    void theFilesPanelAndTheAdminTabAskBeforeActing()
    {
        // Every dialog behind the Files panel's buttons and the Admin tab's "Stop all", answered and cancelled.
        test::ScriptedDialogs dialogs;
        TerminalTab tab(m_connection.get());
        SessionFilesPanel *files = openFilesPanel(tab);
        QVERIFY(files);
        QSignalSpy finished(files, &SessionFilesPanel::operationFinished);
        const auto click = [files](const char *text) {
            QPushButton *button = test::buttonNamed<QPushButton>(files, QString::fromUtf8(text));
            QVERIFY2(button && button->isEnabled(), text);
            QTest::mouseClick(button, Qt::LeftButton);
        };

        QTemporaryDir local;
        const QString note = local.filePath(QStringLiteral("note.txt"));
        {
            QFile file(note);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("a note\n");
        }
        dialogs.answer(QStringList{note});
        click("Upload…");
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(finished.takeFirst().at(0).toString(), QString());
        QTRY_VERIFY(files->entryNames().contains(QStringLiteral("note.txt")));
        dialogs.answer(QStringList()); // cancelled: nothing is sent
        click("Upload…");
        QCOMPARE(dialogs.unanswered(), 0);
        QVERIFY(!finished.wait(300));

        files->select(QStringLiteral("note.txt"));
        const QString back = local.filePath(QStringLiteral("back.txt"));
        dialogs.answer(back);
        click("Download…");
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        finished.clear();
        QFile downloaded(back);
        QVERIFY(downloaded.open(QIODevice::ReadOnly));
        QCOMPARE(downloaded.readAll(), QByteArray("a note\n"));
        dialogs.answer(QString());
        click("Download…");
        QVERIFY(!finished.wait(300));

        dialogs.answer(QStringLiteral("made"));
        click("New folder…");
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        finished.clear();
        QTRY_VERIFY(files->entryNames().contains(QStringLiteral("made")));
        dialogs.answer(QVariant()); // cancelled
        click("New folder…");
        QVERIFY(!finished.wait(300));

        files->select(QStringLiteral("note.txt"));
        dialogs.answer(QStringLiteral("renamed.txt"));
        click("Rename…");
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        finished.clear();
        QTRY_VERIFY(files->entryNames().contains(QStringLiteral("renamed.txt")));

        files->select(QStringLiteral("renamed.txt"));
        dialogs.answer(false); // "no" keeps it
        click("Delete");
        QVERIFY(!finished.wait(300));
        QVERIFY(files->entryNames().contains(QStringLiteral("renamed.txt")));
        dialogs.answer(true);
        click("Delete");
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QTRY_VERIFY(!files->entryNames().contains(QStringLiteral("renamed.txt")));
        QCOMPARE(dialogs.asked(),
                 QStringList({QStringLiteral("Upload to %1").arg(files->home()),
                              QStringLiteral("Upload to %1").arg(files->home()), QStringLiteral("Download note.txt"),
                              QStringLiteral("Download note.txt"), QStringLiteral("New folder"),
                              QStringLiteral("New folder"), QStringLiteral("Rename"), QStringLiteral("Delete"),
                              QStringLiteral("Delete")}));

        // "Stop all" asks first: "no" leaves the session running, "yes" stops it.
        AdminTab admin(m_connection.get());
        admin.show();
        admin.reload();
        QTRY_VERIFY_WITH_TIMEOUT(admin.activeCount() >= 1, 5000);
        dialogs.answer(false);
        QTest::mouseClick(admin.stopAllButton(), Qt::LeftButton);
        QCOMPARE(dialogs.asked().last(), QStringLiteral("Stop all sessions"));
        QTest::qWait(300); // a stop would have been asked for at once
        QCOMPARE(tab.state(), TerminalTab::State::Connected);
        dialogs.answer(true);
        QTest::mouseClick(admin.stopAllButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(tab.state(), TerminalTab::State::Ended, 20000);
    }

    void theAdminTabStopsSeveralSessionsThenAll()
    {
        test::ApiClient admin = api();
        const QByteArray key = SshKey::generate().publicLine(QStringLiteral("class"));
        QList<qint64> ids;
        for (const QString &name : {QStringLiteral("ada"), QStringLiteral("ben"), QStringLiteral("cyd")}) {
            QCOMPARE(
                admin.createUser(name, QStringLiteral("pw-") + name, QStringLiteral("user"), QStringLiteral("hpc-101"))
                    .status,
                201);
            test::ApiClient student(m_gateway.baseUrl());
            QVERIFY(student.login(name, QStringLiteral("pw-") + name));
            const auto started = student.post(QStringLiteral("/api/v1/sessions"),
                                              {{QStringLiteral("publicKey"), QString::fromLatin1(key)}});
            QCOMPARE(started.status, 202);
            ids.append(started.json.value(u"id").toInteger());
        }

        AdminTab tab(m_connection.get());
        EventStreamClient events(m_connection.get());
        connect(&events, &EventStreamClient::sessionEvent, &tab, &AdminTab::onSessionEvent);
        events.start();
        QTRY_VERIFY(events.isConnected());
        tab.resize(900, 400);
        tab.show();
        tab.reload();
        QTRY_COMPARE_WITH_TIMEOUT(tab.activeCount(), 3, 5000);
        const auto stateOf = [&tab](qint64 id) {
            for (int i = 0; i < tab.sessions()->topLevelItemCount(); ++i) {
                QTreeWidgetItem *item = tab.sessions()->topLevelItem(i);
                if (item->text(2) == QString::number(id))
                    return item->text(3);
            }
            return QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(ids[2]), QStringLiteral("Running"), 15000);
        QVERIFY(!tab.stopSelectedButton()->isEnabled());

        // Two selected, stopped together; the third keeps running. The rows follow the pushed events.
        for (int i = 0; i < tab.sessions()->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = tab.sessions()->topLevelItem(i);
            item->setSelected(item->text(0) != u"cyd");
        }
        QVERIFY(tab.stopSelectedButton()->isEnabled());
        QTest::mouseClick(tab.stopSelectedButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(ids[0]), QStringLiteral("Stopped"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(ids[1]), QStringLiteral("Stopped"), 20000);
        QCOMPARE(stateOf(ids[2]), QStringLiteral("Running"));
        QCOMPARE(tab.activeCount(), 1);
        QVERIFY(test::saveScreenshot(tab, QStringLiteral("admin-sessions")));

        tab.stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(ids[2]), QStringLiteral("Stopped"), 20000);
        QCOMPARE(tab.activeCount(), 0);
        QVERIFY(!tab.stopAllButton()->isEnabled());
        QVERIFY(tab.banner()->text().contains(QStringLiteral("stopping")));
    }

    // vttest's screen 1 at 124×43 in the Terminal tab: the widget shows what tmux on the session holds for the same
    // bytes, and both are the screen recorded from tmux (vttest assumes 80 columns unless told the screen's size, so
    // its bottom row of +'s starts where the cursor stops at the real right margin: columns 35-110 at 124 columns,
    // as xterm and tmux draw it). Replayed from recordings through the real path: sshd, libssh, the pty, the widget.
    void vttestsFirstScreenIsTheScreenTmuxHolds()
    {
        test::ApiClient api = this->api();
        for (const QString &name : {QStringLiteral("vttest-screen1"), QStringLiteral("vttest-screen1-43x124")}) {
            QCOMPARE(api.put(QStringLiteral("/api/v1/files/vt/%1.raw").arg(name),
                             test::sourceFile(QStringLiteral("tests/ui/data/%1.raw").arg(name)))
                         .status,
                     201);
        }
        TerminalTab tab(m_connection.get());
        tab.resize(1300, 900);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        tab.startSession();
        QTRY_COMPARE_WITH_TIMEOUT(tab.state(), TerminalTab::State::Connected, 20000);
        TerminalPage *page = tab.currentPage();
        QVERIFY(sizeTerminal(tab, page, 124, 43));
        QTRY_VERIFY_WITH_TIMEOUT(page->isAttached() && page->screenText().contains(u'$'), 10000);

        for (const QString &name : {QStringLiteral("vttest-screen1"), QStringLiteral("vttest-screen1-43x124")}) {
            const QString expected = trimmedScreen(
                QString::fromUtf8(test::sourceFile(QStringLiteral("tests/ui/data/%1.124x43.txt").arg(name))));
            QVERIFY(expected.contains(QStringLiteral("Push <RETURN>")));
            // vttest's own bytes into the tab's shell, so through tmux; no echo of the terminal's answers to vttest's
            // queries, and nothing after them on the screen.
            type(page, QStringLiteral("stty -echo; clear; cat vt/%1.raw; sleep 600").arg(name));
            QTRY_VERIFY_WITH_TIMEOUT(page->screenText().contains(QStringLiteral("Push <RETURN>")), 10000);
            QTRY_COMPARE_WITH_TIMEOUT(trimmedScreen(page->screenText()), expected, 5000);
            // tmux's own screen, as capture-pane gives it, is the same.
            tab.sshConnection()->execute({"sh", "-c",
                                          "tmux capture-pane -p -t tab" + QByteArray::number(page->tabNumber())
                                              + " > vt/capture.part && mv vt/capture.part vt/" + name.toUtf8()
                                              + ".capture"});
            QTRY_VERIFY_WITH_TIMEOUT(api.get(QStringLiteral("/api/v1/files/vt/%1.capture").arg(name)).status == 200,
                                     10000);
            QCOMPARE(
                trimmedScreen(QString::fromUtf8(api.get(QStringLiteral("/api/v1/files/vt/%1.capture").arg(name)).body)),
                expected);
            if (name == u"vttest-screen1-43x124")
                QVERIFY(test::saveScreenshot(tab, QStringLiteral("terminal-vttest-124x43")));
            QTest::keyClick(terminalDisplay(page->terminal()), Qt::Key_C, Qt::ControlModifier);
            type(page, QStringLiteral("stty echo; clear"));

            // The same bytes with no tmux between: a page whose command prints them.
            TerminalPage direct(99, TerminalSettings::load(), nullptr);
            direct.resize(tab.currentPage()->size());
            direct.show();
            QTRY_COMPARE(direct.terminal()->screenColumnsCount(), 124);
            QTRY_COMPARE(direct.terminal()->screenLinesCount(), 43);
            direct.attach(tab.sshConnection(), "stty -echo; cat vt/" + name.toUtf8() + ".raw; sleep 600");
            QTRY_VERIFY_WITH_TIMEOUT(direct.screenText().contains(QStringLiteral("Push <RETURN>")), 10000);
            QTRY_COMPARE_WITH_TIMEOUT(trimmedScreen(direct.screenText()), expected, 5000);
        }
        stopAndWait(tab);
    }

    void init()
    {
        // Each test starts with no session running (the workstation user may hold one).
        test::ApiClient api(m_gateway.baseUrl(), m_gateway.localToken());
        api.post(QStringLiteral("/api/v1/sessions/stop"), {{QStringLiteral("all"), true}});
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QJsonValue &session :
                     api.get(QStringLiteral("/api/v1/sessions")).json.value(u"sessions").toArray()) {
                    const QString state = session[u"state"].toString();
                    if (state != u"STOPPED" && state != u"FAILED")
                        return false;
                }
                return true;
            }(),
            15000);
    }

private:
    test::ApiClient api() const { return test::ApiClient(m_gateway.baseUrl(), m_gateway.localToken()); }

    // Shows the tab, starts a session and waits for its Files panel's first listing; null if that fails.
    SessionFilesPanel *openFilesPanel(TerminalTab &tab)
    {
        tab.resize(1100, 650);
        tab.show();
        tab.startSession();
        SessionFilesPanel *files = tab.filesPanel();
        const bool ready = QTest::qWaitFor([&] { return tab.state() == TerminalTab::State::Connected; }, 20000)
            && QTest::qWaitFor([&] { return files->isReady(); }, 10000)
            && QTest::qWaitFor([&] { return files->currentDirectory() == files->home(); }, 5000);
        return ready ? files : nullptr;
    }

    void stopAndWait(TerminalTab &tab)
    {
        tab.stopSession();
        QTRY_COMPARE_WITH_TIMEOUT(tab.state(), TerminalTab::State::Ended, 15000);
    }

    test::GatewayProcess m_gateway;
    std::unique_ptr<GatewayConnection> m_connection;
    QString m_userName = qEnvironmentVariable("USER");
};

QTEST_MAIN(TestTerminal)
#include "TestTerminal.moc"
