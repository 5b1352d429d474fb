#include "GatewayConfig.h"

#include "api/ErrorCode.h"

#include <QCoreApplication>
#include <QStandardPaths>

namespace tandem::gateway {

Result<std::pair<QHostAddress, quint16>> GatewayConfig::parseListen(const QString &text)
{
    const auto invalid = [&text](const QString &why) {
        return std::unexpected(Error::make(
            api::ErrorCode::InvalidListen,
            QCoreApplication::translate("GatewayConfig", "Invalid listen address \"%1\": %2").arg(text, why),
            QStringLiteral("listen")));
    };

    QString host = text.trimmed();
    QString portText;
    if (host.startsWith(u'[')) {
        const qsizetype close = host.indexOf(u']');
        if (close < 0)
            return invalid(QCoreApplication::translate("GatewayConfig", "missing ']'"));
        portText = host.mid(close + 1);
        host = host.mid(1, close - 1);
        if (!portText.isEmpty() && !portText.startsWith(u':'))
            return invalid(QCoreApplication::translate("GatewayConfig", "expected ':' after ']'"));
        portText = portText.mid(1);
    } else if (const qsizetype colon = host.lastIndexOf(u':'); colon >= 0 && host.count(u':') == 1) {
        portText = host.mid(colon + 1);
        host = host.left(colon);
    }

    quint16 port = DefaultPort;
    if (!portText.isEmpty()) {
        bool ok = false;
        const uint value = portText.toUInt(&ok);
        if (!ok || value > 65535)
            return invalid(QCoreApplication::translate("GatewayConfig", "the port must be a number from 0 to 65535"));
        port = quint16(value);
    }

    QHostAddress address = QHostAddress::LocalHost;
    if (host == u"localhost")
        address = QHostAddress::LocalHost;
    else if (!host.isEmpty() && !address.setAddress(host))
        return invalid(QCoreApplication::translate("GatewayConfig", "\"%1\" is not an IP address").arg(host));
    return std::pair{address, port};
}

QString GatewayConfig::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

} // namespace tandem::gateway
