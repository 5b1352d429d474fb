#include "terminal/TerminalTab.h"

#include "api/ErrorCode.h"

#include "client/GatewayConnection.h"
#include "client/SessionController.h"
#include "common/MessageBanner.h"
#include "terminal/SessionFilesPanel.h"
#include "terminal/TerminalPage.h"

#include <qtermwidget.h>

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QSysInfo>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace tandem {

namespace {

constexpr int MaxRetryDelayMs = 10000;

QByteArray publicLine(const SshKey &key)
{
    return key.publicLine(QStringLiteral("tandem@") + QSysInfo::machineHostName());
}

QToolButton *toolButton(const QString &text, const QString &icon, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setIcon(QIcon::fromTheme(icon));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    return button;
}

} // namespace

TerminalTab::TerminalTab(GatewayConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_sessions(new SessionController(*connection, this))
    , m_banner(new MessageBanner(this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_startButton(toolButton(tr("Start session"), QStringLiteral("media-playback-start"), this))
    , m_stopButton(toolButton(tr("Stop session"), QStringLiteral("media-playback-stop"), this))
    , m_newTabButton(toolButton(tr("New tab"), QStringLiteral("tab-new"), this))
    , m_settingsButton(toolButton(tr("Settings…"), QStringLiteral("configure"), this))
    , m_filesButton(toolButton(tr("Files"), QStringLiteral("folder"), this))
    , m_pages(new QTabWidget(this))
    , m_files(new SessionFilesPanel(this))
    , m_settings(TerminalSettings::load())
{
    m_progress->setRange(0, 0); // busy
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(QStringLiteral("terminalStatus"));
    m_banner->setObjectName(QStringLiteral("terminalBanner"));
    m_pages->setTabsClosable(true);
    m_pages->setDocumentMode(true);
    m_pages->setMovable(true);

    connect(m_startButton, &QToolButton::clicked, this, &TerminalTab::startSession);
    connect(m_stopButton, &QToolButton::clicked, this, &TerminalTab::stopSession);
    connect(m_newTabButton, &QToolButton::clicked, this, &TerminalTab::newTerminal);
    connect(m_settingsButton, &QToolButton::clicked, this, &TerminalTab::editSettings);
    connect(m_pages, &QTabWidget::tabCloseRequested, this,
            [this](int index) { closePage(qobject_cast<TerminalPage *>(m_pages->widget(index))); });
    m_startButton->setToolTip(tr("Start a shell in your own container, with the home Compile and Run use."));
    m_stopButton->setToolTip(tr("End the session and every program running in it."));
    m_newTabButton->setToolTip(tr("Another shell on the same session (Ctrl+Shift+T)."));

    // Terminal shortcuts, active anywhere in this tab.
    const auto addShortcut = [this](const QKeySequence &keys, auto slot) {
        auto *action = new QAction(this);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
    };
    addShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), [this] { newTerminal(); });
    addShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), [this] {
        if (QTermWidget *term = terminal())
            term->copyClipboard();
    });
    addShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), [this] {
        if (QTermWidget *term = terminal())
            term->pasteClipboard();
    });
    addShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), [this] {
        if (QTermWidget *term = terminal())
            term->toggleShowSearchBar();
    });
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_Plus), [this] {
        if (QTermWidget *term = terminal())
            term->zoomIn();
    });
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_Equal), [this] {
        if (QTermWidget *term = terminal())
            term->zoomIn();
    });
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus), [this] {
        if (QTermWidget *term = terminal())
            term->zoomOut();
    });

    connectSessions();
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &TerminalTab::retry);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_startButton);
    bar->addWidget(m_stopButton);
    bar->addWidget(m_newTabButton);
    bar->addWidget(m_settingsButton);
    bar->addSpacing(12);
    bar->addWidget(m_progress);
    bar->addWidget(m_status, 1);
    m_filesButton->setCheckable(true);
    m_filesButton->setToolTip(tr("Show the session's files beside the terminal"));
    m_filesButton->setChecked(QSettings().value(QStringLiteral("terminal/filesPanel"), true).toBool());
    m_files->setVisible(m_filesButton->isChecked());
    connect(m_filesButton, &QToolButton::toggled, this, [this](bool shown) {
        m_files->setVisible(shown);
        QSettings().setValue(QStringLiteral("terminal/filesPanel"), shown);
    });
    connect(m_files, &SessionFilesPanel::useInCompile, this, &TerminalTab::useInCompile);
    bar->insertWidget(4, m_filesButton);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_pages);
    splitter->addWidget(m_files);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({3000, 1000}); // scaled to the real width: the terminal gets three quarters
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    setState(State::NoSession);
    newTerminal(); // an empty terminal until a session is connected
}

TerminalTab::~TerminalTab()
{
    // Pages close their shells on the connection; it must still exist while they do.
    while (m_pages->count() > 0)
        delete m_pages->widget(0);
    delete m_ssh;
}

TerminalPage *TerminalTab::currentPage() const
{
    return qobject_cast<TerminalPage *>(m_pages->currentWidget());
}

QTermWidget *TerminalTab::terminal() const
{
    TerminalPage *page = currentPage();
    return page ? page->terminal() : nullptr;
}

void TerminalTab::applySettings(const TerminalSettings &settings)
{
    m_settings = settings;
    for (TerminalPage *page : terminalPages())
        page->apply(settings);
}

void TerminalTab::editSettings()
{
    auto *dialog = new TerminalSettingsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        applySettings(dialog->settings());
        m_settings.save();
    });
    dialog->open();
}

void TerminalTab::setState(State state, const QString &message)
{
    m_state = state;
    const bool busy = state == State::Requesting || state == State::Starting || state == State::Connecting
        || state == State::Reconnecting;
    m_progress->setVisible(busy);
    switch (state) {
    case State::NoSession:
        m_status->setText(tr("No session running."));
        m_banner->showMessage(MessageBanner::Level::Information,
                              tr("Start a session for a shell in your own container. It has the same home directory "
                                 "that Compile and Run use, and keeps running when the connection drops."));
        break;
    case State::Requesting:
        m_status->setText(tr("Asking the gateway for a session…"));
        m_banner->hide();
        break;
    case State::Starting:
        m_status->setText(tr("Session %1 is starting…").arg(m_sessions->sessionId()));
        m_startingMessage.clear();
        break;
    case State::Connecting:
        m_status->setText(tr("Connecting to session %1…").arg(m_sessions->sessionId()));
        break;
    case State::Connected:
        m_status->setText(tr("Session %1 — connected").arg(m_sessions->sessionId()));
        m_banner->hide();
        break;
    case State::Reconnecting:
        m_status->setText(tr("Session %1 — reconnecting…").arg(m_sessions->sessionId()));
        m_banner->showMessage(MessageBanner::Level::Warning, message);
        break;
    case State::Ended:
        m_status->setText(tr("Session %1 has ended.").arg(m_sessions->sessionId()));
        m_banner->showMessage(MessageBanner::Level::Information, message);
        break;
    case State::Failed:
        m_status->setText(tr("Not connected."));
        m_banner->showMessage(MessageBanner::Level::Error, message);
        break;
    }
    updateActions();
    Q_EMIT stateChanged(state);
}

void TerminalTab::updateActions()
{
    const bool active = m_state == State::Requesting || m_state == State::Starting || m_state == State::Connecting
        || m_state == State::Connected || m_state == State::Reconnecting;
    m_startButton->setEnabled(!active);
    m_startButton->setText(m_state == State::Failed && m_sessions->sessionId() > 0 ? tr("Connect again")
                                                                                   : tr("Start session"));
    m_stopButton->setEnabled(m_sessions->sessionId() > 0 && active && m_state != State::Requesting);
    m_newTabButton->setEnabled(m_state == State::Connected);
}

qint64 TerminalTab::sessionId() const
{
    return m_sessions->sessionId();
}

void TerminalTab::setAccount(const QString &userName)
{
    const bool changed = userName != m_userName;
    m_userName = userName;
    if (!changed || m_state != State::NoSession)
        return;
    // A session left running (by this desktop before a restart, or another one) is picked up again.
    m_sessions->findRunning(m_userName);
}

void TerminalTab::connectSessions()
{
    connect(m_sessions, &SessionController::runningFound, this, [this](qint64 id) {
        if (m_state != State::NoSession)
            return;
        m_keyResent = false;
        rekey(id);
    });
    connect(m_sessions, &SessionController::starting, this, [this](const QString &message) {
        if (m_state != State::Starting)
            setState(State::Starting);
        // Why it waits, where the gateway says (a Slurm job's pending reason): shown until it is READY.
        if (!message.isEmpty() && message != m_startingMessage) {
            m_startingMessage = message;
            m_banner->showMessage(MessageBanner::Level::Information, message);
        }
    });
    connect(m_sessions, &SessionController::ready, this, [this](const api::Session &session) {
        if (m_state == State::Starting || m_state == State::Requesting || (m_state == State::Connecting && !m_ssh))
            connectTo(session);
    });
    connect(m_sessions, &SessionController::stopping, this, [this] {
        m_status->setText(tr("Session %1 is stopping…").arg(m_sessions->sessionId()));
        m_stopButton->setEnabled(false);
    });
    connect(m_sessions, &SessionController::ended, this, &TerminalTab::ended);
    connect(m_sessions, &SessionController::startFailed, this, [this](const QString &message) {
        setState(State::Failed, tr("The gateway did not start a session: %1").arg(message));
    });
    connect(m_sessions, &SessionController::rekeyFailed, this, [this](qint64 id, const QString &message) {
        setState(State::Failed, tr("Cannot reattach to session %1: %2").arg(id).arg(message));
    });
    connect(m_sessions, &SessionController::stopFailed, this, [this](const QString &message) {
        m_banner->showMessage(MessageBanner::Level::Error, tr("Cannot stop the session: %1").arg(message));
    });
}

void TerminalTab::startSession()
{
    if (m_state == State::Failed && m_sessions->sessionId() > 0) {
        m_keyResent = true; // this is the key sent again: refused once more, it stays refused
        rekey(m_sessions->sessionId()); // "Connect again" after a refused connection
        return;
    }
    m_keyResent = false;
    m_key = SshKey::generate();
    if (m_key.isNull()) {
        setState(State::Failed, tr("Cannot make a key pair for the session (libssh)."));
        return;
    }
    m_sessions->start(publicLine(m_key));
    setState(State::Requesting);
}

void TerminalTab::rekey(qint64 sessionId)
{
    // This desktop's key pair lives only in memory: give the running session the new public half.
    m_key = SshKey::generate();
    m_sessions->rekey(sessionId, publicLine(m_key));
    setState(State::Connecting);
}

void TerminalTab::onSessionEvent(const api::Session &session)
{
    m_sessions->onSessionEvent(session);
}

void TerminalTab::dropConnection()
{
    // Often called from one of the connection's own signals: it goes once control is back in the event loop.
    if (m_ssh) {
        m_ssh->disconnect(this);
        m_ssh->deleteLater();
    }
    m_ssh = nullptr;
}

void TerminalTab::connectTo(const api::Session &session)
{
    dropConnection();
    const SshTarget target = SshTarget::session(session.host, quint16(session.port.value_or(0)), session.userName,
                                                session.hostKeyFingerprint);
    m_target = target;
    auto *ssh = new SshConnection(m_key, target, this);
    m_ssh = ssh;
    m_reconnectAttempt = m_state == State::Reconnecting;
    connect(ssh, &SshConnection::connected, this, [this] {
        m_retryDelayMs = 500;
        m_keyResent = false;
        setState(State::Connected);
        if (m_pages->count() == 0)
            newTerminal();
        for (TerminalPage *page : terminalPages())
            page->attach(m_ssh);
        if (TerminalPage *page = currentPage())
            page->terminal()->setFocus();
        if (!m_files->isReady())
            m_files->connectTo(m_key, m_target);
    });
    connect(ssh, &SshConnection::failed, this, [this](SshConnection::Failure failure, const QString &message) {
        switch (failure) {
        case SshConnection::Failure::HostKeyMismatch:
            dropConnection();
            setState(State::Failed, message); // never retried, never trusted
            break;
        case SshConnection::Failure::Authentication:
            keyRefused(message);
            break;
        case SshConnection::Failure::Timeout:
            attemptTimedOut(message);
            break;
        case SshConnection::Failure::Network:
            connectionLost(message);
            break;
        }
    });
    connect(ssh, &SshConnection::disconnected, this, &TerminalTab::connectionLost);
    connect(ssh, &SshConnection::shellClosed, this, [this](int shell) {
        for (TerminalPage *page : terminalPages()) {
            if (page->shell() == shell) {
                page->detach();
                closePage(page); // the shell exited: its tab goes, as in any terminal
                return;
            }
        }
    });
    connect(ssh, &SshConnection::shellFailed, this, [this](int, const QString &message) {
        m_banner->showMessage(MessageBanner::Level::Error, tr("The session did not open a shell: %1").arg(message));
    });
    if (m_state != State::Reconnecting)
        setState(State::Connecting);
    ssh->open();
}

QList<TerminalPage *> TerminalTab::terminalPages() const
{
    QList<TerminalPage *> pages;
    for (int i = 0; i < m_pages->count(); ++i)
        pages.append(qobject_cast<TerminalPage *>(m_pages->widget(i)));
    return pages;
}

void TerminalTab::closeConnections()
{
    // The shells live on in tmux on the session; only this desktop's connections go.
    m_sessions->stopWatching();
    m_retryTimer.stop();
    for (TerminalPage *page : terminalPages())
        page->detach();
    dropConnection();
    m_files->disconnectFromSession();
}

void TerminalTab::connectionLost(const QString &reason)
{
    closeConnections();
    setState(State::Reconnecting,
             tr("The connection to your session was lost (%1). Reconnecting — your shells keep running.").arg(reason));
    m_retryTimer.start(m_retryDelayMs);
    m_retryDelayMs = std::min(m_retryDelayMs * 2, MaxRetryDelayMs);
}

void TerminalTab::keyRefused(const QString &reason)
{
    dropConnection();
    if (!m_keyResent) {
        m_keyResent = true;
        rekey(m_sessions->sessionId()); // another desktop may have given the session its key: take it back, once
        return;
    }
    // libssh's reason ends without a full stop; the sentence after it needs one.
    const QString sentence = reason.trimmed().endsWith(u'.') ? reason.trimmed() : reason.trimmed() + u'.';
    setState(State::Failed, tr("%1 Sending this desktop's key to the session again did not help.").arg(sentence));
}

void TerminalTab::attemptTimedOut(const QString &reason)
{
    // After a lost connection the session is known to be there: keep trying, with the reason in the banner. A first
    // connection gives up, so the tab does not go on saying "Connecting…"; Connect again tries once more.
    if (m_reconnectAttempt) {
        connectionLost(reason);
        return;
    }
    closeConnections();
    setState(State::Failed, reason);
}

void TerminalTab::retry()
{
    // Ask first: the session may have ended meanwhile (stopped, timed out), or the gateway may be down too.
    m_sessions->refresh(this, [this](const Result<api::Session> &session) {
        if (m_state != State::Reconnecting)
            return;
        if (!session) {
            if (session.error().kind == Error::Kind::NotFound)
                ended(tr("The gateway no longer knows this session."));
            else
                connectionLost(session.error().message);
            return;
        }
        if (session->state == api::Session::State::Ready)
            connectTo(*session);
        else
            m_sessions->adopt(*session);
    });
}

void TerminalTab::ended(const QString &message)
{
    closeConnections();
    setState(State::Ended,
             tr("Your session has ended: %1 What is on screen stays until you start a new one.")
                 .arg(message.isEmpty() ? tr("no reason was given.") : message));
}

void TerminalTab::signOut()
{
    closeConnections();
    m_key = SshKey();
    m_sessions->forget();
    m_keyResent = false;
    m_userName.clear();
    setState(State::NoSession);
}

void TerminalTab::stopSession()
{
    if (m_sessions->sessionId() <= 0)
        return;
    m_stopButton->setEnabled(false);
    m_sessions->stop();
}

TerminalPage *TerminalTab::newTerminal()
{
    if (m_state != State::Connected && m_pages->count() > 0)
        return nullptr;
    if (m_state == State::Ended) {
        while (m_pages->count() > 0)
            delete m_pages->widget(0);
    }
    // The smallest tab number not in use: it names the tab's tmux session on the other side.
    QList<int> used;
    for (const TerminalPage *page : terminalPages())
        used.append(page->tabNumber());
    int number = 1;
    while (used.contains(number))
        ++number;
    auto *page = new TerminalPage(number, m_settings, m_pages);
    connect(page->terminal(), &QWidget::customContextMenuRequested, page, [this, page](const QPoint &position) {
        QMenu menu(page);
        menu.addAction(tr("&Copy"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), page->terminal(),
                       &QTermWidget::copyClipboard);
        menu.addAction(tr("&Paste"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), page->terminal(),
                       &QTermWidget::pasteClipboard);
        menu.addAction(tr("&Find…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), page->terminal(),
                       &QTermWidget::toggleShowSearchBar);
        menu.addSeparator();
        menu.addAction(tr("Zoom &in"), QKeySequence(Qt::CTRL | Qt::Key_Plus), page->terminal(), &QTermWidget::zoomIn);
        menu.addAction(tr("Zoom &out"), QKeySequence(Qt::CTRL | Qt::Key_Minus), page->terminal(),
                       &QTermWidget::zoomOut);
        menu.addSeparator();
        menu.addAction(tr("&Settings…"), this, &TerminalTab::editSettings);
        menu.exec(page->terminal()->mapToGlobal(position));
    });
    m_pages->setCurrentIndex(m_pages->addTab(page, tr("Shell %1").arg(number)));
    if (m_state == State::Connected && m_ssh)
        page->attach(m_ssh);
    page->terminal()->setFocus();
    return page;
}

void TerminalTab::closePage(TerminalPage *page)
{
    if (!page)
        return;
    // Closing a tab ends its shell for good (its tmux session with it); a shell that exited by itself is gone already.
    if (page->isAttached() && m_ssh)
        m_ssh->execute({"tmux", "kill-session", "-t", "tab" + QByteArray::number(page->tabNumber())});
    delete page;
    if (m_pages->count() == 0 && m_state == State::Connected) {
        m_banner->showMessage(MessageBanner::Level::Information,
                              tr("No terminal is open; the session keeps running. Open one with New tab."));
    }
}

} // namespace tandem
