#include "terminal/TerminalPage.h"

#include "ssh/SshConnection.h"
#include "terminal/TerminalSettings.h"

#include <qtermwidget.h>

#include <QBuffer>
#include <QEvent>
#include <QTimer>
#include <QVBoxLayout>

#include <termios.h>

namespace tandem {

QWidget *terminalDisplay(QTermWidget *terminal)
{
    for (QWidget *child : terminal->findChildren<QWidget *>()) {
        if (QByteArray(child->metaObject()->className()).endsWith("TerminalDisplay"))
            return child;
    }
    return nullptr;
}

TerminalPage::TerminalPage(int tabNumber, const TerminalSettings &settings, QWidget *parent)
    : QWidget(parent)
    , m_terminal(new QTermWidget(0, this))
    , m_tabNumber(tabNumber)
{
    // Teletype mode: no local shell. The pty must be raw so the session's bytes reach the emulator unchanged.
    m_terminal->startTerminalTeletype();
    termios attributes{};
    const int fd = m_terminal->getPtySlaveFd();
    if (::tcgetattr(fd, &attributes) == 0) {
        ::cfmakeraw(&attributes);
        ::tcsetattr(fd, TCSANOW, &attributes);
    }
    m_terminal->setScrollBarPosition(QTermWidget::ScrollBarRight);
    m_terminal->setTerminalSizeHint(false); // no "Size: 80 x 24" popup each time the layout settles
    m_terminal->setContextMenuPolicy(Qt::CustomContextMenu);
    apply(settings);
    // The emulator's rows and columns follow its display widget, which is resized after the QTermWidget itself.
    m_terminal->installEventFilter(this);
    if (QWidget *display = terminalDisplay(m_terminal))
        display->installEventFilter(this);
    connect(m_terminal, &QTermWidget::sendData, this, [this](const char *data, int size) {
        if (isAttached())
            m_connection->send(m_shell, QByteArray(data, size));
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_terminal);
}

TerminalPage::~TerminalPage()
{
    detach();
}

void TerminalPage::apply(const TerminalSettings &settings)
{
    m_terminal->setColorScheme(settings.colorScheme);
    m_terminal->setTerminalFont(settings.font);
    m_terminal->setHistorySize(settings.scrollbackLines);
}

void TerminalPage::attach(SshConnection *connection, const QByteArray &command)
{
    detach();
    m_connection = connection;
    const int columns = std::max(m_terminal->screenColumnsCount(), 20);
    const int rows = std::max(m_terminal->screenLinesCount(), 5);
    m_sentSize = QSize(columns, rows);
    m_shell = connection->openShell(m_terminal->getPtySlaveFd(), columns, rows,
                                    {{QByteArrayLiteral("TANDEM_TAB"), QByteArray::number(m_tabNumber)}}, command);
}

void TerminalPage::detach()
{
    if (m_connection && m_shell > 0)
        m_connection->closeShell(m_shell);
    m_connection = nullptr;
    m_shell = -1;
}

bool TerminalPage::eventFilter(QObject *watched, QEvent *event)
{
    // The emulator works out its rows and columns while handling the resize; read them once it has.
    if (event->type() == QEvent::Resize)
        QTimer::singleShot(0, this, &TerminalPage::sendSizeIfChanged);
    return QWidget::eventFilter(watched, event);
}

void TerminalPage::sendSizeIfChanged()
{
    const QSize size(m_terminal->screenColumnsCount(), m_terminal->screenLinesCount());
    if (size == m_sentSize || size.width() <= 0 || size.height() <= 0)
        return;
    m_sentSize = size;
    if (isAttached())
        m_connection->resize(m_shell, size.width(), size.height());
    Q_EMIT sizeChanged(size.width(), size.height());
}

QString TerminalPage::screenText() const
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    m_terminal->saveHistory(&buffer); // scrollback and screen, as plain text
    const QStringList lines = QString::fromUtf8(buffer.data()).split(u'\n');
    return lines.mid(m_terminal->historyLinesCount(), m_terminal->screenLinesCount()).join(u'\n');
}

} // namespace tandem
