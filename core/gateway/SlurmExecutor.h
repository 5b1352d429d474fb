#pragma once

#include "gateway/Executor.h"
#include "gateway/Sandbox.h"
#include "gateway/SystemCatalog.h"
#include "ssh/SshRemote.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QProcessEnvironment>
#include <QSet>
#include <QTimer>

#include <functional>
#include <map>

namespace tandem::gateway {

struct SlurmExecutorSetup
{
    QString runner; // tandem-job-run, as the nodes see it
    // The gateway's own directory for Slurm's output of each batch step (never a user's): slurm-<id>.out there.
    std::shared_ptr<const ConfinedDir> spool;
    QString instance; // this gateway's id, in every job's comment tag: two gateways on one account never mix jobs
    QStringList hiddenPaths; // masked in the jobs' sandbox (the gateway's data directory, Slurm's credentials)
    // A login-node system: the most one job's copy-back may bring home, and what its owner's quota leaves now
    // (bytes, -1 for no quota).
    qint64 copyBackLimit = qint64(10) * 1024 * 1024 * 1024;
    std::function<qint64(const QString &userName)> spaceLeft;
};

// Runs a system's jobs on Slurm through its own commands: sbatch (the script on standard input, never a path a
// user could swap), one `squeue --json` for all of the system's jobs per poll interval, scancel. Every job carries
// the comment tag tandem:<instance>:<job id>, so a job submitted just before a crash is found again instead of
// submitted twice. While the controller does not answer, jobs keep their last state and are told why; new jobs are
// refused until it answers again.
//
// On the node the batch script runs tandem-job-run, which opens the job directory confined (no links) and starts
// job.sh inside the bubblewrap sandbox, as the local executor does.
//
// A system with a login node runs the same commands there over one SSH connection (SshRemote), and each job in a
// folder of its own there (<root>/<user>/<job's folder>): its files are copied there by SFTP before sbatch
// (STAGING_INPUTS) and what it made is copied back into the user's job directory once it ended (ARCHIVING), through
// the confined file layer, before its end is reported.
class SlurmExecutor : public Executor
{
    Q_OBJECT

public:
    struct Command
    {
        int exitCode = -1;
        QByteArray output;
        QByteArray errors;
        bool ran = false; // the process started and ended by itself
        QString problem; // why it did not run (over SSH: the connection)
    };

    SlurmExecutor(System system, SlurmExecutorSetup setup, QObject *parent = nullptr);
    ~SlurmExecutor() override;

    void submit(const ExecutionRequest &request) override;
    bool adopt(const ExecutionRequest &request) override;
    bool cancel(qint64 jobId) override;
    QString isolation() const override;
    QString refusal() const override;

    // The batch script for a job, as submitted and kept with it.
    Result<QString> batchScript(const ExecutionRequest &request) const override;
    // The comment tag that finds a job again.
    QString tag(qint64 jobId) const;
    // How many squeue calls this executor has made (for the benchmark: bounded by systems, not jobs).
    qint64 queries() const { return m_queries; }
    const QString &systemId() const { return m_system.id; }
    const System &system() const { return m_system; }
    // The partition sessions go to: the configured default one.
    QString defaultQueue() const;
    // The longest a job may run in `queue`, in minutes: Slurm's partition limit once read, else the config's; 0 when
    // unknown.
    int maxMinutes(const QString &queue) const;
    // Runs one of Slurm's commands (sbatch, squeue, scancel) as this system's jobs are run: for the Slurm session
    // backend, which shares the system.
    void runSlurm(const QString &name, const QStringList &arguments, const QByteArray &input,
                  std::function<void(const Command &)> done);
    // Slurm's partitions as queues (scontrol show partition --json): up ones only, with their node, core and time
    // limits. Public for its test.
    static QList<Queue> queuesFromPartitions(const QJsonObject &partitions, const QString &defaultQueue);

Q_SIGNALS:
    // The system's queues as Slurm has them now (systems with queuesFromSlurm).
    void queuesRead(const QString &systemId, const QList<tandem::gateway::Queue> &queues);

private:
    enum class Phase {
        ToStage, // a login node's job waiting for the connection to copy its files there
        Staging, // its files are being copied to the login node
        Submitting, // sbatch is running
        Unknown, // a submission's outcome is unknown (crash, timeout): look for its tag before submitting again
        Submitted, // Slurm has it under schedulerJobId
        Archiving, // ended; what it made is being copied back from the login node
        ToArchive, // ended; to be copied back once the login node answers again
    };
    // Where a job's places are as its node sees them.
    struct NodePaths
    {
        QString runner;
        QString spool;
        QString home; // the user's folder; the job directory is home/relativeDirectory
        QString directory;
    };
    // How a job ended, kept while its outputs are copied back.
    struct Ending
    {
        QJsonObject slurmJob;
        QStringList state;
        Condition condition = Condition::SystemError;
        int exitCode = -1;
        QString message; // set: how it ended, in place of what the state says (Slurm forgot the job)
    };
    struct Tracked
    {
        ExecutionRequest request;
        Phase phase = Phase::Submitting;
        bool started = false;
        bool cancelRequested = false;
        QString note; // the last note sent (pending reason), to send only changes
        qint64 since = 0; // m_clock when it entered its phase: a listing asked for before then may not show it
        Ending ending;
        bool keepRemote = false; // not everything came back: its folder on the login node stays
        // A job array's tasks seen ending (index → exit status and how), kept as Slurm forgets them one by one.
        QMap<int, std::pair<int, Condition>> taskEnds;
        QString taskProgress; // the last count of its tasks sent
    };

    // Runs a Slurm command (or another one there) where Slurm is: here, or on the login node as the account the
    // user's jobs run as there.
    void runCommand(const QString &program, const QStringList &arguments, const QByteArray &input,
                    std::function<void(const Command &)> done, const QString &userName = {});
    // On that connection (nullptr: this machine).
    void runOn(SshRemote *remote, const QString &program, const QStringList &arguments, const QByteArray &input,
               std::function<void(const Command &)> done);
    std::unique_ptr<SshRemote> connectTo(const QString &user, const QString &keyFile, QString *problem) const;
    // The connection to the account the user's jobs run as: their own where the config maps one, else the
    // community account's.
    SshRemote &remoteOf(const QString &userName) const;
    // That account's second connection, for the jobs' files.
    SshRemote &transferOf(const QString &userName) const;
    // A connection's listing or command answered, or did not: the community account's says whether Slurm answers
    // at all; a user's own account's only concerns that user's jobs.
    void reached(SshRemote *remote, bool answered, const QString &problem);
    void reached(const QString &userName, bool answered, const QString &problem);
    void connectionLost(SshRemote &remote);
    bool isRemote() const { return m_remote != nullptr; }
    // A login-node system whose connection cannot be made (its key cannot be used): it runs nothing, here or there.
    bool unusable() const { return m_system.slurm.login.isSet() && !m_remote; }
    NodePaths nodePaths(const ExecutionRequest &request) const;
    QString remoteRoot(const SshRemote &remote) const;
    // The batch script's prologue on a login node's cluster that finds the places to mask there.
    QString nodeMasks(const NodePaths &paths, const QString &userName) const;
    void removeRemoteFolder(const Tracked &job);
    // Submits, after copying the job's files to the login node first where there is one.
    void stageOrSubmit(qint64 jobId);
    void stage(qint64 jobId);
    void archive(qint64 jobId);
    void copyBack(qint64 jobId, const QList<RemoteEntry> &entries);
    // Reports the end of a job: what Slurm's own output of its batch step said is `said`.
    // `problem`: what could not be copied back from a login node.
    void reportEnd(qint64 jobId, const QString &said, const QString &problem);
    QString localSpoolText(const QString &schedulerJobId) const;
    QString command(const QString &name) const;
    void startSubmission(qint64 jobId);
    void poll();
    void readPartitions();
    void onListing(const Command &result, qint64 askedAt, SshRemote *remote);
    void follow(Tracked &job, const QJsonObject &slurmJob);
    // A job array: its tasks' records (and the one of those still waiting) under its array job id.
    void followArray(Tracked &job, const QList<QJsonObject> &records);
    // The job ended: its outputs come back from the login node first, or its end is reported now.
    void ended(Tracked &job);
    void finish(qint64 jobId, const ExecutionResult &result);
    void scancel(const Tracked &job);
    void setReachable(bool reachable, const QString &problem);
    // How the job ended: `state` and `exitCode` as follow() read them from `slurmJob`, `condition` its outcome.
    ExecutionResult endResult(const Tracked &job, const QString &said) const;

    System m_system;
    SlurmExecutorSetup m_setup;
    Sandbox m_sandbox;
    QProcessEnvironment m_environment;
    QHash<qint64, Tracked> m_jobs;
    QTimer m_poll;
    QSet<SshRemote *> m_polling; // the accounts whose listing is under way (nullptr: Slurm on this machine)
    qint64 m_clock = 0; // counts submissions' answers and listings' starts, to order them
    QElapsedTimer m_sinceIdlePoll;
    QElapsedTimer m_sincePartitions; // read again every few minutes
    QList<Queue> m_partitions; // as last read from Slurm
    bool m_haveQueues = true; // false until Slurm's partitions were read, for a system that takes its queues there
    qint64 m_queries = 0;
    bool m_reachable = false; // until the controller has answered once
    QDateTime m_unreachableSince;
    QString m_problem;
    std::unique_ptr<SshRemote> m_remote; // the login node's connection, for a system that has one
    std::map<QString, std::unique_ptr<SshRemote>> m_accountRemotes; // Tandem user → their own account's
    std::map<const SshRemote *, std::unique_ptr<SshRemote>> m_transfers; // an account's connection → its files' one
    QString m_remoteProblem; // why there is none (its key cannot be read)
};

} // namespace tandem::gateway
