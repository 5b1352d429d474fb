#include "MainWindow.h"

#include "api/JobStatus.h"
#include "common/Dialogs.h"

#include "Version.h"
#include "admin/AdminTab.h"
#include "admin/ClassView.h"
#include "client/EventStreamClient.h"
#include "client/GatewayApi.h"
#include "client/GatewayConnection.h"
#include "client/OfflineCache.h"
#include "client/SystemDirectory.h"
#include "code/CodeViewer.h"
#include "code/FindBar.h"
#include "common/ConnectDialog.h"
#include "common/ConnectionProfiles.h"
#include "common/HomeFileList.h"
#include "common/MessageBanner.h"
#include "common/Notifier.h"
#include "common/SignInDialog.h"
#include "common/TemplatePicker.h"
#include "common/TokenStore.h"
#include "compile/CompileTab.h"
#include "help/HelpTab.h"
#include "history/JobHistoryModel.h"
#include "history/JobHistoryTab.h"
#include "run/RunTab.h"
#include "terminal/TerminalTab.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QMenuBar>
#include <QProcess>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QVBoxLayout>

namespace tandem {

namespace {

// One cache per gateway profile; without one (unwritable data location) the app still works, online only.
std::unique_ptr<OfflineCache> openCache(const QUrl &gateway)
{
    auto cache = std::make_unique<OfflineCache>();
    if (!cache->open(gateway.toString()))
        return {};
    return cache;
}

} // namespace

MainWindow::~MainWindow() = default;

MainWindow::MainWindow(GatewayConnection *connection, TokenStore *tokens, QWidget *parent)
    : QMainWindow(parent)
    , m_connection(connection)
    , m_systems(new SystemDirectory(connection, this))
    , m_events(new EventStreamClient(connection, this))
    , m_notifier(new Notifier(*connection, m_events, this))
    , m_cache(openCache(connection->baseUrl()))
    , m_banner(new MessageBanner(this))
    , m_tabs(new QTabWidget(this))
    , m_terminal(new TerminalTab(connection, this))
    , m_admin(new AdminTab(connection, this))
    , m_compile(new CompileTab(connection, m_systems, this))
    , m_run(new RunTab(connection, m_systems, this))
    , m_history(new JobHistoryTab(connection, m_events, m_cache.get(), this))
    , m_help(new HelpTab(this))
    , m_connectionLabel(new QLabel(this))
    , m_tokens(tokens)
{
    setWindowTitle(tr("Tandem"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_terminal, tr("&Terminal"));
    m_tabs->addTab(m_compile, tr("&Compile"));
    m_tabs->addTab(m_run, tr("&Run"));
    m_tabs->addTab(m_history, tr("Job &History"));
    m_tabs->addTab(m_help, tr("H&elp"));
    m_tabs->addTab(m_admin, tr("&Admin"));
    m_tabs->setTabVisible(m_tabs->indexOf(m_admin), false); // for admins and instructors, once known

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Connect to a gateway…"), this, [this] {
        auto *dialog = new ConnectDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &ConnectDialog::connectRequested, this, [](const ConnectionProfile &profile) {
            // One window, one gateway: start afresh on the chosen one (forms belong to the gateway they were for).
            QProcess::startDetached(QCoreApplication::applicationFilePath(),
                                    {QStringLiteral("--gateway"), profile.url.toString()});
            QCoreApplication::quit();
        });
        dialog->open();
    });
    file->addAction(tr("Open job &archive…"), this, [this] {
        const QStringList archives = Dialogs::instance().openFileNames(this, tr("Open job archives"), QDir::homePath(),
                                                                       tr("Job archives (*.tar.gz *.tgz)"));
        if (!archives.isEmpty()) {
            m_tabs->setCurrentWidget(m_history);
            m_history->importArchives(archives);
        }
    });
    file->addAction(tr("&Notifications…"), this, &MainWindow::editNotificationSettings);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Tandem"), this, [this] {
        Dialogs::instance().about(
            this, tr("About Tandem"),
            tr("<b>Tandem</b> %1<br>Interactive and batch work on supercomputers, side by side.").arg(versionString()));
    });

    statusBar()->addPermanentWidget(m_connectionLabel);
    connect(m_connection, &GatewayConnection::stateChanged, this, &MainWindow::onConnectionStateChanged);
    connect(m_connection, &GatewayConnection::authenticationRequired, this, &MainWindow::askToSignIn);
    if (m_tokens) {
        connect(m_tokens, &TokenStore::persistenceChanged, this, [this](bool persistent) {
            if (!persistent) {
                m_banner->showMessage(MessageBanner::Level::Information,
                                      tr("No keychain service is running, so the sign-in is kept in memory only: you "
                                         "will be asked again next time. (%1)")
                                          .arg(m_tokens->lastProblem()));
            }
        });
    }
    file->insertAction(file->actions().value(0), new QAction(tr("Sign &out"), file));
    connect(file->actions().value(0), &QAction::triggered, this, [this] {
        AuthApi(*m_connection).signOut(this, [this](const Result<void> &) {
            if (m_tokens)
                m_tokens->remove(m_connection->baseUrl().toString());
            m_connection->setToken({});
            m_events->stop();
            m_terminal->signOut();
            askToSignIn();
        });
    });
    const auto showHistory = [this](const QJsonObject &job) {
        m_tabs->setCurrentWidget(m_history);
        m_history->selectJob(job.value(QStringLiteral("id")).toInteger());
    };
    connect(m_compile, &CompileTab::submitted, this, showHistory);
    connect(m_run, &RunTab::submitted, this, showHistory);
    connect(m_history, &JobHistoryTab::openSourceRequested, this, [this](const QString &path, int line) {
        m_tabs->setCurrentWidget(m_compile);
        m_compile->openSource(path, line);
    });
    connect(m_history, &JobHistoryTab::outputRequested, this, &MainWindow::showOutput);
    connect(m_history, &JobHistoryTab::jobFileRequested, this, &MainWindow::showJobFile);
    connect(m_history, &JobHistoryTab::editRequested, this, [this](const api::JobSpec &spec) {
        if (spec.type == api::JobSpec::Type::Compile) {
            m_compile->prefill(spec);
            m_tabs->setCurrentWidget(m_compile);
        } else {
            m_run->prefill(spec);
            m_tabs->setCurrentWidget(m_run);
        }
    });
    m_notifier->setPresenter([this](Notifier::Kind kind, const QString &title, const QString &text) {
        present(title, text, kind != Notifier::Kind::JobStarted && kind != Notifier::Kind::JobEnded);
    });
    connect(m_history, &JobHistoryTab::jobEnded, m_run, [this](qint64, const QString &, const QString &status) {
        if (api::jobStatusFromString(status) == api::JobStatus::Finished)
            m_run->refreshCompiledPrograms(); // a new program may be ready to run
    });
    // Whether a system takes jobs changes (a scheduler stops answering, comes back): the forms ask again when shown.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if ((m_tabs->currentWidget() == m_compile || m_tabs->currentWidget() == m_run)
            && m_connection->state() == GatewayConnection::State::Online)
            m_systems->load();
    });
    connect(m_systems, &SystemDirectory::loaded, this, [this] {
        QList<std::pair<QString, QString>> systems;
        for (const api::System &system : m_systems->systems())
            systems.append({system.id, system.name});
        m_history->setSystems(systems);
    });
    connect(m_events, &EventStreamClient::sessionEvent, m_terminal, &TerminalTab::onSessionEvent);
    connect(m_events, &EventStreamClient::sessionEvent, m_admin, &AdminTab::onSessionEvent);
    connect(m_events, &EventStreamClient::jobEvent, m_admin->classView(), &ClassView::onJobEvent);
    connect(m_admin->classView(), &ClassView::historyRequested, this, [this](const QString &member) {
        m_tabs->setCurrentWidget(m_history);
        m_history->showJobsOf(member);
    });
    connect(m_terminal, &TerminalTab::useInCompile, this, [this](const QString &path) {
        m_compile->sources()->addPath(path);
        m_tabs->setCurrentWidget(m_compile);
    });
    // The event stream is the first to notice a gateway going away (or coming back): check, and say so.
    connect(m_events, &EventStreamClient::connectedChanged, this, [this](bool connected) {
        const bool online = m_connection->state() == GatewayConnection::State::Online;
        if (connected != online)
            m_connection->checkHealth();
    });
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
        m_history->setOffline(false);
        loadViews();
        m_systems->load();
        m_history->reload();
        m_events->start();
        break;
    case GatewayConnection::State::Offline:
        m_connectionLabel->setText(tr("Offline"));
        m_banner->showMessage(MessageBanner::Level::Warning,
                              tr("Offline — %1. The jobs already seen stay browsable; Tandem reconnects by itself.")
                                  .arg(m_connection->lastError().message.chopped(
                                      m_connection->lastError().message.endsWith(u'.') ? 1 : 0)));
        m_history->setOffline(true);
        m_events->start(); // keeps retrying with back-off
        break;
    }
}

SignInDialog *MainWindow::signInDialog() const
{
    return m_signIn;
}

void MainWindow::askToSignIn()
{
    // One dialog at a time; the window and whatever the forms hold stay as they are.
    if (m_signIn)
        return;
    m_banner->showMessage(MessageBanner::Level::Warning,
                          tr("The gateway needs you to sign in (the sign-in expired or was revoked). What you typed in "
                             "the forms is kept."));
    QString userName = m_userName;
    if (userName.isEmpty()) {
        if (const auto profile = ConnectionProfiles::find(m_connection->baseUrl()))
            userName = profile->userName;
    }
    m_signIn = new SignInDialog(m_connection, userName, this);
    m_signIn->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_signIn, &SignInDialog::signedIn, this, [this](const QByteArray &token) {
        m_connection->setToken(token);
        if (m_tokens)
            m_tokens->write(m_connection->baseUrl().toString(), token);
        m_events->stop();
        m_connection->checkHealth(); // back online: views, systems, history and events reload
    });
    m_signIn->open();
}

void MainWindow::loadViews()
{
    AuthApi(*m_connection).me(this, [this](const Result<api::User> &me) {
        if (!me)
            return;
        m_userName = me->name;
        m_views = me->views;
        m_history->setViewer(me->name, me->role, me->group);
        m_notifier->setAccount(me->name);
        m_compile->templateBar()->setCanPublish(me->role != api::User::Role::User);
        m_run->templateBar()->setCanPublish(me->role != api::User::Role::User);
        m_admin->classView()->setViewer(me->role, me->group);
        // A limited view is batch only: no terminal.
        const bool limited = m_views.contains(QStringLiteral("limited"));
        m_tabs->setTabVisible(m_tabs->indexOf(m_terminal), !limited);
        if (!limited)
            m_terminal->setAccount(m_userName);
        const bool manages
            = m_views.contains(QStringLiteral("admin")) || m_views.contains(QStringLiteral("instructor"));
        m_tabs->setTabVisible(m_tabs->indexOf(m_admin), manages);
        if (manages)
            m_admin->reload();
        setWindowTitle(tr("Tandem — %1").arg(m_userName));
    });
}

void MainWindow::showOutput(const QString &path)
{
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(path);
    auto *viewer = new CodeViewer(dialog);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(viewer, 1);
    layout->addWidget(new FindBar(viewer, dialog));
    dialog->resize(800, 600);
    FilesApi(*m_connection).read(path, viewer, [viewer, path](const Result<QByteArray> &content) {
        viewer->setCode(path, content ? QString::fromUtf8(*content) : content.error().message);
    });
    dialog->show();
}

void MainWindow::showJobFile(qint64 jobId, const QString &name, int line)
{
    // Someone else's job (a student's), or any offline: read through the job or from what was kept, shown
    // read-only, at the diagnostic's line.
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("jobFileViewer"));
    dialog->setWindowTitle(tr("%1 — job %2 (read only)").arg(name).arg(jobId));
    auto *viewer = new CodeViewer(dialog);
    viewer->setReadOnly(true);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(viewer, 1);
    layout->addWidget(new FindBar(viewer, dialog));
    dialog->resize(800, 600);
    const auto show = [viewer, name, line](const Result<QByteArray> &content) {
        viewer->setCode(name, content ? QString::fromUtf8(*content) : content.error().message);
        if (content && line > 0)
            viewer->goToLine(line);
    };
    if (m_history->isOffline()) {
        // Offline (a class archive, the cache): what was kept of the job.
        const std::optional<QByteArray> kept = m_cache ? m_cache->file(jobId, name) : std::nullopt;
        show(kept ? Result<QByteArray>(*kept)
                  : Result<QByteArray>(std::unexpected(
                        Error::make(api::ErrorCode::NotFound, tr("%1 was not kept for offline review.").arg(name)))));
    } else {
        JobsApi(*m_connection).file(jobId, name, viewer, show);
    }
    dialog->show();
}

void MainWindow::present(const QString &title, const QString &text, bool warning)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(windowIcon(), this);
            m_tray->show();
        }
        m_tray->showMessage(title, text, warning ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
    }
    statusBar()->showMessage(text, 10000);
}

void MainWindow::editNotificationSettings()
{
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("notificationSettings"));
    dialog->setWindowTitle(tr("Notifications"));
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(new QLabel(tr("Show a desktop notification when:"), dialog));
    for (const Notifier::Kind kind : {Notifier::Kind::JobStarted, Notifier::Kind::JobEnded,
                                      Notifier::Kind::JobNearLimit, Notifier::Kind::SessionNearLimit}) {
        auto *box = new QCheckBox(Notifier::kindLabel(kind), dialog);
        box->setObjectName(QVariant::fromValue(kind).toString());
        box->setChecked(Notifier::isEnabled(kind));
        connect(box, &QCheckBox::toggled, dialog, [kind](bool on) { Notifier::setEnabled(kind, on); });
        layout->addWidget(box);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    dialog->show();
}

} // namespace tandem
