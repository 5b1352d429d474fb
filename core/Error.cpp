#include "Error.h"

#include "api/ErrorCode.h"

namespace tandem {

Error Error::make(api::ErrorCode code, const QString &message, const QString &field)
{
    return {api::errorCodeKind(code), api::errorCodeName(code), message, field};
}

bool Error::is(api::ErrorCode code) const
{
    return this->code == api::errorCodeName(code);
}

Error Error::notFound(const QString &message)
{
    return make(api::ErrorCode::NotFound, message);
}

Error Error::internal(const QString &message)
{
    return make(api::ErrorCode::Internal, message);
}

QJsonObject Error::toJson() const
{
    QJsonObject error{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!field.isEmpty())
        error.insert(QStringLiteral("field"), field);
    return QJsonObject{{QStringLiteral("error"), error}};
}

Error Error::fromJson(const QJsonObject &object, Kind kind)
{
    const QJsonObject error = object.value(QStringLiteral("error")).toObject();
    return {kind, error.value(QStringLiteral("code")).toString(), error.value(QStringLiteral("message")).toString(),
            error.value(QStringLiteral("field")).toString()};
}

} // namespace tandem
