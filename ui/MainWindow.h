#pragma once

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace tandem {

class CompileTab;
class GatewayConnection;
class HelpTab;
class JobHistoryTab;
class MessageBanner;
class RunTab;
class TerminalTab;

// Layout and wiring only: every tab is its own widget with its own logic.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(GatewayConnection *connection, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    TerminalTab *terminalTab() const { return m_terminal; }
    CompileTab *compileTab() const { return m_compile; }
    HelpTab *helpTab() const { return m_help; }
    MessageBanner *banner() const { return m_banner; }
    QString connectionText() const;

private:
    void onConnectionStateChanged();

    GatewayConnection *m_connection;
    MessageBanner *m_banner;
    QTabWidget *m_tabs;
    TerminalTab *m_terminal;
    CompileTab *m_compile;
    RunTab *m_run;
    JobHistoryTab *m_history;
    HelpTab *m_help;
    QLabel *m_connectionLabel;
};

} // namespace tandem
