#include "gateway/SessionService.h"

#include "gateway/EventHub.h"

#include <QRegularExpression>

namespace tandem::gateway {

SessionService::SessionService(SessionBackend &backend, EventHub &events, std::function<QString(const User &)> homeOf,
                               QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_events(events)
    , m_homeOf(std::move(homeOf))
{
    connect(&m_backend, &SessionBackend::ready, this, [this](qint64 id, const SessionEndpoint &endpoint) {
        if (auto it = m_sessions.find(id); it != m_sessions.end()) {
            it->endpoint = endpoint;
            setState(id, QStringLiteral("READY"), tr("Accepting connections."));
        }
    });
    connect(&m_backend, &SessionBackend::failed, this,
            [this](qint64 id, const QString &message) { setState(id, QStringLiteral("FAILED"), message); });
    connect(&m_backend, &SessionBackend::stopped, this,
            [this](qint64 id) { setState(id, QStringLiteral("STOPPED"), tr("Stopped.")); });
}

QJsonObject SessionService::toJson(const Session &session) const
{
    QJsonObject json{{QStringLiteral("id"), session.id},
                     {QStringLiteral("owner"), session.owner},
                     {QStringLiteral("state"), session.state},
                     {QStringLiteral("message"), session.message},
                     {QStringLiteral("createdAt"), session.created.toString(Qt::ISODateWithMs)}};
    if (session.state == u"READY") {
        json.insert(QStringLiteral("host"), session.endpoint.host);
        json.insert(QStringLiteral("port"), session.endpoint.port);
        json.insert(QStringLiteral("userName"), session.endpoint.userName);
        json.insert(QStringLiteral("hostKeyFingerprint"), session.endpoint.hostKeyFingerprint);
    }
    return json;
}

void SessionService::setState(qint64 id, const QString &state, const QString &message)
{
    auto it = m_sessions.find(id);
    if (it == m_sessions.end())
        return;
    it->state = state;
    it->message = message;
    Event event;
    event.ownerId = it->ownerId;
    event.ownerGroup = it->group;
    event.kind = QStringLiteral("session");
    event.data = toJson(*it);
    m_events.publish(event);
}

Result<QJsonObject> SessionService::start(const User &user, const QByteArray &publicKey)
{
    static const QRegularExpression keyPattern(
        QStringLiteral("^(ssh-ed25519|ecdsa-sha2-nistp(256|384|521)|ssh-rsa) [A-Za-z0-9+/=]{40,} ?[^\\n\\r]*$"));
    if (!keyPattern.match(QString::fromLatin1(publicKey.trimmed())).hasMatch()) {
        return std::unexpected(
            Error::badRequest(QStringLiteral("invalid_key"),
                              tr("publicKey must be one OpenSSH public key line (ssh-ed25519, ecdsa or ssh-rsa)."),
                              QStringLiteral("publicKey")));
    }
    for (const Session &session : std::as_const(m_sessions)) {
        if (session.ownerId == user.id && (session.state == u"STARTING" || session.state == u"READY"))
            return std::unexpected(Error::conflict(QStringLiteral("session_limit"),
                                                   tr("You already have session %1; stop it first.").arg(session.id)));
    }
    Session session{m_nextId++,
                    user.id,
                    user.name,
                    user.group,
                    QStringLiteral("STARTING"),
                    tr("Starting."),
                    QDateTime::currentDateTimeUtc(),
                    {}};
    m_sessions.insert(session.id, session);
    setState(session.id, QStringLiteral("STARTING"), tr("Starting."));
    // The backend answers later through its signals; this request returns at once.
    m_backend.start(session.id, m_homeOf(user), publicKey.trimmed());
    return toJson(m_sessions.value(session.id));
}

Result<QJsonObject> SessionService::get(const User &user, qint64 id) const
{
    auto it = m_sessions.constFind(id);
    if (it == m_sessions.constEnd() || !user.canRead(it->ownerId, it->group))
        return std::unexpected(Error::notFound(tr("There is no session %1.").arg(id)));
    return toJson(*it);
}

QJsonArray SessionService::list(const User &user) const
{
    QJsonArray sessions;
    for (const Session &session : m_sessions) {
        if (user.canRead(session.ownerId, session.group))
            sessions.append(toJson(session));
    }
    return sessions;
}

Result<QJsonObject> SessionService::stop(const User &user, qint64 id)
{
    auto it = m_sessions.find(id);
    if (it == m_sessions.end() || !user.canRead(it->ownerId, it->group))
        return std::unexpected(Error::notFound(tr("There is no session %1.").arg(id)));
    if (it->state == u"STOPPED" || it->state == u"FAILED" || it->state == u"STOPPING")
        return std::unexpected(Error::conflict(QStringLiteral("session_ending"),
                                               tr("Session %1 is already %2.").arg(id).arg(it->state.toLower())));
    setState(id, QStringLiteral("STOPPING"), tr("Stopping."));
    m_backend.stop(id);
    return toJson(m_sessions.value(id));
}

} // namespace tandem::gateway
