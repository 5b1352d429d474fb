#include "gateway/EventStream.h"

#include <QHttpHeaders>
#include <QJsonDocument>

namespace tandem::gateway {

EventStream::EventStream(QHttpServerResponder &&responder, User user, EventHub &hub, const QList<Event> &missed,
                         QObject *parent)
    : QObject(parent)
    , m_responder(std::move(responder))
    , m_user(std::move(user))
{
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
    m_heartbeat.stop();
    m_responder.writeEndChunked(QByteArray());
}

} // namespace tandem::gateway
