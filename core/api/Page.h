#pragma once

#include "Error.h"
#include "api/JsonReader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace tandem::api {

// A page of a list with the cursor of the next one (empty on the last page), as GET /jobs answers: the items sit
// under a key that names them ("jobs").
template<typename T> struct Page
{
    QList<T> items;
    QString nextCursor;

    QJsonObject toJson(QLatin1StringView key) const
    {
        QJsonArray array;
        for (const T &item : items)
            array.append(item.toJson());
        return {{key, array},
                {QStringLiteral("nextCursor"),
                 nextCursor.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(nextCursor)}};
    }

    static Result<Page> fromJson(const QJsonObject &object, QLatin1StringView key)
    {
        JsonReader read(object);
        Page page;
        page.items = read.objects<T>(key);
        page.nextCursor = read.optionalString(QLatin1StringView("nextCursor"));
        return read.finish(std::move(page));
    }

    friend bool operator==(const Page &, const Page &) = default;
};

} // namespace tandem::api
