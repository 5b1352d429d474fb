#include "gateway/EventsController.h"

#include "api/ErrorCode.h"
#include "api/Routes.h"
#include "gateway/Accounts.h"
#include "gateway/EventStream.h"
#include "gateway/JobService.h"
#include "gateway/Router.h"

#include <QHttpServerRequest>
#include <QUrlQuery>

namespace tandem::gateway {

EventsController::EventsController(Accounts &accounts, JobService &jobs, EventHub &events, SocketFor socketFor,
                                   QObject *parent)
    : QObject(parent)
    , m_accounts(accounts)
    , m_jobs(jobs)
    , m_events(events)
    , m_socketFor(std::move(socketFor))
{
    m_recheck.setInterval(std::chrono::seconds(30));
    connect(&m_recheck, &QTimer::timeout, this, [this] {
        closeStreams([this](const EventStream &stream) {
            // Revoked, expired, or its user gone; a store that failed for a moment ends nothing.
            auto holder = m_accounts.authenticateId(stream.tokenId());
            return !holder && holder.error().kind != Error::Kind::Internal;
        });
    });
    m_recheck.start();
}

EventsController::~EventsController()
{
    qDeleteAll(streams());
}

QList<EventStream *> EventsController::streams() const
{
    return findChildren<EventStream *>(Qt::FindDirectChildrenOnly);
}

void EventsController::closeStreams(const std::function<bool(const EventStream &)> &which)
{
    for (EventStream *stream : streams()) {
        if (which(*stream))
            stream->close();
    }
}

void EventsController::tokenEnded(const QByteArray &tokenId)
{
    closeStreams([&](const EventStream &stream) { return stream.tokenId() == tokenId; });
}

void EventsController::addRoutes(Router &router)
{
    router.add(Router::Method::Get, api::patterns::Events, [this](RouteContext &context) -> Result<Reply> {
        const QHttpServerRequest &request = context.request;
        const User &user = context.user;
        bool ok = false;
        qint64 after = request.value("last-event-id").toLongLong(&ok);
        if (!ok)
            after = QUrlQuery(request.url()).queryItemValue(QStringLiteral("after")).toLongLong();
        auto missed = m_jobs.eventsAfter(user, after);
        if (!missed)
            return std::unexpected(missed.error());
        // Streams end with their connection, so these are live: a client opening more is looping or leaking.
        const QList<EventStream *> all = streams();
        if (std::count_if(all.cbegin(), all.cend(),
                          [&](const EventStream *stream) { return stream->user().id == user.id && stream->isOpen(); })
            >= MaxStreamsPerUser) {
            Reply refused = Reply::error(Error::make(api::ErrorCode::TooManyStreams,
                                                     tr("You have %1 event streams open already; close a Tandem window "
                                                        "or sign out on another computer.")
                                                         .arg(MaxStreamsPerUser)));
            refused.headers.append(std::pair<QByteArray, QByteArray>("Retry-After", "30"));
            return refused;
        }
        const QByteArray tokenId = Accounts::tokenId(bearerToken(request));
        auto holder = m_accounts.authenticateId(tokenId);
        if (!holder)
            return std::unexpected(holder.error());
        QAbstractSocket *socket = m_socketFor(request);
        if (!socket) // a stream must end with its connection
            return std::unexpected(Error::internal(tr("This connection is not tracked by the gateway.")));
        new EventStream(std::move(context.responder), socket, user, {tokenId, holder->expiresAt}, m_events, *missed,
                        this);
        context.responded = true;
        return Reply{};
    });
}

} // namespace tandem::gateway
