#pragma once

#include "api/Session.h"

#include "Error.h"
#include "gateway/Accounts.h"
#include "gateway/SessionBackend.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>

namespace tandem::gateway {

class EventHub;
class Store;

// How many sessions a role may hold and how long they may live. From the config file's "sessions" object:
// {"user": {"maxSessions": 1, "idleTimeoutSeconds": 3600, "maxLifetimeSeconds": 43200, "memoryLimitMb": 0},
// "instructor": {…}, …}; 0 means no limit for the durations and the memory (address space per process).
struct SessionPolicy
{
    int maxSessions = 1;
    qint64 idleTimeoutSeconds = 3600;
    qint64 maxLifetimeSeconds = 12 * 3600;
    qint64 memoryLimitMb = 0; // per process; 0 = none
};

class SessionPolicies
{
    Q_DECLARE_TR_FUNCTIONS(tandem::gateway::SessionPolicies)

public:
    const SessionPolicy &of(User::Role role) const { return m_policies[int(role)]; }
    Result<void> load(const QJsonObject &sessions);

private:
    std::array<SessionPolicy, 3> m_policies{};
};

// Interactive sessions: STARTING → READY → STOPPING → STOPPED, or FAILED; each change is pushed on the event
// stream and kept in the store. Starting and stopping never block a request: the backend reports back. Sessions left
// without a client connection longer than the role's idle timeout, or older than its lifetime, are stopped with the
// reason given. After a restart recover() picks up the sessions that were READY (their sshd still runs).
class SessionService : public QObject
{
    Q_OBJECT

public:
    SessionService(Store &store, SessionBackend &backend, EventHub &events, std::function<QString(const User &)> homeOf,
                   SessionPolicies policies = {}, QObject *parent = nullptr);

    // After a restart: the sessions the store holds as active, READY again where the backend finds them, ended
    // with the reason where not.
    void recover();

    Result<QJsonObject> start(const User &user, const QByteArray &publicKey);
    Result<QJsonObject> get(const User &user, qint64 id) const;
    QJsonArray list(const User &user) const;
    Result<QJsonObject> stop(const User &user, qint64 id);
    // Gives the owner's session a new public key (the previous one stops working for new logins).
    Result<QJsonObject> replaceKey(const User &user, qint64 id, const QByteArray &publicKey);
    // Stops the listed sessions, or with `all` every session the user may see (an admin's: everyone's, an
    // instructor's: the group's). All or nothing: an id the user cannot see refuses the whole request. Sessions
    // already ending are left as they are. Returns the sessions now stopping.
    Result<QJsonArray> stopMany(const User &user, const QList<qint64> &ids, bool all);

    // Stops sessions past their idle timeout or lifetime, forgets long-ended ones; runs every second.
    void checkLimits();

private:
    struct Session
    {
        qint64 id = 0;
        qint64 ownerId = 0;
        QString owner;
        QString group;
        User::Role role = User::Role::User;
        api::Session::State state = api::Session::State::Starting;
        QString message;
        QDateTime created;
        QDateTime lastConnected; // the last moment a client was connected (or READY)
        QDateTime ended;
        int connections = 0;
        QString stopReason;
        SessionEndpoint endpoint;
    };
    QJsonObject toJson(const Session &session) const;
    void setState(qint64 id, api::Session::State state, const QString &message);
    void beginStop(Session &session, const QString &reason);
    // A stop asked by `user`: the owner's own, or one by an admin or instructor, who is then named.
    void stopBy(const User &user, Session &session);
    static bool isActive(const Session &session);
    static Result<void> checkKey(const QByteArray &publicKey);
    void record(const Session &session);

    Store &m_store;
    SessionBackend &m_backend;
    EventHub &m_events;
    std::function<QString(const User &)> m_homeOf;
    SessionPolicies m_policies;
    QHash<qint64, Session> m_sessions;
    QTimer m_limitTimer;
};

} // namespace tandem::gateway
