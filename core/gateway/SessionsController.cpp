#include "gateway/SessionsController.h"

#include "gateway/Accounts.h"
#include "gateway/RouteMatch.h"
#include "gateway/SessionService.h"

#include <QJsonArray>

namespace tandem::gateway {

std::optional<Reply> SessionsController::handle(QHttpServerRequest::Method method, const QStringList &path,
                                                const QJsonObject &body, const User &user)
{
    using Method = QHttpServerRequest::Method;
    if ((method == Method::Post && pathIs(path, {"api", "v1", "sessions"}))) {
        auto session = m_sessions.start(user, body.value(QStringLiteral("publicKey")).toString().toUtf8());
        return session ? Reply::json(*session, 202) : Reply::error(session.error());
    }
    if ((method == Method::Get && pathIs(path, {"api", "v1", "sessions"})))
        return Reply::json(QJsonObject{{QStringLiteral("sessions"), m_sessions.list(user)}});
    if ((method == Method::Post && pathIs(path, {"api", "v1", "sessions", "stop"}))) {
        const bool all = body.value(QStringLiteral("all")).toBool(false);
        const QJsonValue idsValue = body.value(QStringLiteral("ids"));
        QList<qint64> ids;
        bool valid = all != idsValue.isArray();
        for (const QJsonValue &value : idsValue.toArray()) {
            valid = valid && value.isDouble() && value.toDouble() == double(value.toInteger()) && value.toInteger() > 0;
            ids.append(value.toInteger());
        }
        if (!valid)
            return Reply::error(Error::badRequest(QStringLiteral("invalid_selection"),
                                                  tr("Give either \"ids\", a list of session ids, or \"all\": true."),
                                                  QStringLiteral("ids")));
        auto stopping = m_sessions.stopMany(user, ids, all);
        return stopping ? Reply::json(QJsonObject{{QStringLiteral("sessions"), *stopping}}, 202)
                        : Reply::error(stopping.error());
    }
    if (path.size() == 5 && path[2] == u"sessions" && path[4] == u"key" && method == Method::Post) {
        bool isId = false;
        const qint64 id = path[3].toLongLong(&isId);
        auto session = isId
            ? m_sessions.replaceKey(user, id, body.value(QStringLiteral("publicKey")).toString().toUtf8())
            : Result<QJsonObject>(std::unexpected(Error::notFound(tr("There is no session %1.").arg(path[3]))));
        return session ? Reply::json(*session) : Reply::error(session.error());
    }
    if (path.size() == 4 && path[2] == u"sessions") {
        bool isId = false;
        const qint64 id = path[3].toLongLong(&isId);
        if (isId && method == Method::Get) {
            auto session = m_sessions.get(user, id);
            return session ? Reply::json(*session) : Reply::error(session.error());
        }
        if (isId && method == Method::Delete) {
            auto session = m_sessions.stop(user, id);
            return session ? Reply::json(*session, 202) : Reply::error(session.error());
        }
        return Reply::error(Error::notFound(tr("There is no session %1.").arg(path[3])));
    }
    return std::nullopt;
}

} // namespace tandem::gateway
