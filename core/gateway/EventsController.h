#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <functional>

class QAbstractSocket;
class QHttpServerRequest;

namespace tandem::gateway {

class Accounts;
class EventHub;
class EventStream;
class JobService;
class Router;

// /api/v1/events: a stream of pushed job and session events per client, with the ones missed since Last-Event-ID.
// Streams end with their connection, when their token expires or is ended (sign-out, renewal, the command line —
// checked every 30 s) and when their user is gone; a user has at most eight.
class EventsController : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxStreamsPerUser = 8;
    using SocketFor = std::function<QAbstractSocket *(const QHttpServerRequest &)>;

    EventsController(Accounts &accounts, JobService &jobs, EventHub &events, SocketFor socketFor,
                     QObject *parent = nullptr);
    ~EventsController() override; // the streams end first: they hold responders

    void addRoutes(Router &router);
    // Ends the streams opened with this token (its id, Accounts::tokenId).
    void tokenEnded(const QByteArray &tokenId);

private:
    QList<EventStream *> streams() const;
    void closeStreams(const std::function<bool(const EventStream &)> &which);

    Accounts &m_accounts;
    JobService &m_jobs;
    EventHub &m_events;
    SocketFor m_socketFor;
    QTimer m_recheck;
};

} // namespace tandem::gateway
