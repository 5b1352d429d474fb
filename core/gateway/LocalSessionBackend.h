#pragma once

#include "gateway/Sandbox.h"
#include "gateway/SessionBackend.h"

#include <QHash>
#include <QPointer>
#include <QStringList>

class QSocketNotifier;

namespace tandem::gateway {

// A session is an OpenSSH sshd bound to 127.0.0.1 on a free port, run as the gateway's own ordinary user inside the
// Sandbox (own PID/IPC/UTS namespaces, read-only system, private /tmp, the user's gateway home as $HOME, nothing of
// the gateway visible, network kept so users can fetch code), with a host key of its own and an authorized_keys
// holding only the client's key. It logs in as the gateway's OS account by its name in the account database.
// READY only once sshd accepts connections.
//
// A session outlives the gateway (an upgrade, a crash): its sshd runs under a tandem-job-run that leads a process
// session of its own, its files are in the gateway's data directory (sessions/<id>), and a restarted gateway picks it
// up again by its process (adopt()), so that a connected desktop keeps its shells.
class LocalSessionBackend : public SessionBackend
{
    Q_OBJECT

public:
    // `stateDir`: the gateway's own folder for the sessions' files; `runner`: tandem-job-run.
    LocalSessionBackend(QString stateDir, QString runner, QStringList hiddenPaths, bool allowUnsandboxed = false,
                        QObject *parent = nullptr);
    ~LocalSessionBackend() override;

    void start(qint64 sessionId, const QString &home, const QByteArray &publicKey,
               const SessionResources &resources) override;
    void stop(qint64 sessionId) override;
    bool adopt(qint64 sessionId, const SessionEndpoint &endpoint) override;
    void discard(qint64 sessionId, const SessionEndpoint &endpoint) override;
    QHash<qint64, int> connectionCounts() const override;
    bool replaceKey(qint64 sessionId, const QByteArray &publicKey) override;

private:
    struct Session
    {
        int pid = -1; // the runner that leads the session's processes
        int pidfd = -1;
        bool ours = false; // started by this gateway (its child, to be reaped), not adopted
        QSocketNotifier *exited = nullptr;
        QString dir;
        SessionEndpoint endpoint;
        bool ready = false;
        bool stopping = false;
    };
    void waitUntilAccepting(qint64 sessionId, int attemptsLeft);
    void fail(qint64 sessionId, const QString &message);
    // Watches the session's runner and reports its end.
    void follow(qint64 sessionId);
    void onExited(qint64 sessionId);
    QString directoryOf(qint64 sessionId) const;

    QString m_stateDir;
    QString m_runner;
    Sandbox m_sandbox;
    QHash<qint64, Session> m_sessions;
};

} // namespace tandem::gateway
