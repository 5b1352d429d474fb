#pragma once

#include "Error.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

namespace tandem {

class GatewayRequest;

// The desktop's link to one gateway: its base URL, the network access manager, and the requests made through it.
class GatewayConnection : public QObject
{
    Q_OBJECT

public:
    enum class State { Unknown, Checking, Online, Offline };
    Q_ENUM(State)

    explicit GatewayConnection(const QUrl &baseUrl, QObject *parent = nullptr);

    QUrl baseUrl() const { return m_baseUrl; }
    State state() const { return m_state; }
    QString gatewayVersion() const { return m_gatewayVersion; }
    const Error &lastError() const { return m_lastError; }

    // A request relative to the base URL ("healthz", "api/v1/jobs"); the caller starts it and owns it.
    GatewayRequest *request(const QByteArray &verb, const QString &path, const QByteArray &body = {},
                            QObject *parent = nullptr);

    void checkHealth();

Q_SIGNALS:
    void stateChanged(tandem::GatewayConnection::State state);

private:
    void setState(State state);

    QUrl m_baseUrl;
    QNetworkAccessManager m_network;
    State m_state = State::Unknown;
    QString m_gatewayVersion;
    Error m_lastError;
};

} // namespace tandem
