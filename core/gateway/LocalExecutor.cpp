#include "gateway/LocalExecutor.h"

#include "gateway/DetachedProcess.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTimer>

#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
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
    // The jobs keep running: a gateway started again picks them up. Only the descriptors go.
    for (const Running &job : std::as_const(m_running)) {
        if (job.pidfd >= 0)
            ::close(job.pidfd);
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
            removeFile(*request.jobDir, name); // a folder of that name stays, and the job does not start
            if (auto created = request.jobDir->createFile(name, 0644))
                *fd = std::move(*created);
        }
    }
    const int directoryFd = request.jobDir ? request.jobDir->fd() : -1;
    job.clock.start();
    Q_EMIT jobStarted(request.jobId);
    if (output.get() < 0 || errors.get() < 0 || directoryFd < 0) {
        // Without its own outputs the job would write wherever a link sent them: it does not start.
        job.failure = tr("Cannot create the job's output files in its directory.");
        endLater(job);
        return;
    }

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
    const bool sandboxed = m_sandbox.isAvailable();
    // A runner goes inside the sandbox, so that its wait4() sees the job's own processes (outside, the PID
    // namespace's init hides them and max RSS and CPU time come out near zero). Another one leads the job's session
    // outside: it outlives the gateway, and a signal to its group reaches bwrap, whose end (--die-with-parent) ends
    // everything in the sandbox's PID namespace.
    const QString program = m_runner;
    const QStringList args = sandboxed ? QStringList{QStringLiteral("--"), m_sandbox.bwrap()}
            + sandboxArguments(request, directoryFd) + QStringList{m_runner} + runnerArgs
                                       : runnerArgs;
    const int pid = DetachedProcess::spawn(
        program, args,
        Sandbox::environment(request.directory, request.userName.isEmpty() ? Sandbox::osUserName() : request.userName),
        output.get(), errors.get(), directoryFd, !sandboxed);
    if (pid < 0) {
        job.failure = tr("Cannot start the job runner %1: %2").arg(program, QString::fromLocal8Bit(strerror(errno)));
        endLater(job);
        return;
    }
    job.pid = pid;
    job.ours = true;
    Q_EMIT jobProcess(request.jobId, DetachedProcess::identity(pid));
    follow(job, request.timeLimitSeconds);
}

bool LocalExecutor::adopt(const ExecutionRequest &request)
{
    // Only a running job can be picked up; a waiting one is simply queued again by the caller.
    if (!request.alreadyStarted || request.process.split(u':').size() != 3)
        return false;
    // Its directory only as the caller opened it, confined: never looked up again by a path its user may have
    // changed (without it, how the job ended is unknown).
    Running job;
    job.request = request;
    job.ours = false;
    job.clock.start();
    const qint64 ranMs = request.startedAtMs > 0 ? QDateTime::currentMSecsSinceEpoch() - request.startedAtMs : 0;
    job.ranBeforeMs = std::max<qint64>(0, ranMs);
    m_freeSlots -= request.cores;
    // The same process, still there? (A PID can be given again to another process since.)
    job.pidfd = DetachedProcess::reopen(request.process, &job.pid);
    if (job.pidfd < 0) {
        // It ended while no gateway was watching: what the runner wrote is all there is. The PID is not its any more.
        job.pid = -1;
        endLater(job);
        return true;
    }
    const int remaining = int(std::max<qint64>(1, request.timeLimitSeconds - job.ranBeforeMs / 1000));
    follow(job, remaining);
    return true;
}

void LocalExecutor::follow(Running job, int remainingSeconds)
{
    const qint64 jobId = job.request.jobId;
    if (job.pidfd < 0)
        job.pidfd = DetachedProcess::pidfdOpen(job.pid);
    if (job.pidfd < 0) {
        // Gone between starting and this moment: report it now.
        endLater(job);
        return;
    }
    job.exited = new QSocketNotifier(job.pidfd, QSocketNotifier::Read, this);
    connect(job.exited, &QSocketNotifier::activated, this, [this, jobId] { onExited(jobId); });
    job.timer = new QTimer(job.exited);
    job.timer->setSingleShot(true);
    connect(job.timer, &QTimer::timeout, this, [this, jobId] {
        if (auto it = m_running.find(jobId); it != m_running.end())
            terminate(*it, Condition::Timeout);
    });
    job.timer->start(std::chrono::seconds(remainingSeconds));
    m_running.insert(jobId, job);
}

void LocalExecutor::terminate(Running &job, Condition reason)
{
    if (job.forced != Condition::None)
        return;
    job.forced = reason;
    if (job.pid <= 0)
        return;
    const pid_t group = job.pid;
    // Only while it is the same process: its pidfd says so, where a PID alone could name a newer one.
    if (job.pidfd >= 0 && !DetachedProcess::pidfdAlive(job.pidfd))
        return;
    ::kill(-group, SIGTERM);
    const qint64 jobId = job.request.jobId;
    QTimer::singleShot(KillGrace, this, [this, jobId, group] {
        const auto it = m_running.constFind(jobId);
        if (it != m_running.cend() && it->pid == group && it->pidfd >= 0 && DetachedProcess::pidfdAlive(it->pidfd))
            ::kill(-group, SIGKILL);
    });
}

void LocalExecutor::endLater(Running job)
{
    // From the event loop: ending it here would start the next job from inside this one's start (or adoption).
    const qint64 jobId = job.request.jobId;
    m_running.insert(jobId, job);
    QTimer::singleShot(0, this, [this, jobId] { onExited(jobId); });
}

void LocalExecutor::onExited(qint64 jobId)
{
    auto it = m_running.find(jobId);
    if (it == m_running.end())
        return;
    Running job = *it;
    m_running.erase(it);
    int exitCode = -1;
    if (job.ours && job.pidfd >= 0) {
        siginfo_t info{};
        if (::waitid(idtype_t(P_PIDFD), id_t(job.pidfd), &info, WEXITED) == 0)
            exitCode = info.si_code == CLD_EXITED ? info.si_status : 128 + info.si_status;
    }
    finish(job, exitCode);
}

void LocalExecutor::finish(Running job, int exitCode)
{
    m_freeSlots += job.request.cores;
    if (job.exited) {
        job.exited->setEnabled(false);
        job.exited->deleteLater();
    }
    if (job.pidfd >= 0)
        ::close(job.pidfd);

    ExecutionResult result;
    result.runtimeMs = job.ranBeforeMs + job.clock.elapsed();
    int signal = 0;
    int recorded = -1;
    if (const auto &directory = job.request.jobDir)
        recorded = readRunnerUsage(*directory, result, signal);
    if (!job.ours)
        exitCode = recorded; // not our child: the runner's own account is the only one
    result.exitCode = exitCode;

    if (!job.failure.isEmpty()) {
        result.condition = Condition::SystemError;
        result.message = job.failure;
    } else if (job.forced == Condition::Timeout) {
        result.condition = Condition::Timeout;
        result.message = tr("Stopped at the time limit of %1 s.").arg(job.request.timeLimitSeconds);
    } else if (job.forced == Condition::CancelledByUser) {
        result.condition = Condition::CancelledByUser;
        result.message = tr("Cancelled while running.");
    } else if (exitCode < 0) {
        result.condition = Condition::SystemError;
        result.message = tr("It ended while the gateway was stopped, and how is unknown.");
    } else if (exitCode == 0) {
        result.condition = Condition::NormalCompletion;
        result.message = tr("Finished normally.");
    } else if (signal == SIGKILL || exitCode == 128 + SIGKILL) {
        // Nobody here sent it: the kernel's out-of-memory killer is the usual sender.
        result.condition = Condition::OutOfMemory;
        result.message = tr("Killed by the system, most likely out of memory.");
    } else {
        result.condition = Condition::NonzeroExit;
        result.message = exitMessage(exitCode);
    }
    Q_EMIT jobFinished(job.request.jobId, result);
    schedule();
}

} // namespace tandem::gateway
