#include "gateway/SlurmExecutor.h"
#include "api/ErrorCode.h"
#include "gateway/JobPlan.h"
#include "gateway/SlurmStates.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include <sys/stat.h>

namespace tandem::gateway {

namespace {

constexpr auto CommandTimeout = std::chrono::seconds(60);
constexpr qint64 IdlePollMs = 30000; // without jobs, the controller is asked only this often (is it there?)
constexpr qint64 SpoolTailBytes = 4096;
constexpr int MaxStagedEntries = 10000; // files and folders of one job copied to or from a login node
// Where the sandbox's masks go in a login node's batch script, before the script's prologue fills them in.

std::optional<qint64> slurmNumber(const QJsonValue &value)
{
    return SlurmStates::number(value);
}

QStringList stringList(const QJsonValue &value)
{
    return SlurmStates::words(value);
}

// sbatch, squeue and scancel end this way when the controller is not there (or too slow), not because of the job.
bool unreachable(const QByteArray &errors)
{
    for (const char *sign :
         {"Unable to contact slurm controller", "Socket timed out", "Communication connection failure",
          "Connection refused", "Zero Bytes were transmitted", "Unable to establish"}) {
        if (errors.contains(sign))
            return true;
    }
    return false;
}

int slurmMinutes(int seconds)
{
    return SlurmStates::minutes(seconds);
}

QString firstLines(const QByteArray &text)
{
    return QString::fromUtf8(text).trimmed().left(2000);
}

} // namespace

SlurmExecutor::SlurmExecutor(System system, SlurmExecutorSetup setup, QObject *parent)
    : Executor(parent)
    , m_system(std::move(system))
    , m_setup(std::move(setup))
    // On a login node's cluster the gateway's own places are not there: what it masks is what the system names.
    , m_sandbox(m_system.slurm.login.isSet() ? m_system.slurm.hidden : m_setup.hiddenPaths, false)
    , m_reachable(false)
    , m_problem(tr("it has not been asked yet"))
{
    // The commands run with a clean environment too: nothing of the gateway's reaches Slurm (sbatch would hand its
    // environment to the job without --export=NONE, which the script gives as well).
    m_environment.insert(QStringLiteral("PATH"),
                         QProcessEnvironment::systemEnvironment().value(
                             QStringLiteral("PATH"), QStringLiteral("/usr/local/bin:/usr/bin:/bin")));
    m_environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    if (!m_system.slurm.conf.isEmpty())
        m_environment.insert(QStringLiteral("SLURM_CONF"), m_system.slurm.conf);
    if (const LoginNode &login = m_system.slurm.login; login.isSet()) {
        // Two connections per account: Slurm's commands on one, files on the other, so that copying a class's
        // inputs never holds up the listings that follow every job.
        m_remote = connectTo(login.user, login.keyFile, &m_remoteProblem);
        if (m_remote)
            m_transfers[m_remote.get()] = connectTo(login.user, login.keyFile, &m_remoteProblem);
        for (auto it = login.accounts.cbegin(); it != login.accounts.cend() && m_remote; ++it) {
            auto remote = connectTo(it->user, it->keyFile, &m_remoteProblem);
            if (!remote) {
                m_remote.reset(); // refused as a whole: no job goes to the wrong account
                break;
            }
            m_transfers[remote.get()] = connectTo(it->user, it->keyFile, &m_remoteProblem);
            m_accountRemotes[it.key()] = std::move(remote);
        }
        for (const auto &[control, transfer] : m_transfers) {
            if (!transfer)
                m_remote.reset();
        }
    }
    m_poll.setInterval(m_system.slurm.pollMilliseconds);
    connect(&m_poll, &QTimer::timeout, this, &SlurmExecutor::poll);
    m_poll.start();
    m_haveQueues = !m_system.slurm.queuesFromSlurm;
    QTimer::singleShot(0, this, &SlurmExecutor::poll);
}

std::unique_ptr<SshRemote> SlurmExecutor::connectTo(const QString &user, const QString &keyFile, QString *problem) const
{
    const LoginNode &login = m_system.slurm.login;
    struct stat keyStatus{};
    if (::stat(QFile::encodeName(keyFile).constData(), &keyStatus) == 0 && (keyStatus.st_mode & 077) != 0) {
        *problem = tr("The private key %1 for the login node may be read by others than the gateway's account "
                      "(chmod 600 it).")
                       .arg(keyFile);
        return nullptr;
    }
    SshKey key = SshKey::fromFile(keyFile, problem);
    if (key.isNull())
        return nullptr;
    SshTarget target;
    target.host = login.host;
    target.port = quint16(login.port);
    target.userName = user;
    target.hostKeyFingerprint = login.hostKey;
    target.knownHostsFile = login.knownHosts;
    target.peer = SshTarget::Peer::LoginNode;
    return std::make_unique<SshRemote>(std::move(key), target);
}

SshRemote &SlurmExecutor::remoteOf(const QString &userName) const
{
    const auto own = m_accountRemotes.find(userName);
    return own != m_accountRemotes.end() ? *own->second : *m_remote;
}

SshRemote &SlurmExecutor::transferOf(const QString &userName) const
{
    return *m_transfers.at(&remoteOf(userName));
}

QList<Queue> SlurmExecutor::queuesFromPartitions(const QJsonObject &partitions, const QString &defaultQueue)
{
    constexpr int UnlimitedMinutes = 7 * 24 * 60; // Slurm's INFINITE: a week here, the longest a form offers
    QList<Queue> queues;
    for (const QJsonValue &value : partitions.value(QStringLiteral("partitions")).toArray()) {
        const QJsonObject partition = value.toObject();
        if (!stringList(partition[QStringLiteral("partition")][QStringLiteral("state")]).contains(u"UP"))
            continue; // down, drained or inactive: not offered
        Queue queue;
        queue.name = partition.value(QStringLiteral("name")).toString();
        const QJsonObject maximums = partition.value(QStringLiteral("maximums")).toObject();
        const int totalNodes = std::max(1, partition[QStringLiteral("nodes")][QStringLiteral("total")].toInt(1));
        const int totalCpus = partition[QStringLiteral("cpus")][QStringLiteral("total")].toInt(totalNodes);
        queue.maxNodes = int(std::clamp<qint64>(
            slurmNumber(maximums.value(QStringLiteral("nodes"))).value_or(totalNodes), 1, totalNodes));
        queue.coresPerNode = std::max(1, totalCpus / totalNodes);
        queue.maxMinutes = int(std::clamp<qint64>(
            slurmNumber(maximums.value(QStringLiteral("time"))).value_or(UnlimitedMinutes), 1, UnlimitedMinutes));
        if (!queue.name.isEmpty())
            queues.append(queue);
    }
    bool marked = false;
    for (Queue &queue : queues) {
        queue.isDefault = queue.name == defaultQueue;
        marked = marked || queue.isDefault;
    }
    if (!marked && !queues.isEmpty())
        queues.first().isDefault = true;
    return queues;
}

void SlurmExecutor::readPartitions()
{
    m_sincePartitions.start();
    runCommand(command(QStringLiteral("scontrol")),
               {QStringLiteral("show"), QStringLiteral("partition"), QStringLiteral("--json")}, {},
               [this](const Command &result) {
                   if (!result.ran || result.exitCode != 0)
                       return; // asked again on a later poll
                   const QList<Queue> queues = queuesFromPartitions(QJsonDocument::fromJson(result.output).object(),
                                                                    m_system.slurm.defaultQueue);
                   if (queues.isEmpty())
                       return;
                   m_haveQueues = true;
                   m_partitions = queues;
                   Q_EMIT queuesRead(m_system.id, queues);
               });
}

SlurmExecutor::~SlurmExecutor() = default;

QString SlurmExecutor::defaultQueue() const
{
    if (!m_system.slurm.defaultQueue.isEmpty())
        return m_system.slurm.defaultQueue;
    const Queue *queue = m_system.defaultQueue();
    return queue ? queue->name : QString();
}

int SlurmExecutor::maxMinutes(const QString &queue) const
{
    for (const QList<Queue> &queues : {m_partitions, m_system.queues}) {
        for (const Queue &known : queues) {
            if (known.name == queue)
                return known.maxMinutes;
        }
    }
    return 0;
}

void SlurmExecutor::runSlurm(const QString &name, const QStringList &arguments, const QByteArray &input,
                             std::function<void(const Command &)> done)
{
    runCommand(command(name), arguments, input, std::move(done));
}

QString SlurmExecutor::command(const QString &name) const
{
    if (!m_system.slurm.binDir.isEmpty())
        return m_system.slurm.binDir + u'/' + name;
    if (m_system.slurm.login.isSet())
        return name; // as the login node's PATH finds it
    const QString found = QStandardPaths::findExecutable(name, {});
    return found.isEmpty() ? QStandardPaths::findExecutable(name) : found;
}

QString SlurmExecutor::isolation() const
{
    if (m_sandbox.isAvailable())
        return tr("Every task of a job runs in a bubblewrap sandbox on its node: read-only system, nothing of the "
                  "gateway, no Slurm credentials, only its job directory writable.");
    return tr("Slurm jobs are refused: %1.").arg(m_sandbox.problem());
}

QString SlurmExecutor::refusal() const
{
    if (m_system.slurm.login.isSet() && !m_remote)
        return m_remoteProblem;
    if (isRemote() && m_remote->isConnected() && m_remote->home().isEmpty()
        && !m_system.slurm.login.root.startsWith(u'/'))
        return tr("The login node did not say where its account's home is; give an absolute root for the jobs.");
    if (!isRemote() && command(QStringLiteral("sbatch")).isEmpty())
        return tr("Slurm's commands (sbatch) are not installed on the gateway's machine.");
    if (!isRemote() && !m_sandbox.isAvailable()) {
        // Never unsandboxed: the jobs would run as the submitting account, with its Slurm credentials and, where
        // the gateway's data is on the node, that too.
        return tr("Slurm jobs run only in a sandbox, and %1.").arg(m_sandbox.problem());
    }
    if (!m_haveQueues)
        return tr("Slurm's partitions have not been read yet.");
    if (!m_reachable) {
        if (!m_unreachableSince.isValid()) { // only just started
            return isRemote()
                ? tr("Slurm on the login node %1 has not answered yet (%2).").arg(m_system.slurm.login.host, m_problem)
                : tr("Slurm's controller has not answered yet (%1).").arg(m_problem);
        }
        const QString since = QLocale::system().toString(m_unreachableSince.toLocalTime(), QLocale::ShortFormat);
        return isRemote() ? tr("Slurm on the login node %1 has not answered since %2 (%3).")
                                .arg(m_system.slurm.login.host, since, m_problem)
                          : tr("Slurm's controller has not answered since %1 (%2).").arg(since, m_problem);
    }
    return {};
}

QString SlurmExecutor::tag(qint64 jobId) const
{
    return QStringLiteral("tandem:%1:%2").arg(m_setup.instance).arg(jobId);
}

Result<QString> SlurmExecutor::batchScript(const ExecutionRequest &request) const
{
    static const QRegularExpression plainWord(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_./:+@%=,-]+")));
    const NodePaths paths = nodePaths(request);
    const std::pair<QString, QString> checked[] = {{QStringLiteral("queue"), request.queue},
                                                   {QStringLiteral("system"), m_system.id},
                                                   {QStringLiteral("spool"), paths.spool},
                                                   {QStringLiteral("user"), request.userName},
                                                   {QStringLiteral("tag"), tag(request.jobId)}};
    for (const auto &[field, value] : checked) {
        // sbatch reads its #SBATCH lines unquoted: a value that is not one plain word is refused, never pasted.
        if (!plainWord.match(value).hasMatch()) {
            return std::unexpected(Error::make(api::ErrorCode::InvalidSystem,
                                               tr("\"%1\" cannot be given to Slurm: a %2 there must be one word of "
                                                  "letters, digits and ._/:+@%=,-.")
                                                   .arg(value, field),
                                               field));
        }
    }
    if (request.relativeDirectory.isEmpty()
        || !ConfinedDir::checkRelativePath(request.relativeDirectory, QStringLiteral("directory"))) {
        return std::unexpected(Error::make(api::ErrorCode::InvalidValue, tr("The job has no directory of its own."),
                                           QStringLiteral("directory")));
    }
    if (request.command.size() <= request.launcherLength || request.command.isEmpty()) {
        return std::unexpected(
            Error::make(api::ErrorCode::InvalidValue, tr("The job has no program to run."), QStringLiteral("command")));
    }
    QString script = QStringLiteral("#!/bin/bash\n");
    const auto directive = [&script](const QString &option) { script += QStringLiteral("#SBATCH ") + option + u'\n'; };
    directive(QStringLiteral("--job-name=tandem-%1").arg(request.jobId));
    directive(QStringLiteral("--comment=") + tag(request.jobId));
    directive(QStringLiteral("--partition=") + request.queue);
    directive(QStringLiteral("--nodes=%1").arg(request.nodes));
    directive(QStringLiteral("--ntasks=%1").arg(request.cores));
    directive(QStringLiteral("--time=%1").arg(slurmMinutes(request.timeLimitSeconds)));
    directive(QStringLiteral("--export=NONE"));
    // Slurm's own output of the batch step (its messages, the runner's if the directory cannot be prepared) goes
    // to the gateway's spool; the job's go to stdout.txt and stderr.txt, made by the runner.
    directive(QStringLiteral("--chdir=") + paths.spool);
    if (request.array) {
        // Each task is a job of its own with all of the job's cores; Slurm's output of each in the spool as well.
        directive(QStringLiteral("--array=%1-%2").arg(request.array->first).arg(request.array->last)
                  + (request.array->limit > 0 ? QStringLiteral("%%1").arg(request.array->limit) : QString()));
        directive(QStringLiteral("--output=") + paths.spool + QStringLiteral("/slurm-%A_%a.out"));
    } else {
        directive(QStringLiteral("--output=") + paths.spool + QStringLiteral("/slurm-%j.out"));
    }

    // The batch step runs only what is written here, outside the sandbox (it needs Slurm to start tasks); it reads
    // nothing from the job directory, which the user may change at any moment. The user's program itself runs in
    // the sandbox, where Slurm's credentials (the munge socket) are out of reach: it can neither start Slurm jobs
    // nor steps of its own as the submitting account, nor see the gateway.
    const QString &directory = paths.directory;
    const QStringList jobDir{QStringLiteral("--job-dir"), paths.home, request.relativeDirectory};
    const QStringList sandboxed = [&] {
        QStringList binds{QStringLiteral("--ro-bind"), paths.runner, paths.runner, QStringLiteral("--bind-fd"),
                          QStringLiteral("3"), directory, QStringLiteral("--chdir"), directory,
                          // HOME is the job directory inside only: outside, where the batch step runs, it is the
                          // gateway's spool, so that nothing there (module load reading ~/.modulerc, say) reads a
                          // file the user wrote.
                          QStringLiteral("--setenv"), QStringLiteral("HOME"), directory};
        // What to mask is found on the node, by the prologue (nodeMasks()) that runs where the sandbox does.
        const QString bwrap = isRemote() ? m_system.slurm.login.bwrap : m_sandbox.bwrap();
        return QStringList{bwrap} + Sandbox::nodeArguments(request.network, binds) + QStringList{QStringLiteral("--")};
    }();
    const QString masks = nodeMasks(paths, request.userName);
    // srun starts the tasks: it stays outside, and each task is sandboxed, with the masks its own node needs. Any
    // other launcher (an interpreter, or mpirun, whose daemons would need Slurm's credentials) runs inside the one
    // sandbox with the program.
    const bool steps = request.launcherLength > 0 && request.command.first().section(u'/', -1) == u"srun";
    const QStringList launcher = steps ? request.command.mid(0, request.launcherLength) : QStringList();
    const QStringList program = steps ? request.command.mid(request.launcherLength) : request.command;
    // One process: its masks are found before any module is loaded.
    QString inner = QStringLiteral("set -e\n") + (launcher.isEmpty() ? masks : QString());
    for (const QString &module : request.modules)
        inner += QStringLiteral("module load %1\n").arg(JobPlan::displayCommand({module}));
    for (auto it = request.environment.cbegin(); it != request.environment.cend(); ++it)
        inner += QStringLiteral("export %1=%2\n").arg(it.key(), JobPlan::displayCommand({it.value()}));
    // PMIx's shared-memory store cannot reach tasks in separate sandboxes; its hash store can.
    inner += QStringLiteral("export PMIX_MCA_gds=hash\n");
    QString launchLine;
    if (launcher.isEmpty()) {
        // One process: the runner prepared the directory as descriptor 3 and measures the program's use (not for an
        // array's tasks, which would all write the one file).
        const QStringList usage = request.array
            ? QStringList()
            : QStringList{QStringLiteral("--rusage"), directory + QStringLiteral("/.tandem-rusage.json")};
        launchLine = Sandbox::withNodeMasks(JobPlan::displayCommand(sandboxed + QStringList{paths.runner} + usage
                                                                    + QStringList{QStringLiteral("--")} + program));
    } else {
        // Each task opens the directory for itself (confined) and finds its masks on its node.
        // That shell runs outside the sandbox: nothing of the environment (a site's module setup may export
        // functions and BASH_ENV) changes what it runs.
        const QString task = masks + QStringLiteral("builtin exec ")
            + Sandbox::withNodeMasks(JobPlan::displayCommand(sandboxed + program)) + u'\n';
        // Privileged mode (-p): no functions imported from the environment, no BASH_ENV read, SHELLOPTS ignored.
        launchLine = JobPlan::displayCommand(launcher + QStringList{paths.runner} + jobDir
                                             + QStringList{QStringLiteral("--task"), QStringLiteral("--"),
                                                           QStringLiteral("/bin/bash"), QStringLiteral("--noprofile"),
                                                           QStringLiteral("--norc"), QStringLiteral("-p"),
                                                           QStringLiteral("-c"), task});
    }
    inner += QStringLiteral("builtin exec ") + launchLine + u'\n';

    // An array's task writes stdout-N.txt and stderr-N.txt, and gets its index N as TANDEM_ARRAY_INDEX.
    QStringList prepare = QStringList{paths.runner} + jobDir
        + (request.array ? QStringList{QStringLiteral("--array-task")} : QStringList());
    const QProcessEnvironment env = Sandbox::environment(paths.spool, request.userName);
    for (const QString &name : env.keys())
        prepare << QStringLiteral("--env") << name + u'=' + env.value(name);
    prepare << QStringLiteral("--") << QStringLiteral("/bin/bash") << QStringLiteral("--noprofile")
            << QStringLiteral("--norc") << QStringLiteral("-c") << inner;
    script += QStringLiteral("# Tandem job %1 on %2, submitted by the gateway: the runner prepares the job directory, "
                             "then the job starts in the sandbox.\n")
                  .arg(request.jobId)
                  .arg(m_system.id);
    script += QStringLiteral("exec ") + JobPlan::displayCommand(prepare) + u'\n';
    return script;
}

SlurmExecutor::NodePaths SlurmExecutor::nodePaths(const ExecutionRequest &request) const
{
    if (!isRemote())
        return {m_setup.runner, m_setup.spool->path(), request.home, request.directory};
    const QString root = remoteRoot(remoteOf(request.userName));
    // Namespaced by this gateway: two gateways on one account (or one whose ids began again) never share a folder.
    const QString home = root + u'/' + m_setup.instance + u'/' + request.userName;
    return {m_system.slurm.login.runner, root + QStringLiteral("/.spool"), home,
            home + u'/' + request.relativeDirectory};
}

QString SlurmExecutor::nodeMasks(const NodePaths &paths, const QString &userName) const
{
    // On the node, the places that exist there are masked: every account's home and runtime folders, Slurm's
    // credentials, what the system names, and the gateway's own places (reached directly: its data, its OS account's
    // home; on a login node: the folder of all jobs, where each job sees its own, bound; its spool, the account's
    // home).
    if (!isRemote())
        return Sandbox::nodePrologue(Sandbox::nodePlaces(m_setup.hiddenPaths));
    QStringList places = Sandbox::sharedPlaces() + m_system.slurm.hidden;
    const SshRemote &remote = remoteOf(userName);
    places << remoteRoot(remote) << paths.spool;
    if (!remote.home().isEmpty())
        places << remote.home();
    return Sandbox::nodePrologue(places);
}

QString SlurmExecutor::remoteRoot(const SshRemote &remote) const
{
    // A path on the login node, never opened here (the config refused ".." in it).
    QString root = m_system.slurm.login.root;
    if (!root.startsWith(u'/'))
        root = remote.home() + u'/' + root;
    while (root.size() > 1 && root.endsWith(u'/'))
        root.chop(1);
    return root;
}

void SlurmExecutor::runCommand(const QString &program, const QStringList &arguments, const QByteArray &input,
                               std::function<void(const Command &)> done, const QString &userName)
{
    runOn(isRemote() ? &remoteOf(userName) : nullptr, program, arguments, input, std::move(done));
}

void SlurmExecutor::runOn(SshRemote *remote, const QString &program, const QStringList &arguments,
                          const QByteArray &input, std::function<void(const Command &)> done)
{
    if (remote) {
        // The same clean environment on the login node, through env(1): nothing of the gateway's goes there.
        QList<QByteArray> argv{QByteArrayLiteral("env"), QByteArrayLiteral("LC_ALL=C")};
        if (!m_system.slurm.conf.isEmpty())
            argv << QByteArrayLiteral("SLURM_CONF=") + m_system.slurm.conf.toUtf8();
        argv << program.toUtf8();
        for (const QString &argument : arguments)
            argv << argument.toUtf8();
        remote->run(argv, input, std::chrono::duration_cast<std::chrono::seconds>(CommandTimeout),
                    [done = std::move(done)](const RemoteCommandResult &remote) {
                        Command result;
                        result.ran = remote.ran;
                        result.exitCode = remote.exitCode;
                        result.output = remote.output;
                        result.errors = remote.errors;
                        result.problem = remote.problem;
                        done(result);
                    });
        return;
    }
    auto *process = new QProcess(this);
    process->setProcessEnvironment(m_environment);
    auto *timer = new QTimer(process);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, process, [process] { process->kill(); });
    const auto finished = [process, done = std::move(done)](bool ran) {
        Command result;
        result.ran = ran && process->exitStatus() == QProcess::NormalExit;
        result.exitCode = process->exitCode();
        result.output = process->readAllStandardOutput();
        result.errors = process->readAllStandardError();
        if (!result.ran)
            result.problem = tr("%1 did not finish").arg(process->program().section(u'/', -1));
        process->deleteLater();
        done(result);
    };
    connect(process, &QProcess::finished, this, [finished] { finished(true); });
    connect(process, &QProcess::errorOccurred, this, [process, finished](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            process->disconnect();
            finished(false);
        }
    });
    process->start(program, arguments);
    if (!input.isEmpty())
        process->write(input);
    process->closeWriteChannel();
    timer->start(CommandTimeout);
}

void SlurmExecutor::submit(const ExecutionRequest &request)
{
    Tracked job;
    job.request = request;
    m_jobs.insert(request.jobId, job);
    if (unusable()) { // refused before, but a caller may not have asked
        QTimer::singleShot(0, this, [this, jobId = request.jobId] {
            ExecutionResult result;
            result.condition = Condition::SystemError;
            result.message = m_remoteProblem;
            finish(jobId, result);
        });
        return;
    }
    stageOrSubmit(request.jobId);
}

void SlurmExecutor::stageOrSubmit(qint64 jobId)
{
    if (isRemote())
        stage(jobId);
    else
        startSubmission(jobId);
}

void SlurmExecutor::stage(qint64 jobId)
{
    auto it = m_jobs.find(jobId);
    if (it == m_jobs.end())
        return;
    const auto fail = [this, jobId](const QString &message) {
        ExecutionResult result;
        result.condition = Condition::SystemError;
        result.message = message;
        finish(jobId, result);
    };
    SshRemote &remote = transferOf(it->request.userName);
    if (!remoteOf(it->request.userName).isConnected()) { // Slurm there has not answered yet
        it->phase = Phase::ToStage; // copied once the login node answers
        return;
    }
    const std::shared_ptr<const ConfinedDir> jobDir = it->request.jobDir;
    if (!jobDir)
        return fail(tr("The job directory cannot be opened."));
    it->phase = Phase::Staging;
    // What the job directory holds: folders and regular files, never what a link points at.
    QStringList folders{QString()}, files;
    for (qsizetype next = 0; next < folders.size(); ++next) {
        auto entries = jobDir->list(folders[next]);
        if (!entries)
            return fail(tr("Cannot read the job directory: %1").arg(entries.error().message));
        for (const ConfinedEntry &entry : std::as_const(*entries)) {
            const QString path = folders[next].isEmpty() ? entry.name : folders[next] + u'/' + entry.name;
            if (entry.type == ConfinedEntry::Type::Directory)
                folders << path;
            else if (entry.type == ConfinedEntry::Type::File && path != u".tandem-job.json" && path != u"job.sh")
                files << path; // job.sh names the gateway's paths: the batch script runs the program itself
        }
        if (folders.size() + files.size() > MaxStagedEntries)
            return fail(tr("The job directory holds more than %n files.", nullptr, MaxStagedEntries));
    }
    Q_EMIT jobStaging(
        jobId,
        tr("Copying %n file(s) to the login node %1.", nullptr, int(files.size())).arg(m_system.slurm.login.host));
    const NodePaths paths = nodePaths(it->request);
    struct Progress
    {
        int left = 0;
        QString error;
    };
    auto progress = std::make_shared<Progress>();
    const auto done = [this, jobId, progress, &remote](const QString &error) {
        if (progress->error.isEmpty())
            progress->error = error;
        if (--progress->left > 0)
            return;
        auto it = m_jobs.find(jobId);
        if (it == m_jobs.end() || it->phase != Phase::Staging)
            return;
        if (!progress->error.isEmpty() && !remote.isConnected()) {
            it->phase = Phase::ToStage; // the connection broke: copied again once it is back
            connectionLost(remote);
            return;
        }
        if (!progress->error.isEmpty()) {
            ExecutionResult result;
            result.condition = Condition::SystemError;
            result.message = tr("Cannot copy the job's files to the login node: %1").arg(progress->error);
            finish(jobId, result);
        } else if (it->cancelRequested) {
            ExecutionResult result;
            result.condition = Condition::CancelledByUser;
            result.message = tr("Cancelled before it reached Slurm.");
            finish(jobId, result);
        } else {
            startSubmission(jobId);
        }
    };
    // The spool's and the job's folders first, each checked on the way (no one else may change a folder there):
    // only then is anything written below them. A refusal keeps what is there as it is, never removed through them.
    const auto copy = [jobDir, paths, folders, files, progress, done, &remote] {
        progress->left = int(folders.size() + files.size());
        for (const QString &folder : std::as_const(folders)) {
            if (folder.isEmpty())
                done({});
            else
                remote.makeDirectories(paths.directory + u'/' + folder, 0700, done);
        }
        for (const QString &file : std::as_const(files)) {
            auto fd = jobDir->openForReading(file);
            struct stat status{};
            if (!fd || ::fstat(fd->get(), &status) != 0) {
                done(tr("Cannot read %1: %2").arg(file, fd ? qt_error_string(errno) : fd.error().message));
                continue;
            }
            remote.upload(fd->release(), paths.directory + u'/' + file, int(status.st_mode & 0700) | 0600,
                          qint64(status.st_mtime), done);
        }
    };
    auto checked = std::make_shared<Progress>();
    checked->left = 2;
    const auto onChecked = [this, jobId, checked, copy, fail, &remote](const QString &error) {
        if (checked->error.isEmpty())
            checked->error = error;
        if (--checked->left > 0)
            return;
        auto it = m_jobs.find(jobId);
        if (it == m_jobs.end() || it->phase != Phase::Staging)
            return;
        if (!checked->error.isEmpty() && !remote.isConnected()) {
            it->phase = Phase::ToStage;
            connectionLost(remote);
            return;
        }
        if (!checked->error.isEmpty()) {
            it->keepRemote = true;
            return fail(tr("Cannot copy the job's files to the login node: %1").arg(checked->error));
        }
        copy();
    };
    remote.makeDirectories(paths.spool, 0700, onChecked);
    remote.makeDirectories(paths.directory, 0700, onChecked);
}

void SlurmExecutor::archive(qint64 jobId)
{
    auto it = m_jobs.find(jobId);
    if (it == m_jobs.end())
        return;
    it->phase = Phase::Archiving;
    Q_EMIT jobArchiving(jobId,
                        tr("Copying the job's files back from the login node %1.").arg(m_system.slurm.login.host));
    SshRemote &remote = transferOf(it->request.userName);
    remote.list(nodePaths(it->request).directory, MaxStagedEntries,
                [this, jobId, &remote](const QString &error, const QList<RemoteEntry> &entries) {
                    auto it = m_jobs.find(jobId);
                    if (it == m_jobs.end() || it->phase != Phase::Archiving)
                        return;
                    if (!error.isEmpty() && !remote.isConnected()) {
                        it->phase = Phase::ToArchive; // copied back once the login node answers again
                        connectionLost(remote);
                        return;
                    }
                    if (!error.isEmpty()) {
                        it->keepRemote = true; // nothing came back: what the job made stays there
                        reportEnd(jobId, {}, error);
                        return;
                    }
                    copyBack(jobId, entries);
                });
}

void SlurmExecutor::copyBack(qint64 jobId, const QList<RemoteEntry> &entries)
{
    auto it = m_jobs.find(jobId);
    const std::shared_ptr<const ConfinedDir> jobDir = it->request.jobDir;
    const NodePaths paths = nodePaths(it->request);
    struct Progress
    {
        int left = 1;
        QStringList errors;
    };
    auto progress = std::make_shared<Progress>();
    SshRemote &remote = transferOf(it->request.userName);
    const auto finished = [this, jobId, progress, paths, &remote] {
        if (--progress->left > 0)
            return;
        auto it = m_jobs.find(jobId);
        if (it == m_jobs.end() || it->phase != Phase::Archiving)
            return;
        if (!progress->errors.isEmpty() && !remote.isConnected()) {
            it->phase = Phase::ToArchive; // copied back again once the login node answers
            connectionLost(remote);
            return;
        }
        // What Slurm said about the batch step; the job's folder there is removed once everything came back.
        const QString spoolFile = paths.spool + QStringLiteral("/slurm-%1.out").arg(it->request.schedulerJobId);
        QString problem = progress->errors.join(QStringLiteral("; "));
        if (!problem.isEmpty()) {
            it->keepRemote = true;
            problem += u' ' + tr("(what is left is kept on the login node in %1)").arg(paths.directory);
        }
        runCommand(
            QStringLiteral("tail"),
            {QStringLiteral("-c"), QString::number(SpoolTailBytes), QStringLiteral("--"), spoolFile}, {},
            [this, jobId, problem](const Command &tail) {
                const QString said = tail.ran && tail.exitCode == 0 ? firstLines(tail.output) : QString();
                reportEnd(jobId, said, problem);
            },
            it->request.userName);
    };
    if (!jobDir) {
        progress->errors << tr("the job directory cannot be opened");
        return finished();
    }
    // What the owner's quota leaves now, at most the limit for one job.
    qint64 budget = m_setup.copyBackLimit;
    if (m_setup.spaceLeft) {
        if (const qint64 left = m_setup.spaceLeft(it->request.userName); left >= 0)
            budget = std::min(budget, left);
    }
    for (const RemoteEntry &entry : entries) {
        const QString name = entry.path.section(u'/', -1);
        if (!ConfinedDir::checkRelativePath(entry.path, QStringLiteral("path")) || entry.path == u".tandem-job.json"
            || name.startsWith(u".tandem-write-") || (name.startsWith(u'.') && name.endsWith(u".part")))
            continue;
        if (entry.type == RemoteEntry::Type::Directory) {
            if (auto made = jobDir->makeDirectories(entry.path); !made)
                progress->errors << tr("%1: %2").arg(entry.path, made.error().message);
            continue;
        }
        if (entry.type != RemoteEntry::Type::File)
            continue; // a link the job made there stays there: it could name anything on the cluster
        // Unchanged since it was copied there (the same size and time): not copied back.
        if (auto local = jobDir->entry(entry.path); local && local->type == ConfinedEntry::Type::File
            && local->size == entry.size && local->modified.toSecsSinceEpoch() == entry.modified)
            continue;
        if (entry.size > budget) {
            progress->errors << tr("%1 is larger than the space left (%2 MB)").arg(entry.path).arg(budget >> 20);
            continue;
        }
        budget -= entry.size;
        auto aside = jobDir->createAside(entry.path, (entry.permissions & 0700) | 0600);
        if (!aside) {
            progress->errors << tr("%1: %2").arg(entry.path, aside.error().message);
            continue;
        }
        ++progress->left;
        const QString asideName = aside->name;
        remote.download(paths.directory, entry.path, aside->fd.release(), entry.size,
                        [jobDir, asideName, path = entry.path, progress, finished](const QString &error) {
                            if (error.isEmpty()) {
                                if (auto replaced = jobDir->replace(asideName, path); !replaced)
                                    progress->errors << tr("%1: %2").arg(path, replaced.error().message);
                            } else {
                                progress->errors << error;
                            }
                            removeFile(*jobDir, asideName);
                            finished();
                        });
    }
    finished();
}

void SlurmExecutor::reportEnd(qint64 jobId, const QString &said, const QString &problem)
{
    auto it = m_jobs.find(jobId);
    if (it == m_jobs.end())
        return;
    ExecutionResult result = endResult(*it, said);
    if (const auto &array = it->request.array) {
        for (int index = array->first; index <= array->last; ++index) {
            result.tasks.append({index, it->taskEnds.value(index, {-1, Condition::SystemError}).first});
            if (!isRemote())
                m_setup.spool->remove(QStringLiteral("slurm-%1_%2.out").arg(it->request.schedulerJobId).arg(index));
        }
    }
    if (!problem.isEmpty())
        result.message += u' ' + tr("Not everything could be copied back from the login node: %1").arg(problem);
    finish(jobId, result);
}

bool SlurmExecutor::adopt(const ExecutionRequest &request)
{
    if (unusable())
        return false;
    Tracked job;
    job.request = request;
    job.phase = request.schedulerJobId.isEmpty() ? Phase::Unknown : Phase::Submitted;
    job.started = request.alreadyStarted;
    m_jobs.insert(request.jobId, job);
    QTimer::singleShot(0, this, &SlurmExecutor::poll);
    return true;
}

void SlurmExecutor::startSubmission(qint64 jobId)
{
    auto it = m_jobs.find(jobId);
    if (it == m_jobs.end())
        return;
    it->phase = Phase::Submitting;
    // The script as the store keeps it; sbatch gets it on its standard input, so that nothing a user planted in the
    // job directory is what Slurm runs.
    const QByteArray script = it->request.batchScript.toUtf8();
    if (script.isEmpty()) {
        ExecutionResult result;
        result.condition = Condition::SystemError;
        result.message = tr("The job's batch script is missing.");
        finish(jobId, result);
        return;
    }
    const QString userName = it->request.userName;
    runCommand(
        command(QStringLiteral("sbatch")), {QStringLiteral("--parsable")}, script,
        [this, jobId](const Command &result) {
            auto it = m_jobs.find(jobId);
            if (it == m_jobs.end())
                return;
            static const QRegularExpression slurmId(QRegularExpression::anchoredPattern(QStringLiteral("[0-9]{1,18}")));
            const QString id = QString::fromUtf8(result.output).trimmed().section(u';', 0, 0);
            if (result.ran && result.exitCode == 0 && slurmId.match(id).hasMatch()) {
                it->phase = Phase::Submitted;
                it->since = ++m_clock;
                it->request.schedulerJobId = id;
                reached(it->request.userName, true, {});
                Q_EMIT jobAccepted(jobId, id);
                if (it->cancelRequested)
                    scancel(*it);
                return;
            }
            if (!result.ran || unreachable(result.errors)) {
                // Maybe taken, maybe not: its tag tells once the controller answers.
                it->phase = Phase::Unknown;
                it->since = ++m_clock;
                reached(it->request.userName, false, result.ran ? firstLines(result.errors) : result.problem);
                return;
            }
            ExecutionResult refused;
            refused.condition = Condition::SystemError;
            refused.message = tr("Slurm refused the job: %1").arg(firstLines(result.errors));
            finish(jobId, refused);
        },
        userName);
}

bool SlurmExecutor::cancel(qint64 jobId)
{
    auto it = m_jobs.find(jobId);
    if (it == m_jobs.end())
        return false;
    it->cancelRequested = true;
    if (it->phase == Phase::Submitted)
        scancel(*it);
    if (it->phase == Phase::ToStage) { // nothing of it is anywhere yet: ended now, also while the node is away
        ExecutionResult result;
        result.condition = Condition::CancelledByUser;
        result.message = tr("Cancelled before it reached Slurm.");
        finish(jobId, result);
    }
    return true;
}

void SlurmExecutor::scancel(const Tracked &job)
{
    runCommand(
        command(QStringLiteral("scancel")), {job.request.schedulerJobId}, {},
        [](const Command &) {
            // Checked on the next poll: a job still not ending is cancelled again.
        },
        job.request.userName);
}

void SlurmExecutor::poll()
{
    if (unusable())
        return; // a login node without a usable key: nothing is asked anywhere
    if (m_system.slurm.queuesFromSlurm && (!m_haveQueues || m_sincePartitions.elapsed() > 5 * 60 * 1000)
        && (!m_sincePartitions.isValid() || m_sincePartitions.elapsed() > 2000))
        readPartitions();
    // One listing per account the jobs run as (the community one always: it says whether Slurm answers).
    QList<SshRemote *> accounts{isRemote() ? m_remote.get() : nullptr};
    for (const Tracked &job : std::as_const(m_jobs)) {
        SshRemote *remote = isRemote() ? &remoteOf(job.request.userName) : nullptr;
        if (!accounts.contains(remote))
            accounts << remote;
    }
    const bool idle
        = m_jobs.isEmpty() && m_reachable && m_sinceIdlePoll.isValid() && m_sinceIdlePoll.elapsed() < IdlePollMs;
    if (idle || m_polling.contains(accounts.first()))
        accounts.removeFirst();
    else
        m_sinceIdlePoll.start();
    for (SshRemote *remote : std::as_const(accounts)) {
        if (m_polling.contains(remote))
            continue;
        m_polling.insert(remote);
        ++m_queries;
        const qint64 askedAt = ++m_clock;
        runOn(remote, command(QStringLiteral("squeue")),
              {QStringLiteral("--json"), QStringLiteral("--states=all"), QStringLiteral("--me")}, {},
              [this, askedAt, remote](const Command &result) { onListing(result, askedAt, remote); });
    }
}

void SlurmExecutor::onListing(const Command &result, qint64 askedAt, SshRemote *remote)
{
    m_polling.remove(remote);
    if (!result.ran || result.exitCode != 0) {
        reached(remote, false, result.ran ? firstLines(result.errors) : result.problem);
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument listing = QJsonDocument::fromJson(result.output, &parseError);
    if (parseError.error != QJsonParseError::NoError || !listing.isObject()) {
        reached(remote, false, tr("squeue's answer is not JSON: %1").arg(parseError.errorString()));
        return;
    }
    reached(remote, true, {});
    QHash<QString, QJsonObject> byId, byTag;
    QHash<QString, QList<QJsonObject>> byArray; // a job array's records (each task's, the waiting rest's) by its id
    const QString ours = QStringLiteral("tandem:%1:").arg(m_setup.instance);
    for (const QJsonValue &value : listing[QStringLiteral("jobs")].toArray()) {
        const QJsonObject job = value.toObject();
        const QString comment = job.value(QStringLiteral("comment")).toString();
        if (!comment.startsWith(ours))
            continue;
        byId.insert(QString::number(job.value(QStringLiteral("job_id")).toInteger()), job);
        byTag.insert(comment, job);
        if (const auto array = slurmNumber(job.value(QStringLiteral("array_job_id"))); array && *array > 0)
            byArray[QString::number(*array)].append(job);
    }
    const QList<qint64> ids = m_jobs.keys();
    for (const qint64 jobId : ids) {
        auto it = m_jobs.find(jobId);
        if (it == m_jobs.end())
            continue;
        if (it->since >= askedAt)
            continue; // the listing was asked for before the job's submission answered: it may not show it
        if (isRemote() && &remoteOf(it->request.userName) != remote)
            continue; // another account's job: that account's listing shows it
        switch (it->phase) {
        case Phase::Submitting:
            break;
        case Phase::Unknown:
            if (const auto found = byTag.constFind(tag(jobId)); found != byTag.cend()) {
                it->phase = Phase::Submitted;
                // An array's tasks share its id; each has one of its own as well.
                const auto array = slurmNumber(found->value(QStringLiteral("array_job_id")));
                it->request.schedulerJobId = it->request.array && array && *array > 0
                    ? QString::number(*array)
                    : QString::number(found->value(QStringLiteral("job_id")).toInteger());
                Q_EMIT jobAccepted(jobId, it->request.schedulerJobId);
                if (it->request.array)
                    followArray(*it, byArray.value(it->request.schedulerJobId));
                else
                    follow(*it, *found);
            } else if (it->cancelRequested) {
                ExecutionResult result;
                result.condition = Condition::CancelledByUser;
                result.message = tr("Cancelled before it reached Slurm.");
                finish(jobId, result);
            } else {
                stageOrSubmit(jobId); // never taken: submitted now, once
            }
            break;
        case Phase::ToStage:
            stage(jobId);
            break;
        case Phase::ToArchive:
            archive(jobId);
            break;
        case Phase::Staging:
        case Phase::Archiving:
            break;
        case Phase::Submitted:
            if (const auto tasks = byArray.constFind(it->request.schedulerJobId);
                it->request.array && tasks != byArray.cend()) {
                followArray(*it, *tasks);
            } else if (it->request.array && !it->taskEnds.isEmpty()) {
                followArray(*it, {}); // all of it forgotten by now: it ended as far as its tasks were seen
            } else if (const auto found = byId.constFind(it->request.schedulerJobId); found != byId.cend()) {
                follow(*it, *found);
            } else if (isRemote()) {
                // How it ended is unknown, but what it made is still copied back.
                it->ending = {};
                it->ending.message = tr("Slurm no longer knows its job %1, so how it ended is unknown.")
                                         .arg(it->request.schedulerJobId);
                archive(jobId);
            } else {
                ExecutionResult result;
                result.condition = Condition::SystemError;
                result.message = tr("Slurm no longer knows its job %1, so how it ended is unknown.")
                                     .arg(it->request.schedulerJobId);
                finish(jobId, result);
            }
            break;
        }
    }
}

void SlurmExecutor::follow(Tracked &job, const QJsonObject &slurmJob)
{
    const QStringList state = stringList(slurmJob.value(QStringLiteral("job_state")));
    const QJsonObject exit = slurmJob.value(QStringLiteral("exit_code")).toObject();
    const std::optional<qint64> exitCode = slurmNumber(exit.value(QStringLiteral("return_code")));
    const auto outcome
        = SlurmStates::outcome(state, exitCode ? std::optional<int>(int(*exitCode)) : std::optional<int>());
    if (!outcome)
        return; // a state this gateway does not know: the job keeps its last status
    const qint64 jobId = job.request.jobId;
    switch (outcome->status) {
    case api::JobStatus::Queued: {
        QString note = SlurmStates::pendingReason(slurmJob.value(QStringLiteral("state_reason")).toString());
        const std::optional<qint64> start = slurmNumber(slurmJob.value(QStringLiteral("start_time")));
        const QDateTime expected = start && *start > 0 ? QDateTime::fromSecsSinceEpoch(*start) : QDateTime();
        if (expected.isValid() && expected > QDateTime::currentDateTime())
            note += u' '
                + tr("Slurm expects it to start around %1.")
                      .arg(QLocale::system().toString(expected.toLocalTime(), QLocale::ShortFormat));
        if (job.cancelRequested)
            scancel(job);
        if (note != job.note) {
            job.note = note;
            Q_EMIT jobNote(jobId, note);
        }
        return;
    }
    case api::JobStatus::Running:
        if (job.cancelRequested)
            scancel(job);
        if (!job.started) {
            job.started = true;
            Q_EMIT jobStarted(jobId);
        }
        return;
    default:
        break;
    }
    // Ended; while COMPLETING its processes are still being stopped: the end is reported once they are gone.
    if (state.contains(u"COMPLETING"))
        return;
    if (!job.started && slurmNumber(slurmJob.value(QStringLiteral("start_time"))).value_or(0) > 0) {
        job.started = true;
        Q_EMIT jobStarted(jobId);
    }
    job.ending = {slurmJob, state, outcome->condition, int(exitCode.value_or(-1)), {}};
    ended(job);
}

void SlurmExecutor::ended(Tracked &job)
{
    if (isRemote())
        archive(job.request.jobId);
    else
        reportEnd(job.request.jobId, job.request.array ? QString() : localSpoolText(job.request.schedulerJobId), {});
}

void SlurmExecutor::followArray(Tracked &job, const QList<QJsonObject> &records)
{
    const qint64 jobId = job.request.jobId;
    const api::JobSpec::ArrayRange &range = *job.request.array;
    int running = 0, waiting = 0;
    qint64 firstStart = 0, lastEnd = 0;
    QString reason;
    for (const QJsonObject &record : records) {
        const QStringList state = stringList(record.value(QStringLiteral("job_state")));
        const std::optional<qint64> exitCode
            = slurmNumber(record[QStringLiteral("exit_code")][QStringLiteral("return_code")]);
        const auto outcome
            = SlurmStates::outcome(state, exitCode ? std::optional<int>(int(*exitCode)) : std::optional<int>());
        const std::optional<qint64> index = slurmNumber(record.value(QStringLiteral("array_task_id")));
        const qint64 start = slurmNumber(record.value(QStringLiteral("start_time"))).value_or(0);
        if (start > 0 && (firstStart == 0 || start < firstStart))
            firstStart = start;
        if (!outcome || outcome->status == api::JobStatus::Queued) {
            ++waiting; // the tasks not started yet (one record for all of them), or a state not known here
            if (reason.isEmpty())
                reason = SlurmStates::pendingReason(record.value(QStringLiteral("state_reason")).toString());
            continue;
        }
        if (outcome->status == api::JobStatus::Running || state.contains(u"COMPLETING")) {
            ++running;
            continue;
        }
        lastEnd = std::max(lastEnd, slurmNumber(record.value(QStringLiteral("end_time"))).value_or(0));
        if (index && *index >= range.first && *index <= range.last) {
            // A task that did not end by itself has no exit status of its own.
            const int status
                = outcome->condition == Condition::NormalCompletion || outcome->condition == Condition::NonzeroExit
                ? int(exitCode.value_or(-1))
                : -1;
            job.taskEnds.insert(int(*index), {status, outcome->condition});
        }
    }
    if (job.cancelRequested && (running > 0 || waiting > 0))
        scancel(job);
    if (running > 0 && !job.started) {
        job.started = true;
        Q_EMIT jobStarted(jobId);
    }
    if (running > 0 || waiting > 0) {
        const int failed = int(std::count_if(job.taskEnds.cbegin(), job.taskEnds.cend(), [](const auto &end) {
            return end.second != Condition::NormalCompletion;
        }));
        QString note = tr("Tasks: %1 running, %2 ended (%3 failed) of %n.", nullptr, range.count())
                           .arg(running)
                           .arg(job.taskEnds.size())
                           .arg(failed);
        if (running == 0 && !reason.isEmpty())
            note += u' ' + reason;
        if (note != job.taskProgress) {
            job.taskProgress = note;
            Q_EMIT jobNote(jobId, note);
        }
        return;
    }
    // Every task ended (those Slurm forgot before they were seen count as unknown): the array ended as its first
    // task that did not finish normally, or normally.
    Ending ending;
    ending.condition = Condition::NormalCompletion;
    ending.exitCode = 0;
    for (int index = range.first; index <= range.last; ++index) {
        const auto end = job.taskEnds.value(index, {-1, Condition::SystemError});
        if (end.second != Condition::NormalCompletion && ending.condition == Condition::NormalCompletion) {
            ending.condition = job.cancelRequested ? Condition::CancelledByUser : end.second;
            ending.exitCode = end.first;
        }
    }
    ending.slurmJob = QJsonObject{{QStringLiteral("start_time"), firstStart}, {QStringLiteral("end_time"), lastEnd}};
    if (!job.started && firstStart > 0) {
        job.started = true;
        Q_EMIT jobStarted(jobId);
    }
    job.ending = ending;
    ended(job);
}

QString SlurmExecutor::localSpoolText(const QString &schedulerJobId) const
{
    // The gateway's own spool file, read and removed.
    const QString spoolName = QStringLiteral("slurm-%1.out").arg(schedulerJobId);
    QString said;
    if (auto fd = m_setup.spool->openForReading(spoolName)) {
        QFile file;
        if (file.open(fd->release(), QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
            if (file.size() > SpoolTailBytes)
                file.seek(file.size() - SpoolTailBytes);
            said = QString::fromUtf8(file.readAll()).trimmed();
        }
    }
    m_setup.spool->remove(spoolName);
    return said;
}

ExecutionResult SlurmExecutor::endResult(const Tracked &job, const QString &said) const
{
    const QJsonObject &slurmJob = job.ending.slurmJob;
    const QStringList &state = job.ending.state;
    ExecutionResult result;
    result.condition = job.ending.condition;
    result.exitCode = job.ending.exitCode;
    const auto started = slurmNumber(slurmJob.value(QStringLiteral("start_time")));
    const auto ended = slurmNumber(slurmJob.value(QStringLiteral("end_time")));
    if (started && ended && *started > 0 && *ended >= *started)
        result.runtimeMs = (*ended - *started) * 1000;
    int signal = 0;
    if (job.request.jobDir)
        readRunnerUsage(*job.request.jobDir, result, signal);
    const QString slurmState = state.join(u' ');
    if (!job.ending.message.isEmpty()) {
        result.message = job.ending.message;
        return result;
    }
    switch (result.condition) {
    case Condition::NormalCompletion:
        result.message = tr("Finished normally (Slurm job %1).").arg(job.request.schedulerJobId);
        break;
    case Condition::NonzeroExit:
        result.message = exitMessage(result.exitCode);
        break;
    case Condition::Timeout:
        result.message = tr("Stopped by Slurm at its time limit of %n minute(s).", nullptr,
                            slurmMinutes(job.request.timeLimitSeconds));
        break;
    case Condition::CancelledByUser:
        result.message
            = job.cancelRequested ? tr("Cancelled.") : tr("Cancelled in Slurm (by an administrator or the system).");
        break;
    case Condition::OutOfMemory:
        result.message = tr("Killed by Slurm: it used more memory than it was given.");
        break;
    default:
        result.message = tr("Slurm ended it as %1 (%2).")
                             .arg(slurmState, slurmJob.value(QStringLiteral("state_reason")).toString());
        break;
    }
    // What Slurm itself said about the batch step (a runner that could not prepare the directory, a time limit).
    if (!said.isEmpty() && result.condition != Condition::NormalCompletion)
        result.message += u' ' + tr("Slurm said: %1").arg(said);
    return result;
}

void SlurmExecutor::finish(qint64 jobId, const ExecutionResult &result)
{
    auto it = m_jobs.find(jobId);
    if (it == m_jobs.end())
        return;
    if (isRemote() && !it->keepRemote)
        removeRemoteFolder(*it);
    m_jobs.erase(it);
    Q_EMIT jobFinished(jobId, result);
}

void SlurmExecutor::removeRemoteFolder(const Tracked &job)
{
    if (!ConfinedDir::checkRelativePath(job.request.relativeDirectory, QStringLiteral("directory"))
        || job.request.relativeDirectory.isEmpty())
        return; // never the user's whole folder there
    const NodePaths paths = nodePaths(job.request);
    QStringList targets{paths.directory};
    if (!job.request.schedulerJobId.isEmpty() && job.request.array) {
        for (int index = job.request.array->first; index <= job.request.array->last; ++index)
            targets << paths.spool + QStringLiteral("/slurm-%1_%2.out").arg(job.request.schedulerJobId).arg(index);
    } else if (!job.request.schedulerJobId.isEmpty()) {
        targets << paths.spool + QStringLiteral("/slurm-%1.out").arg(job.request.schedulerJobId);
    }
    // Folders the job made unwritable are made writable first (chmod -R follows no link), then all of it goes.
    runCommand(
        QStringLiteral("chmod"),
        QStringList{QStringLiteral("-R"), QStringLiteral("u+rwX"), QStringLiteral("--"), paths.directory}, {},
        [](const Command &) { }, job.request.userName);
    runCommand(
        QStringLiteral("rm"), QStringList{QStringLiteral("-rf"), QStringLiteral("--")} + targets, {},
        [](const Command &) { }, job.request.userName);
}

void SlurmExecutor::reached(SshRemote *remote, bool answered, const QString &problem)
{
    if (!remote || remote == m_remote.get()) {
        setReachable(answered, problem);
        return;
    }
    // A user's own account: its jobs are told, the system stays available to the others.
    const QString note = answered
        ? QString()
        : tr("Slurm on the login node has not answered for your account there (%1); the job keeps its last known "
             "state.")
              .arg(problem);
    for (auto it = m_jobs.begin(); it != m_jobs.end(); ++it) {
        if (&remoteOf(it->request.userName) != remote || it->note == note || (answered && it->note.isEmpty()))
            continue;
        it->note = note;
        Q_EMIT jobNote(it.key(), answered ? tr("Slurm on the login node answers again.") : note);
    }
}

void SlurmExecutor::reached(const QString &userName, bool answered, const QString &problem)
{
    reached(isRemote() ? &remoteOf(userName) : nullptr, answered, problem);
}

void SlurmExecutor::connectionLost(SshRemote &remote)
{
    reached(&remote, false, remote.problem());
}

void SlurmExecutor::setReachable(bool reachable, const QString &problem)
{
    m_reachable = reachable;
    if (!reachable) {
        m_problem = problem;
        if (m_unreachableSince.isValid())
            return;
        m_unreachableSince = QDateTime::currentDateTimeUtc();
        const QString note
            = tr("Slurm's controller has not answered since %1; the job keeps its last known state.")
                  .arg(QLocale::system().toString(m_unreachableSince.toLocalTime(), QLocale::ShortFormat));
        for (auto it = m_jobs.begin(); it != m_jobs.end(); ++it) {
            it->note.clear();
            Q_EMIT jobNote(it.key(), note);
        }
        return;
    }
    m_problem.clear();
    if (!m_unreachableSince.isValid())
        return;
    m_unreachableSince = {};
    for (auto it = m_jobs.begin(); it != m_jobs.end(); ++it)
        Q_EMIT jobNote(it.key(), tr("Slurm's controller answers again."));
}

} // namespace tandem::gateway
