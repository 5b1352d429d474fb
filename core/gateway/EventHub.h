#pragma once

#include <QJsonObject>
#include <QObject>

namespace tandem::gateway {

struct User;

// One change pushed to clients: a job or session changed state. `id` is the event's position in the store's
// event log, so a client that reconnects resumes after the last id it saw.
struct Event
{
    qint64 id = 0;
    qint64 ownerId = 0;
    QString ownerGroup;
    QString kind; // "job" or "session"
    QJsonObject data;
};

// Fans events out to the connected event streams; each stream filters by what its user may see.
class EventHub : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    void publish(const Event &event) { Q_EMIT published(event); }
    static bool visibleTo(const Event &event, const User &user);

Q_SIGNALS:
    void published(const tandem::gateway::Event &event);
};

} // namespace tandem::gateway
