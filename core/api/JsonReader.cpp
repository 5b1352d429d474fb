#include "api/JsonReader.h"

namespace tandem::api {

JsonReader::JsonReader(const QJsonObject &object, QString prefix)
    : m_object(object)
    , m_prefix(std::move(prefix))
{ }

QString JsonReader::fieldName(QLatin1StringView key) const
{
    return m_prefix.isEmpty() ? QString(key) : m_prefix + u'.' + key;
}

void JsonReader::fail(QLatin1StringView key, ErrorCode code, const QString &message)
{
    if (!m_error)
        m_error = Error::make(code, message, fieldName(key));
}

QJsonValue JsonReader::take(QLatin1StringView key, bool required, bool (QJsonValue::*isType)() const, const char *what)
{
    if (m_error)
        return {};
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            fail(key, ErrorCode::Required, tr("%1 is missing.").arg(fieldName(key)));
        return {};
    }
    if (!(value.*isType)()) {
        fail(key, ErrorCode::InvalidType, tr("%1 must be %2.").arg(fieldName(key), tr(what)));
        return {};
    }
    return value;
}

QString JsonReader::string(QLatin1StringView key)
{
    return take(key, true, &QJsonValue::isString, QT_TR_NOOP("a string")).toString();
}

QString JsonReader::optionalString(QLatin1StringView key, const QString &fallback)
{
    const QJsonValue value = take(key, false, &QJsonValue::isString, QT_TR_NOOP("a string"));
    return value.isString() ? value.toString() : fallback;
}

void JsonReader::require(QLatin1StringView key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        fail(key, ErrorCode::Required, tr("%1 is missing.").arg(fieldName(key)));
}

qint64 JsonReader::integer(QLatin1StringView key)
{
    require(key);
    return optionalInteger(key).value_or(0);
}

std::optional<qint64> JsonReader::optionalInteger(QLatin1StringView key)
{
    const QJsonValue value = take(key, false, &QJsonValue::isDouble, QT_TR_NOOP("a whole number"));
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (number != double(qint64(number))) {
        fail(key, ErrorCode::InvalidType, tr("%1 must be a whole number.").arg(fieldName(key)));
        return std::nullopt;
    }
    return qint64(number);
}

bool JsonReader::boolean(QLatin1StringView key)
{
    return take(key, true, &QJsonValue::isBool, QT_TR_NOOP("true or false")).toBool();
}

bool JsonReader::optionalBoolean(QLatin1StringView key, bool fallback)
{
    const QJsonValue value = take(key, false, &QJsonValue::isBool, QT_TR_NOOP("true or false"));
    return value.isBool() ? value.toBool() : fallback;
}

QDateTime JsonReader::dateTime(QLatin1StringView key)
{
    const QString text = string(key);
    if (!ok())
        return {};
    QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!at.isValid())
        fail(key, ErrorCode::InvalidValue, tr("%1 is not a date and time.").arg(fieldName(key)));
    return at;
}

QDateTime JsonReader::optionalDateTime(QLatin1StringView key)
{
    const QString text = optionalString(key);
    if (text.isEmpty())
        return {};
    QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!at.isValid())
        fail(key, ErrorCode::InvalidValue, tr("%1 is not a date and time.").arg(fieldName(key)));
    return at;
}

QStringList JsonReader::strings(QLatin1StringView key)
{
    require(key);
    return optionalStrings(key);
}

QStringList JsonReader::optionalStrings(QLatin1StringView key)
{
    const QJsonArray items = take(key, false, &QJsonValue::isArray, QT_TR_NOOP("an array of strings")).toArray();
    QStringList list;
    list.reserve(items.size());
    for (const QJsonValue &item : items) {
        if (!item.isString()) {
            fail(key, ErrorCode::InvalidType, tr("%1 must hold only strings.").arg(fieldName(key)));
            return {};
        }
        list << item.toString();
    }
    return list;
}

QJsonObject JsonReader::object(QLatin1StringView key)
{
    return take(key, true, &QJsonValue::isObject, QT_TR_NOOP("an object")).toObject();
}

QJsonArray JsonReader::array(QLatin1StringView key)
{
    return take(key, true, &QJsonValue::isArray, QT_TR_NOOP("an array")).toArray();
}

QString isoDateTime(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

QJsonValue isoDateTimeOrNull(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(isoDateTime(at)) : QJsonValue(QJsonValue::Null);
}

QJsonValue integerOrNull(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

} // namespace tandem::api
