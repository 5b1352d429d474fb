#pragma once

#include <QWidget>

class QTermWidget;
class QPushButton;

namespace tandem {

class MessageBanner;

// The interactive half: a QTermWidget in teletype mode, fed by an SSH channel to the user's session container.
class TerminalTab : public QWidget
{
    Q_OBJECT

public:
    explicit TerminalTab(QWidget *parent = nullptr);

    QTermWidget *terminal() const { return m_terminal; }
    MessageBanner *banner() const { return m_banner; }

private:
    MessageBanner *m_banner;
    QTermWidget *m_terminal;
    QPushButton *m_startButton;
};

} // namespace tandem
