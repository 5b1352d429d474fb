#pragma once

#include "Error.h"
#include "api/User.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace tandem::gateway {

class Store;

struct User
{
    using Role = api::User::Role;

    qint64 id = 0;
    QString name;
    Role role = Role::User;
    QString group;
    QString view = QStringLiteral("default"); // limited, default or advanced

    static std::optional<Role> roleFromString(const QString &text);
    static QString roleToString(Role role);
    QStringList views() const;
    QJsonObject toJson() const;
    // Whether this user may read what `owner` (of group `ownerGroup`) owns.
    bool canRead(qint64 owner, const QString &ownerGroup) const;
};

struct IssuedToken
{
    QByteArray token;
    QDateTime expiresAt;
};

// Accounts, password hashes (argon2id through libsodium), opaque bearer tokens stored hashed, and login throttling.
class Accounts
{
    Q_DECLARE_TR_FUNCTIONS(Accounts)

public:
    explicit Accounts(Store &store);

    static bool isValidName(const QString &name);

    Result<User> addUser(const QString &name, User::Role role, const QString &group, const QString &password,
                         const QString &view = QStringLiteral("default"));
    // The same with the password hashed already (by hashPassword(), off the event loop); validates first.
    Result<void> checkNewUser(const QString &name, const QString &group, const QString &view);
    Result<User> addUserWithHash(const QString &name, User::Role role, const QString &group, const QByteArray &hash,
                                 const QString &view);
    Result<User> findUser(const QString &name);
    Result<User> findUser(qint64 id);
    Result<QList<User>> users();

    // Signing in, in three steps so the password check (argon2id, tens of milliseconds and 64 MiB) runs on a worker
    // thread: beginLogin() applies the throttle and finds the stored hash, verifyPassword() is thread-safe, and
    // finishLogin() issues the token (an attempt counts as a failure from its beginning until it succeeds).
    struct LoginAttempt
    {
        QString name;
        QString remote;
        qint64 userId = 0; // 0: no such user (a dummy hash is checked all the same, so timing tells nothing)
        QByteArray hash;
    };
    Result<LoginAttempt> beginLogin(const QString &name, const QString &remote);
    static bool verifyPassword(const QByteArray &hash, const QString &password);
    static QByteArray hashPassword(const QString &password); // empty when out of memory
    Result<IssuedToken> finishLogin(const LoginAttempt &attempt, bool verified);
    // Counts an attempt against the throttle, per name and address and per address.
    void countFailedAttempt(const LoginAttempt &attempt);
    // Failed sign-ins remembered for throttling; bounded, and forgotten after the throttle window.
    qsizetype throttleEntries() const { return m_failures.size(); }
    Result<IssuedToken> issueToken(qint64 userId);
    Result<User> authenticate(const QByteArray &token);
    // The same by the token's id (its hash, which is all the store keeps), with when the token expires.
    struct Holder
    {
        User user;
        QDateTime expiresAt;
    };
    Result<Holder> authenticateId(const QByteArray &tokenId);
    static QByteArray tokenId(const QByteArray &token) { return hashToken(token); }
    Result<void> revoke(const QByteArray &token);

    void setTokenLifetime(std::chrono::seconds lifetime) { m_tokenLifetime = lifetime; }
    void setThrottleWindow(std::chrono::seconds window) { m_throttleSeconds = std::max<qint64>(1, window.count()); }

private:
    static QByteArray hashToken(const QByteArray &token);

    Store &m_store;
    std::chrono::seconds m_tokenLifetime{std::chrono::hours(24 * 7)};
    qint64 m_throttleSeconds = 60;
    qint64 m_lastForget = 0;
    struct Failures
    {
        int count = 0;
        qint64 lastAt = 0; // seconds since the epoch
    };
    void forgetOldFailures(qint64 now);
    void countFailure(const QString &key, qint64 now);
    QHash<QString, Failures> m_failures; // "name@address" and "@address"
};

} // namespace tandem::gateway
