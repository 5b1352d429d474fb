#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>
#include <thread>

namespace tandem {

// An ed25519 key pair made with libssh, held only in memory: the private half never leaves this process.
class SshKey
{
public:
    static SshKey generate();
    // A private key from an OpenSSH key file without a passphrase (the gateway's key for a login node); null with
    // `error` set when it cannot be read.
    static SshKey fromFile(const QString &path, QString *error);
    bool isNull() const { return !m_key; }
    QByteArray publicLine(const QString &comment) const; // "ssh-ed25519 AAAA… comment"
    void *handle() const { return m_key.get(); } // ssh_key

private:
    std::shared_ptr<void> m_key;
};

// Where to connect and which host key to expect: as the gateway announced it (a session), or as the gateway's
// configuration pins it (a login node: a fingerprint, or the entry for the host in a known_hosts file).
struct SshTarget
{
    enum class Peer { Session, LoginNode };

    // A session's endpoint, as the gateway announces it.
    static SshTarget session(QString host, quint16 port, QString userName, QString hostKeyFingerprint)
    {
        SshTarget target;
        target.host = std::move(host);
        target.port = port;
        target.userName = std::move(userName);
        target.hostKeyFingerprint = std::move(hostKeyFingerprint);
        return target;
    }

    QString host;
    quint16 port = 0;
    QString userName;
    QString hostKeyFingerprint; // "SHA256:…"
    QString knownHostsFile; // used when hostKeyFingerprint is empty
    Peer peer = Peer::Session; // what the messages call the other side
};

// One SSH connection to a session, run by libssh in non-blocking mode on a worker thread of its own: connecting,
// host-key verification, authentication, shells and their output all happen there, so the UI never waits on the
// network. A shell's output is written straight into a file descriptor (a QTermWidget's raw pty slave), with
// back-pressure: while that pty is full the channel is not read, so the SSH window closes instead of memory
// growing. Everything here is called from the thread that owns the object; signals arrive on it too.
//
// One attempt — TCP connect, SSH handshake, host-key check, authentication and the first PTY shell — is bounded by
// AttemptTimeout: past it the attempt is abandoned and failed(Timeout) names the stage it had reached, even when
// connected() came already (the first shell is part of the attempt; the time between connected() and the first
// openShell() does not count).
class SshConnection : public QObject
{
    Q_OBJECT

public:
    enum class Failure { Network, HostKeyMismatch, Authentication, Timeout };
    Q_ENUM(Failure)
    // How far an attempt has come, for the reason given when it takes too long.
    enum class Stage { Connecting, ExchangingKeys, CheckingHostKey, Authenticating, OpeningShell, Open };
    Q_ENUM(Stage)

    // The longest one attempt may take, from open() to the first open shell.
    static constexpr std::chrono::seconds AttemptTimeout{20};

    static QString describe(Stage stage); // "authenticating"
    static QString timeoutMessage(Stage stage); // "The session did not answer within 20 s: authenticating"

    SshConnection(SshKey key, SshTarget target, QObject *parent = nullptr);
    ~SshConnection() override;

    // Starts connecting; connected() or failed() follows (and failed(Timeout) still, if the first shell does not
    // open within AttemptTimeout).
    void open();
    Stage stage() const;
    // Opens a PTY (xterm-256color) shell whose output is written to `outputFd`; returns the shell's handle.
    // `environment` is sent before the shell (e.g. TANDEM_TAB, which picks the tab's persistent tmux session).
    // With a `command`, that runs on the PTY instead of the login shell (and so outside the session's tmux).
    int openShell(int outputFd, int columns, int rows, const QList<std::pair<QByteArray, QByteArray>> &environment,
                  const QByteArray &command = {});
    void send(int shell, const QByteArray &data);
    void resize(int shell, int columns, int rows);
    void closeShell(int shell);
    // Runs a command on the session and forgets it (no output): argv words, each quoted for the remote shell.
    void execute(const QList<QByteArray> &argv);
    // Tears down the TCP connection underneath libssh, as a network failure would (tests and benchmarks).
    void dropConnection();
    qint64 bytesReceived() const;

Q_SIGNALS:
    void connected();
    void failed(tandem::SshConnection::Failure failure, const QString &message);
    // The connection ended after it was up: network gone, or the server closed it.
    void disconnected(const QString &message);
    void shellOpened(int shell);
    void shellFailed(int shell, const QString &message);
    // The remote shell ended (exit, or its tmux session was closed).
    void shellClosed(int shell);

private:
    class Worker;
    std::shared_ptr<Worker> m_worker;
    std::thread m_thread;
    QTimer m_attemptTimer; // from open() to the first shell opened (or refused)
    std::optional<std::chrono::milliseconds> m_attemptLeft; // paused while connected without a shell asked for
    bool m_shellAsked = false;
    int m_nextShell = 1;
};

} // namespace tandem
