#include "common/Notifier.h"

#include "client/EventStreamClient.h"
#include "client/GatewayApi.h"
#include "history/JobHistoryModel.h"

#include <QDateTime>
#include <QLocale>
#include <QSettings>

using namespace std::chrono;

namespace tandem {

namespace {

QString settingsKey(Notifier::Kind kind)
{
    switch (kind) {
    case Notifier::Kind::JobStarted:
        return QStringLiteral("notifications/jobStarted");
    case Notifier::Kind::JobEnded:
        return QStringLiteral("notifications/jobEnded");
    case Notifier::Kind::JobNearLimit:
        return QStringLiteral("notifications/jobNearLimit");
    case Notifier::Kind::SessionNearLimit:
        break;
    }
    return QStringLiteral("notifications/sessionNearLimit");
}

QString minutes(milliseconds span)
{
    if (span < seconds(60))
        return Notifier::tr("less than a minute");
    return Notifier::tr("%n minute(s)", nullptr, int((span.count() + 30'000) / 60'000));
}

} // namespace

Notifier::Notifier(GatewayConnection &connection, EventStreamClient *events, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    connect(events, &EventStreamClient::jobEvent, this, &Notifier::onJobEvent);
    connect(events, &EventStreamClient::sessionEvent, this, &Notifier::onSessionEvent);
}

Notifier::~Notifier() = default;

bool Notifier::isEnabled(Kind kind)
{
    return QSettings().value(settingsKey(kind), true).toBool();
}

void Notifier::setEnabled(Kind kind, bool enabled)
{
    QSettings().setValue(settingsKey(kind), enabled);
}

QString Notifier::kindLabel(Kind kind)
{
    switch (kind) {
    case Kind::JobStarted:
        return tr("A job of mine starts running");
    case Kind::JobEnded:
        return tr("A job of mine ends");
    case Kind::JobNearLimit:
        return tr("A running job of mine is close to its time limit");
    case Kind::SessionNearLimit:
        break;
    }
    return tr("My session is close to its idle or lifetime limit");
}

milliseconds Notifier::leadFor(milliseconds limit) const
{
    return std::min<milliseconds>(m_lead, limit / 2);
}

QTimer *Notifier::timer(QHash<qint64, QTimer *> &timers, qint64 id)
{
    QTimer *&timer = timers[id];
    if (!timer) {
        timer = new QTimer(this);
        timer->setSingleShot(true);
    }
    timer->disconnect();
    return timer;
}

void Notifier::notify(Kind kind, const QString &text)
{
    if (!isEnabled(kind))
        return;
    const QString title = kind == Kind::SessionNearLimit ? tr("Tandem session") : tr("Tandem job");
    if (m_presenter)
        m_presenter(kind, title, text);
    Q_EMIT raised(kind, title, text);
}

void Notifier::onJobEvent(const api::JobEvent &event)
{
    const qint64 id = event.jobId;
    const bool final = api::isFinal(event.status);
    if (final) {
        delete m_jobTimers.take(id);
        if (m_jobNames.contains(id)) {
            notify(Kind::JobEnded,
                   tr("Job %1 (%2) ended: %3.")
                       .arg(id)
                       .arg(m_jobNames.take(id), JobHistoryModel::statusLabel(api::statusName(event.status))));
            return;
        }
    } else if (event.status != api::JobStatus::Running) {
        return;
    }
    // Whose it is, its name and request: fetched once it runs (or ends unseen).
    JobsApi(m_connection).get(id, this, [this, id, final, status = event.status](const Result<api::Job> &job) {
        if (!job || job->owner != m_account)
            return;
        if (final) {
            m_jobNames.remove(id);
            delete m_jobTimers.take(id);
            return notify(Kind::JobEnded,
                          tr("Job %1 (%2) ended: %3.")
                              .arg(id)
                              .arg(job->name, JobHistoryModel::statusLabel(api::statusName(status))));
        }
        if (m_jobNames.contains(id) || api::isFinal(job->status))
            return; // told already, or over before it could be told
        m_jobNames.insert(id, job->name);
        notify(Kind::JobStarted, tr("Job %1 (%2) is running.").arg(id).arg(job->name));
        watchTimeLimit(*job);
    });
}

void Notifier::watchTimeLimit(const api::Job &job)
{
    // The limit it runs under, as the gateway works it out for the request (the queue's default when none was set).
    auto spec = api::JobSpec::fromJson(job.spec);
    if (!spec)
        return;
    const qint64 id = job.id;
    const QDateTime started = job.startedAt.isValid() ? job.startedAt : QDateTime::currentDateTimeUtc();
    JobsApi(m_connection).preview(*spec, this, [this, id, started](const Result<api::JobPreview> &preview) {
        if (!preview || preview->timeLimitSeconds <= 0 || !m_jobNames.contains(id))
            return;
        const milliseconds limit = seconds(preview->timeLimitSeconds);
        const QDateTime warnAt = started.addMSecs((limit - leadFor(limit)).count());
        QTimer *warning = timer(m_jobTimers, id);
        connect(warning, &QTimer::timeout, this, [this, id, started, limit] {
            m_jobTimers.take(id)->deleteLater();
            if (!m_jobNames.contains(id))
                return; // ended meanwhile
            const milliseconds left(QDateTime::currentDateTimeUtc().msecsTo(started.addMSecs(limit.count())));
            notify(Kind::JobNearLimit,
                   tr("Job %1 (%2) reaches its time limit in about %3; it is stopped then.")
                       .arg(id)
                       .arg(m_jobNames.value(id), minutes(left)));
        });
        warning->start(std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(warnAt)));
    });
}

void Notifier::onSessionEvent(const api::Session &session)
{
    if (session.owner != m_account)
        return;
    if (!session.isActive()) {
        delete m_lifetimeTimers.take(session.id);
        delete m_idleTimers.take(session.id);
        return;
    }
    const qint64 id = session.id;
    if (session.expiresAt.isValid() && session.createdAt.isValid()) {
        const milliseconds lifetime(session.createdAt.msecsTo(session.expiresAt));
        const QDateTime warnAt = session.expiresAt.addMSecs(-leadFor(lifetime).count());
        QTimer *warning = timer(m_lifetimeTimers, id);
        connect(warning, &QTimer::timeout, this, [this, id, expiresAt = session.expiresAt] {
            m_lifetimeTimers.take(id)->deleteLater();
            const milliseconds left(QDateTime::currentDateTimeUtc().msecsTo(expiresAt));
            notify(Kind::SessionNearLimit,
                   tr("Your session ends in about %1 (at %2), when it reaches its lifetime. Save your work.")
                       .arg(minutes(left), QLocale().toString(expiresAt.toLocalTime().time(), QLocale::ShortFormat)));
        });
        warning->start(std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(warnAt)));
    }
    if (session.idleTimeoutSeconds && *session.idleTimeoutSeconds > 0) {
        const milliseconds timeout = seconds(*session.idleTimeoutSeconds);
        const milliseconds idle = seconds(session.idleSeconds.value_or(0));
        QTimer *check = timer(m_idleTimers, id);
        connect(check, &QTimer::timeout, this, [this, id] { checkIdle(id); });
        check->start(std::max<milliseconds>(milliseconds(0), timeout - leadFor(timeout) - idle));
    }
}

void Notifier::checkIdle(qint64 sessionId)
{
    // Idle is measured by the gateway: asked again when the warning is due, so a connection since then counts.
    SessionsApi(m_connection).get(sessionId, this, [this, sessionId](const Result<api::Session> &session) {
        if (!session || !session->isActive() || !session->idleTimeoutSeconds)
            return;
        const milliseconds timeout = seconds(*session->idleTimeoutSeconds);
        const milliseconds idle = seconds(session->idleSeconds.value_or(0));
        const milliseconds due = timeout - leadFor(timeout);
        if (session->connections > 0 || idle + seconds(1) < due) {
            // In use again, or not yet as idle as that: look again when it could be.
            timer(m_idleTimers, sessionId)->start(std::max<milliseconds>(seconds(1), due - idle));
            connect(m_idleTimers.value(sessionId), &QTimer::timeout, this, [this, sessionId] { checkIdle(sessionId); });
            return;
        }
        notify(Kind::SessionNearLimit,
               tr("Your session stops in about %1 unless something connects to it: it has "
                  "had no connection for %2.")
                   .arg(minutes(timeout - idle), minutes(idle)));
    });
}

} // namespace tandem
