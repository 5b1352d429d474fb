#pragma once

#include "api/Job.h"
#include "api/Session.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkReply;

namespace tandem {

class GatewayConnection;

// Follows the gateway's Server-Sent Events stream. After a drop it reconnects with back-off (1 s doubling to 30 s)
// and resumes after the last event id it saw, so nothing is missed and nobody needs to poll.
class EventStreamClient : public QObject
{
    Q_OBJECT

public:
    explicit EventStreamClient(GatewayConnection *connection, QObject *parent = nullptr);
    ~EventStreamClient() override;

    void start();
    void stop();
    bool isConnected() const { return m_connected; }
    qint64 lastEventId() const { return m_lastId; }

Q_SIGNALS:
    void jobEvent(const tandem::api::JobEvent &event);
    void sessionEvent(const tandem::api::Session &session);
    void connectedChanged(bool connected);

private:
    void onReadyRead();
    void onFinished();
    void setConnected(bool connected);

    GatewayConnection *m_connection;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_buffer;
    qint64 m_lastId = 0;
    bool m_connected = false;
    bool m_running = false;
    int m_backoffMs = 1000;
    QTimer m_reconnect;
};

} // namespace tandem
