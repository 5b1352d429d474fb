#pragma once

#include "api/Job.h"
#include "api/Session.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>

namespace tandem {

class EventStreamClient;
class GatewayConnection;

// Desktop notifications about the signed-in user's own work, from the pushed events: a job started, a job ended, a
// running job close to its time limit, a session close to its idle or lifetime limit. Each kind can be turned off
// (kept in QSettings). What shows them is a seam: the desktop passes its tray and status bar, tests a recorder.
class Notifier : public QObject
{
    Q_OBJECT

public:
    enum class Kind { JobStarted, JobEnded, JobNearLimit, SessionNearLimit };
    Q_ENUM(Kind)
    using Presenter = std::function<void(Kind kind, const QString &title, const QString &text)>;

    Notifier(GatewayConnection &connection, EventStreamClient *events, QObject *parent = nullptr);
    ~Notifier() override;

    // Only this account's jobs and sessions are told about (an instructor's history holds the class's too).
    void setAccount(const QString &name) { m_account = name; }
    void setPresenter(Presenter presenter) { m_presenter = std::move(presenter); }
    // How long before a limit the warning comes (at most half of the limit); 5 minutes unless set.
    void setWarningLead(std::chrono::seconds lead) { m_lead = lead; }

    static bool isEnabled(Kind kind);
    static void setEnabled(Kind kind, bool enabled);
    static QString kindLabel(Kind kind);

Q_SIGNALS:
    void raised(tandem::Notifier::Kind kind, const QString &title, const QString &text);

private:
    void onJobEvent(const api::JobEvent &event);
    void onSessionEvent(const api::Session &session);
    void watchTimeLimit(const api::Job &job);
    void checkIdle(qint64 sessionId);
    void notify(Kind kind, const QString &text);
    std::chrono::milliseconds leadFor(std::chrono::milliseconds limit) const;
    QTimer *timer(QHash<qint64, QTimer *> &timers, qint64 id);

    GatewayConnection &m_connection;
    QString m_account;
    Presenter m_presenter;
    std::chrono::seconds m_lead{5 * 60};
    QHash<qint64, QTimer *> m_jobTimers; // running jobs: their near-limit warning
    QHash<qint64, QTimer *> m_lifetimeTimers; // active sessions
    QHash<qint64, QTimer *> m_idleTimers;
    QHash<qint64, QString> m_jobNames; // own jobs seen, for the message when they end
};

} // namespace tandem
