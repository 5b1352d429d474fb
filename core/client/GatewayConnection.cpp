#include "client/GatewayConnection.h"

#include "api/Routes.h"

#include "client/GatewayRequest.h"

#include <QJsonObject>

namespace tandem {

GatewayConnection::GatewayConnection(const QUrl &baseUrl, QObject *parent)
    : QObject(parent)
    , m_baseUrl(baseUrl)
{
    if (!m_baseUrl.path().endsWith(u'/'))
        m_baseUrl.setPath(m_baseUrl.path() + u'/');
}

QUrl GatewayConnection::url(const QString &path) const
{
    QUrl url = m_baseUrl;
    const qsizetype query = path.indexOf(u'?');
    url.setPath(m_baseUrl.path() + path.left(query), QUrl::TolerantMode);
    if (query >= 0)
        url.setQuery(path.mid(query + 1), QUrl::TolerantMode);
    return url;
}

GatewayRequest *GatewayConnection::request(const QByteArray &verb, const QString &path, const QByteArray &body,
                                           QObject *parent)
{
    auto *request = new GatewayRequest(&m_network, verb, url(path), body, parent ? parent : this);
    if (!m_token.isEmpty())
        request->setBearerToken(m_token);
    connect(request, &GatewayRequest::finished, this, [this, request] {
        if (request->httpStatus() == 401)
            Q_EMIT authenticationRequired();
    });
    return request;
}

void GatewayConnection::call(const QByteArray &verb, const QString &path, const QByteArray &body, QObject *context,
                             std::function<void(const GatewayRequest &)> done)
{
    GatewayRequest *started = request(verb, path, body, context);
    connect(started, &GatewayRequest::finished, context, [started, done = std::move(done)] {
        done(*started);
        started->deleteLater();
    });
    started->start();
}

void GatewayConnection::checkHealth()
{
    setState(State::Checking);
    GatewayRequest *health = request("GET", api::routes::health());
    health->setTimeout(std::chrono::seconds(5));
    connect(health, &GatewayRequest::finished, this, [this, health] {
        health->deleteLater();
        if (health->succeeded()) {
            m_gatewayVersion = health->json().object().value(QStringLiteral("version")).toString();
            m_lastError = {};
            setState(State::Online);
        } else {
            m_lastError = health->error();
            setState(State::Offline);
        }
    });
    health->start();
}

void GatewayConnection::setState(State state)
{
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace tandem
