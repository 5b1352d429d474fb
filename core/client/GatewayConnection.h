#pragma once

#include "Error.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

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

    void setToken(const QByteArray &token) { m_token = token; }
    const QByteArray &token() const { return m_token; }
    QNetworkAccessManager *network() { return &m_network; }
    // The base URL with a path (already percent-encoded, as api::routes builds it, with an optional "?query")
    // appended as it is: no dot segment is resolved away on the way to the gateway.
    QUrl url(const QString &path) const;

    // A request relative to the base URL ("healthz", "api/v1/jobs"), carrying the token; the caller starts it.
    // It belongs to `parent` (or the connection) and deletes itself after finished() unless told otherwise.
    GatewayRequest *request(const QByteArray &verb, const QString &path, const QByteArray &body = {},
                            QObject *parent = nullptr);
    // Starts a request and calls `done` with it when it has finished; the request deletes itself afterwards.
    // `context` ends the call early if it is destroyed first.
    void call(const QByteArray &verb, const QString &path, const QByteArray &body, QObject *context,
              std::function<void(const GatewayRequest &)> done);

    void checkHealth();

Q_SIGNALS:
    void stateChanged(tandem::GatewayConnection::State state);
    // A request was refused with 401: the token expired or was revoked. Forms keep what the user typed.
    void authenticationRequired();

private:
    void setState(State state);

    QUrl m_baseUrl;
    QByteArray m_token;
    QNetworkAccessManager m_network;
    State m_state = State::Unknown;
    QString m_gatewayVersion;
    Error m_lastError;
};

} // namespace tandem
