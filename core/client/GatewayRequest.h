#pragma once

#include "Error.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

namespace tandem {

// One REST call to the gateway: start() it, and finished() fires exactly once with either a JSON document or an
// Error (network failure, timeout or the gateway's own JSON error). The request deletes nothing by itself; its
// parent owns it.
class GatewayRequest : public QObject
{
    Q_OBJECT

public:
    GatewayRequest(QNetworkAccessManager *network, QByteArray verb, const QUrl &url, QByteArray body = {},
                   QObject *parent = nullptr);

    void setBearerToken(const QByteArray &token);
    void setTimeout(std::chrono::milliseconds timeout);
    void start();

    bool succeeded() const { return m_succeeded; }
    int httpStatus() const { return m_httpStatus; }
    const Error &error() const { return m_error; }
    const QJsonDocument &json() const { return m_json; }
    const QByteArray &body() const { return m_body; }

Q_SIGNALS:
    void finished();

private:
    void onReplyFinished();
    void onTimeout();

    QNetworkAccessManager *m_network;
    QNetworkRequest m_request;
    QByteArray m_verb;
    QByteArray m_requestBody;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timer;
    bool m_timedOut = false;
    bool m_succeeded = false;
    int m_httpStatus = 0;
    Error m_error;
    QJsonDocument m_json;
    QByteArray m_body;
};

} // namespace tandem
