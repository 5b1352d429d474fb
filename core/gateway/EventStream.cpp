#include "gateway/EventStream.h"

#include <QHttpHeaders>
#include <QJsonDocument>

namespace tandem::gateway {

EventStream::EventStream(QHttpServerResponder &&responder, QAbstractSocket *socket, User user, Token token,
                         EventHub &hub, const QList<Event> &missed, QObject *parent)
    : QObject(parent)
    , m_responder(std::move(responder))
    , m_socket(socket)
    , m_user(std::move(user))
    , m_token(std::move(token))
{
    if (m_socket) {
        connect(m_socket, &QAbstractSocket::disconnected, this, &QObject::deleteLater);
        connect(m_socket, &QObject::destroyed, this, &QObject::deleteLater);
    }
    QHttpHeaders headers;
    headers.append(QHttpHeaders::WellKnownHeader::ContentType, "text/event-stream");
    headers.append(QHttpHeaders::WellKnownHeader::CacheControl, "no-cache");
    m_responder.writeBeginChunked(headers);
    m_responder.writeChunk("retry: 2000\n: connected\n\n");
    for (const Event &event : missed)
        send(event);
    connect(&hub, &EventHub::published, this, [this](const Event &event) {
        if (EventHub::visibleTo(event, m_user))
            send(event);
    });
    m_heartbeat.setInterval(std::chrono::seconds(15));
    connect(&m_heartbeat, &QTimer::timeout, this, [this] { m_responder.writeChunk(": keepalive\n\n"); });
    m_heartbeat.start();
    if (m_token.expiresAt.isValid()) {
        // Timers count in int milliseconds: a token valid for weeks is looked at again in a day.
        const qint64 left = QDateTime::currentDateTimeUtc().msecsTo(m_token.expiresAt);
        m_expiry.setSingleShot(true);
        m_expiry.setInterval(std::chrono::milliseconds(std::clamp<qint64>(left, 0, 24 * 3600 * 1000)));
        connect(&m_expiry, &QTimer::timeout, this, [this] {
            if (QDateTime::currentDateTimeUtc() >= m_token.expiresAt)
                close();
            else
                m_expiry.start(std::chrono::milliseconds(std::clamp<qint64>(
                    QDateTime::currentDateTimeUtc().msecsTo(m_token.expiresAt), 0, 24 * 3600 * 1000)));
        });
        m_expiry.start();
    }
}

void EventStream::send(const Event &event)
{
    if (event.id > 0) { // job events are logged and resumable; session events (id 0) are live only
        if (event.id <= m_lastId)
            return; // already sent during the replay
        m_lastId = event.id;
    }
    QJsonObject data = event.data;
    data.insert(QStringLiteral("eventId"), event.id);
    // A live-only event carries no id line, so it leaves the client's Last-Event-ID where it was.
    const QByteArray id = event.id > 0 ? "id: " + QByteArray::number(event.id) + '\n' : QByteArray();
    m_responder.writeChunk(id + "event: " + event.kind.toUtf8()
                           + "\ndata: " + QJsonDocument(data).toJson(QJsonDocument::Compact) + "\n\n");
}

void EventStream::close()
{
    if (std::exchange(m_closed, true))
        return;
    m_heartbeat.stop();
    m_expiry.stop();
    m_responder.writeEndChunked(": closed\n\n"); // a comment: QHttpServer takes no empty last chunk
    deleteLater();
}

} // namespace tandem::gateway
