#include "gateway/LocalSessionBackend.h"

#include "gateway/ConfinedDir.h"
#include "gateway/DetachedProcess.h"
#include "gateway/SessionFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tandem::gateway {

namespace {

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

constexpr auto StopGrace = std::chrono::seconds(3);

} // namespace

LocalSessionBackend::LocalSessionBackend(QString stateDir, QString runner, QStringList hiddenPaths,
                                         bool allowUnsandboxed, QObject *parent)
    : SessionBackend(parent)
    , m_stateDir(std::move(stateDir))
    , m_runner(std::move(runner))
    , m_sandbox(std::move(hiddenPaths), allowUnsandboxed)
{
    QDir().mkpath(m_stateDir);
    QFile::setPermissions(m_stateDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

LocalSessionBackend::~LocalSessionBackend()
{
    // The sessions go on: a restarted gateway picks them up again.
    for (Session &session : m_sessions) {
        if (session.pidfd >= 0)
            ::close(session.pidfd);
    }
}

QString LocalSessionBackend::directoryOf(qint64 sessionId) const
{
    return m_stateDir + u'/' + QString::number(sessionId);
}

void LocalSessionBackend::fail(qint64 sessionId, const QString &message)
{
    auto it = m_sessions.find(sessionId);
    if (it != m_sessions.end()) {
        it->stopping = true;
        if (it->pidfd >= 0)
            ::kill(-it->pid, SIGKILL);
        else
            m_sessions.erase(it); // never started
    }
    Q_EMIT failed(sessionId, message);
}

void LocalSessionBackend::start(qint64 sessionId, const QString &home, const QByteArray &publicKey,
                                const SessionResources &resources)
{
    if (!m_sandbox.mayRun())
        return fail(sessionId, m_sandbox.refusal());
    // The home is bound by its descriptor, opened without following a link.
    auto homeDir = ConfinedDir::openRoot(home);
    if (!homeDir)
        return fail(sessionId, homeDir.error().message);
    Session session;
    session.dir = directoryOf(sessionId);
    const QString dir = session.dir;
    // Where the session sees its files: in the sandbox, at a place of its own in its private /tmp (the gateway's data
    // directory, where they are, stays an empty folder there).
    const QString inside = m_sandbox.isAvailable() ? QStringLiteral("/tmp/tandem-session") : dir;
    // The gateway's own folder for this session (a leftover of an earlier one by the same id goes first).
    QDir(dir).removeRecursively();
    if (!QDir().mkpath(dir)
        || !QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
        return fail(sessionId, tr("Cannot make the session's folder."));
    const quint16 port = freeLoopbackPort();
    auto fingerprint = SessionFiles::write(dir, inside, sessionId, Sandbox::osUserName(), publicKey,
                                           QStringLiteral("127.0.0.1"), port);
    if (!fingerprint)
        return fail(sessionId, fingerprint.error().message);
    // sshd looks the login up in the account database: the name must be that, whatever $USER says (or if unset).
    session.endpoint = {QStringLiteral("127.0.0.1"), port, Sandbox::osUserName(), *fingerprint, {}};
    // sshd gives a login the account database's home: the user's gateway home is bound there.
    const QString osHome = Sandbox::osUserHome();

    const int homeFd = homeDir->fd();
    const QStringList sshd{QStringLiteral("/usr/sbin/sshd"), QStringLiteral("-D"), QStringLiteral("-e"),
                           QStringLiteral("-f"), inside + QStringLiteral("/sshd_config")};
    const QStringList args = m_sandbox.isAvailable()
        ? m_sandbox.arguments(true,
                              {QStringLiteral("--ro-bind"), dir, inside, QStringLiteral("--ro-bind"),
                               dir + QStringLiteral("/group"), QStringLiteral("/etc/group"),
                               QStringLiteral("--bind-fd"), QString::number(homeFd), osHome})
            + QStringList{QStringLiteral("--")} + sshd
        : sshd; // unsandboxed by the operator's choice: the session is the OS account's own
    // Limits every process of the session inherits: no core dumps, open files, and the role's memory per process.
    QStringList limits{QStringLiteral("--core=0"), QStringLiteral("--nofile=%1").arg(resources.openFiles)};
    if (resources.memoryLimitMb > 0)
        limits << QStringLiteral("--as=%1").arg(resources.memoryLimitMb * 1024 * 1024);
    const QString prlimit = QStandardPaths::findExecutable(QStringLiteral("prlimit"));
    if (prlimit.isEmpty())
        return fail(sessionId, tr("Sessions need prlimit (util-linux) on the gateway."));
    limits << QStringLiteral("--");
    if (m_sandbox.isAvailable())
        limits << m_sandbox.bwrap();
    // The runner leads the session's processes outside: it outlives the gateway, and a signal to its group reaches
    // bwrap, whose end (--die-with-parent) ends everything in the sandbox.
    const int log = ::open(QFile::encodeName(dir + QStringLiteral("/sshd.log")).constData(),
                           O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (log < 0)
        return fail(sessionId, tr("Cannot write the session's log."));
    const int pid
        = DetachedProcess::spawn(m_runner, QStringList{QStringLiteral("--"), prlimit} + limits + args,
                                 Sandbox::environment(osHome, session.endpoint.userName), log, log, homeFd, false);
    const int spawnError = errno;
    ::close(log);
    if (pid < 0)
        return fail(sessionId, tr("Cannot start the session: %1").arg(QString::fromLocal8Bit(strerror(spawnError))));
    session.pid = pid;
    session.ours = true;
    session.pidfd = DetachedProcess::pidfdOpen(pid);
    session.endpoint.handle = DetachedProcess::identity(pid);
    m_sessions.insert(sessionId, session);
    Q_EMIT launched(sessionId, session.endpoint.handle);
    follow(sessionId);
    waitUntilAccepting(sessionId, 200);
}

void LocalSessionBackend::follow(qint64 sessionId)
{
    auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end())
        return;
    if (it->pidfd < 0) { // already gone
        QTimer::singleShot(0, this, [this, sessionId] { onExited(sessionId); });
        return;
    }
    it->exited = new QSocketNotifier(it->pidfd, QSocketNotifier::Read, this);
    connect(it->exited, &QSocketNotifier::activated, this, [this, sessionId] { onExited(sessionId); });
}

void LocalSessionBackend::onExited(qint64 sessionId)
{
    auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end())
        return;
    Session session = *it;
    m_sessions.erase(it);
    if (session.exited)
        session.exited->deleteLater();
    if (session.ours)
        ::waitpid(session.pid, nullptr, WNOHANG); // this gateway's child: reaped
    if (session.pidfd >= 0)
        ::close(session.pidfd);
    QFile log(session.dir + QStringLiteral("/sshd.log"));
    if (log.open(QIODevice::ReadOnly) && log.size() > 4096)
        log.seek(log.size() - 4096); // its last words only
    const QString said = log.isOpen() ? QString::fromUtf8(log.readAll()).trimmed() : QString();
    QDir(session.dir).removeRecursively();
    if (session.stopping)
        Q_EMIT stopped(sessionId);
    else
        Q_EMIT failed(sessionId, tr("The session's sshd ended: %1").arg(said.right(300)));
}

bool LocalSessionBackend::adopt(qint64 sessionId, const SessionEndpoint &endpoint)
{
    Session session;
    session.dir = directoryOf(sessionId);
    session.endpoint = endpoint;
    session.pidfd = DetachedProcess::reopen(endpoint.handle, &session.pid);
    if (session.pidfd < 0 || !QFileInfo::exists(session.dir + QStringLiteral("/authorized_keys"))) {
        if (session.pidfd >= 0) { // its process, without its files: ended, not left running unseen
            DetachedProcess::sendSignal(session.pidfd, SIGKILL);
            ::close(session.pidfd);
        }
        QDir(session.dir).removeRecursively();
        return false;
    }
    session.ready = true;
    m_sessions.insert(sessionId, session);
    follow(sessionId);
    return true;
}

void LocalSessionBackend::discard(qint64 sessionId, const SessionEndpoint &endpoint)
{
    int pid = 0;
    const int pidfd = DetachedProcess::reopen(endpoint.handle, &pid);
    if (pidfd >= 0) {
        // The runner leads its own process group: all of it, while the pidfd says it is still the same process.
        if (DetachedProcess::pidfdAlive(pidfd))
            ::kill(-pid, SIGKILL);
        DetachedProcess::sendSignal(pidfd, SIGKILL);
        ::close(pidfd);
    }
    QDir(directoryOf(sessionId)).removeRecursively();
}

void LocalSessionBackend::waitUntilAccepting(qint64 sessionId, int attemptsLeft)
{
    auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end() || it->stopping)
        return;
    if (attemptsLeft == 0)
        return fail(sessionId, tr("The session's sshd did not accept connections within 10 seconds."));
    auto *probe = new QTcpSocket(this);
    connect(probe, &QTcpSocket::connected, this, [this, probe, sessionId] {
        probe->deleteLater();
        auto it = m_sessions.find(sessionId);
        if (it == m_sessions.end() || it->ready)
            return;
        it->ready = true;
        Q_EMIT ready(sessionId, it->endpoint);
    });
    connect(probe, &QTcpSocket::errorOccurred, this, [this, probe, sessionId, attemptsLeft] {
        probe->deleteLater();
        QTimer::singleShot(50, this,
                           [this, sessionId, attemptsLeft] { waitUntilAccepting(sessionId, attemptsLeft - 1); });
    });
    probe->connectToHost(QHostAddress::LocalHost, it->endpoint.port);
}

bool LocalSessionBackend::replaceKey(qint64 sessionId, const QByteArray &publicKey)
{
    const auto it = m_sessions.constFind(sessionId);
    if (it == m_sessions.cend())
        return false;
    return SessionFiles::replaceKey(it->dir, publicKey);
}

QHash<qint64, int> LocalSessionBackend::connectionCounts() const
{
    // Established TCP connections whose local end is a session's port, from the kernel's table (the sandbox
    // shares the gateway's network namespace). Lines: "sl local rem st …", addresses as hex "ADDR:PORT".
    QHash<quint16, qint64> byPort;
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
        if (it->ready)
            byPort.insert(it->endpoint.port, it.key());
    }
    QHash<qint64, int> counts;
    if (byPort.isEmpty())
        return counts;
    QFile table(QStringLiteral("/proc/net/tcp"));
    if (!table.open(QIODevice::ReadOnly))
        return counts;
    table.readLine(); // header
    while (!table.atEnd()) {
        const QList<QByteArray> fields = table.readLine().simplified().split(' ');
        if (fields.size() < 4 || fields[3] != "01") // 01 = ESTABLISHED
            continue;
        bool ok = false;
        const quint16 port = fields[1].mid(fields[1].indexOf(':') + 1).toUShort(&ok, 16);
        if (const auto session = byPort.constFind(port); ok && session != byPort.cend())
            ++counts[*session];
    }
    return counts;
}

void LocalSessionBackend::stop(qint64 sessionId)
{
    auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end()) {
        Q_EMIT stopped(sessionId);
        return;
    }
    it->stopping = true;
    // To the runner's process group, only while the pidfd says it is still the same process.
    if (it->pidfd < 0 || !DetachedProcess::pidfdAlive(it->pidfd))
        return;
    ::kill(-it->pid, SIGTERM);
    QTimer::singleShot(StopGrace, this, [this, sessionId] {
        const auto it = m_sessions.constFind(sessionId);
        if (it != m_sessions.cend() && it->pidfd >= 0 && DetachedProcess::pidfdAlive(it->pidfd))
            ::kill(-it->pid, SIGKILL);
    });
}

} // namespace tandem::gateway
