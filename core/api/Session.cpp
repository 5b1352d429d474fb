#include "api/Session.h"

#include "api/JsonReader.h"

using namespace Qt::StringLiterals;

namespace tandem::api {

namespace {

constexpr std::pair<Session::State, QLatin1StringView> StateNames[] = {
    {Session::State::Starting, "STARTING"_L1}, {Session::State::Ready, "READY"_L1},
    {Session::State::Stopping, "STOPPING"_L1}, {Session::State::Stopped, "STOPPED"_L1},
    {Session::State::Failed, "FAILED"_L1},
};

} // namespace

QString sessionStateName(Session::State state)
{
    for (const auto &[value, name] : StateNames) {
        if (value == state)
            return name;
    }
    return {};
}

std::optional<Session::State> sessionStateFromString(QStringView text)
{
    for (const auto &[value, name] : StateNames) {
        if (text == name)
            return value;
    }
    return std::nullopt;
}

QList<Session::State> allSessionStates()
{
    QList<Session::State> states;
    for (const auto &[value, name] : StateNames)
        states << value;
    return states;
}

QJsonObject Session::toJson() const
{
    QJsonObject object{{u"id"_s, id},
                       {u"owner"_s, owner},
                       {u"state"_s, sessionStateName(state)},
                       {u"message"_s, message},
                       {u"createdAt"_s, isoDateTime(createdAt)},
                       {u"group"_s, group},
                       {u"ageSeconds"_s, ageSeconds},
                       {u"connections"_s, connections}};
    if (!host.isEmpty())
        object.insert(u"host"_s, host);
    if (port)
        object.insert(u"port"_s, *port);
    if (!userName.isEmpty())
        object.insert(u"userName"_s, userName);
    if (!hostKeyFingerprint.isEmpty())
        object.insert(u"hostKeyFingerprint"_s, hostKeyFingerprint);
    if (idleSeconds)
        object.insert(u"idleSeconds"_s, *idleSeconds);
    if (expiresAt.isValid())
        object.insert(u"expiresAt"_s, isoDateTime(expiresAt));
    if (idleTimeoutSeconds)
        object.insert(u"idleTimeoutSeconds"_s, *idleTimeoutSeconds);
    return object;
}

Result<Session> Session::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    Session session;
    session.id = read.integer("id"_L1);
    session.owner = read.string("owner"_L1);
    session.state = read.enumerated("state"_L1, &sessionStateFromString, State::Failed);
    session.message = read.string("message"_L1);
    session.createdAt = read.dateTime("createdAt"_L1);
    session.host = read.optionalString("host"_L1);
    if (const auto port = read.optionalInteger("port"_L1))
        session.port = int(*port);
    session.userName = read.optionalString("userName"_L1);
    session.hostKeyFingerprint = read.optionalString("hostKeyFingerprint"_L1);
    session.group = read.string("group"_L1);
    session.ageSeconds = read.integer("ageSeconds"_L1);
    session.connections = int(read.integer("connections"_L1));
    session.idleSeconds = read.optionalInteger("idleSeconds"_L1);
    session.expiresAt = read.optionalDateTime("expiresAt"_L1);
    session.idleTimeoutSeconds = read.optionalInteger("idleTimeoutSeconds"_L1);
    return read.finish(std::move(session));
}

} // namespace tandem::api
