#pragma once

#include "Error.h"
#include "api/ErrorCode.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace tandem::api {

// Reads the fields of one JSON object into typed values and remembers the first field that was missing or of the
// wrong type, by its full name ("queues[1].maxNodes"), so every fromJson() reports the field to blame and stops there.
class JsonReader
{
    Q_DECLARE_TR_FUNCTIONS(JsonReader)

public:
    explicit JsonReader(const QJsonObject &object, QString prefix = {});

    QString string(QLatin1StringView key);
    QString optionalString(QLatin1StringView key, const QString &fallback = {});
    qint64 integer(QLatin1StringView key);
    std::optional<qint64> optionalInteger(QLatin1StringView key); // missing or null: nothing
    bool boolean(QLatin1StringView key);
    bool optionalBoolean(QLatin1StringView key, bool fallback);
    QDateTime dateTime(QLatin1StringView key);
    QDateTime optionalDateTime(QLatin1StringView key); // missing or null: an invalid QDateTime
    QStringList strings(QLatin1StringView key);
    QStringList optionalStrings(QLatin1StringView key);
    QJsonObject object(QLatin1StringView key);
    QJsonArray array(QLatin1StringView key);
    // An enum by its wire name; `parse` gives nothing for a name it does not know.
    template<typename E> E enumerated(QLatin1StringView key, std::optional<E> (*parse)(QStringView), E fallback)
    {
        const QString text = string(key);
        if (!ok())
            return fallback;
        if (const std::optional<E> value = parse(text))
            return *value;
        fail(key, ErrorCode::InvalidValue, tr("%1 has the unknown value \"%2\".").arg(fieldName(key), text));
        return fallback;
    }
    // Each element of an array of objects read with T::fromJson, named by index in an error.
    template<typename T> QList<T> objects(QLatin1StringView key)
    {
        QList<T> list;
        const QJsonArray items = array(key);
        for (qsizetype i = 0; ok() && i < items.size(); ++i) {
            if (!items[i].isObject()) {
                fail(key, ErrorCode::InvalidType, tr("%1[%2] must be an object.").arg(fieldName(key)).arg(i));
                break;
            }
            Result<T> item = T::fromJson(items[i].toObject(), QStringLiteral("%1[%2]").arg(fieldName(key)).arg(i));
            if (!item) {
                m_error = item.error();
                break;
            }
            list.append(*std::move(item));
        }
        return list;
    }

    QString fieldName(QLatin1StringView key) const;
    void fail(QLatin1StringView key, ErrorCode code, const QString &message);
    // Fails with "required" when the key is missing or null.
    void require(QLatin1StringView key);
    bool ok() const { return !m_error; }
    const std::optional<Error> &error() const { return m_error; }
    template<typename T> Result<T> finish(T value) const
    {
        if (m_error)
            return std::unexpected(*m_error);
        return value;
    }

private:
    QJsonValue take(QLatin1StringView key, bool required, bool (QJsonValue::*isType)() const, const char *what);

    QJsonObject m_object;
    QString m_prefix;
    std::optional<Error> m_error;
};

// Date-times as the API writes them: ISO 8601, UTC, with milliseconds.
QString isoDateTime(const QDateTime &at);
QJsonValue isoDateTimeOrNull(const QDateTime &at);
QJsonValue integerOrNull(const std::optional<qint64> &value);

} // namespace tandem::api
