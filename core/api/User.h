#pragma once

#include "Error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace tandem::api {

// An account as the API shows it (openapi.json's User): its role and the views (tabs) it has.
struct User
{
    enum class Role { User, Instructor, Admin };

    qint64 id = 0;
    QString name;
    Role role = Role::User;
    QString group;
    QStringList views; // limited, default, advanced, instructor, admin

    bool hasView(QStringView view) const { return views.contains(view); }

    QJsonObject toJson() const;
    static Result<User> fromJson(const QJsonObject &object, const QString &prefix = {});
    friend bool operator==(const User &, const User &) = default;
};

QString roleName(User::Role role);
std::optional<User::Role> roleFromString(QStringView text);

// Signing in answers a token and when it expires (openapi.json's Token).
struct Token
{
    QString token;
    QDateTime expiresAt;

    QJsonObject toJson() const;
    static Result<Token> fromJson(const QJsonObject &object, const QString &prefix = {});
    friend bool operator==(const Token &, const Token &) = default;
};

} // namespace tandem::api
