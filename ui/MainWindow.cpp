#include "MainWindow.h"

#include "Version.h"
#include "client/GatewayConnection.h"
#include "common/MessageBanner.h"
#include "compile/CompileTab.h"
#include "help/HelpTab.h"
#include "history/JobHistoryTab.h"
#include "run/RunTab.h"
#include "terminal/TerminalTab.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace tandem {

MainWindow::MainWindow(GatewayConnection *connection, QWidget *parent)
    : QMainWindow(parent)
    , m_connection(connection)
    , m_banner(new MessageBanner(this))
    , m_tabs(new QTabWidget(this))
    , m_terminal(new TerminalTab(this))
    , m_compile(new CompileTab(this))
    , m_run(new RunTab(this))
    , m_history(new JobHistoryTab(this))
    , m_help(new HelpTab(this))
    , m_connectionLabel(new QLabel(this))
{
    setWindowTitle(tr("Tandem"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_terminal, tr("&Terminal"));
    m_tabs->addTab(m_compile, tr("&Compile"));
    m_tabs->addTab(m_run, tr("&Run"));
    m_tabs->addTab(m_history, tr("Job &History"));
    m_tabs->addTab(m_help, tr("H&elp"));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Tandem"), this, [this] {
        QMessageBox::about(
            this, tr("About Tandem"),
            tr("<b>Tandem</b> %1<br>Interactive and batch work on supercomputers, side by side.").arg(versionString()));
    });

    statusBar()->addPermanentWidget(m_connectionLabel);
    connect(m_connection, &GatewayConnection::stateChanged, this, &MainWindow::onConnectionStateChanged);
    onConnectionStateChanged();
    resize(1100, 720);
}

QString MainWindow::connectionText() const
{
    return m_connectionLabel->text();
}

void MainWindow::onConnectionStateChanged()
{
    const QString gateway = m_connection->baseUrl().authority(QUrl::PrettyDecoded | QUrl::RemoveUserInfo);
    switch (m_connection->state()) {
    case GatewayConnection::State::Unknown:
    case GatewayConnection::State::Checking:
        m_connectionLabel->setText(tr("Connecting to %1…").arg(gateway));
        break;
    case GatewayConnection::State::Online:
        m_connectionLabel->setText(tr("Connected to %1 (gateway %2)").arg(gateway, m_connection->gatewayVersion()));
        m_banner->hide();
        break;
    case GatewayConnection::State::Offline:
        m_connectionLabel->setText(tr("Offline"));
        m_banner->showMessage(MessageBanner::Level::Warning, m_connection->lastError().message);
        break;
    }
}

} // namespace tandem
