#include "gateway/Accounts.h"

#include "api/ErrorCode.h"

#include "gateway/Store.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QVariant>

#include <sodium.h>

namespace tandem::gateway {

namespace {

constexpr int MaxFailuresBeforeThrottle = 5; // per name and address
// Any names, one address: guessing across a class list. A room behind one address stays well below it with typos.
constexpr int MaxFailuresPerAddress = 100;
constexpr qsizetype MaxThrottleEntries = 20000;

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

User userFromQuery(const QSqlQuery &query)
{
    User user;
    user.id = query.value(0).toLongLong();
    user.name = query.value(1).toString();
    user.role = User::roleFromString(query.value(2).toString()).value_or(User::Role::User);
    user.group = query.value(3).toString();
    user.view = query.value(4).toString();
    return user;
}

const QString UserColumns = QStringLiteral("id, name, role, grp, view");

} // namespace

std::optional<User::Role> User::roleFromString(const QString &text)
{
    return api::roleFromString(text);
}

QString User::roleToString(Role role)
{
    return api::roleName(role);
}

QStringList User::views() const
{
    QStringList views{view};
    if (role == Role::Instructor || role == Role::Admin)
        views << QStringLiteral("instructor");
    if (role == Role::Admin)
        views << QStringLiteral("admin");
    return views;
}

QJsonObject User::toJson() const
{
    return api::User{id, name, role, group, views()}.toJson();
}

bool User::canRead(qint64 owner, const QString &ownerGroup) const
{
    return owner == id || role == Role::Admin || (role == Role::Instructor && !group.isEmpty() && group == ownerGroup);
}

Accounts::Accounts(Store &store)
    : m_store(store)
{
    if (sodium_init() < 0)
        qFatal("libsodium failed to initialise");
}

bool Accounts::isValidName(const QString &name)
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[a-z_][a-z0-9_.-]{0,31}")));
    return pattern.match(name).hasMatch();
}

Result<void> Accounts::checkNewUser(const QString &name, const QString &group, const QString &view)
{
    if (view != u"limited" && view != u"default" && view != u"advanced") {
        return std::unexpected(Error::make(api::ErrorCode::InvalidView,
                                           tr("view must be limited, default or advanced."), QStringLiteral("view")));
    }
    if (!isValidName(name)) {
        return std::unexpected(Error::make(
            api::ErrorCode::InvalidName,
            tr("A user name starts with a lower-case letter or '_' and holds at most 32 lower-case letters, digits, "
               "'.', '_' or '-'."),
            QStringLiteral("name")));
    }
    if (!group.isEmpty() && !isValidName(group)) {
        return std::unexpected(Error::make(api::ErrorCode::InvalidGroup,
                                           tr("A group name follows the same rules as a user name."),
                                           QStringLiteral("group")));
    }
    if (auto existing = findUser(name); existing)
        return std::unexpected(Error::make(api::ErrorCode::UserExists, tr("The user %1 exists already.").arg(name)));
    return {};
}

Result<User> Accounts::addUser(const QString &name, User::Role role, const QString &group, const QString &password,
                               const QString &view)
{
    if (auto valid = checkNewUser(name, group, view); !valid)
        return std::unexpected(valid.error());
    QByteArray hash;
    if (!password.isEmpty()) {
        hash = hashPassword(password);
        if (hash.isEmpty())
            return std::unexpected(Error::internal(tr("Out of memory while hashing the password.")));
    }
    return addUserWithHash(name, role, group, hash, view);
}

Result<User> Accounts::addUserWithHash(const QString &name, User::Role role, const QString &group,
                                       const QByteArray &hash, const QString &view)
{
    if (auto valid = checkNewUser(name, group, view); !valid)
        return std::unexpected(valid.error());
    auto inserted = m_store.exec(
        QStringLiteral(
            "INSERT INTO users (name, role, grp, view, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
        // Empty, never NULL: the columns are NOT NULL and a default-constructed QString binds as NULL.
        {name, User::roleToString(role), group.isEmpty() ? QStringLiteral("") : group, view,
         hash.isEmpty() ? QStringLiteral("") : QString::fromLatin1(hash), now()});
    if (!inserted)
        return std::unexpected(inserted.error());
    return findUser(name);
}

QByteArray Accounts::hashPassword(const QString &password)
{
    char buffer[crypto_pwhash_STRBYTES];
    const QByteArray utf8 = password.toUtf8();
    if (crypto_pwhash_str(buffer, utf8.constData(), quint64(utf8.size()), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0)
        return {};
    return QByteArray(buffer);
}

bool Accounts::verifyPassword(const QByteArray &hash, const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(hash.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

Result<User> Accounts::findUser(const QString &name)
{
    auto query = m_store.exec(QStringLiteral("SELECT %1 FROM users WHERE name = ?").arg(UserColumns), {name});
    if (!query)
        return std::unexpected(query.error());
    if (!query->next())
        return std::unexpected(Error::notFound(tr("No user %1.").arg(name)));
    return userFromQuery(*query);
}

Result<User> Accounts::findUser(qint64 id)
{
    auto query = m_store.exec(QStringLiteral("SELECT %1 FROM users WHERE id = ?").arg(UserColumns), {id});
    if (!query)
        return std::unexpected(query.error());
    if (!query->next())
        return std::unexpected(Error::notFound(tr("No such user.")));
    return userFromQuery(*query);
}

Result<QList<User>> Accounts::users()
{
    auto query = m_store.exec(QStringLiteral("SELECT %1 FROM users ORDER BY name").arg(UserColumns));
    if (!query)
        return std::unexpected(query.error());
    QList<User> users;
    while (query->next())
        users << userFromQuery(*query);
    return users;
}

void Accounts::forgetOldFailures(qint64 now)
{
    m_lastForget = now;
    m_failures.removeIf([&](const auto &entry) { return now - entry.value().lastAt >= m_throttleSeconds; });
}

void Accounts::countFailure(const QString &key, qint64 now)
{
    if (!m_failures.contains(key) && m_failures.size() >= MaxThrottleEntries) {
        forgetOldFailures(now);
        if (m_failures.size() >= MaxThrottleEntries) {
            // Still full of fresh failures: drop the oldest so the table stays bounded.
            auto oldest = std::min_element(m_failures.begin(), m_failures.end(),
                                           [](const Failures &a, const Failures &b) { return a.lastAt < b.lastAt; });
            m_failures.erase(oldest);
        }
    }
    if (now - m_lastForget >= m_throttleSeconds)
        forgetOldFailures(now); // at most once a window: what has expired goes
    Failures &failures = m_failures[key];
    if (now - failures.lastAt >= m_throttleSeconds)
        failures.count = 0; // the window has passed: start counting again
    ++failures.count;
    failures.lastAt = now;
}

Result<Accounts::LoginAttempt> Accounts::beginLogin(const QString &name, const QString &remote)
{
    const qint64 current = QDateTime::currentSecsSinceEpoch();
    const auto throttled = [&](const QString &key, int limit) {
        const auto it = m_failures.constFind(key);
        return it != m_failures.cend() && it->count >= limit && current - it->lastAt < m_throttleSeconds;
    };
    const Error wrong = Error::make(api::ErrorCode::InvalidCredentials, tr("Wrong user name or password."));
    if (throttled(u'@' + remote, MaxFailuresPerAddress)
        || (isValidName(name) && throttled(name + u'@' + remote, MaxFailuresBeforeThrottle))) {
        return std::unexpected(
            Error::make(api::ErrorCode::Throttled, tr("Too many failed sign-ins. Try again in a minute.")));
    }
    // No account has such a name: refused at once (the rule for names is public), and the name, which may be
    // anything up to the body's size, is not kept.
    if (!isValidName(name)) {
        countFailure(u'@' + remote, current);
        return std::unexpected(wrong);
    }
    // Counted now and refunded on success, so attempts sent all at once cannot pass the throttle together.
    countFailedAttempt({name, remote, 0, {}});
    auto query = m_store.exec(QStringLiteral("SELECT id, password_hash FROM users WHERE name = ?"), {name});
    if (!query)
        return std::unexpected(query.error());
    LoginAttempt attempt{name, remote, 0, {}};
    if (query->next() && !query->value(1).toString().isEmpty()) {
        attempt.userId = query->value(0).toLongLong();
        attempt.hash = query->value(1).toString().toLatin1();
    } else {
        static const QByteArray dummy = hashPassword(QStringLiteral("no such user"));
        attempt.hash = dummy;
    }
    return attempt;
}

Result<IssuedToken> Accounts::finishLogin(const LoginAttempt &attempt, bool verified)
{
    // The attempt was counted as a failure when it began.
    if (!verified || attempt.userId == 0) {
        return std::unexpected(Error::make(api::ErrorCode::InvalidCredentials, tr("Wrong user name or password.")));
    }
    m_failures.remove(attempt.name + u'@' + attempt.remote);
    if (auto it = m_failures.find(u'@' + attempt.remote); it != m_failures.end() && --it->count <= 0)
        m_failures.erase(it);
    return issueToken(attempt.userId);
}

void Accounts::countFailedAttempt(const LoginAttempt &attempt)
{
    const qint64 current = QDateTime::currentSecsSinceEpoch();
    countFailure(attempt.name + u'@' + attempt.remote, current);
    countFailure(u'@' + attempt.remote, current);
}

Result<IssuedToken> Accounts::issueToken(qint64 userId)
{
    unsigned char random[32];
    randombytes_buf(random, sizeof random);
    IssuedToken issued;
    issued.token = QByteArray(reinterpret_cast<const char *>(random), sizeof random)
                       .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    issued.expiresAt = QDateTime::currentDateTimeUtc().addSecs(m_tokenLifetime.count());
    auto inserted = m_store.exec(
        QStringLiteral("INSERT INTO tokens (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)"),
        {userId, QString::fromLatin1(hashToken(issued.token)), now(), issued.expiresAt.toString(Qt::ISODateWithMs)});
    if (!inserted)
        return std::unexpected(inserted.error());
    return issued;
}

Result<User> Accounts::authenticate(const QByteArray &token)
{
    auto holder = authenticateId(token.isEmpty() ? QByteArray() : hashToken(token));
    if (!holder)
        return std::unexpected(holder.error());
    return holder->user;
}

Result<Accounts::Holder> Accounts::authenticateId(const QByteArray &tokenId)
{
    const Error unauthorized
        = Error::make(api::ErrorCode::Unauthorized, tr("Sign in first: the token is missing, expired or revoked."));
    if (tokenId.isEmpty())
        return std::unexpected(unauthorized);
    auto query
        = m_store.exec(QStringLiteral("SELECT user_id, expires_at FROM tokens WHERE token_hash = ? AND revoked = 0"),
                       {QString::fromLatin1(tokenId)});
    if (!query)
        return std::unexpected(query.error());
    if (!query->next())
        return std::unexpected(unauthorized);
    const QDateTime expiresAt = QDateTime::fromString(query->value(1).toString(), Qt::ISODateWithMs);
    if (expiresAt < QDateTime::currentDateTimeUtc())
        return std::unexpected(unauthorized);
    auto user = findUser(query->value(0).toLongLong());
    if (!user)
        return std::unexpected(user.error());
    return Holder{*user, expiresAt};
}

Result<void> Accounts::revoke(const QByteArray &token)
{
    auto done = m_store.exec(QStringLiteral("UPDATE tokens SET revoked = 1 WHERE token_hash = ?"),
                             {QString::fromLatin1(hashToken(token))});
    if (!done)
        return std::unexpected(done.error());
    return {};
}

QByteArray Accounts::hashToken(const QByteArray &token)
{
    // Tokens are 256 random bits, so a plain SHA-256 suffices; no KDF needed as for passwords.
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex();
}

} // namespace tandem::gateway
