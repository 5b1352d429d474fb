#include "gateway/LocalExecutor.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTimer>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace tandem::gateway {

namespace {

constexpr auto KillGrace = std::chrono::seconds(5);
const QString RusageFile = QStringLiteral(".tandem-rusage.json");

} // namespace

LocalExecutor::LocalExecutor(QString runnerPath, LocalExecutorLimits limits, QObject *parent)
    : Executor(parent)
    // Resolved once: the sandbox binds it by its real path.
    , m_runner(QFileInfo(runnerPath).exists() ? QFileInfo(runnerPath).canonicalFilePath() : runnerPath)
    , m_limits(std::move(limits))
    , m_sandbox(m_limits.hiddenPaths, m_limits.allowUnsandboxed)
    , m_freeSlots(m_limits.cores)
{ }

QString LocalExecutor::isolation() const
{
    if (m_sandbox.isAvailable())
        return tr("Jobs run in a bubblewrap sandbox: read-only system, nothing of the gateway, own PID and network "
                  "namespaces, only their job directory writable.");
    if (m_sandbox.mayRun())
        return tr("%1: jobs run WITHOUT a sandbox, as the gateway's user, because --allow-unsandboxed was given.")
            .arg(m_sandbox.problem());
    return tr("Jobs are refused: %1").arg(m_sandbox.refusal());
}

LocalExecutor::~LocalExecutor()
{
    for (Running &job : m_running) {
        job.process->disconnect(this);
        ::kill(-pid_t(job.process->processId()), SIGKILL);
        job.process->waitForFinished(2000);
    }
}

void LocalExecutor::submit(const ExecutionRequest &request)
{
    m_waiting.append(request);
    schedule();
}

bool LocalExecutor::cancel(qint64 jobId)
{
    for (qsizetype i = 0; i < m_waiting.size(); ++i) {
        if (m_waiting[i].jobId == jobId) {
            m_waiting.removeAt(i);
            ExecutionResult result;
            result.condition = Condition::CancelledByUser;
            result.message = tr("Cancelled before it started.");
            Q_EMIT jobFinished(jobId, result);
            return true;
        }
    }
    auto it = m_running.find(jobId);
    if (it == m_running.end())
        return false;
    terminate(*it, Condition::CancelledByUser);
    return true;
}

void LocalExecutor::schedule()
{
    // Each queue is FIFO: once a queue's first waiting job does not fit, later jobs of that queue wait too.
    QSet<QString> blocked;
    for (qsizetype i = 0; i < m_waiting.size();) {
        const ExecutionRequest &request = m_waiting[i];
        if (blocked.contains(request.queue) || request.cores > m_freeSlots) {
            blocked.insert(request.queue);
            ++i;
            continue;
        }
        const ExecutionRequest next = m_waiting.takeAt(i);
        start(next);
    }
}

QStringList LocalExecutor::sandboxArguments(const ExecutionRequest &request, int directoryFd) const
{
    // The runner may live under /tmp or a masked place (a build tree, a test): bring it back into view. The job
    // directory is bound by the descriptor the gateway made it with, so a link swapped in along its path since
    // cannot redirect the mount.
    return m_sandbox.arguments(request.network,
                               {QStringLiteral("--ro-bind"), m_runner, m_runner, QStringLiteral("--bind-fd"),
                                QString::number(directoryFd), request.directory, QStringLiteral("--chdir"),
                                request.directory})
        + QStringList{QStringLiteral("--")};
}

void LocalExecutor::start(const ExecutionRequest &given)
{
    m_freeSlots -= given.cores;
    Running job;
    job.request = given;
    ExecutionRequest &request = job.request;
    if (!request.jobDir) {
        if (auto opened = ConfinedDir::openRoot(request.directory))
            request.jobDir = std::make_shared<const ConfinedDir>(std::move(*opened));
    }
    // Outputs are made fresh in the job directory, through its descriptor; whatever had the name goes first.
    FileDescriptor output, errors;
    if (request.jobDir) {
        for (const auto &[name, fd] :
             {std::pair{QStringLiteral("stdout.txt"), &output}, std::pair{QStringLiteral("stderr.txt"), &errors}}) {
            request.jobDir->remove(name);
            if (auto created = request.jobDir->createFile(name, 0644))
                *fd = std::move(*created);
        }
    }
    const int outputFd = output.get(), errorsFd = errors.get();
    const int directoryFd = request.jobDir ? request.jobDir->fd() : -1;

    job.process = new QProcess(this);
    job.process->setProcessChannelMode(QProcess::ForwardedChannels);
    job.process->setStandardInputFile(QProcess::nullDevice());
    job.process->setProcessEnvironment(
        Sandbox::environment(request.directory, request.userName.isEmpty() ? Sandbox::osUserName() : request.userName));

    const QStringList runnerArgs{QStringLiteral("--rusage"),
                                 request.directory + u'/' + RusageFile,
                                 QStringLiteral("--as"),
                                 QString::number(m_limits.memoryBytes),
                                 QStringLiteral("--nproc"),
                                 QString::number(m_limits.processes),
                                 QStringLiteral("--fsize"),
                                 QString::number(m_limits.fileSizeBytes),
                                 QStringLiteral("--"),
                                 QStringLiteral("/bin/bash"),
                                 request.directory + u'/' + request.scriptName};
    QString program = m_runner;
    QStringList args = runnerArgs;
    const bool sandboxed = m_sandbox.isAvailable();
    if (sandboxed) {
        // The runner goes inside the sandbox, so that its wait4() sees the job's own processes (outside, the PID
        // namespace's init hides them and max RSS and CPU time come out near zero). bwrap leads a process group of
        // its own: signalling it ends the sandbox, and the kernel then ends everything in its PID namespace.
        program = m_sandbox.bwrap();
        args = sandboxArguments(request, directoryFd) + QStringList{m_runner} + runnerArgs;
    } else {
        job.process->setWorkingDirectory(request.directory); // unsandboxed by the operator's choice
    }
    job.process->setChildProcessModifier([outputFd, errorsFd, directoryFd, sandboxed] {
        // In the child only: the outputs become its stdout and stderr, the job directory's descriptor stays open
        // across exec for bwrap's --bind-fd.
        if (outputFd >= 0)
            ::dup2(outputFd, STDOUT_FILENO);
        if (errorsFd >= 0)
            ::dup2(errorsFd, STDERR_FILENO);
        if (directoryFd >= 0)
            ::fcntl(directoryFd, F_SETFD, 0);
        if (sandboxed)
            ::setsid();
    });

    const qint64 jobId = request.jobId;
    connect(job.process, &QProcess::finished, this, [this, jobId](int exitCode) { onFinished(jobId, exitCode); });
    connect(job.process, &QProcess::errorOccurred, this, [this, jobId](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            onFinished(jobId, -1);
    });
    job.timer = new QTimer(job.process);
    job.timer->setSingleShot(true);
    connect(job.timer, &QTimer::timeout, this, [this, jobId] {
        if (auto it = m_running.find(jobId); it != m_running.end())
            terminate(*it, Condition::Timeout);
    });
    job.clock.start();
    QProcess *process = job.process;
    QTimer *timer = job.timer;
    const int timeLimit = request.timeLimitSeconds;
    job.withoutOutputs = outputFd < 0 || errorsFd < 0 || directoryFd < 0;
    m_running.insert(jobId, job);
    if (job.withoutOutputs) {
        // Without its own outputs the job would write wherever a link sent them: it does not start.
        QTimer::singleShot(0, this, [this, jobId] { onFinished(jobId, -1); });
        Q_EMIT jobStarted(jobId);
        return;
    }
    process->start(program, args);
    timer->start(std::chrono::seconds(timeLimit));
    Q_EMIT jobStarted(jobId);
}

void LocalExecutor::terminate(Running &job, Condition reason)
{
    if (job.forced != Condition::None)
        return;
    job.forced = reason;
    const pid_t group = pid_t(job.process->processId());
    if (group <= 0)
        return;
    ::kill(-group, SIGTERM);
    QTimer::singleShot(KillGrace, job.process, [group] { ::kill(-group, SIGKILL); });
}

void LocalExecutor::onFinished(qint64 jobId, int exitCode)
{
    auto it = m_running.find(jobId);
    if (it == m_running.end())
        return;
    Running job = *it;
    m_running.erase(it);
    m_freeSlots += job.request.cores;
    job.timer->stop();

    ExecutionResult result;
    result.runtimeMs = job.clock.elapsed();
    result.exitCode = exitCode;
    int signal = 0;
    if (const auto &directory = job.request.jobDir)
        readRunnerUsage(*directory, result, signal);

    if (job.withoutOutputs) {
        result.condition = Condition::SystemError;
        result.message = tr("Cannot create the job's output files in its directory.");
    } else if (job.process->error() == QProcess::FailedToStart) {
        result.condition = Condition::SystemError;
        result.message = tr("Cannot start the job runner %1: %2").arg(m_runner, job.process->errorString());
    } else if (job.forced == Condition::Timeout) {
        result.condition = Condition::Timeout;
        result.message = tr("Stopped at the time limit of %1 s.").arg(job.request.timeLimitSeconds);
    } else if (job.forced == Condition::CancelledByUser) {
        result.condition = Condition::CancelledByUser;
        result.message = tr("Cancelled while running.");
    } else if (exitCode == 0) {
        result.condition = Condition::NormalCompletion;
        result.message = tr("Finished normally.");
    } else if (signal == SIGKILL || exitCode == 128 + SIGKILL) {
        // Nobody here sent it: the kernel's out-of-memory killer is the usual sender.
        result.condition = Condition::OutOfMemory;
        result.message = tr("Killed by the system, most likely out of memory.");
    } else {
        result.condition = Condition::NonzeroExit;
        result.message
            = exitCode > 128 ? tr("Ended by signal %1.").arg(exitCode - 128) : tr("Exited with code %1.").arg(exitCode);
    }
    job.process->deleteLater();
    Q_EMIT jobFinished(jobId, result);
    schedule();
}

} // namespace tandem::gateway
