#pragma once

#include "Error.h"

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
    enum class Role { User, Instructor, Admin };

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
    Result<User> findUser(const QString &name);
    Result<User> findUser(qint64 id);
    Result<QList<User>> users();

    // Checks the password and issues a token; failures are throttled per name and address.
    Result<IssuedToken> login(const QString &name, const QString &password, const QString &remote);
    Result<IssuedToken> issueToken(qint64 userId);
    Result<User> authenticate(const QByteArray &token);
    Result<void> revoke(const QByteArray &token);

    void setTokenLifetime(std::chrono::seconds lifetime) { m_tokenLifetime = lifetime; }

private:
    static QByteArray hashToken(const QByteArray &token);

    Store &m_store;
    std::chrono::seconds m_tokenLifetime{std::chrono::hours(24 * 7)};
    struct Failures
    {
        int count = 0;
        QDateTime lastAt;
    };
    QHash<QString, Failures> m_failures;
};

} // namespace tandem::gateway
