#include "Error.h"

// make(), is(), notFound() and internal() take their kinds from the code table, in api/ErrorCode.cpp.

namespace tandem {

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
