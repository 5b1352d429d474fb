#include "gateway/SessionsController.h"

#include "api/ErrorCode.h"
#include "api/Routes.h"

#include "gateway/Accounts.h"
#include "gateway/Router.h"
#include "gateway/SessionService.h"

#include <QJsonArray>

namespace tandem::gateway {

namespace {

Result<Reply> answer(const Result<QJsonObject> &session, int status = 200)
{
    return session ? Result<Reply>(Reply::json(*session, status)) : std::unexpected(session.error());
}

} // namespace

void SessionsController::addRoutes(Router &router)
{
    using Method = Router::Method;
    router.add(Method::Post, api::patterns::Sessions, [this](RouteContext &context) {
        return answer(
            m_sessions.start(context.user, context.body.value(QStringLiteral("publicKey")).toString().toUtf8()), 202);
    });
    router.add(Method::Get, api::patterns::Sessions, [this](RouteContext &context) -> Result<Reply> {
        return Reply::json(QJsonObject{{QStringLiteral("sessions"), m_sessions.list(context.user)}});
    });
    router.add(Method::Post, api::patterns::SessionsStop, [this](RouteContext &context) -> Result<Reply> {
        const bool all = context.body.value(QStringLiteral("all")).toBool(false);
        const QJsonValue idsValue = context.body.value(QStringLiteral("ids"));
        QList<qint64> ids;
        bool valid = all != idsValue.isArray();
        for (const QJsonValue &value : idsValue.toArray()) {
            valid = valid && value.isDouble() && value.toDouble() == double(value.toInteger()) && value.toInteger() > 0;
            ids.append(value.toInteger());
        }
        if (!valid)
            return std::unexpected(Error::make(api::ErrorCode::InvalidSelection,
                                               tr("Give either \"ids\", a list of session ids, or \"all\": true."),
                                               QStringLiteral("ids")));
        auto stopping = m_sessions.stopMany(context.user, ids, all);
        if (!stopping)
            return std::unexpected(stopping.error());
        return Reply::json(QJsonObject{{QStringLiteral("sessions"), *stopping}}, 202);
    });
    router.add(Method::Post, api::patterns::SessionKey, [this](RouteContext &context) {
        return answer(m_sessions.replaceKey(context.user, context.id(),
                                            context.body.value(QStringLiteral("publicKey")).toString().toUtf8()));
    });
    router.add(Method::Get, api::patterns::Session,
               [this](RouteContext &context) { return answer(m_sessions.get(context.user, context.id())); });
    router.add(Method::Delete, api::patterns::Session,
               [this](RouteContext &context) { return answer(m_sessions.stop(context.user, context.id()), 202); });
}

} // namespace tandem::gateway
