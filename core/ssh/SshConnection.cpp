#include "ssh/SshConnection.h"
#include "ssh/SshSession.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tandem {

namespace {

constexpr qsizetype HighWater = 256 * 1024; // bytes waiting for a pty before its channel is no longer read
constexpr auto KeepaliveInterval = std::chrono::seconds(15);
// The terminal's worker lets libssh wait this much past the attempt's bound, so the owner's timer is what speaks
// (with the stage reached) and the worker still never waits long after it.
constexpr auto WorkerGrace = std::chrono::seconds(2);
// A blocking step that returns this close to the deadline ran out of time rather than failing.
constexpr auto DeadlineSlack = std::chrono::milliseconds(50);

ssh_key keyOf(const SshKey &key)
{
    return static_cast<ssh_key>(key.handle());
}

QString sshError(ssh_session session)
{
    return QString::fromUtf8(ssh_get_error(session));
}

// Callbacks with nothing set: what the session keeps once connected (the ones used while connecting live on the
// connecting function's stack).
ssh_callbacks noCallbacks()
{
    static ssh_callbacks_struct none = [] {
        ssh_callbacks_struct callbacks{};
        ssh_callbacks_init(&callbacks);
        return callbacks;
    }();
    return &none;
}

} // namespace

void setSshTimeout(ssh_session session, std::chrono::steady_clock::duration timeout)
{
    const long long milliseconds
        = std::max<long long>(std::chrono::ceil<std::chrono::milliseconds>(timeout).count(), 1);
    const long seconds = long(milliseconds / 1000);
    const long microseconds = long(milliseconds % 1000) * 1000;
    ssh_options_set(session, SSH_OPTIONS_TIMEOUT, &seconds);
    ssh_options_set(session, SSH_OPTIONS_TIMEOUT_USEC, &microseconds);
}

namespace {

QString fingerprintOf(ssh_key key)
{
    unsigned char *hash = nullptr;
    size_t hashLength = 0;
    QString result;
    if (key && ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hashLength) == SSH_OK) {
        char *fingerprint = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hashLength);
        result = QString::fromLatin1(fingerprint);
        ssh_string_free_char(fingerprint);
        ssh_clean_pubkey_hash(&hash);
    }
    return result;
}

QString serverFingerprint(ssh_session session)
{
    ssh_key serverKey = nullptr;
    if (ssh_get_server_publickey(session, &serverKey) != SSH_OK)
        return {};
    const QString fingerprint = fingerprintOf(serverKey);
    ssh_key_free(serverKey);
    return fingerprint;
}

// Why the host key `presented` is not accepted; empty when it is the expected one.
QString hostKeyRefusal(ssh_session session, const SshTarget &target, const QString &presented)
{
    const QString shown = presented.isEmpty() ? QStringLiteral("?") : presented;
    if (target.peer == SshTarget::Peer::Session) {
        if (!presented.isEmpty() && presented == target.hostKeyFingerprint)
            return {};
        return SshConnection::tr("Refused to connect: the session's host key (%1) is not the one the gateway "
                                 "announced (%2). Someone may be intercepting the connection.")
            .arg(shown, target.hostKeyFingerprint);
    }
    QString expected = target.hostKeyFingerprint;
    QString source = SshConnection::tr("the gateway's configuration");
    if (expected.isEmpty() && !target.knownHostsFile.isEmpty()) {
        // The entry known_hosts has for the host (hashed names and [host]:port included): libssh reads it.
        source = target.knownHostsFile;
        // OK, CHANGED or OTHER: the entry found holds the key that is expected.
        ssh_knownhosts_entry *entry = nullptr;
        ssh_session_get_known_hosts_entry(session, &entry);
        if (entry)
            expected = fingerprintOf(entry->publickey);
        ssh_knownhosts_entry_free(entry);
    }
    if (!presented.isEmpty() && presented == expected)
        return {};
    if (expected.isEmpty()) {
        return SshConnection::tr("Refused to connect to the login node %1: its host key (%2) is not pinned in %3. "
                                 "An administrator must confirm the key and add it there.")
            .arg(target.host, shown, source);
    }
    return SshConnection::tr("Refused to connect to the login node %1: its host key (%2) is not the one pinned in %3 "
                             "(%4). Someone may be intercepting the connection, or the node's key changed: an "
                             "administrator must confirm the new key before the gateway uses it.")
        .arg(target.host, shown, source, expected);
}

} // namespace

ssh_session openAuthenticatedSession(const SshTarget &target, const SshKey &key,
                                     std::chrono::steady_clock::time_point deadline,
                                     const std::function<void(SshConnection::Stage)> &reached,
                                     SshConnection::Failure *failure, QString *message)
{
    using Stage = SshConnection::Stage;
    ssh_session session = nullptr;
    Stage stage = Stage::Connecting;
    const auto enter = [&](Stage next) {
        stage = next;
        if (reached)
            reached(next);
    };
    const auto remaining = [&] { return deadline - std::chrono::steady_clock::now(); };
    const auto fail = [&](SshConnection::Failure kind, const QString &text) -> ssh_session {
        *failure = kind;
        *message = text;
        if (session) {
            ssh_disconnect(session);
            ssh_free(session);
        }
        return nullptr;
    };
    const auto outOfTime = [&] { return remaining() <= DeadlineSlack; };
    const auto timeout = [&] { return fail(SshConnection::Failure::Timeout, SshConnection::timeoutMessage(stage)); };

    enter(Stage::Connecting);
    session = ssh_new();
    if (!session)
        return fail(SshConnection::Failure::Network, SshConnection::tr("Out of memory."));
    const QByteArray host = target.host.toUtf8();
    const QByteArray user = target.userName.toUtf8();
    const unsigned int port = target.port;
    const int on = 1;
    const bool processConfig = false;
    ssh_options_set(session, SSH_OPTIONS_HOST, host.constData());
    ssh_options_set(session, SSH_OPTIONS_PORT, &port);
    ssh_options_set(session, SSH_OPTIONS_USER, user.constData());
    ssh_options_set(session, SSH_OPTIONS_NODELAY, &on);
    ssh_options_set(session, SSH_OPTIONS_PROCESS_CONFIG, &processConfig); // no ~/.ssh/config surprises
    // A pinned fingerprint is that of the ed25519 key; with a known_hosts file libssh prefers the types it lists.
    if (!target.hostKeyFingerprint.isEmpty() || target.knownHostsFile.isEmpty())
        ssh_options_set(session, SSH_OPTIONS_HOSTKEYS, "ssh-ed25519");
    if (!target.knownHostsFile.isEmpty()) {
        const QByteArray knownHosts = target.knownHostsFile.toUtf8();
        ssh_options_set(session, SSH_OPTIONS_KNOWNHOSTS, knownHosts.constData());
        // That file alone: not also the machine's /etc/ssh/ssh_known_hosts.
        ssh_options_set(session, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null");
    }

    // ssh_connect waits at most the time left, for the TCP connection and the key exchange together; its progress
    // tells the two apart (at 0.4 the server's banner has come: TCP is up and the handshake begins).
    std::function<void(float)> progress = [&](float status) {
        if (status >= 0.4f && stage == Stage::Connecting)
            enter(Stage::ExchangingKeys);
    };
    ssh_callbacks_struct callbacks{};
    callbacks.userdata = &progress;
    callbacks.connect_status_function
        = [](void *userdata, float status) { (*static_cast<std::function<void(float)> *>(userdata))(status); };
    ssh_callbacks_init(&callbacks);
    ssh_set_callbacks(session, &callbacks);
    setSshTimeout(session, remaining());
    const int connected = ssh_connect(session);
    ssh_set_callbacks(session, noCallbacks());
    if (connected != SSH_OK) {
        if (outOfTime())
            return timeout();
        return fail(SshConnection::Failure::Network,
                    (target.peer == SshTarget::Peer::LoginNode
                         ? SshConnection::tr("Cannot connect to the login node %1:%2: %3")
                         : SshConnection::tr("Cannot connect to the session at %1:%2: %3"))
                        .arg(target.host)
                        .arg(target.port)
                        .arg(sshError(session)));
    }

    // The host key must be the one the gateway announced, or the one pinned for a login node; there is no
    // trust-on-first-use fallback.
    enter(Stage::CheckingHostKey);
    const QString presented = serverFingerprint(session);
    if (const QString refusal = hostKeyRefusal(session, target, presented); !refusal.isEmpty())
        return fail(SshConnection::Failure::HostKeyMismatch, refusal);

    enter(Stage::Authenticating);
    setSshTimeout(session, remaining());
    switch (ssh_userauth_publickey(session, nullptr, keyOf(key))) {
    case SSH_AUTH_SUCCESS:
        break;
    case SSH_AUTH_AGAIN: // blocking: the time ran out
        return timeout();
    case SSH_AUTH_PARTIAL:
        return fail(
            SshConnection::Failure::Authentication,
            SshConnection::tr("The session accepted this desktop's key but asks for a further login step, which "
                              "Tandem does not offer."));
    default: // SSH_AUTH_DENIED, or SSH_AUTH_ERROR (the server gave up on the login, or the connection broke)
        if (outOfTime())
            return timeout();
        return fail(
            SshConnection::Failure::Authentication,
            target.peer == SshTarget::Peer::LoginNode
                ? SshConnection::tr("The login node %1 did not accept the gateway's key for %2: %3")
                      .arg(target.host, target.userName, sshError(session))
                : SshConnection::tr("The session did not accept this desktop's key: %1").arg(sshError(session)));
    }

    setSshTimeout(session, SshOperationTimeout);
    return session;
}

QString SshConnection::describe(Stage stage)
{
    switch (stage) {
    case Stage::Connecting:
        //: What a connection attempt was doing when it ran out of time ("The session did not answer within 20 s: …")
        return tr("connecting");
    case Stage::ExchangingKeys:
        //: What a connection attempt was doing when it ran out of time ("The session did not answer within 20 s: …")
        return tr("exchanging keys");
    case Stage::CheckingHostKey:
        //: What a connection attempt was doing when it ran out of time ("The session did not answer within 20 s: …")
        return tr("checking the host key");
    case Stage::Authenticating:
        //: What a connection attempt was doing when it ran out of time ("The session did not answer within 20 s: …")
        return tr("authenticating");
    case Stage::OpeningShell:
        //: What a connection attempt was doing when it ran out of time ("The session did not answer within 20 s: …")
        return tr("opening the shell");
    case Stage::Open:
        return tr("connected");
    }
    return {};
}

QString SshConnection::timeoutMessage(Stage stage)
{
    //: %1: seconds; %2: what the attempt was doing, e.g. "authenticating"
    return tr("The session did not answer within %1 s: %2").arg(AttemptTimeout.count()).arg(describe(stage));
}

void keepSocketAlive(ssh_session session)
{
    const int on = 1;
    const int fd = ssh_get_fd(session);
    const int idle = 20, interval = 5, count = 3;
    const unsigned int userTimeout = 30000;
    ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
    ::setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &userTimeout, sizeof userTimeout);
}

SshKey SshKey::generate()
{
    SshKey result;
    ssh_key key = nullptr;
    if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) == SSH_OK)
        result.m_key = std::shared_ptr<void>(key, [](void *handle) { ssh_key_free(static_cast<ssh_key>(handle)); });
    return result;
}

SshKey SshKey::fromFile(const QString &path, QString *error)
{
    SshKey result;
    ssh_key key = nullptr;
    const QByteArray file = path.toUtf8();
    if (ssh_pki_import_privkey_file(file.constData(), nullptr, nullptr, nullptr, &key) != SSH_OK) {
        *error = SshConnection::tr("Cannot read the private key %1 (it must be an OpenSSH key without a passphrase).")
                     .arg(path);
        return result;
    }
    result.m_key = std::shared_ptr<void>(key, [](void *handle) { ssh_key_free(static_cast<ssh_key>(handle)); });
    return result;
}

QByteArray SshKey::publicLine(const QString &comment) const
{
    char *base64 = nullptr;
    if (isNull() || ssh_pki_export_pubkey_base64(keyOf(*this), &base64) != SSH_OK)
        return {};
    QByteArray line = QByteArray("ssh-ed25519 ") + base64 + ' ' + comment.toUtf8();
    ssh_string_free_char(base64);
    return line;
}

// Everything below runs on the worker thread, except post() and the owner hand-over.
class SshConnection::Worker : private SshWorker<SshConnection>
{
public:
    Worker(SshConnection *owner, SshKey key, SshTarget target)
        : SshWorker(owner, std::move(key), std::move(target))
        , m_wakeFd(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC))
    { }

    ~Worker()
    {
        for (auto &[id, shell] : m_shells)
            ::close(shell.fd);
        if (m_event) {
            ssh_event_remove_session(m_event, m_session);
            ssh_event_remove_fd(m_event, m_wakeFd);
            ssh_event_free(m_event);
        }
        ::close(m_wakeFd);
    }

    void post(std::function<void()> command)
    {
        {
            std::lock_guard lock(m_mutex);
            m_commands.push_back(std::move(command));
        }
        const quint64 one = 1;
        [[maybe_unused]] auto written = ::write(m_wakeFd, &one, sizeof one);
    }

    // The owner goes away: nothing is reported to it any more, and the thread winds down.
    void abandon()
    {
        m_link.abandon();
        m_stopping = true;
        post([] { });
    }

    // `deadline`: the attempt's bound, past which libssh waits no longer while connecting (and the first shell gets
    // what is left of it when connected).
    void run(std::chrono::steady_clock::time_point deadline)
    {
        m_deadline = deadline;
        if (connectAndAuthenticate())
            loop();
    }

    std::atomic<qint64> received{0};
    std::atomic<bool> looping{false};
    // Inside a blocking libssh call (a channel being opened, a command run): the owner does not wait for the thread.
    std::atomic<bool> inBlockingCall{false};
    std::atomic<Stage> stage{Stage::Connecting};

private:
    struct Shell
    {
        ssh_channel channel = nullptr;
        int fd = -1;
        QByteArray pending; // output waiting for the pty
        QByteArray input; // keystrokes waiting for the channel window
    };

    template<typename F> void report(F function) { m_link.report(std::move(function)); }

    bool fail(Failure failure, const QString &message)
    {
        report([failure, message](SshConnection *owner) { Q_EMIT owner->failed(failure, message); });
        return false;
    }

    bool connectAndAuthenticate()
    {
        Failure failure = Failure::Network;
        QString message;
        if (!openSession(&failure, &message, m_deadline, [this](Stage reached) { stage = reached; }))
            return fail(failure, message);
        keepSocketAlive(m_session);
        ssh_set_blocking(m_session, 0);
        looping = true;
        // The attempt ends with the first shell the owner asks for, with what is left of its time then.
        m_shellBudget = m_deadline - std::chrono::steady_clock::now();
        stage = Stage::OpeningShell;
        report([](SshConnection *owner) { Q_EMIT owner->connected(); });
        return true;
    }

    // Marks the start of a blocking call; false (and no call to make) when the owner has let go already. Set before
    // m_stopping is read here, and read after the owner sets m_stopping: the owner either sees it, or this sees that.
    bool beginBlocking()
    {
        inBlockingCall = true;
        if (!m_stopping)
            return true;
        inBlockingCall = false;
        return false;
    }

public:
    void openShell(int id, int fd, int columns, int rows, const QList<std::pair<QByteArray, QByteArray>> &environment,
                   const QByteArray &command)
    {
        if (!beginBlocking()) {
            ::close(fd);
            return;
        }
        // Channel set-up takes a few round trips; done blocking here, on the worker, it stalls no one else for long.
        // The first shell is part of the attempt: it waits no longer than the attempt's bound.
        const bool first = !m_shellAsked;
        m_shellAsked = true;
        if (first)
            setSshTimeout(m_session, m_shellBudget);
        ssh_set_blocking(m_session, 1);
        ssh_channel channel = ssh_channel_new(m_session);
        bool ok = channel && ssh_channel_open_session(channel) == SSH_OK;
        for (const auto &[name, value] : environment) {
            if (ok)
                ssh_channel_request_env(channel, name.constData(), value.constData()); // refused is fine
        }
        ok = ok && ssh_channel_request_pty_size(channel, "xterm-256color", columns, rows) == SSH_OK
            && (command.isEmpty() ? ssh_channel_request_shell(channel)
                                  : ssh_channel_request_exec(channel, command.constData()))
                == SSH_OK;
        ssh_set_blocking(m_session, 0);
        if (first)
            setSshTimeout(m_session, SshOperationTimeout);
        inBlockingCall = false;
        if (!ok) {
            const QString message = sshError(m_session);
            if (channel)
                ssh_channel_free(channel);
            ::close(fd);
            report([id, message](SshConnection *owner) { Q_EMIT owner->shellFailed(id, message); });
            return;
        }
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        m_shells[id] = Shell{channel, fd, {}, {}};
        stage = Stage::Open;
        report([id](SshConnection *owner) { Q_EMIT owner->shellOpened(id); });
    }

    void send(int id, const QByteArray &data)
    {
        if (auto it = m_shells.find(id); it != m_shells.end()) {
            it->second.input.append(data);
            writeInput(it->second);
        }
    }

    void resize(int id, int columns, int rows)
    {
        if (auto it = m_shells.find(id); it != m_shells.end())
            ssh_channel_change_pty_size(it->second.channel, columns, rows);
    }

    void closeShell(int id)
    {
        if (auto it = m_shells.find(id); it != m_shells.end()) {
            ssh_channel_close(it->second.channel);
            ssh_channel_free(it->second.channel);
            if (m_waitingForPty.erase(it->second.fd) > 0)
                ssh_event_remove_fd(m_event, it->second.fd);
            ::close(it->second.fd);
            m_shells.erase(it);
        }
    }

    void execute(const QByteArray &command)
    {
        if (!beginBlocking())
            return;
        ssh_set_blocking(m_session, 1);
        if (ssh_channel channel = ssh_channel_new(m_session)) {
            if (ssh_channel_open_session(channel) == SSH_OK
                && ssh_channel_request_exec(channel, command.constData()) == SSH_OK) {
                char buffer[4096];
                while (ssh_channel_read_timeout(channel, buffer, sizeof buffer, 0, 5000) > 0) { }
            }
            ssh_channel_close(channel);
            ssh_channel_free(channel);
        }
        ssh_set_blocking(m_session, 0);
        inBlockingCall = false;
    }

    void drop()
    {
        if (m_session)
            ::shutdown(ssh_get_fd(m_session), SHUT_RDWR);
    }

private:
    void writeInput(Shell &shell)
    {
        if (shell.input.isEmpty())
            return;
        const int written = ssh_channel_write(shell.channel, shell.input.constData(), uint32_t(shell.input.size()));
        if (written > 0)
            shell.input.remove(0, written);
        ssh_blocking_flush(m_session, 100);
    }

    // Writes what is waiting into the pty; false once the pty is gone.
    bool flush(Shell &shell)
    {
        while (!shell.pending.isEmpty()) {
            const ssize_t written = ::write(shell.fd, shell.pending.constData(), size_t(shell.pending.size()));
            if (written > 0) {
                shell.pending.remove(0, written);
            } else if (written < 0 && (errno == EAGAIN || errno == EINTR)) {
                return true;
            } else {
                return false;
            }
        }
        return true;
    }

    // Moves output from the channels into the ptys; false when the connection broke.
    bool pump()
    {
        char buffer[64 * 1024];
        std::vector<int> ended;
        for (auto &[id, shell] : m_shells) {
            bool alive = flush(shell);
            while (alive && shell.pending.size() < HighWater) {
                const int read = ssh_channel_read_nonblocking(shell.channel, buffer, sizeof buffer, 0);
                if (read == SSH_ERROR)
                    return false;
                if (read <= 0)
                    break;
                received += read;
                m_lastTraffic = std::chrono::steady_clock::now();
                // Straight from the buffer into the pty when nothing is waiting; only the rest is kept.
                qsizetype offset = 0;
                while (shell.pending.isEmpty() && offset < read) {
                    const ssize_t written = ::write(shell.fd, buffer + offset, size_t(read - offset));
                    if (written > 0)
                        offset += written;
                    else if (written < 0 && errno != EAGAIN && errno != EINTR)
                        alive = false;
                    if (written <= 0)
                        break;
                }
                if (alive && offset < read)
                    shell.pending.append(buffer + offset, read - offset);
            }
            writeInput(shell);
            if (!alive
                || ((ssh_channel_is_eof(shell.channel) || ssh_channel_is_closed(shell.channel))
                    && shell.pending.isEmpty() && ssh_channel_poll(shell.channel, 0) <= 0)) {
                ended.push_back(id);
            }
        }
        for (int id : ended) {
            closeShell(id);
            report([id](SshConnection *owner) { Q_EMIT owner->shellClosed(id); });
        }
        // Handles whatever else arrived (window adjustments, global requests) and sends what is queued.
        if (ssh_blocking_flush(m_session, 0) == SSH_ERROR)
            return false;
        return ssh_is_connected(m_session) && !(ssh_get_status(m_session) & (SSH_CLOSED | SSH_CLOSED_ERROR));
    }

    static int drainWake(socket_t fd, int, void *)
    {
        quint64 count = 0;
        [[maybe_unused]] auto drained = ::read(fd, &count, sizeof count);
        return 0;
    }

    static int writable(socket_t, int, void *)
    {
        return 0; // pump() writes; this only ends the wait
    }

    void loop()
    {
        // libssh's event loop reads and writes the session's socket (so it never sits unread); the wake-up fd brings
        // commands from the UI, and a full pty joins while it has output waiting.
        m_event = ssh_event_new();
        ssh_event_add_session(m_event, m_session);
        ssh_event_add_fd(m_event, m_wakeFd, POLLIN, &Worker::drainWake, this);
        m_lastTraffic = std::chrono::steady_clock::now();
        while (!m_stopping) {
            bool inputWaiting = false;
            std::set<int> waiting;
            for (const auto &[id, shell] : m_shells) {
                if (!shell.pending.isEmpty())
                    waiting.insert(shell.fd);
                inputWaiting = inputWaiting || !shell.input.isEmpty();
            }
            for (int fd : m_waitingForPty) {
                if (!waiting.contains(fd))
                    ssh_event_remove_fd(m_event, fd);
            }
            for (int fd : waiting) {
                if (!m_waitingForPty.contains(fd))
                    ssh_event_add_fd(m_event, fd, POLLOUT, &Worker::writable, this);
            }
            m_waitingForPty = waiting;
            ssh_event_dopoll(m_event, inputWaiting ? 10 : 1000);

            std::vector<std::function<void()>> commands;
            {
                std::lock_guard lock(m_mutex);
                commands.swap(m_commands);
            }
            for (auto &command : commands)
                command();
            if (m_stopping)
                break;
            if (!pump()) {
                const QString message = sshError(m_session);
                report([message](SshConnection *owner) {
                    Q_EMIT owner->disconnected(
                        message.isEmpty()
                            ? QCoreApplication::translate("tandem::SshConnection", "The connection was closed.")
                            : message);
                });
                break;
            }
            if (std::chrono::steady_clock::now() - m_lastTraffic > KeepaliveInterval) {
                ssh_send_ignore(m_session, "keepalive");
                m_lastTraffic = std::chrono::steady_clock::now();
            }
        }
        for (int fd : m_waitingForPty)
            ssh_event_remove_fd(m_event, fd);
        m_waitingForPty.clear();
    }

    int m_wakeFd;
    std::mutex m_mutex;
    std::vector<std::function<void()>> m_commands;
    std::atomic<bool> m_stopping{false};
    ssh_event m_event = nullptr;
    std::set<int> m_waitingForPty;
    std::map<int, Shell> m_shells;
    std::chrono::steady_clock::time_point m_lastTraffic;
    std::chrono::steady_clock::time_point m_deadline;
    std::chrono::steady_clock::duration m_shellBudget{};
    bool m_shellAsked = false; // the attempt's first shell has been asked for
};

SshConnection::SshConnection(SshKey key, SshTarget target, QObject *parent)
    : QObject(parent)
    , m_worker(std::make_shared<Worker>(this, std::move(key), std::move(target)))
{
    // The attempt is over once it has an answer: a shell, a refused shell, or a failure.
    m_attemptTimer.setSingleShot(true);
    m_attemptTimer.setTimerType(Qt::PreciseTimer); // a coarse one may be a second out, and the message says 20 s
    m_attemptTimer.setInterval(AttemptTimeout);
    connect(this, &SshConnection::failed, &m_attemptTimer, &QTimer::stop);
    connect(this, &SshConnection::disconnected, &m_attemptTimer, &QTimer::stop);
    connect(this, &SshConnection::shellOpened, &m_attemptTimer, &QTimer::stop);
    connect(this, &SshConnection::shellFailed, &m_attemptTimer, &QTimer::stop);
    // Connected, the attempt waits for its owner to ask for the first shell (the terminal does at once): the time
    // in between does not count.
    connect(this, &SshConnection::connected, this, [this] {
        if (!m_shellAsked && m_attemptTimer.isActive()) {
            m_attemptLeft = m_attemptTimer.remainingTimeAsDuration();
            m_attemptTimer.stop();
        }
    });
    connect(&m_attemptTimer, &QTimer::timeout, this, [this] {
        const Stage reached = stage();
        m_worker->abandon(); // nothing more is heard from it; it winds down by itself
        Q_EMIT failed(Failure::Timeout, timeoutMessage(reached));
    });
}

SshConnection::~SshConnection()
{
    m_worker->abandon();
    if (m_thread.joinable()) {
        // Once connected the worker leaves within one poll, unless it is inside a blocking call; while connecting, or
        // in such a call, it may wait out the network (never much past the attempt's bound while connecting), so it
        // finishes on its own and frees what it holds then.
        if (m_worker->looping && !m_worker->inBlockingCall)
            m_thread.join();
        else
            m_thread.detach();
    }
}

void SshConnection::open()
{
    // The worker's own bound is a little later than this object's timer, which gives the reason first.
    const auto deadline = std::chrono::steady_clock::now() + AttemptTimeout + WorkerGrace;
    m_attemptTimer.start();
    m_thread = std::thread([worker = m_worker, deadline] { worker->run(deadline); });
}

SshConnection::Stage SshConnection::stage() const
{
    return m_worker->stage;
}

int SshConnection::openShell(int outputFd, int columns, int rows,
                             const QList<std::pair<QByteArray, QByteArray>> &environment, const QByteArray &command)
{
    const int id = m_nextShell++;
    if (!m_shellAsked) {
        m_shellAsked = true;
        if (m_attemptLeft)
            m_attemptTimer.start(*m_attemptLeft);
    }
    // The worker writes into its own duplicate, so a pty closed by the widget can never be a reused descriptor.
    const int fd = ::fcntl(outputFd, F_DUPFD_CLOEXEC, 0);
    m_worker->post([worker = m_worker.get(), id, fd, columns, rows, environment, command] {
        worker->openShell(id, fd, columns, rows, environment, command);
    });
    return id;
}

void SshConnection::send(int shell, const QByteArray &data)
{
    m_worker->post([worker = m_worker.get(), shell, data] { worker->send(shell, data); });
}

void SshConnection::resize(int shell, int columns, int rows)
{
    m_worker->post([worker = m_worker.get(), shell, columns, rows] { worker->resize(shell, columns, rows); });
}

void SshConnection::closeShell(int shell)
{
    m_worker->post([worker = m_worker.get(), shell] { worker->closeShell(shell); });
}

void SshConnection::execute(const QList<QByteArray> &argv)
{
    // The remote side runs it with the login shell's -c: quote every word so none is interpreted.
    QByteArray command;
    for (const QByteArray &word : argv) {
        QByteArray quoted = word;
        quoted.replace('\'', "'\\''");
        command += (command.isEmpty() ? "'" : " '") + quoted + '\'';
    }
    m_worker->post([worker = m_worker.get(), command] { worker->execute(command); });
}

void SshConnection::dropConnection()
{
    m_worker->post([worker = m_worker.get()] { worker->drop(); });
}

qint64 SshConnection::bytesReceived() const
{
    return m_worker->received;
}

} // namespace tandem
