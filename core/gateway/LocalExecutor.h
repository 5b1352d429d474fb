#pragma once

#include "gateway/Executor.h"
#include "gateway/Sandbox.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>

class QSocketNotifier;
class QTimer;

namespace tandem::gateway {

struct LocalExecutorLimits
{
    int cores = 2; // cores this machine lends to jobs
    qint64 memoryBytes = qint64(8) * 1024 * 1024 * 1024; // RLIMIT_AS per job
    qint64 processes = 4096; // RLIMIT_NPROC
    qint64 fileSizeBytes = qint64(10) * 1024 * 1024 * 1024; // RLIMIT_FSIZE
    QStringList hiddenPaths; // masked inside the sandbox (the gateway's data directory: other users' homes)
    bool allowUnsandboxed = false; // run jobs without a sandbox where bubblewrap cannot (a single-user workstation)
};

// Runs jobs on this machine: a job holds as many slots as it asked cores; each queue is served first in, first out;
// the time limit is enforced; cancel signals the job's whole process group. Jobs run through tandem-job-run (session
// leader, rlimits, rusage) inside the Sandbox — read-only system, nothing of the gateway, no network unless the
// system allows it, and the job directory, bound by its descriptor, the only writable place. Where bubblewrap
// cannot create its namespaces, jobs are refused unless the operator allowed running them unsandboxed.
//
// A job outlives the gateway: its process is followed through a pidfd, not as a QProcess that would take it down
// with the gateway, and recorded by its PID and start time, so that a gateway started again picks it up (adopt())
// and learns how it ended from what tandem-job-run wrote.
class LocalExecutor : public Executor
{
    Q_OBJECT

public:
    LocalExecutor(QString runnerPath, LocalExecutorLimits limits, QObject *parent = nullptr);
    ~LocalExecutor() override;

    void submit(const ExecutionRequest &request) override;
    bool adopt(const ExecutionRequest &request) override;
    bool cancel(qint64 jobId) override;
    QString isolation() const override;
    QString refusal() const override { return m_sandbox.mayRun() ? QString() : m_sandbox.refusal(); }
    bool sandboxed() const { return m_sandbox.isAvailable(); }
    int freeSlots() const { return m_freeSlots; }

private:
    struct Running
    {
        ExecutionRequest request;
        int pid = -1; // the job's process group leader: bwrap, or the runner when unsandboxed
        int pidfd = -1;
        bool ours = true; // started by this gateway (its exit status can be waited for), or adopted
        QSocketNotifier *exited = nullptr;
        QTimer *timer = nullptr;
        QElapsedTimer clock;
        qint64 ranBeforeMs = 0; // an adopted job's time before this gateway started
        Condition forced = Condition::None; // set when we killed it
        QString failure; // it could not be started: why
    };

    void schedule();
    void start(const ExecutionRequest &request);
    void follow(Running job, int remainingSeconds);
    // Reports the job's end from the event loop: one that could not start, or whose process is already gone.
    void endLater(Running job);
    void onExited(qint64 jobId);
    void finish(Running job, int exitCode);
    void terminate(Running &job, Condition reason);
    QStringList sandboxArguments(const ExecutionRequest &request, int directoryFd) const;

    QString m_runner;
    LocalExecutorLimits m_limits;
    Sandbox m_sandbox;
    int m_freeSlots;
    QList<ExecutionRequest> m_waiting;
    QHash<qint64, Running> m_running;
};

} // namespace tandem::gateway
