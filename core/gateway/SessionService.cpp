#include "gateway/SessionService.h"

#include "api/ErrorCode.h"

#include "gateway/EventHub.h"
#include "gateway/Store.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace tandem::gateway {

namespace {

constexpr qint64 KeepEndedSeconds = 3600; // ended sessions stay listed this long

QString endpointJson(const SessionEndpoint &endpoint)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("host"), endpoint.host},
                                  {QStringLiteral("port"), int(endpoint.port)},
                                  {QStringLiteral("userName"), endpoint.userName},
                                  {QStringLiteral("hostKeyFingerprint"), endpoint.hostKeyFingerprint},
                                  {QStringLiteral("handle"), endpoint.handle}})
            .toJson(QJsonDocument::Compact));
}

SessionEndpoint endpointFromJson(const QString &text)
{
    const QJsonObject object = QJsonDocument::fromJson(text.toUtf8()).object();
    return {object.value(QStringLiteral("host")).toString(), quint16(object.value(QStringLiteral("port")).toInt()),
            object.value(QStringLiteral("userName")).toString(),
            object.value(QStringLiteral("hostKeyFingerprint")).toString(),
            object.value(QStringLiteral("handle")).toString()};
}

// The store's columns are NOT NULL: an empty text is bound as '', never as a null QString (NULL).
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QString timestamp(const QDateTime &moment)
{
    return moment.isValid() ? moment.toUTC().toString(Qt::ISODateWithMs) : QStringLiteral("");
}

} // namespace

Result<void> SessionPolicies::load(const QJsonObject &sessions)
{
    for (auto it = sessions.begin(); it != sessions.end(); ++it) {
        const auto role = User::roleFromString(it.key());
        const QString field = QStringLiteral("sessions.") + it.key();
        if (!role || !it.value().isObject())
            return std::unexpected(Error::make(
                api::ErrorCode::ConfigInvalid,
                tr("%1: sessions are configured per role (user, instructor, admin), each an object.").arg(field),
                field));
        SessionPolicy &policy = m_policies[int(*role)];
        const QJsonObject values = it.value().toObject();
        for (auto value = values.begin(); value != values.end(); ++value) {
            const QString name = value.key();
            const double number = value.value().toDouble(-1);
            if (number < 0 || number != std::floor(number)
                || (name == u"maxSessions" && (number < 0 || number > 1000))) {
                return std::unexpected(Error::make(api::ErrorCode::ConfigInvalid,
                                                   tr("%1.%2 must be a whole number of at least 0.").arg(field, name),
                                                   field + u'.' + name));
            }
            if (name == u"maxSessions")
                policy.maxSessions = int(number);
            else if (name == u"idleTimeoutSeconds")
                policy.idleTimeoutSeconds = qint64(number);
            else if (name == u"maxLifetimeSeconds")
                policy.maxLifetimeSeconds = qint64(number);
            else if (name == u"memoryLimitMb")
                policy.memoryLimitMb = qint64(number);
            else
                return std::unexpected(Error::make(
                    api::ErrorCode::ConfigInvalid,
                    tr("%1.%2 is not a session setting (maxSessions, idleTimeoutSeconds, maxLifetimeSeconds, "
                       "memoryLimitMb).")
                        .arg(field, name),
                    field + u'.' + name));
        }
    }
    return {};
}

SessionService::SessionService(Store &store, SessionBackend &backend, EventHub &events,
                               std::function<QString(const User &)> homeOf, SessionPolicies policies, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_backend(backend)
    , m_events(events)
    , m_homeOf(std::move(homeOf))
    , m_policies(std::move(policies))
{
    connect(&m_backend, &SessionBackend::ready, this, [this](qint64 id, const SessionEndpoint &endpoint) {
        if (auto it = m_sessions.find(id); it != m_sessions.end()) {
            it->endpoint = endpoint;
            it->lastConnected = QDateTime::currentDateTimeUtc();
            record(*it);
            if (it->state == api::Session::State::Starting)
                setState(id, api::Session::State::Ready, tr("Accepting connections."));
        }
    });
    connect(&m_backend, &SessionBackend::launched, this, [this](qint64 id, const QString &handle) {
        if (auto it = m_sessions.find(id); it != m_sessions.end()) {
            it->endpoint.handle = handle;
            record(*it);
        }
    });
    connect(&m_backend, &SessionBackend::failed, this,
            [this](qint64 id, const QString &message) { setState(id, api::Session::State::Failed, message); });
    connect(&m_backend, &SessionBackend::ended, this,
            [this](qint64 id, const QString &reason) { setState(id, api::Session::State::Stopped, reason); });
    connect(&m_backend, &SessionBackend::note, this, [this](qint64 id, const QString &message) {
        if (auto it = m_sessions.constFind(id); it != m_sessions.cend() && isActive(*it))
            setState(id, it->state, message);
    });
    connect(&m_backend, &SessionBackend::stopped, this, [this](qint64 id) {
        const auto it = m_sessions.constFind(id);
        if (it != m_sessions.cend())
            setState(id, api::Session::State::Stopped, it->stopReason.isEmpty() ? tr("Stopped.") : it->stopReason);
    });
    m_limitTimer.setInterval(std::chrono::seconds(1));
    connect(&m_limitTimer, &QTimer::timeout, this, &SessionService::checkLimits);
    m_limitTimer.start();
}

bool SessionService::isActive(const Session &session)
{
    return session.state == api::Session::State::Starting || session.state == api::Session::State::Ready;
}

QJsonObject SessionService::toJson(const Session &session) const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    api::Session shown;
    shown.id = session.id;
    shown.owner = session.owner;
    shown.group = session.group;
    shown.state = session.state;
    shown.message = session.message;
    shown.createdAt = session.created;
    shown.ageSeconds = session.created.secsTo(session.ended.isValid() ? session.ended : now);
    shown.connections = session.connections;
    if (session.state == api::Session::State::Ready) {
        shown.idleSeconds = session.connections > 0 ? 0 : session.lastConnected.secsTo(now);
        shown.host = session.endpoint.host;
        shown.port = session.endpoint.port;
        shown.userName = session.endpoint.userName;
        shown.hostKeyFingerprint = session.endpoint.hostKeyFingerprint;
    }
    if (isActive(session)) {
        const SessionPolicy &policy = m_policies.of(session.role);
        if (policy.maxLifetimeSeconds > 0)
            shown.expiresAt = session.created.addSecs(policy.maxLifetimeSeconds);
        if (policy.idleTimeoutSeconds > 0)
            shown.idleTimeoutSeconds = policy.idleTimeoutSeconds;
    }
    return shown.toJson();
}

void SessionService::setState(qint64 id, api::Session::State state, const QString &message)
{
    auto it = m_sessions.find(id);
    if (it == m_sessions.end())
        return;
    it->state = state;
    it->message = message;
    if (state == api::Session::State::Stopped || state == api::Session::State::Failed) {
        it->ended = QDateTime::currentDateTimeUtc();
        it->connections = 0;
    }
    record(*it);
    Event event;
    event.ownerId = it->ownerId;
    event.ownerGroup = it->group;
    event.kind = QStringLiteral("session");
    event.data = toJson(*it);
    m_events.publish(event);
}

Result<void> SessionService::checkKey(const QByteArray &publicKey)
{
    static const QRegularExpression keyPattern(
        QStringLiteral("^(ssh-ed25519|ecdsa-sha2-nistp(256|384|521)|ssh-rsa) [A-Za-z0-9+/=]{40,} ?[^\\n\\r]*$"));
    if (!keyPattern.match(QString::fromLatin1(publicKey.trimmed())).hasMatch()) {
        return std::unexpected(
            Error::make(api::ErrorCode::InvalidKey,
                        tr("publicKey must be one OpenSSH public key line (ssh-ed25519, ecdsa or ssh-rsa)."),
                        QStringLiteral("publicKey")));
    }
    return {};
}

Result<QJsonObject> SessionService::start(const User &user, const QByteArray &publicKey)
{
    if (auto checked = checkKey(publicKey); !checked)
        return std::unexpected(checked.error());
    const SessionPolicy &policy = m_policies.of(user.role);
    QList<qint64> active;
    for (const Session &session : std::as_const(m_sessions)) {
        if (session.ownerId == user.id && isActive(session))
            active.append(session.id);
    }
    if (active.size() >= policy.maxSessions) {
        std::sort(active.begin(), active.end());
        // A per-user cap like the others (queued jobs, streams, uploads): 429, with the sessions to stop.
        return std::unexpected(Error::make(
            api::ErrorCode::SessionLimit,
            policy.maxSessions == 0
                ? tr("Your account may not start interactive sessions.")
                : tr("You already have %n session(s) running (%1); stop one first.", nullptr, int(active.size()))
                      .arg(QLocale::c().createSeparatedList([&] {
                          QStringList ids;
                          for (qint64 id : active)
                              ids.append(QString::number(id));
                          return ids;
                      }()))));
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto inserted
        = m_store.exec(QStringLiteral("INSERT INTO sessions (user_id, state, created_at) VALUES (?, 'STARTING', ?)"),
                       {user.id, timestamp(now)});
    if (!inserted)
        return std::unexpected(Error::internal(tr("Cannot record the session.")));
    Session session;
    session.id = inserted->lastInsertId().toLongLong();
    session.ownerId = user.id;
    session.owner = user.name;
    session.group = user.group;
    session.role = user.role;
    session.created = now;
    session.lastConnected = now;
    m_sessions.insert(session.id, session);
    // No message of its own: one comes from the backend when there is something to say (a pending reason).
    setState(session.id, api::Session::State::Starting, QStringLiteral(""));
    // The backend answers later through its signals; this request returns at once.
    SessionResources resources;
    resources.memoryLimitMb = policy.memoryLimitMb;
    resources.lifetimeSeconds = policy.maxLifetimeSeconds;
    m_backend.start(session.id, m_homeOf(user), publicKey.trimmed(), resources);
    return toJson(m_sessions.value(session.id));
}

Result<QJsonObject> SessionService::replaceKey(const User &user, qint64 id, const QByteArray &publicKey)
{
    auto it = m_sessions.find(id);
    // Only the owner logs in to a session; others (instructors, admins) may see and stop it, not enter it.
    if (it == m_sessions.end() || it->ownerId != user.id)
        return std::unexpected(Error::notFound(tr("There is no session %1.").arg(id)));
    if (auto checked = checkKey(publicKey); !checked)
        return std::unexpected(checked.error());
    if (!isActive(*it))
        return std::unexpected(
            Error::make(api::ErrorCode::SessionEnding,
                        tr("Session %1 is already %2.").arg(id).arg(api::sessionStateName(it->state).toLower())));
    if (!m_backend.replaceKey(id, publicKey.trimmed()))
        return std::unexpected(Error::make(api::ErrorCode::SessionStarting,
                                           tr("Session %1 is still starting; try again in a moment.").arg(id)));
    return toJson(*it);
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
    QList<const Session *> visible;
    for (const Session &session : m_sessions) {
        if (user.canRead(session.ownerId, session.group))
            visible.append(&session);
    }
    std::sort(visible.begin(), visible.end(), [](const Session *a, const Session *b) { return a->id > b->id; });
    QJsonArray sessions;
    for (const Session *session : std::as_const(visible))
        sessions.append(toJson(*session));
    return sessions;
}

void SessionService::record(const Session &session)
{
    m_store.exec(
        QStringLiteral("UPDATE sessions SET state = ?, message = ?, ended_at = ?, stop_reason = ?, endpoint = ? "
                       "WHERE id = ?"),
        {api::sessionStateName(session.state), text(session.message), timestamp(session.ended),
         text(session.stopReason), endpointJson(session.endpoint), session.id});
}

void SessionService::recover()
{
    auto q = m_store.exec(QStringLiteral(
        "SELECT s.id, s.user_id, u.name, u.grp, u.role, s.state, s.created_at, s.stop_reason, s.endpoint "
        "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.state IN ('STARTING', 'READY', 'STOPPING') "
        "ORDER BY s.id"));
    if (!q)
        return;
    QList<Session> found;
    while (q->next()) {
        Session session;
        session.id = q->value(0).toLongLong();
        session.ownerId = q->value(1).toLongLong();
        session.owner = q->value(2).toString();
        session.group = q->value(3).toString();
        session.role = User::roleFromString(q->value(4).toString()).value_or(User::Role::User);
        session.state = api::sessionStateFromString(q->value(5).toString()).value_or(api::Session::State::Failed);
        session.created = QDateTime::fromString(q->value(6).toString(), Qt::ISODateWithMs);
        session.stopReason = q->value(7).toString();
        session.endpoint = endpointFromJson(q->value(8).toString());
        session.lastConnected = QDateTime::currentDateTimeUtc();
        found.append(session);
    }
    for (const Session &session : std::as_const(found)) {
        const api::Session::State was = session.state;
        m_sessions.insert(session.id, session);
        // A session that was still starting has no sshd to go back to; one that was READY or stopping may.
        const bool running = was != api::Session::State::Starting && !session.endpoint.handle.isEmpty()
            && m_backend.adopt(session.id, session.endpoint);
        if (!running) {
            if (was == api::Session::State::Starting && !session.endpoint.handle.isEmpty())
                m_backend.discard(session.id, session.endpoint);
            setState(session.id, api::Session::State::Failed,
                     was == api::Session::State::Starting
                         ? tr("The gateway restarted while the session was starting; start it again.")
                         : tr("The session ended while the gateway was stopped."));
        } else if (was == api::Session::State::Stopping) {
            beginStop(m_sessions[session.id], session.stopReason);
        } else {
            setState(session.id, api::Session::State::Ready, tr("Found again after the gateway restarted."));
        }
    }
}

void SessionService::beginStop(Session &session, const QString &reason)
{
    session.stopReason = reason;
    setState(session.id, api::Session::State::Stopping, tr("Stopping."));
    m_backend.stop(session.id);
}

void SessionService::stopBy(const User &user, Session &session)
{
    beginStop(session, session.ownerId == user.id ? tr("Stopped.") : tr("Stopped by %1.").arg(user.name));
}

Result<QJsonObject> SessionService::stop(const User &user, qint64 id)
{
    auto it = m_sessions.find(id);
    if (it == m_sessions.end() || !user.canRead(it->ownerId, it->group))
        return std::unexpected(Error::notFound(tr("There is no session %1.").arg(id)));
    if (!isActive(*it))
        return std::unexpected(
            Error::make(api::ErrorCode::SessionEnding,
                        tr("Session %1 is already %2.").arg(id).arg(api::sessionStateName(it->state).toLower())));
    stopBy(user, *it);
    return toJson(m_sessions.value(id));
}

Result<QJsonArray> SessionService::stopMany(const User &user, const QList<qint64> &ids, bool all)
{
    QList<qint64> chosen;
    if (all) {
        for (const Session &session : std::as_const(m_sessions)) {
            if (user.canRead(session.ownerId, session.group))
                chosen.append(session.id);
        }
    } else {
        for (qint64 id : ids) {
            const auto it = m_sessions.constFind(id);
            if (it == m_sessions.cend() || !user.canRead(it->ownerId, it->group))
                return std::unexpected(Error::make(api::ErrorCode::NotFound,
                                                   tr("There is no session %1; no session was stopped.").arg(id),
                                                   QStringLiteral("ids")));
            chosen.append(id);
        }
    }
    std::sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
    QJsonArray stopping;
    for (qint64 id : std::as_const(chosen)) {
        Session &session = m_sessions[id];
        if (!isActive(session))
            continue;
        stopBy(user, session);
        stopping.append(toJson(session));
    }
    return stopping;
}

void SessionService::checkLimits()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QHash<qint64, int> connections = m_backend.connectionCounts();
    QList<qint64> forgotten;
    for (Session &session : m_sessions) {
        if (session.ended.isValid()) {
            if (session.ended.secsTo(now) > KeepEndedSeconds)
                forgotten.append(session.id);
            continue;
        }
        if (session.state != api::Session::State::Ready)
            continue;
        session.connections = connections.value(session.id);
        if (session.connections > 0)
            session.lastConnected = now;
        const SessionPolicy &policy = m_policies.of(session.role);
        if (policy.maxLifetimeSeconds > 0 && session.created.secsTo(now) >= policy.maxLifetimeSeconds) {
            beginStop(session,
                      tr("Time limit reached: sessions of your role last at most %n minute(s).", nullptr,
                         int((policy.maxLifetimeSeconds + 59) / 60)));
        } else if (policy.idleTimeoutSeconds > 0 && session.connections == 0
                   && session.lastConnected.secsTo(now) >= policy.idleTimeoutSeconds) {
            beginStop(session,
                      tr("Stopped after %n minute(s) without a connection.", nullptr,
                         int((policy.idleTimeoutSeconds + 59) / 60)));
        }
    }
    for (qint64 id : std::as_const(forgotten))
        m_sessions.remove(id);
}

} // namespace tandem::gateway
