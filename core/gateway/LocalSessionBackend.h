#pragma once

#include "gateway/Sandbox.h"
#include "gateway/SessionBackend.h"

#include <QHash>
#include <QPointer>
#include <QStringList>

class QProcess;
class QTemporaryDir;

namespace tandem::gateway {

// A session is an OpenSSH sshd bound to 127.0.0.1 on a free port, run as the gateway's own ordinary user inside the
// Sandbox (own PID/IPC/UTS namespaces, read-only system, private /tmp, the user's gateway home as $HOME, nothing of
// the gateway visible, network kept so users can fetch code), with a host key of its own and an authorized_keys
// holding only the client's key. It logs in as the gateway's OS account by its name in the account database.
// READY only once sshd accepts connections.
class LocalSessionBackend : public SessionBackend
{
    Q_OBJECT

public:
    explicit LocalSessionBackend(QStringList hiddenPaths, bool allowUnsandboxed = false, QObject *parent = nullptr);
    ~LocalSessionBackend() override;

    void start(qint64 sessionId, const QString &home, const QByteArray &publicKey,
               const SessionResources &resources) override;
    void stop(qint64 sessionId) override;
    QHash<qint64, int> connectionCounts() const override;
    bool replaceKey(qint64 sessionId, const QByteArray &publicKey) override;

private:
    struct Session
    {
        QProcess *sshd = nullptr;
        std::shared_ptr<QTemporaryDir> dir;
        SessionEndpoint endpoint;
        bool ready = false;
        bool stopping = false;
    };
    void waitUntilAccepting(qint64 sessionId, int attemptsLeft);
    void fail(qint64 sessionId, const QString &message);

    Sandbox m_sandbox;
    QHash<qint64, Session> m_sessions;
};

} // namespace tandem::gateway
