#pragma once

#include "api/Session.h"
#include "ssh/SshConnection.h"
#include "terminal/TerminalSettings.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QTabWidget;
class QTermWidget;
class QToolButton;

namespace tandem {

class GatewayConnection;
class SessionController;
class MessageBanner;
class SessionFilesPanel;
class TerminalPage;

// The interactive half: the user's session (an sshd in their own container, with the home Compile and Run use)
// and terminal tabs on it. Starting one makes an in-memory key pair, asks the gateway, waits while it starts,
// then connects with libssh, accepting only the host key the gateway announced. A dropped connection is retried
// by itself; each tab's shell lives on in tmux on the session, so it comes back as it was. A refused key is sent
// again once (another desktop may have given the session its own); refused again, or a first connection that does
// not reach a shell within SshConnection::AttemptTimeout, ends in State::Failed with the reason in the banner.
class TerminalTab : public QWidget
{
    Q_OBJECT

public:
    enum class State { NoSession, Requesting, Starting, Connecting, Connected, Reconnecting, Ended, Failed };
    Q_ENUM(State)

    explicit TerminalTab(GatewayConnection *connection, QWidget *parent = nullptr);
    ~TerminalTab() override;

    State state() const { return m_state; }
    qint64 sessionId() const;
    MessageBanner *banner() const { return m_banner; }
    QLabel *status() const { return m_status; } // the status line beside the buttons
    QTabWidget *pages() const { return m_pages; }
    TerminalPage *currentPage() const;
    QTermWidget *terminal() const; // the current tab's
    SshConnection *sshConnection() const { return m_ssh; }
    SessionFilesPanel *filesPanel() const { return m_files; }
    const TerminalSettings &settings() const { return m_settings; }
    void applySettings(const TerminalSettings &settings);

    // The signed-in account: looks for a session of theirs that is already running and reattaches to it.
    void setAccount(const QString &userName);
    void onSessionEvent(const tandem::api::Session &session);
    // Signing out closes this desktop's connections and forgets its key; the session itself runs on until stopped or
    // idle, and the next sign-in reattaches to it.
    void signOut();

public Q_SLOTS:
    void startSession();
    void stopSession();
    TerminalPage *newTerminal();
    void editSettings();

Q_SIGNALS:
    void stateChanged(tandem::TerminalTab::State state);
    // From the Files panel: a file of the home (relative path) for the Compile form.
    void useInCompile(const QString &homeRelativePath);

private:
    void setState(State state, const QString &message = {});
    void connectSessions();
    void rekey(qint64 sessionId);
    void connectTo(const api::Session &session);
    QList<TerminalPage *> terminalPages() const;
    // Detaches every tab, lets go of the SSH and SFTP connections and stops the timers that would reconnect.
    void closeConnections();
    void connectionLost(const QString &reason);
    void keyRefused(const QString &reason);
    void attemptTimedOut(const QString &reason);
    void dropConnection();
    void retry();
    void ended(const QString &message);
    void closePage(TerminalPage *page);
    void updateActions();

    SessionController *m_sessions;
    MessageBanner *m_banner;
    QLabel *m_status;
    QProgressBar *m_progress;
    QToolButton *m_startButton;
    QToolButton *m_stopButton;
    QToolButton *m_newTabButton;
    QToolButton *m_settingsButton;
    QToolButton *m_filesButton;
    QTabWidget *m_pages;
    SessionFilesPanel *m_files;
    TerminalSettings m_settings;

    State m_state = State::NoSession;
    QString m_userName;
    SshKey m_key;
    SshTarget m_target;
    QString m_startingMessage; // the gateway's word on a starting session, shown in the banner
    QPointer<SshConnection> m_ssh;
    QTimer m_retryTimer;
    int m_retryDelayMs = 500;
    bool m_keyResent = false; // this desktop's key was sent again after a refusal (or by Connect again)
    bool m_reconnectAttempt = false; // the current connection attempt follows a lost connection
};

} // namespace tandem
