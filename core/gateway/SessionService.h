#pragma once

#include "Error.h"
#include "gateway/Accounts.h"
#include "gateway/SessionBackend.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace tandem::gateway {

class EventHub;

// Interactive sessions: STARTING → READY → STOPPING → STOPPED, or FAILED; each change is pushed on the event
// stream. One active session per user. Starting and stopping never block a request: the backend reports back.
class SessionService : public QObject
{
    Q_OBJECT

public:
    SessionService(SessionBackend &backend, EventHub &events, std::function<QString(const User &)> homeOf,
                   QObject *parent = nullptr);

    Result<QJsonObject> start(const User &user, const QByteArray &publicKey);
    Result<QJsonObject> get(const User &user, qint64 id) const;
    QJsonArray list(const User &user) const;
    Result<QJsonObject> stop(const User &user, qint64 id);

private:
    struct Session
    {
        qint64 id = 0;
        qint64 ownerId = 0;
        QString owner;
        QString group;
        QString state;
        QString message;
        QDateTime created;
        SessionEndpoint endpoint;
    };
    QJsonObject toJson(const Session &session) const;
    void setState(qint64 id, const QString &state, const QString &message);

    SessionBackend &m_backend;
    EventHub &m_events;
    std::function<QString(const User &)> m_homeOf;
    QHash<qint64, Session> m_sessions;
    qint64 m_nextId = 1;
};

} // namespace tandem::gateway
