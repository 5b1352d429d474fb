#include "GatewayServer.h"

#include "Version.h"

#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QTcpServer>

namespace tandem::gateway {

GatewayServer::GatewayServer(GatewayConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_http(std::make_unique<QHttpServer>())
{
    addRoutes();
}

GatewayServer::~GatewayServer() = default;

Result<void> GatewayServer::start()
{
    auto tcp = std::make_unique<QTcpServer>();
    if (!tcp->listen(m_config.listenAddress, m_config.listenPort)) {
        return std::unexpected(Error {Error::Kind::Unavailable, QStringLiteral("listen_failed"),
                                      tr("Cannot listen on %1:%2: %3")
                                          .arg(m_config.listenAddress.toString())
                                          .arg(m_config.listenPort)
                                          .arg(tcp->errorString()),
                                      QStringLiteral("listen")});
    }
    m_tcp = tcp.get();
    if (!m_http->bind(tcp.release()))
        return std::unexpected(Error::internal(tr("Cannot attach the HTTP server to its socket.")));
    return {};
}

quint16 GatewayServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

QHostAddress GatewayServer::address() const
{
    return m_tcp ? m_tcp->serverAddress() : QHostAddress();
}

void GatewayServer::addRoutes()
{
    m_http->route(QStringLiteral("/healthz"), QHttpServerRequest::Method::Get, [] {
        return QHttpServerResponse(QJsonObject {{QStringLiteral("status"), QStringLiteral("ok")},
                                                {QStringLiteral("version"), versionString()}});
    });
}

} // namespace tandem::gateway
