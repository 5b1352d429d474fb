#include "gateway/Router.h"

namespace tandem::gateway {

void Router::add(Method method, QLatin1StringView pattern, Handler handler, Access access)
{
    const QString text(pattern);
    m_routes.append({method, text, access, std::move(handler), text.split(u'/', Qt::SkipEmptyParts)});
}

std::optional<QHash<QString, QString>> Router::bind(const Route &route, const QStringList &path)
{
    QHash<QString, QString> params;
    const QStringList &parts = route.parts;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString &part = parts[i];
        if (!part.startsWith(u'{')) {
            if (i >= path.size() || path[i] != part)
                return std::nullopt;
            continue;
        }
        const QString name = part.mid(1, part.size() - 2);
        if (name == u"path" && i == parts.size() - 1) {
            if (path.size() <= i)
                return std::nullopt;
            params.insert(name, path.mid(i).join(u'/'));
            return params;
        }
        if (i >= path.size())
            return std::nullopt;
        if (name == u"id") {
            bool isNumber = false;
            path[i].toLongLong(&isNumber);
            if (!isNumber)
                return std::nullopt;
        }
        params.insert(name, path[i]);
    }
    if (path.size() != parts.size())
        return std::nullopt;
    return params;
}

std::optional<Router::Match> Router::match(Method method, const QStringList &path) const
{
    for (const Route &route : m_routes) {
        if (route.method != method)
            continue;
        if (auto params = bind(route, path))
            return Match{&route, *std::move(params)};
    }
    return std::nullopt;
}

bool Router::hasPath(const QStringList &path) const
{
    return std::any_of(m_routes.cbegin(), m_routes.cend(), [&](const Route &route) { return bind(route, path); });
}

QString Router::methodName(Method method)
{
    switch (method) {
    case Method::Get:
        return QStringLiteral("GET");
    case Method::Put:
        return QStringLiteral("PUT");
    case Method::Post:
        return QStringLiteral("POST");
    case Method::Delete:
        return QStringLiteral("DELETE");
    case Method::Head:
        return QStringLiteral("HEAD");
    default:
        return QStringLiteral("OTHER");
    }
}

} // namespace tandem::gateway
