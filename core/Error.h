#pragma once

#include <QJsonObject>
#include <QString>

#include <expected>

namespace tandem {

namespace api {
enum class ErrorCode; // api/ErrorCode.h: every code with its kind
}

// An error travels as a value: a stable machine code, a message for people and, when one input is to blame, the
// field it came from. The gateway maps it to an HTTP status in one place; the desktop shows it inline.
struct Error
{
    enum class Kind {
        BadRequest,
        Unauthorized,
        Forbidden,
        NotFound,
        Conflict,
        Gone,
        TooLarge,
        TooMany,
        Unavailable,
        Internal
    };

    Kind kind = Kind::Internal;
    QString code;
    QString message;
    QString field;

    // An error whose code decides its kind, from the one table in api/ErrorCode.h.
    static Error make(api::ErrorCode code, const QString &message, const QString &field = {});
    static Error notFound(const QString &message);
    static Error internal(const QString &message);

    bool is(api::ErrorCode code) const;
    QJsonObject toJson() const;
    static Error fromJson(const QJsonObject &object, Kind kind);
};

template<typename T> using Result = std::expected<T, Error>;

} // namespace tandem
