#pragma once

#include <QPointer>
#include <QWidget>

class QTermWidget;

namespace tandem {

class SshConnection;
struct TerminalSettings;

// The widget inside a QTermWidget that takes keystrokes and whose size sets the rows and columns (Konsole's
// TerminalDisplay); null if the widget has none.
QWidget *terminalDisplay(QTermWidget *terminal);

// One terminal tab: a QTermWidget in teletype mode bridged to a PTY shell on the session. Output is written by the
// connection's worker straight into the widget's raw pty; keystrokes leave through sendData. The tab number picks
// the tab's persistent tmux session on the other side, so a reconnect brings back the same shell.
class TerminalPage : public QWidget
{
    Q_OBJECT

public:
    TerminalPage(int tabNumber, const TerminalSettings &settings, QWidget *parent = nullptr);
    ~TerminalPage() override;

    QTermWidget *terminal() const { return m_terminal; }
    int tabNumber() const { return m_tabNumber; }
    int shell() const { return m_shell; }
    bool isAttached() const { return m_connection && m_shell > 0; }

    // Opens this tab's shell on `connection` (at the widget's current size); detach() forgets it, the remote
    // shell lives on in tmux.
    void attach(SshConnection *connection, const QByteArray &command = {});
    void detach();
    void apply(const TerminalSettings &settings);
    // The visible screen as text, one line per row (tests, and the end marker of the benchmark).
    QString screenText() const;

Q_SIGNALS:
    void sizeChanged(int columns, int rows);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void sendSizeIfChanged();

    QTermWidget *m_terminal;
    int m_tabNumber;
    QPointer<SshConnection> m_connection;
    int m_shell = -1;
    QSize m_sentSize;
};

} // namespace tandem
