#include "api/User.h"

#include "api/JsonReader.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace tandem::api {

QString roleName(User::Role role)
{
    switch (role) {
    case User::Role::Instructor:
        return u"instructor"_s;
    case User::Role::Admin:
        return u"admin"_s;
    case User::Role::User:
        break;
    }
    return u"user"_s;
}

std::optional<User::Role> roleFromString(QStringView text)
{
    if (text == u"user")
        return User::Role::User;
    if (text == u"instructor")
        return User::Role::Instructor;
    if (text == u"admin")
        return User::Role::Admin;
    return std::nullopt;
}

QJsonObject User::toJson() const
{
    return {{u"id"_s, id},
            {u"name"_s, name},
            {u"role"_s, roleName(role)},
            {u"group"_s, group},
            {u"views"_s, QJsonArray::fromStringList(views)}};
}

Result<User> User::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    User user;
    user.id = read.integer("id"_L1);
    user.name = read.string("name"_L1);
    user.role = read.enumerated("role"_L1, &roleFromString, Role::User);
    user.group = read.string("group"_L1);
    user.views = read.strings("views"_L1);
    return read.finish(std::move(user));
}

Result<ClassMember> ClassMember::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    ClassMember member;
    member.name = read.string("name"_L1);
    member.role = read.enumerated("role"_L1, &roleFromString, User::Role::User);
    member.jobs = read.integer("jobs"_L1);
    member.activeJobs = read.integer("activeJobs"_L1);
    if (const QJsonValue last = object.value("lastJob"_L1); last.isObject()) {
        JsonReader job(last.toObject(), read.fieldName("lastJob"_L1));
        member.lastJobId = job.integer("id"_L1);
        member.lastJobName = job.string("name"_L1);
        member.lastJobStatus = job.string("status"_L1);
        member.lastJobSubmittedAt = job.dateTime("submittedAt"_L1);
        if (!job.ok())
            return job.finish(std::move(member));
    }
    return read.finish(std::move(member));
}

Result<ClassSummary> ClassSummary::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    ClassSummary summary;
    summary.group = read.string("group"_L1);
    summary.members = read.objects<ClassMember>("members"_L1);
    return read.finish(std::move(summary));
}

Result<ClassImportRow> ClassImportRow::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    ClassImportRow row;
    row.line = int(read.integer("line"_L1));
    row.name = read.string("name"_L1);
    row.role = read.string("role"_L1);
    row.group = read.string("group"_L1);
    row.error = read.string("error"_L1);
    row.created = read.boolean("created"_L1);
    row.password = read.optionalString("password"_L1);
    return read.finish(std::move(row));
}

Result<ClassImport> ClassImport::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    ClassImport result;
    result.rows = read.objects<ClassImportRow>("rows"_L1);
    result.created = int(read.integer("created"_L1));
    return read.finish(std::move(result));
}

QJsonObject Token::toJson() const
{
    return {{u"token"_s, token}, {u"expiresAt"_s, isoDateTime(expiresAt)}};
}

Result<Token> Token::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    Token token;
    token.token = read.string("token"_L1);
    token.expiresAt = read.dateTime("expiresAt"_L1);
    return read.finish(std::move(token));
}

} // namespace tandem::api
