#pragma once

#include <QJsonObject>
#include <QString>

#include <expected>

namespace tandem {

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

    static Error badRequest(const QString &code, const QString &message, const QString &field = {});
    static Error notFound(const QString &message);
    static Error conflict(const QString &code, const QString &message);
    static Error internal(const QString &message);

    QJsonObject toJson() const;
    static Error fromJson(const QJsonObject &object, Kind kind);
};

template<typename T> using Result = std::expected<T, Error>;

} // namespace tandem
