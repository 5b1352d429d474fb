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
#include <unistd.h>

namespace tandem::gateway {

namespace {

constexpr auto KillGrace = std::chrono::seconds(5);
const QString RusageFile = QStringLiteral(".tandem-rusage.json");

} // namespace

QString conditionToString(Condition condition)
{
    switch (condition) {
    case Condition::None:
        return {};
    case Condition::NormalCompletion:
        return QStringLiteral("NORMAL_COMPLETION");
    case Condition::CancelledByUser:
        return QStringLiteral("CANCELLED_BY_USER");
    case Condition::Timeout:
        return QStringLiteral("TIMEOUT");
    case Condition::OutOfMemory:
        return QStringLiteral("OUT_OF_MEMORY");
    case Condition::NonzeroExit:
        return QStringLiteral("NONZERO_EXIT");
    case Condition::SystemError:
        return QStringLiteral("SYSTEM_ERROR");
    }
    return {};
}

LocalExecutor::LocalExecutor(QString runnerPath, LocalExecutorLimits limits, QObject *parent)
    : Executor(parent)
    // Resolved once: the sandbox binds it by its real path.
    , m_runner(QFileInfo(runnerPath).exists() ? QFileInfo(runnerPath).canonicalFilePath() : runnerPath)
    , m_limits(std::move(limits))
    , m_freeSlots(m_limits.cores)
{
    // Probe once whether bubblewrap can build its namespaces here (it cannot inside a plain chroot, for one).
    const QString bwrap = QStandardPaths::findExecutable(QStringLiteral("bwrap"));
    if (bwrap.isEmpty()) {
        m_isolation = tr("bubblewrap (bwrap) is not installed: jobs run without a sandbox, as the gateway's user.");
        return;
    }
    QProcess probe;
    probe.start(bwrap,
                {QStringLiteral("--ro-bind"), QStringLiteral("/"), QStringLiteral("/"), QStringLiteral("--dev"),
                 QStringLiteral("/dev"), QStringLiteral("--proc"), QStringLiteral("/proc"),
                 QStringLiteral("--unshare-pid"), QStringLiteral("true")});
    if (probe.waitForFinished(10000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0) {
        m_bwrap = bwrap;
        m_isolation = tr("Jobs run in a bubblewrap sandbox: read-only system, own PID namespace, only their job "
                         "directory writable.");
    } else {
        m_isolation = tr("bubblewrap cannot create namespaces here (%1): jobs run without a sandbox, as the "
                         "gateway's user.")
                          .arg(QString::fromUtf8(probe.readAllStandardError()).trimmed());
    }
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

QStringList LocalExecutor::sandboxArguments(const ExecutionRequest &request) const
{
    QStringList args{QStringLiteral("--ro-bind"), QStringLiteral("/"),       QStringLiteral("/"),
                     QStringLiteral("--dev"),     QStringLiteral("/dev"),    QStringLiteral("--proc"),
                     QStringLiteral("/proc"),     QStringLiteral("--tmpfs"), QStringLiteral("/tmp"),
                     QStringLiteral("--tmpfs"),   QStringLiteral("/dev/shm")};
    for (const QString &hidden : m_limits.hiddenPaths)
        args << QStringLiteral("--tmpfs") << hidden;
    // The runner may live under /tmp or the data directory (a build tree, a test): bring it back into view.
    args << QStringLiteral("--ro-bind") << m_runner << m_runner;
    args << QStringLiteral("--bind") << request.directory << request.directory << QStringLiteral("--unshare-pid")
         << QStringLiteral("--unshare-ipc") << QStringLiteral("--unshare-uts") << QStringLiteral("--die-with-parent")
         << QStringLiteral("--chdir") << request.directory << QStringLiteral("--");
    return args;
}

void LocalExecutor::start(const ExecutionRequest &request)
{
    m_freeSlots -= request.cores;
    Running job;
    job.request = request;
    job.process = new QProcess(this);
    job.process->setWorkingDirectory(request.directory);
    job.process->setStandardInputFile(QProcess::nullDevice());
    job.process->setStandardOutputFile(request.directory + QStringLiteral("/stdout.txt"));
    job.process->setStandardErrorFile(request.directory + QStringLiteral("/stderr.txt"));

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
    if (!m_bwrap.isEmpty()) {
        // The runner goes inside the sandbox, so that its wait4() sees the job's own processes (outside, the PID
        // namespace's init hides them and max RSS and CPU time come out near zero). bwrap leads a process group of
        // its own: signalling it ends the sandbox, and the kernel then ends everything in its PID namespace.
        program = m_bwrap;
        args = sandboxArguments(request) + QStringList{m_runner} + runnerArgs;
        job.process->setChildProcessModifier([] { ::setsid(); });
    }

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
    m_running.insert(jobId, job);
    job.process->start(program, args);
    job.timer->start(std::chrono::seconds(request.timeLimitSeconds));
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
    QFile rusage(job.request.directory + u'/' + RusageFile);
    int signal = 0;
    if (rusage.open(QIODevice::ReadOnly)) {
        const QJsonObject usage = QJsonDocument::fromJson(rusage.readAll()).object();
        result.maxRssKb = usage.value(QStringLiteral("maxRssKb")).toInteger(-1);
        result.cpuMs = usage.value(QStringLiteral("cpuMs")).toInteger(-1);
        signal = usage.value(QStringLiteral("signal")).toInt();
        rusage.close();
        rusage.remove();
    }

    if (job.process->error() == QProcess::FailedToStart) {
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
