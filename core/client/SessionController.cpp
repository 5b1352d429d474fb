#include "client/SessionController.h"

#include "api/ErrorCode.h"

namespace tandem {

SessionController::SessionController(GatewayConnection &connection, QObject *parent)
    : QObject(parent)
    , m_sessions(connection)
{
    m_poll.setInterval(1000);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        m_sessions.get(m_id, this, [this](const Result<api::Session> &session) {
            if (session)
                adopt(*session);
        });
    });
}

void SessionController::findRunning(const QString &owner)
{
    m_sessions.list(this, [this, owner](const Result<QList<api::Session>> &sessions) {
        if (!sessions)
            return;
        for (const api::Session &session : *sessions) {
            if (session.owner == owner && session.isActive()) {
                Q_EMIT runningFound(session.id);
                return;
            }
        }
    });
}

void SessionController::start(const QByteArray &publicKey)
{
    m_id = 0;
    m_sessions.start(publicKey, this, [this](const Result<api::Session> &session) {
        if (session)
            adopt(*session);
        else
            Q_EMIT startFailed(session.error().message);
    });
}

void SessionController::rekey(qint64 id, const QByteArray &publicKey)
{
    m_id = id;
    m_sessions.replaceKey(id, publicKey, this, [this, id, publicKey](const Result<api::Session> &session) {
        if (session)
            adopt(*session);
        else if (session.error().is(api::ErrorCode::SessionStarting))
            QTimer::singleShot(500, this, [this, id, publicKey] { rekey(id, publicKey); });
        else
            Q_EMIT rekeyFailed(id, session.error().message);
    });
}

void SessionController::refresh(QObject *context, Done<api::Session> done)
{
    m_sessions.get(m_id, context, std::move(done));
}

void SessionController::stop()
{
    m_sessions.stop(m_id, this, [this](const Result<api::Session> &session) {
        if (session)
            adopt(*session);
        else
            Q_EMIT stopFailed(session.error().message);
    });
}

void SessionController::onSessionEvent(const api::Session &session)
{
    if (m_id > 0 && session.id == m_id)
        adopt(session);
}

void SessionController::adopt(const api::Session &session)
{
    m_id = session.id;
    switch (session.state) {
    case api::Session::State::Starting:
        m_poll.start();
        Q_EMIT starting(session.message);
        return;
    case api::Session::State::Ready:
        m_poll.stop();
        Q_EMIT ready(session);
        return;
    case api::Session::State::Stopping:
        m_poll.stop();
        Q_EMIT stopping();
        return;
    case api::Session::State::Stopped:
    case api::Session::State::Failed:
        break;
    }
    m_poll.stop();
    Q_EMIT ended(session.message);
}

void SessionController::stopWatching()
{
    m_poll.stop();
}

void SessionController::forget()
{
    m_poll.stop();
    m_id = 0;
}

} // namespace tandem
