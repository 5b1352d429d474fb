#pragma once

#include <QHash>
#include <QObject>
#include <QString>

namespace tandem::gateway {

// Where interactive sessions run: an sshd in a local sandbox today, a Slurm job next. The session service asks a
// backend to start one for a user's home and public key and hears when it accepts connections or ends.
struct SessionEndpoint
{
    QString host;
    quint16 port = 0;
    QString userName; // the account to log in as
    QString hostKeyFingerprint; // "SHA256:…", as ssh-keygen -l prints it
    // What finds the session again after a gateway restart: a local process ("pid:start time:boot id").
    QString handle;
};

// Per-process limits inside a session (without cgroups these are rlimits: they bound each process, not the sum).
struct SessionResources
{
    qint64 memoryLimitMb = 0; // address space per process; 0 = none
    int openFiles = 4096;
    qint64 lifetimeSeconds = 0; // the role's longest session (a Slurm session's time limit); 0 = none
};

class SessionBackend : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // Starts a session; ready() or failed() follows. `home` becomes $HOME inside it.
    virtual void start(qint64 sessionId, const QString &home, const QByteArray &publicKey,
                       const SessionResources &resources)
        = 0;
    virtual void stop(qint64 sessionId) = 0;
    // After a gateway restart: follows a session that was READY before it, from what ready() reported. False when it
    // is gone (or this backend cannot pick sessions up); true means it is READY again, and stopped() or failed()
    // follows when it ends.
    virtual bool adopt(qint64 sessionId, const SessionEndpoint &endpoint)
    {
        Q_UNUSED(sessionId);
        Q_UNUSED(endpoint);
        return false;
    }
    // After a gateway restart: ends what a session that was still starting left behind, found by the handle that
    // launched() reported (its ready() never came, so nothing of it is adopted).
    virtual void discard(qint64 sessionId, const SessionEndpoint &endpoint)
    {
        Q_UNUSED(sessionId);
        Q_UNUSED(endpoint);
    }
    // Replaces the one key the session accepts (a restarted desktop holds a new key pair); false if it cannot.
    virtual bool replaceKey(qint64 sessionId, const QByteArray &publicKey) = 0;
    // Open client connections per running session (sessions without any may be left out): what idle time is
    // measured by. Called about once a second for all sessions at once, so it must be cheap.
    virtual QHash<qint64, int> connectionCounts() const = 0;

Q_SIGNALS:
    // Its process exists, not yet accepting connections: what finds it again (kept before ready(), so that a gateway
    // stopped meanwhile can end it).
    void launched(qint64 sessionId, const QString &handle);
    void ready(qint64 sessionId, const tandem::gateway::SessionEndpoint &endpoint);
    void failed(qint64 sessionId, const QString &message);
    void stopped(qint64 sessionId);
    // It ended by itself for a reason that is no failure ("Time limit reached …").
    void ended(qint64 sessionId, const QString &reason);
    // Something to show while it keeps its state: why a Slurm session waits.
    void note(qint64 sessionId, const QString &message);
};

} // namespace tandem::gateway
