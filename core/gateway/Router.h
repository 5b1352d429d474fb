#pragma once

#include "Error.h"
#include "gateway/Accounts.h"
#include "gateway/Reply.h"

#include <QHash>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

class QHttpServerResponder;

namespace tandem::gateway {

// What a route's handler gets: the request, its path parameters, the JSON body, the caller and a responder for
// answers that come later.
struct RouteContext
{
    const QHttpServerRequest &request;
    QHttpServerResponder &responder;
    QStringList path; // the request path's segments
    QHash<QString, QString> params; // "{id}" → "7"; "{path}" holds the rest of the path
    QJsonObject body;
    User user; // the caller, on routes that take a token
    bool responded = false; // the handler answered itself, or will answer later

    qint64 id() const { return params.value(QStringLiteral("id")).toLongLong(); }
    QString param(const QString &name) const { return params.value(name); }
};

// The token of an "Authorization: Bearer …" header, or nothing.
inline QByteArray bearerToken(const QByteArray &authorization)
{
    return authorization.startsWith("Bearer ") ? authorization.mid(7).trimmed() : QByteArray();
}

inline QByteArray bearerToken(const QHttpServerRequest &request)
{
    return bearerToken(request.value("authorization"));
}

// The gateway's routes: rows of {method, pattern, access, handler}. A pattern is a path with parameters, from
// api::patterns: {id} matches a number, {path} one or more segments at the end, any other parameter one segment.
// Controllers add their rows; the server asks match() and runs the handler.
class Router
{
public:
    using Method = QHttpServerRequest::Method;
    using Handler = std::function<Result<Reply>(RouteContext &)>;
    enum class Access { Anyone, SignedIn };

    struct Route
    {
        Method method;
        QString pattern;
        Access access;
        Handler handler;
        QStringList parts;
    };

    struct Match
    {
        const Route *route = nullptr;
        QHash<QString, QString> params;
    };

    // `pattern` is one of api::patterns.
    void add(Method method, QLatin1StringView pattern, Handler handler, Access access = Access::SignedIn);
    std::optional<Match> match(Method method, const QStringList &path) const;
    // Whether any route has this path, whatever its method.
    bool hasPath(const QStringList &path) const;
    const QList<Route> &routes() const { return m_routes; }

    static QString methodName(Method method);

private:
    static std::optional<QHash<QString, QString>> bind(const Route &route, const QStringList &path);

    QList<Route> m_routes;
};

} // namespace tandem::gateway
