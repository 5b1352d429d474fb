#pragma once

#include "Error.h"
#include "gateway/Accounts.h"
#include "gateway/ConfinedDir.h"
#include "gateway/EventHub.h"
#include "gateway/Executor.h"
#include "gateway/JobPlan.h"

#include <QCache>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QUrlQuery>

namespace tandem::gateway {

class ConfinedDir;
class EventHub;
class Store;
class SystemCatalog;
class UserHome;

struct JobLimits
{
    qint64 quotaBytes = 0; // per home, staged inputs included; 0 = none
    int maxQueuedPerUser = 0; // jobs waiting to start; 0 = no limit
};

// The batch jobs: validates a spec into a plan, creates the job and its directory, hands it to the executor and
// records every transition (PENDING → STAGING_INPUTS → QUEUED → RUNNING → ARCHIVING → FINISHED | FAILED |
// CANCELLED) with its time and a message. Jobs are visible to their owner, the owner's instructors and admins;
// to anyone else a job does not exist.
class JobService : public QObject
{
    Q_OBJECT

public:
    JobService(Store &store, SystemCatalog &systems, EventHub &events, QString homesRoot, JobLimits limits = {},
               QObject *parent = nullptr);

    // Jobs for systems of this scheduler kind ("local", "slurm") go to `executor`. Systems whose scheduler has no
    // executor are listed but refuse jobs.
    void addExecutor(const QString &scheduler, Executor *executor);
    // A system with an executor of its own (each Slurm system has its controller).
    void addSystemExecutor(const QString &systemId, Executor *executor);
    bool canRun(const QString &systemId) const;
    // The executor jobs of this system go to; null when it has none.
    Executor *executorFor(const QString &systemId) const;

    UserHome homeOf(const QString &userName) const;
    // What the user's quota leaves now, in bytes (-1 without a quota).
    qint64 spaceLeft(const QString &userName) const;

    // Validates and creates the job; nothing is created when validation fails.
    Result<QJsonObject> submit(const User &user, const QJsonObject &spec);
    Result<QJsonObject> get(const User &user, qint64 id);
    // A class as its instructor sees it: each member of the group with how many jobs they have, how many are
    // active, and their last one. Instructors see their own group; admins any (`group` empty: their own).
    Result<QJsonObject> classSummary(const User &user, const QString &group);
    // A page of jobs as JSON ({"jobs": [...], "nextCursor": …}), already serialised.
    Result<QByteArray> list(const User &user, const QUrlQuery &query);
    // Jobs in the store (not deleted) by status, for the metrics.
    QList<std::pair<QString, qint64>> countsByStatus();
    Result<QJsonArray> history(const User &user, qint64 id);
    Result<QJsonObject> cancel(const User &user, qint64 id);
    // The job directory of a job the user may read, e.g. for outputs and logs.
    Result<ConfinedDir> directory(const User &user, qint64 id);
    // Events after `afterId` that `user` may see, oldest first, for resuming an event stream.
    Result<QList<Event>> eventsAfter(const User &user, qint64 afterId);
    // Submits the job's original request again, as a new job of the caller (who must own it).
    Result<QJsonObject> resubmit(const User &user, qint64 id);
    // Removes a final job's files and leaves a tombstone: the job answers 410 Gone from then on.
    Result<void> remove(const User &user, qint64 id);
    // Expires jobs that ended more than `retentionDays` ago, as remove() does; returns how many.
    int expire(int retentionDays);
    // After a restart: jobs a scheduler keeps (Slurm) are followed again, waiting local ones run again, and
    // interrupted local ones end FAILED with SYSTEM_ERROR.
    void recover();

Q_SIGNALS:
    void jobEnded(qint64 jobId);

private:
    struct Owned
    {
        qint64 ownerId = 0;
        QString ownerName;
        QString ownerGroup;
        QString status;
        QString directory;
        QString system;
    };
    Result<Owned> readable(const User &user, qint64 id);
    Result<void> transition(qint64 jobId, const QString &status, const QString &message,
                            const QVariantMap &columns = {});
    Result<void> bury(qint64 id, const QString &ownerName, const QString &relativeDirectory, int tombstone,
                      const QString &message);
    void listenTo(Executor *executor);
    void onAccepted(qint64 jobId, const QString &schedulerJobId);
    void onNote(qint64 jobId, const QString &message);
    void onStarted(qint64 jobId);
    void onFinished(qint64 jobId, const ExecutionResult &result);
    Result<QJsonObject> jobJson(qint64 id);
    void writeJobFile(qint64 jobId);
    // Whether the user may submit now; the bytes staging may copy (-1: no quota).
    Result<qint64> admit(const User &user, const UserHome &home, const JobPlan &plan);
    QJsonArray arrayTasks(qint64 jobId) const;
    Result<ConfinedDir> jobDirectory(const QString &ownerName, const QString &relativeDirectory) const;
    // `directory` may be missing (a held job's, moved by its user since): the request then names it only by path.
    ExecutionRequest executionRequest(qint64 id, const QString &userName, const QString &relativeDirectory,
                                      std::shared_ptr<const ConfinedDir> directory, const QString &queue, int cores,
                                      int nodes, int timeLimitSeconds, const QString &systemId) const;
    // Ends a job FAILED with SYSTEM_ERROR and `message`, and writes its job.json.
    void failWithSystemError(qint64 id, const QString &message);

    Store &m_store;
    SystemCatalog &m_systems;

    QHash<QString, Executor *> m_executors; // by scheduler
    QHash<QString, Executor *> m_systemExecutors; // by system id, before the scheduler's
    EventHub &m_events;
    QString m_homesRoot;
    JobLimits m_limits;
    QCache<qint64, QByteArray> m_summaries{16 * 1024 * 1024}; // list rows of ended jobs, by id; cost in bytes
};

} // namespace tandem::gateway
