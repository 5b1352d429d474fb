#pragma once

#include "api/Session.h"
#include "client/GatewayApi.h"

#include <QObject>
#include <QTimer>

namespace tandem {

class GatewayConnection;

// One desktop's interactive session as the gateway sees it: finding a running one after a restart, starting one,
// giving it this desktop's key (again while it is still starting), following its state (polled while STARTING,
// pushed events after) and stopping it. The Terminal tab connects to it over SSH when it is ready.
class SessionController : public QObject
{
    Q_OBJECT

public:
    explicit SessionController(GatewayConnection &connection, QObject *parent = nullptr);

    qint64 sessionId() const { return m_id; }

    // A STARTING or READY session of `owner`'s, if there is one: runningFound() names it.
    void findRunning(const QString &owner);
    void start(const QByteArray &publicKey);
    // A running session takes `publicKey` instead of the one it had; asked again while it is still starting.
    void rekey(qint64 id, const QByteArray &publicKey);
    // The session as the gateway has it now, for a reconnect to decide what to do.
    void refresh(QObject *context, Done<api::Session> done);
    void stop();
    // News of the session — an answer, an event, a refresh — moved along as starting(), ready(), stopping(), ended().
    void adopt(const api::Session &session);
    void onSessionEvent(const api::Session &session); // adopted if it is this one
    void stopWatching(); // no more polling until the next adopt
    void forget(); // signed out: no session, nothing watched

Q_SIGNALS:
    void runningFound(qint64 id);
    // Still starting; `message` says why it waits where the gateway knows (a Slurm job's pending reason).
    void starting(const QString &message);
    void ready(const tandem::api::Session &session);
    void stopping();
    void ended(const QString &message);
    void startFailed(const QString &message);
    void rekeyFailed(qint64 id, const QString &message);
    void stopFailed(const QString &message);

private:
    SessionsApi m_sessions;
    qint64 m_id = 0;
    QTimer m_poll;
};

} // namespace tandem
