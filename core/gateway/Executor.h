#pragma once

#include "api/JobSpec.h"
#include "api/JobStatus.h"

#include "gateway/ConfinedDir.h"

#include <QMap>
#include <QObject>
#include <QString>

#include <memory>

namespace tandem::gateway {

// How a job ended, as recorded in its final status.
using api::Condition;

struct ExecutionRequest
{
    qint64 jobId = 0;
    QString directory; // where the job directory is, as the job sees it (its own path)
    QString scriptName; // inside directory
    QString queue;
    int cores = 1;
    int timeLimitSeconds = 600;
    // The job directory itself, opened by the gateway: everything it does there goes through this descriptor.
    // Opened from `directory` when not given (tests that make their own job directories).
    std::shared_ptr<const ConfinedDir> jobDir;
    bool network = false; // the system lets jobs reach the network
    QString userName; // the account the job runs for, as USER and LOGNAME
    int nodes = 1;
    // The user's home and the job directory relative to it: a scheduler's node opens the directory from these,
    // confined, instead of following `directory` through whatever links the user planted on its way.
    QString home;
    QString relativeDirectory;
    // The scheduler's own id for the job once it has one ("4711" in Slurm), for picking it up after a restart.
    QString schedulerJobId;
    bool alreadyStarted = false; // adopted after a restart while RUNNING
    qint64 startedAtMs = 0; // when it started running (ms since the epoch), for an adopted job's time limit
    // The local process that runs it ("pid:start time:boot id"), to find it again after a restart.
    QString process;
    // What job.sh holds, for a scheduler that builds its own script instead of running job.sh: the modules, the
    // environment and the argv, whose first launcherLength words are the launcher (srun -n 4).
    QStringList modules;
    QMap<QString, QString> environment;
    QStringList command;
    int launcherLength = 0;
    // The script the scheduler was (or is to be) given, as batchScript() made it and the store keeps it.
    QString batchScript;
    std::optional<api::JobSpec::ArrayRange> array; // a job array: its tasks' indexes and how many run at a time
};

struct ExecutionResult
{
    Condition condition = Condition::SystemError;
    int exitCode = -1;
    qint64 runtimeMs = 0;
    qint64 maxRssKb = -1;
    qint64 cpuMs = -1;
    QString message;
    // A job array's tasks as the scheduler saw them end: index, exit status (-1: how it ended is unknown). Empty:
    // the job service reads what the array's own script wrote.
    QList<std::pair<int, int>> tasks;
};

// What tandem-job-run wrote about the job's use of the machine (.tandem-rusage.json in its directory, removed once
// read) into `result`; `signal` is the signal that ended the job, 0 if none. Returns the exit code it recorded
// (-1 when there is none): the only account of a job whose runner this gateway did not start itself.
int readRunnerUsage(const ConfinedDir &directory, ExecutionResult &result, int &signal);
// Removes `name` from a job directory when it is a file or a link, never a folder (that would be a recursive delete
// of whatever the job made there). True when nothing is left under the name.
bool removeFile(const ConfinedDir &directory, const QString &name);

// Where batch jobs run: the embedded local executor today, Slurm (local or over SSH) next. The job service hands
// it a prepared job directory and listens for the job to start and end; the API never sees the difference.
class Executor : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // The script this executor submits for the request (kept with the job and shown); empty when it runs job.sh
    // itself. A request it cannot express is refused here, before anything is submitted.
    virtual Result<QString> batchScript(const ExecutionRequest &request) const
    {
        Q_UNUSED(request);
        return QString();
    }
    virtual void submit(const ExecutionRequest &request) = 0;
    // After a gateway restart: follows a job submitted before it (by its schedulerJobId, or found again by its tag
    // when the gateway stopped between submitting and recording it, and submitted only when not found). False when
    // this executor cannot pick jobs up: the job then ends as interrupted.
    virtual bool adopt(const ExecutionRequest &request)
    {
        Q_UNUSED(request);
        return false;
    }
    // Returns false when the executor does not know the job (already ended).
    virtual bool cancel(qint64 jobId) = 0;
    // A sentence for operators: how jobs are isolated, or why they are not.
    virtual QString isolation() const = 0;
    // Why this executor refuses jobs now (empty when it takes them).
    virtual QString refusal() const { return {}; }
    // "Exited with code 3." or, past 128, "Ended by signal 9.": how a job's own exit code reads.
    static QString exitMessage(int exitCode);

Q_SIGNALS:
    // The job runs as this local process ("pid:start time:boot id"): recorded to pick it up again after a restart.
    void jobProcess(qint64 jobId, const QString &process);
    // The scheduler took the job and gave it its own id.
    void jobAccepted(qint64 jobId, const QString &schedulerJobId);
    // Something the user should read while the job keeps its status: why it waits, that the scheduler is
    // unreachable.
    void jobNote(qint64 jobId, const QString &message);
    void jobStarted(qint64 jobId);
    // The job's files are being copied to where it runs (a login node), or what it made copied back from there.
    void jobStaging(qint64 jobId, const QString &message);
    void jobArchiving(qint64 jobId, const QString &message);
    void jobFinished(qint64 jobId, const tandem::gateway::ExecutionResult &result);
};

} // namespace tandem::gateway
