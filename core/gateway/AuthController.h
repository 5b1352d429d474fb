#pragma once

#include <QByteArray>
#include <QObject>

namespace tandem::gateway {

class Accounts;
class PasswordWork;
class Router;

// /api/v1/auth/token (sign in, sign out), /api/v1/auth/renew and /api/v1/me. Signing in is the one call without a
// token; its password check runs on the password pool. A token ended here is announced, so its event streams end.
class AuthController : public QObject
{
    Q_OBJECT

public:
    AuthController(Accounts &accounts, PasswordWork &passwords, QObject *parent = nullptr);

    void addRoutes(Router &router);

Q_SIGNALS:
    void tokenEnded(const QByteArray &tokenId);

private:
    Accounts &m_accounts;
    PasswordWork &m_passwords;
};

// /api/v1/users: administrators list and create accounts; the new password is hashed on the password pool.
class UsersController : public QObject
{
    Q_OBJECT

public:
    UsersController(Accounts &accounts, PasswordWork &passwords, QObject *parent = nullptr);

    void addRoutes(Router &router);

private:
    Accounts &m_accounts;
    PasswordWork &m_passwords;
    // A class list's passwords are hashed on a pool of their own, one list at a time, so a long list holds up no
    // one's sign-in.
    PasswordWork *m_importHashing;
    bool m_importing = false;
};

} // namespace tandem::gateway
