#include "terminal/TerminalTab.h"

#include "common/MessageBanner.h"

#include <qtermwidget.h>

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QPushButton>
#include <QVBoxLayout>

namespace tandem {

TerminalTab::TerminalTab(QWidget *parent)
    : QWidget(parent)
    , m_banner(new MessageBanner(this))
    , m_terminal(new QTermWidget(0, this))
    , m_startButton(new QPushButton(tr("Start session"), this))
{
    // Teletype mode: no local shell; bytes arrive from the session's SSH channel through the widget's pty.
    m_terminal->startTerminalTeletype();
    m_terminal->setTerminalFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_terminal->setColorScheme(QStringLiteral("BreezeModified"));
    m_terminal->setHistorySize(10000);
    m_terminal->setScrollBarPosition(QTermWidget::ScrollBarRight);

    m_startButton->setEnabled(false);
    m_startButton->setToolTip(tr("This gateway does not offer interactive sessions yet."));
    m_banner->showMessage(MessageBanner::Level::Information,
                          tr("No session is running. A session is a shell in your own container, with the same "
                             "home directory that Compile and Run use."));

    auto *top = new QHBoxLayout;
    top->addWidget(m_banner, 1);
    top->addWidget(m_startButton, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_terminal, 1);
}

} // namespace tandem
