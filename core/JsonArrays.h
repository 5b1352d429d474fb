#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QStringList>

namespace tandem {

// The strings of a JSON array (anything else in it reads as ""); an absent or non-array value gives an empty list.
inline QStringList toStringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    list.reserve(array.size());
    for (const QJsonValue &item : array)
        list << item.toString();
    return list;
}

} // namespace tandem
