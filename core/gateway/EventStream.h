#pragma once

#include "gateway/Accounts.h"
#include "gateway/EventHub.h"

#include <QHttpServerResponder>
#include <QObject>
#include <QTimer>

namespace tandem::gateway {

// One client's Server-Sent Events stream: replays what it missed (after Last-Event-ID), then forwards every event
// its user may see, with a heartbeat comment so proxies and clients notice a dead connection.
class EventStream : public QObject
{
    Q_OBJECT

public:
    EventStream(QHttpServerResponder &&responder, User user, EventHub &hub, const QList<Event> &missed,
                QObject *parent = nullptr);

    const User &user() const { return m_user; }
    void close();

private:
    void send(const Event &event);

    QHttpServerResponder m_responder;
    User m_user;
    QTimer m_heartbeat;
    qint64 m_lastId = 0;
};

} // namespace tandem::gateway
