#pragma once

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QLabel;
class QSystemTrayIcon;
class QTabWidget;

namespace tandem {

class Notifier;

class CompileTab;
class EventStreamClient;
class GatewayConnection;
class HelpTab;
class JobHistoryTab;
class MessageBanner;
class OfflineCache;
class RunTab;
class SignInDialog;
class TokenStore;
class SystemDirectory;
class TerminalTab;
class AdminTab;

// Layout and wiring only: every tab is its own widget with its own logic.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `tokens` keeps sign-ins between runs (may be null: then a sign-in lasts for this run only).
    explicit MainWindow(GatewayConnection *connection, TokenStore *tokens = nullptr, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    TerminalTab *terminalTab() const { return m_terminal; }
    AdminTab *adminTab() const { return m_admin; }
    Notifier *notifier() const { return m_notifier; }
    // Which notifications to show (File › Notifications…).
    void editNotificationSettings();
    CompileTab *compileTab() const { return m_compile; }
    RunTab *runTab() const { return m_run; }
    JobHistoryTab *historyTab() const { return m_history; }
    HelpTab *helpTab() const { return m_help; }
    MessageBanner *banner() const { return m_banner; }
    EventStreamClient *events() const { return m_events; }
    QString connectionText() const;
    ~MainWindow() override;
    SignInDialog *signInDialog() const;
    QStringList views() const { return m_views; }

private:
    void onConnectionStateChanged();
    void showJobFile(qint64 jobId, const QString &name, int line);
    void showOutput(const QString &path);
    void present(const QString &title, const QString &text, bool warning);
    void askToSignIn();
    void loadViews();

    GatewayConnection *m_connection;
    SystemDirectory *m_systems;
    EventStreamClient *m_events;
    Notifier *m_notifier;
    std::unique_ptr<OfflineCache> m_cache; // before the tabs that use it
    MessageBanner *m_banner;
    QTabWidget *m_tabs;
    TerminalTab *m_terminal;
    AdminTab *m_admin;
    CompileTab *m_compile;
    RunTab *m_run;
    JobHistoryTab *m_history;
    HelpTab *m_help;
    QLabel *m_connectionLabel;
    QSystemTrayIcon *m_tray = nullptr;
    TokenStore *m_tokens;
    QPointer<SignInDialog> m_signIn;
    QStringList m_views;
    QString m_userName;
};

} // namespace tandem
