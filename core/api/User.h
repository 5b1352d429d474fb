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

// One member of a class as its instructor sees it (openapi.json's ClassMember): their jobs and the newest one.
struct ClassMember
{
    QString name;
    User::Role role = User::Role::User;
    qint64 jobs = 0;
    qint64 activeJobs = 0;
    std::optional<qint64> lastJobId;
    QString lastJobName;
    QString lastJobStatus;
    QDateTime lastJobSubmittedAt;

    static Result<ClassMember> fromJson(const QJsonObject &object, const QString &prefix = {});
};

// A class (a group) and its members (openapi.json's ClassSummary).
struct ClassSummary
{
    QString group;
    QList<ClassMember> members;

    static Result<ClassSummary> fromJson(const QJsonObject &object, const QString &prefix = {});
};

// What a class list became (openapi.json's ClassImport): each row with its line, and why it is refused, if it is.
struct ClassImportRow
{
    int line = 0;
    QString name;
    QString role;
    QString group;
    QString error; // empty: can be (or was) made
    bool created = false;
    QString password; // generated, once, in the answer that made the account

    static Result<ClassImportRow> fromJson(const QJsonObject &object, const QString &prefix = {});
};

struct ClassImport
{
    QList<ClassImportRow> rows;
    int created = 0;

    static Result<ClassImport> fromJson(const QJsonObject &object, const QString &prefix = {});
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
