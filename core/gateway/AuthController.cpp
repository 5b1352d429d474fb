#include "gateway/AuthController.h"

#include "api/ErrorCode.h"
#include "api/Routes.h"
#include "api/User.h"
#include "gateway/Accounts.h"
#include "gateway/PasswordWork.h"
#include "gateway/Router.h"

#include <QHttpServerRequest>
#include <QJsonArray>

namespace tandem::gateway {

namespace {

Reply tokenReply(const IssuedToken &issued)
{
    return Reply::json(api::Token{QString::fromLatin1(issued.token), issued.expiresAt}.toJson(), 201);
}

} // namespace

AuthController::AuthController(Accounts &accounts, PasswordWork &passwords, QObject *parent)
    : QObject(parent)
    , m_accounts(accounts)
    , m_passwords(passwords)
{ }

void AuthController::addRoutes(Router &router)
{
    using Method = Router::Method;
    router.add(
        Method::Post, api::patterns::Token,
        [this](RouteContext &context) -> Result<Reply> {
            const QString name = context.body.value(QStringLiteral("name")).toString();
            const QString password = context.body.value(QStringLiteral("password")).toString();
            if (m_passwords.isFull()) // before the attempt counts against the throttle
                return PasswordWork::busy();
            auto attempt = m_accounts.beginLogin(name, context.request.remoteAddress().toString());
            if (!attempt)
                return std::unexpected(attempt.error());
            context.user.name = name; // for the request log
            context.responded = true;
            const QByteArray hash = attempt->hash;
            m_passwords.run(
                context.responder,
                [hash, password] { return Reply(Accounts::verifyPassword(hash, password) ? 200 : 401); },
                [this, attempt = *attempt](const Reply &verified) {
                    auto issued = m_accounts.finishLogin(attempt, verified.status == 200);
                    return issued ? tokenReply(*issued) : Reply::error(issued.error());
                });
            return Reply{};
        },
        Router::Access::Anyone);
    router.add(Method::Post, api::patterns::Renew, [this](RouteContext &context) -> Result<Reply> {
        auto issued = m_accounts.issueToken(context.user.id);
        if (!issued)
            return std::unexpected(issued.error());
        const QByteArray old = bearerToken(context.request);
        m_accounts.revoke(old);
        Q_EMIT tokenEnded(Accounts::tokenId(old));
        return tokenReply(*issued);
    });
    router.add(Method::Delete, api::patterns::Token, [this](RouteContext &context) -> Result<Reply> {
        const QByteArray token = bearerToken(context.request);
        if (auto revoked = m_accounts.revoke(token); !revoked)
            return std::unexpected(revoked.error());
        Q_EMIT tokenEnded(Accounts::tokenId(token));
        return Reply(204);
    });
    router.add(Method::Get, api::patterns::Me,
               [](RouteContext &context) -> Result<Reply> { return Reply::json(context.user.toJson()); });
}

UsersController::UsersController(Accounts &accounts, PasswordWork &passwords, QObject *parent)
    : QObject(parent)
    , m_accounts(accounts)
    , m_passwords(passwords)
{ }

void UsersController::addRoutes(Router &router)
{
    using Method = Router::Method;
    const auto adminOnly = [](const User &user) -> Result<void> {
        if (user.role != User::Role::Admin)
            return std::unexpected(Error::make(api::ErrorCode::Forbidden, tr("Only administrators manage accounts.")));
        return {};
    };
    router.add(Method::Get, api::patterns::Users, [this, adminOnly](RouteContext &context) -> Result<Reply> {
        if (auto allowed = adminOnly(context.user); !allowed)
            return std::unexpected(allowed.error());
        auto users = m_accounts.users();
        if (!users)
            return std::unexpected(users.error());
        QJsonArray list;
        for (const User &user : std::as_const(*users))
            list.append(user.toJson());
        return Reply::json(QJsonObject{{QStringLiteral("users"), list}});
    });
    router.add(Method::Post, api::patterns::Users, [this, adminOnly](RouteContext &context) -> Result<Reply> {
        if (auto allowed = adminOnly(context.user); !allowed)
            return std::unexpected(allowed.error());
        const QJsonObject &body = context.body;
        const auto role = User::roleFromString(body.value(QStringLiteral("role")).toString(QStringLiteral("user")));
        if (!role)
            return std::unexpected(Error::make(api::ErrorCode::InvalidValue,
                                               tr("role must be user, instructor or admin."), QStringLiteral("role")));
        const QString name = body.value(QStringLiteral("name")).toString();
        const QString group = body.value(QStringLiteral("group")).toString();
        const QString password = body.value(QStringLiteral("password")).toString();
        const QString view = body.value(QStringLiteral("view")).toString(QStringLiteral("default"));
        if (auto valid = m_accounts.checkNewUser(name, group, view); !valid)
            return std::unexpected(valid.error());
        context.responded = true;
        m_passwords.run(
            context.responder,
            [password] {
                // The hash travels in the body of a placeholder reply; 500 if libsodium ran out of memory.
                if (password.isEmpty())
                    return Reply(200);
                const QByteArray hash = Accounts::hashPassword(password);
                return Reply(hash.isEmpty() ? 500 : 200, hash);
            },
            [this, name, group, view, role = *role](const Reply &hashed) {
                if (hashed.status != 200)
                    return Reply::error(Error::internal(tr("Out of memory while hashing the password.")));
                auto created = m_accounts.addUserWithHash(name, role, group, hashed.body, view);
                return created ? Reply::json(created->toJson(), 201) : Reply::error(created.error());
            });
        return Reply{};
    });
}

} // namespace tandem::gateway
