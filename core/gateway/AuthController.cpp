#include "gateway/AuthController.h"

#include "api/ErrorCode.h"
#include "api/Routes.h"
#include "api/User.h"
#include "gateway/Accounts.h"
#include "gateway/ClassList.h"
#include "gateway/PasswordWork.h"
#include "gateway/Router.h"
#include "gateway/Sandbox.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QSet>

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
    , m_importHashing(new PasswordWork(this))
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
    // A class list: each row checked (and, with "create", the good ones made, the refused ones left out). Admins may
    // make any account; an instructor makes students of their own class only.
    router.add(Method::Post, api::patterns::UsersImport, [this](RouteContext &context) -> Result<Reply> {
        const User &caller = context.user;
        if (caller.role == User::Role::User)
            return std::unexpected(
                Error::make(api::ErrorCode::Forbidden, tr("Only instructors and administrators add accounts.")));
        if (caller.role == User::Role::Instructor && caller.group.isEmpty())
            return std::unexpected(
                Error::make(api::ErrorCode::Forbidden, tr("You are in no class, so you cannot add students to one.")));
        const QJsonValue csv = context.body.value(QStringLiteral("csv"));
        if (!csv.isString() || csv.toString().size() > 1024 * 1024)
            return std::unexpected(Error::make(api::ErrorCode::InvalidValue,
                                               tr("csv must be the class list as text (at most 1 MiB)."),
                                               QStringLiteral("csv")));
        QList<ClassListRow> rows = parseClassList(csv.toString());
        if (rows.size() > 500)
            return std::unexpected(Error::make(api::ErrorCode::OutOfRange, tr("A list holds at most 500 accounts."),
                                               QStringLiteral("csv")));
        for (ClassListRow &row : rows) {
            if (!row.error.isEmpty())
                continue;
            if (caller.role == User::Role::Instructor) {
                if (row.role != User::Role::User)
                    row.error = tr("an instructor adds students (role user) only.");
                else if (row.group.isEmpty())
                    row.group = caller.group;
                else if (row.group != caller.group)
                    row.error = tr("you teach the class %1, not %2.").arg(caller.group, row.group);
            }
            // Names that would pass for the system's or the gateway's own are not given out from a list.
            static const QStringList reserved{QStringLiteral("root"), QStringLiteral("admin"), QStringLiteral("local"),
                                              QStringLiteral("tandem"), Sandbox::osUserName()};
            if (row.error.isEmpty() && reserved.contains(row.name))
                row.error = tr("%1 is a name kept for the system.").arg(row.name);
            if (row.error.isEmpty()) {
                if (auto valid = m_accounts.checkNewUser(row.name, row.group, QStringLiteral("default")); !valid)
                    row.error = valid.error().message;
            }
        }
        const bool create = context.body.value(QStringLiteral("create")).toBool();
        const auto answer = [](const QList<ClassListRow> &rows, const QSet<int> &created, bool create) {
            QJsonArray list;
            for (const ClassListRow &row : rows) {
                QJsonObject entry{{QStringLiteral("line"), row.line},
                                  {QStringLiteral("name"), row.name},
                                  {QStringLiteral("role"), User::roleToString(row.role)},
                                  {QStringLiteral("group"), row.group},
                                  {QStringLiteral("error"), row.error},
                                  {QStringLiteral("created"), created.contains(row.line)}};
                // A generated password is shown once: in the answer that made the account.
                if (create && created.contains(row.line) && row.generatedPassword)
                    entry.insert(QStringLiteral("password"), row.password);
                list.append(entry);
            }
            return Reply::json(QJsonObject{{QStringLiteral("rows"), list}, {QStringLiteral("created"), created.size()}},
                               create ? 201 : 200);
        };
        if (!create)
            return answer(rows, {}, false);
        if (m_importing)
            return std::unexpected(
                Error::make(api::ErrorCode::Busy, tr("Another class list is being made; try again when it is done.")));
        m_importing = true;
        context.responded = true;
        // The hashes are made off the event loop, all in one go; then each good row's account (a refused row is
        // left out, as the check showed).
        auto hashes = std::make_shared<QList<QByteArray>>();
        m_importHashing->run(
            context.responder,
            [rows, hashes] {
                for (const ClassListRow &row : rows)
                    hashes->append(row.error.isEmpty() ? Accounts::hashPassword(row.password) : QByteArray());
                return Reply(200);
            },
            [this, rows, hashes, answer](const Reply &) {
                m_importing = false;
                QSet<int> created;
                QList<ClassListRow> shown = rows;
                for (qsizetype i = 0; i < shown.size(); ++i) {
                    ClassListRow &row = shown[i];
                    if (!row.error.isEmpty())
                        continue;
                    if (hashes->value(i).isEmpty()) {
                        row.error = tr("Out of memory while hashing the password.");
                        continue;
                    }
                    auto user = m_accounts.addUserWithHash(row.name, row.role, row.group, hashes->value(i),
                                                           QStringLiteral("default"));
                    if (user)
                        created.insert(row.line);
                    else
                        row.error = user.error().message;
                }
                return answer(shown, created, true);
            });
        return Reply{};
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
