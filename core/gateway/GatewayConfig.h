#pragma once

#include "Error.h"

#include <QHostAddress>
#include <QString>

namespace tandem::gateway {

// Everything the gateway needs to start, from its config file and command line (the command line wins).
struct GatewayConfig
{
    static constexpr quint16 DefaultPort = 8470;

    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = DefaultPort;
    QString dataDir;

    // "HOST:PORT", "[V6]:PORT", "HOST" or ":PORT". Port 0 picks a free one.
    static Result<std::pair<QHostAddress, quint16>> parseListen(const QString &text);
    static QString defaultDataDir();
};

} // namespace tandem::gateway
