#pragma once

#include "Error.h"
#include "gateway/GatewayConfig.h"

#include <QObject>

#include <memory>

class QHttpServer;
class QTcpServer;

namespace tandem::gateway {

// The HTTP face of the gateway: binds the listening socket and routes requests to the services behind it.
class GatewayServer : public QObject
{
    Q_OBJECT

public:
    explicit GatewayServer(GatewayConfig config, QObject *parent = nullptr);
    ~GatewayServer() override;

    Result<void> start();
    quint16 port() const;
    QHostAddress address() const;
    const GatewayConfig &config() const { return m_config; }

private:
    void addRoutes();

    GatewayConfig m_config;
    std::unique_ptr<QHttpServer> m_http;
    QTcpServer *m_tcp = nullptr;
};

} // namespace tandem::gateway
