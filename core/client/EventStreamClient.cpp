#include "client/EventStreamClient.h"

#include "api/Routes.h"

#include "client/GatewayConnection.h"

#include <QJsonDocument>
#include <QNetworkReply>

namespace tandem {

EventStreamClient::EventStreamClient(GatewayConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, &EventStreamClient::start);
}

EventStreamClient::~EventStreamClient()
{
    // No signals from a dying object: its receivers may be half destroyed already (found by UBSan).
    blockSignals(true);
    stop();
}

void EventStreamClient::start()
{
    m_running = true;
    if (m_reply)
        return;
    QNetworkRequest request(m_connection->url(api::routes::events()));
    request.setRawHeader("Accept", "text/event-stream");
    request.setRawHeader("Authorization", "Bearer " + m_connection->token());
    if (m_lastId > 0)
        request.setRawHeader("Last-Event-ID", QByteArray::number(m_lastId));
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    m_buffer.clear();
    m_reply = m_connection->network()->get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &EventStreamClient::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &EventStreamClient::onFinished);
}

void EventStreamClient::stop()
{
    m_running = false;
    m_reconnect.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    setConnected(false);
}

void EventStreamClient::onReadyRead()
{
    if (m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
        return;
    setConnected(true);
    m_backoffMs = 1000;
    m_buffer += m_reply->readAll();
    // Events are separated by a blank line; lines are "field: value".
    qsizetype end;
    while ((end = m_buffer.indexOf("\n\n")) >= 0) {
        const QByteArray block = m_buffer.left(end);
        m_buffer.remove(0, end + 2);
        QByteArray kind = "message", data;
        for (const QByteArray &line : block.split('\n')) {
            if (line.startsWith("id: "))
                m_lastId = line.mid(4).toLongLong();
            else if (line.startsWith("event: "))
                kind = line.mid(7);
            else if (line.startsWith("data: "))
                data += line.mid(6);
        }
        if (data.isEmpty())
            continue;
        QJsonObject object = QJsonDocument::fromJson(data).object();
        if (kind == "job") {
            object.insert(QStringLiteral("eventId"), m_lastId); // the stream's id line numbers the event
            if (auto event = api::JobEvent::fromJson(object))
                Q_EMIT jobEvent(*event);
            else
                qWarning("Ignoring a job event: %s", qPrintable(event.error().message));
        } else if (kind == "session") {
            if (auto session = api::Session::fromJson(object))
                Q_EMIT sessionEvent(*session);
            else
                qWarning("Ignoring a session event: %s", qPrintable(session.error().message));
        }
    }
}

void EventStreamClient::onFinished()
{
    m_reply->deleteLater();
    m_reply = nullptr;
    setConnected(false);
    if (!m_running)
        return;
    m_reconnect.start(m_backoffMs);
    m_backoffMs = qMin(m_backoffMs * 2, 30000);
}

void EventStreamClient::setConnected(bool connected)
{
    if (connected == m_connected)
        return;
    m_connected = connected;
    Q_EMIT connectedChanged(connected);
}

} // namespace tandem
