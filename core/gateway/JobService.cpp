#include "gateway/JobService.h"

#include "api/ErrorCode.h"

#include "api/JobStatus.h"
#include "gateway/EventHub.h"
#include "gateway/Store.h"
#include "gateway/SystemCatalog.h"
#include "gateway/UserHome.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QMap>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>
#include <algorithm>

namespace tandem::gateway {

namespace {

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

const QString JobColumns = QStringLiteral(
    "j.id, j.name, j.type, j.system, j.queue, j.cores, j.status, j.condition, j.spec, j.command, j.directory, "
    "j.exit_code, j.submitted_at, j.started_at, j.ended_at, j.runtime_ms, j.max_rss_kb, j.cpu_ms, u.name, u.grp, "
    "j.output, j.scheduler_id, j.batch_script, j.tasks");

// The visibility rule, as SQL over jobs j joined to their owner u; binds: user id, role, role, group.
const QString ReadableClause
    = QStringLiteral("(j.user_id = ? OR ? = 'admin' OR (? = 'instructor' AND u.grp <> '' AND u.grp = ?))");
// Deleted and expired jobs stay as tombstones: readable (as 410 Gone), but no longer listed.
const QString VisibleClause = QStringLiteral("j.deleted = 0 AND ") + ReadableClause;

enum Tombstone { Live = 0, Deleted = 1, Expired = 2 };

QVariantList visibleBinds(const User &user)
{
    const QString role = User::roleToString(user.role);
    return {user.id, role, role, user.group};
}

QJsonValue nullable(const QVariant &value)
{
    return value.isNull() ? QJsonValue() : QJsonValue::fromVariant(value);
}

// A list row carries what the history table shows; the full job adds the request and the exact command.
enum class Detail { Summary, Full };

QJsonObject jobFromQuery(const QSqlQuery &q, Detail detail = Detail::Full)
{
    QJsonObject job{
        {QStringLiteral("id"), q.value(0).toLongLong()},
        {QStringLiteral("name"), q.value(1).toString()},
        {QStringLiteral("type"), q.value(2).toString()},
        {QStringLiteral("system"), q.value(3).toString()},
        {QStringLiteral("queue"), q.value(4).toString()},
        {QStringLiteral("cores"), q.value(5).toInt()},
        {QStringLiteral("status"), q.value(6).toString()},
        {QStringLiteral("condition"), q.value(7).toString().isEmpty() ? QJsonValue() : q.value(7).toString()},
        {QStringLiteral("directory"), q.value(10).toString()},
        {QStringLiteral("exitCode"), nullable(q.value(11))},
        {QStringLiteral("submittedAt"), q.value(12).toString()},
        {QStringLiteral("startedAt"), nullable(q.value(13))},
        {QStringLiteral("endedAt"), nullable(q.value(14))},
        {QStringLiteral("runtimeMs"), nullable(q.value(15))},
        {QStringLiteral("maxRssKb"), nullable(q.value(16))},
        {QStringLiteral("cpuMs"), nullable(q.value(17))},
        {QStringLiteral("owner"), q.value(18).toString()},
        {QStringLiteral("group"), q.value(19).toString()},
        {QStringLiteral("output"), q.value(20).toString()}};
    // A job array's tasks, once it ended: counts in the list, each task with the job.
    if (const QJsonArray tasks = QJsonDocument::fromJson(q.value(23).toString().toUtf8()).array(); !tasks.isEmpty()) {
        int failed = 0;
        QJsonArray list;
        for (const QJsonValue &task : tasks) {
            const int exitCode = task[1].toInt();
            failed += exitCode != 0 ? 1 : 0;
            list.append(
                QJsonObject{{QStringLiteral("index"), task[0].toInt()}, {QStringLiteral("exitCode"), exitCode}});
        }
        QJsonObject summary{{QStringLiteral("total"), tasks.size()},
                            {QStringLiteral("finished"), tasks.size() - failed},
                            {QStringLiteral("failed"), failed}};
        if (detail == Detail::Full)
            summary.insert(QStringLiteral("list"), list);
        job.insert(QStringLiteral("tasks"), summary);
    }
    if (detail == Detail::Full) {
        const QJsonArray command = QJsonDocument::fromJson(q.value(9).toString().toUtf8()).array();
        QStringList argv;
        for (const QJsonValue &arg : command)
            argv << arg.toString();
        job.insert(QStringLiteral("spec"), QJsonDocument::fromJson(q.value(8).toString().toUtf8()).object());
        job.insert(QStringLiteral("command"), command);
        job.insert(QStringLiteral("commandLine"), JobPlan::displayCommand(argv));
        if (const QString schedulerId = q.value(21).toString(); !schedulerId.isEmpty())
            job.insert(QStringLiteral("schedulerJobId"), schedulerId);
        if (const QString script = q.value(22).toString(); !script.isEmpty())
            job.insert(QStringLiteral("batchScript"), script);
    }
    return job;
}

} // namespace

JobService::JobService(Store &store, SystemCatalog &systems, EventHub &events, QString homesRoot, JobLimits limits,
                       QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_systems(systems)
    , m_events(events)
    , m_homesRoot(std::move(homesRoot))
    , m_limits(limits)
{ }

void JobService::addExecutor(const QString &scheduler, Executor *executor)
{
    m_executors.insert(scheduler, executor);
    listenTo(executor);
}

void JobService::addSystemExecutor(const QString &systemId, Executor *executor)
{
    m_systemExecutors.insert(systemId, executor);
    listenTo(executor);
}

void JobService::listenTo(Executor *executor)
{
    connect(executor, &Executor::jobProcess, this, [this](qint64 jobId, const QString &process) {
        m_store.exec(QStringLiteral("UPDATE jobs SET process = ? WHERE id = ?"), {process, jobId});
    });
    connect(executor, &Executor::jobAccepted, this, &JobService::onAccepted);
    connect(executor, &Executor::jobNote, this, &JobService::onNote);
    connect(executor, &Executor::jobStarted, this, &JobService::onStarted);
    connect(executor, &Executor::jobStaging, this, [this](qint64 jobId, const QString &message) {
        transition(jobId, api::statusName(api::JobStatus::StagingInputs), message);
    });
    connect(executor, &Executor::jobArchiving, this, [this](qint64 jobId, const QString &message) {
        transition(jobId, api::statusName(api::JobStatus::Archiving), message);
    });
    connect(executor, &Executor::jobFinished, this, &JobService::onFinished);
}

bool JobService::canRun(const QString &systemId) const
{
    const Executor *executor = executorFor(systemId);
    return executor && executor->refusal().isEmpty();
}

Executor *JobService::executorFor(const QString &systemId) const
{
    if (Executor *own = m_systemExecutors.value(systemId))
        return own;
    const System *system = m_systems.find(systemId);
    return system ? m_executors.value(system->scheduler) : nullptr;
}

UserHome JobService::homeOf(const QString &userName) const
{
    return UserHome(m_homesRoot + u'/' + userName);
}

Result<QJsonObject> JobService::submit(const User &user, const QJsonObject &spec)
{
    const UserHome home = homeOf(user.name);
    if (auto exists = home.ensureExists(); !exists)
        return std::unexpected(exists.error());
    auto plan = JobPlan::fromSpec(spec, m_systems, home);
    if (!plan)
        return std::unexpected(plan.error());
    Executor *executor = executorFor(plan->systemId);
    if (!executor) {
        return std::unexpected(
            Error::make(api::ErrorCode::SystemUnavailable,
                        tr("The system %1 uses the %2 scheduler, which this gateway cannot reach yet.")
                            .arg(plan->systemId, m_systems.find(plan->systemId)->scheduler),
                        QStringLiteral("system")));
    }
    if (const QString refusal = executor->refusal(); !refusal.isEmpty()) {
        return std::unexpected(Error::make(api::ErrorCode::SandboxUnavailable,
                                           tr("Jobs cannot run on %1: %2").arg(plan->systemId, refusal),
                                           QStringLiteral("system")));
    }

    auto allowance = admit(user, home, *plan);
    if (!allowance)
        return std::unexpected(allowance.error());

    const QString submittedAt = now();
    const QString typeName = api::JobSpec::typeName(plan->type);
    m_store.transaction();
    auto inserted = m_store.exec(
        QStringLiteral(
            "INSERT INTO jobs (user_id, name, type, system, queue, cores, time_limit_s, status, spec, command, "
            "submitted_at, output) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?)"),
        {user.id, plan->name, typeName, plan->systemId, plan->queue, plan->cores, plan->timeLimitSeconds(),
         QString::fromUtf8(QJsonDocument(plan->spec).toJson(QJsonDocument::Compact)),
         QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(plan->command)).toJson(QJsonDocument::Compact)),
         submittedAt, plan->output.isEmpty() ? QStringLiteral("") : plan->output});
    if (!inserted) {
        m_store.rollback();
        return std::unexpected(inserted.error());
    }
    const qint64 id = inserted->lastInsertId().toLongLong();
    const QString relativeDir = QStringLiteral("jobs/%1/%2-%3-%4")
                                    .arg(QDate::currentDate().toString(Qt::ISODate), typeName, plan->systemId)
                                    .arg(id);
    m_store.exec(QStringLiteral("UPDATE jobs SET directory = ? WHERE id = ?"), {relativeDir, id});
    m_store.exec(
        QStringLiteral("INSERT INTO job_events (job_id, user_id, status, message, at) VALUES (?, ?, 'PENDING', ?, ?)"),
        {id, user.id, tr("Accepted."), submittedAt});
    if (!m_store.commit())
        return std::unexpected(Error::internal(tr("Cannot record the job.")));

    // Stage the inputs. A failure here is the job's failure (SYSTEM_ERROR), recorded like any other. The job
    // directory is made fresh (anything already at its predictable name refuses) and written only through its
    // descriptor; sources are opened again, confined, at the moment they are copied.
    transition(id, api::statusName(api::JobStatus::StagingInputs),
               tr("Copying %n input file(s).", nullptr, int(plan->files.size())));
    QString stagingError;
    auto homeDir = home.open();
    Result<ConfinedDir> jobDir = homeDir ? homeDir->makeFreshDirectory(relativeDir) : std::unexpected(homeDir.error());
    if (!jobDir)
        stagingError = tr("Cannot create the job directory: %1").arg(jobDir.error().message);
    for (const JobPlan::StagedFile &file : std::as_const(plan->files)) {
        if (!stagingError.isEmpty())
            break;
        // Bounded by what the quota left when the job was admitted: a source swapped for a bigger (or sparse) file
        // since then is refused rather than copied.
        auto copied = homeDir->copyTo(file.source, *jobDir, file.destination, *allowance);
        if (!copied)
            stagingError
                = tr("Cannot copy %1 into the job directory: %2").arg(file.destination, copied.error().message);
        else if (*allowance >= 0)
            *allowance -= *copied;
    }
    if (stagingError.isEmpty()) {
        if (auto written
            = jobDir->writeFile(QStringLiteral("job.sh"), plan->jobScript(id, jobDir->path()).toUtf8(), 0700);
            !written)
            stagingError = tr("Cannot write the job script: %1").arg(written.error().message);
    }
    if (!stagingError.isEmpty()) {
        failWithSystemError(id, stagingError);
        return jobJson(id);
    }
    writeJobFile(id);

    transition(id, api::statusName(api::JobStatus::Queued),
               tr("Waiting for %n core(s) in queue %1.", nullptr, plan->cores).arg(plan->queue));
    ExecutionRequest request
        = executionRequest(id, user.name, relativeDir, std::make_shared<const ConfinedDir>(std::move(*jobDir)),
                           plan->queue, plan->cores, plan->nodes, plan->timeLimitSeconds(), plan->systemId);
    request.modules = plan->modules;
    request.environment = plan->environment;
    request.command = plan->command;
    request.launcherLength = plan->launcherLength;
    request.array = plan->array;
    auto script = executor->batchScript(request);
    if (!script) {
        failWithSystemError(id, tr("Cannot write the batch script: %1").arg(script.error().message));
        return jobJson(id);
    }
    request.batchScript = *script;
    if (!script->isEmpty())
        m_store.exec(QStringLiteral("UPDATE jobs SET batch_script = ? WHERE id = ?"), {*script, id});
    executor->submit(request);
    return jobJson(id);
}

void JobService::failWithSystemError(qint64 id, const QString &message)
{
    transition(id, api::statusName(api::JobStatus::Failed), message,
               {{QStringLiteral("condition"), api::conditionName(Condition::SystemError)},
                {QStringLiteral("ended_at"), now()}});
    writeJobFile(id);
}

ExecutionRequest JobService::executionRequest(qint64 id, const QString &userName, const QString &relativeDirectory,
                                              std::shared_ptr<const ConfinedDir> directory, const QString &queue,
                                              int cores, int nodes, int timeLimitSeconds, const QString &systemId) const
{
    ExecutionRequest request;
    request.jobId = id;
    request.userName = userName;
    request.home = m_homesRoot + u'/' + userName;
    request.relativeDirectory = relativeDirectory;
    // By its path only when it could not be opened (a held job's, moved by its user since): a scheduler's node
    // then opens it confined from home and relativeDirectory, or not at all.
    request.directory = directory ? directory->path() : request.home + u'/' + relativeDirectory;
    request.jobDir = std::move(directory);
    request.scriptName = QStringLiteral("job.sh");
    request.queue = queue;
    request.cores = cores;
    request.nodes = nodes;
    request.timeLimitSeconds = timeLimitSeconds;
    const System *system = m_systems.find(systemId);
    request.network = system && system->network;
    return request;
}

qint64 JobService::spaceLeft(const QString &userName) const
{
    if (m_limits.quotaBytes <= 0)
        return -1;
    auto homeDir = homeOf(userName).open();
    auto usage = homeDir ? homeDir->usage() : Result<qint64>(std::unexpected(homeDir.error()));
    return usage ? std::max<qint64>(0, m_limits.quotaBytes - *usage) : 0;
}

Result<qint64> JobService::admit(const User &user, const UserHome &home, const JobPlan &plan)
{
    if (m_limits.maxQueuedPerUser > 0) {
        auto waiting = m_store.exec(QStringLiteral("SELECT COUNT(*) FROM jobs WHERE user_id = ? AND deleted = 0 AND "
                                                   "status IN ('PENDING', 'STAGING_INPUTS', 'QUEUED')"),
                                    {user.id});
        if (waiting && waiting->next() && waiting->value(0).toLongLong() >= m_limits.maxQueuedPerUser) {
            return std::unexpected(
                Error::make(api::ErrorCode::TooManyJobs,
                            tr("You have %n job(s) waiting already; submit more once some have started.", nullptr,
                               m_limits.maxQueuedPerUser)));
        }
    }
    if (m_limits.quotaBytes <= 0)
        return -1;
    // Staged inputs are copies inside the home: they count against the quota like any other file.
    auto homeDir = home.open();
    if (!homeDir)
        return std::unexpected(homeDir.error());
    qint64 staged = 0;
    for (const JobPlan::StagedFile &file : plan.files) {
        if (auto entry = homeDir->entry(file.source))
            staged += entry->size;
    }
    auto usage = homeDir->usage();
    if (!usage)
        return std::unexpected(usage.error());
    const qint64 after = *usage + staged;
    if (after > m_limits.quotaBytes) {
        return std::unexpected(Error::make(api::ErrorCode::QuotaExceeded,
                                           tr("Staging this job's inputs would use %1 MB of your %2 MB quota.")
                                               .arg(after / (1024 * 1024))
                                               .arg(m_limits.quotaBytes / (1024 * 1024)),
                                           QStringLiteral("sources")));
    }
    return m_limits.quotaBytes - *usage;
}

Result<void> JobService::transition(qint64 jobId, const QString &status, const QString &message,
                                    const QVariantMap &columns)
{
    QString assignments = QStringLiteral("status = ?");
    QVariantList values{status};
    for (auto it = columns.cbegin(); it != columns.cend(); ++it) {
        assignments += QStringLiteral(", %1 = ?").arg(it.key());
        values << it.value();
    }
    values << jobId;
    const QString at = now();
    m_store.transaction();
    auto updated = m_store.exec(QStringLiteral("UPDATE jobs SET %1 WHERE id = ?").arg(assignments), values);
    auto owner = m_store.exec(
        QStringLiteral("SELECT j.user_id, u.grp FROM jobs j JOIN users u ON u.id = j.user_id WHERE j.id = ?"), {jobId});
    if (!updated || !owner || !owner->next()) {
        m_store.rollback();
        return std::unexpected(!updated ? updated.error() : Error::notFound(tr("No such job.")));
    }
    Event event;
    event.ownerId = owner->value(0).toLongLong();
    event.ownerGroup = owner->value(1).toString();
    auto logged = m_store.exec(
        QStringLiteral("INSERT INTO job_events (job_id, user_id, status, message, at) VALUES (?, ?, ?, ?, ?)"),
        {jobId, event.ownerId, status, message, at});
    if (!logged || !m_store.commit()) {
        m_store.rollback();
        return std::unexpected(Error::internal(tr("Cannot record the job's new state.")));
    }
    event.id = logged->lastInsertId().toLongLong();
    event.kind = QStringLiteral("job");
    event.data = {{QStringLiteral("jobId"), jobId},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("message"), message},
                  {QStringLiteral("at"), at}};
    m_events.publish(event);
    return {};
}

void JobService::onAccepted(qint64 jobId, const QString &schedulerJobId)
{
    m_store.exec(QStringLiteral("UPDATE jobs SET scheduler_id = ? WHERE id = ?"), {schedulerJobId, jobId});
    const System *system = nullptr;
    if (auto q = m_store.exec(QStringLiteral("SELECT system FROM jobs WHERE id = ?"), {jobId}); q && q->next())
        system = m_systems.find(q->value(0).toString());
    transition(
        jobId, api::statusName(api::JobStatus::Queued),
        tr("Submitted to %1 as job %2.").arg(system ? system->displayName : tr("the scheduler"), schedulerJobId));
}

void JobService::onNote(qint64 jobId, const QString &message)
{
    auto q = m_store.exec(QStringLiteral("SELECT status FROM jobs WHERE id = ?"), {jobId});
    if (!q || !q->next() || api::isFinalStatus(q->value(0).toString()))
        return;
    transition(jobId, q->value(0).toString(), message);
}

void JobService::onStarted(qint64 jobId)
{
    transition(jobId, api::statusName(api::JobStatus::Running), tr("Running."),
               {{QStringLiteral("started_at"), now()}});
}

QJsonArray JobService::arrayTasks(qint64 jobId) const
{
    // What a job array's script wrote as each task ended: "index status" lines. The job's own shell wrote the file,
    // so only the lines of indexes the request has and plain numbers count, each index once, read bounded.
    auto q = m_store.exec(QStringLiteral("SELECT u.name, j.directory, j.spec FROM jobs j JOIN users u ON u.id = "
                                         "j.user_id WHERE j.id = ?"),
                          {jobId});
    if (!q || !q->next())
        return {};
    const QJsonObject spec = QJsonDocument::fromJson(q->value(2).toString().toUtf8()).object();
    const auto range = api::JobSpec::parseArray(spec.value(QStringLiteral("array")).toString());
    if (!range)
        return {};
    auto directory = jobDirectory(q->value(0).toString(), q->value(1).toString());
    if (!directory)
        return {};
    QMap<int, int> ended;
    if (auto fd = directory->openForReading(QStringLiteral(".tandem-array"))) {
        QFile file;
        if (file.open(fd->release(), QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
            for (const QByteArray &line : file.read(64 * 1024).split('\n')) {
                const QList<QByteArray> words = line.trimmed().split(' ');
                bool indexOk = false, statusOk = false;
                const int index = words.value(0).toInt(&indexOk);
                const int status = words.value(1).toInt(&statusOk);
                if (words.size() == 2 && indexOk && statusOk && index >= range->first && index <= range->last
                    && !ended.contains(index))
                    ended.insert(index, status);
            }
        }
    }
    // A task that never reported (cancelled, killed with the job) counts as failed.
    QJsonArray tasks;
    for (int index = range->first; index <= range->last; ++index)
        tasks.append(QJsonArray{index, ended.value(index, -1)});
    return tasks;
}

void JobService::onFinished(qint64 jobId, const ExecutionResult &result)
{
    auto current = m_store.exec(QStringLiteral("SELECT status FROM jobs WHERE id = ?"), {jobId});
    if (!current || !current->next() || current->value(0).toString() != api::statusName(api::JobStatus::Archiving))
        transition(jobId, api::statusName(api::JobStatus::Archiving), tr("Collecting outputs."));
    QJsonArray tasks;
    for (const auto &[index, exitCode] : result.tasks) // as the scheduler saw them end
        tasks.append(QJsonArray{index, exitCode});
    if (tasks.isEmpty())
        tasks = arrayTasks(jobId);
    // An array with a failed task failed, whatever its script's own exit said.
    const bool taskFailed = std::any_of(tasks.cbegin(), tasks.cend(), [](const QJsonValue &t) { return t[1].toInt(); });
    const Condition condition
        = result.condition == Condition::NormalCompletion && taskFailed ? Condition::NonzeroExit : result.condition;
    const QString status = condition == Condition::NormalCompletion ? api::statusName(api::JobStatus::Finished)
        : condition == Condition::CancelledByUser                   ? api::statusName(api::JobStatus::Cancelled)
                                                                    : api::statusName(api::JobStatus::Failed);
    QVariantMap columns{{QStringLiteral("condition"), api::conditionName(condition)},
                        {QStringLiteral("ended_at"), now()},
                        {QStringLiteral("runtime_ms"), result.runtimeMs}};
    if (result.exitCode >= 0)
        columns.insert(QStringLiteral("exit_code"), result.exitCode);
    if (result.maxRssKb >= 0)
        columns.insert(QStringLiteral("max_rss_kb"), result.maxRssKb);
    if (result.cpuMs >= 0)
        columns.insert(QStringLiteral("cpu_ms"), result.cpuMs);
    QString message = result.message;
    if (!tasks.isEmpty()) {
        columns.insert(QStringLiteral("tasks"), QString::fromUtf8(QJsonDocument(tasks).toJson(QJsonDocument::Compact)));
        QStringList failed;
        for (const QJsonValue &task : tasks) {
            if (task[1].toInt() != 0)
                failed << QString::number(task[0].toInt());
        }
        if (!failed.isEmpty() && result.condition != Condition::CancelledByUser)
            message = tr("%1 of %n task(s) failed: %2.", nullptr, int(tasks.size()))
                          .arg(failed.size())
                          .arg(failed.join(QStringLiteral(", ")));
        else if (result.condition == Condition::NormalCompletion)
            message = tr("All %n task(s) finished.", nullptr, int(tasks.size()));
    }
    transition(jobId, status, message, columns);
    writeJobFile(jobId);
    Q_EMIT jobEnded(jobId);
}

void JobService::writeJobFile(qint64 jobId)
{
    auto job = jobJson(jobId);
    if (!job)
        return;
    auto history = m_store.exec(
        QStringLiteral("SELECT status, message, at FROM job_events WHERE job_id = ? ORDER BY id"), {jobId});
    QJsonArray transitions;
    while (history && history->next()) {
        transitions.append(QJsonObject{{QStringLiteral("status"), history->value(0).toString()},
                                       {QStringLiteral("message"), history->value(1).toString()},
                                       {QStringLiteral("at"), history->value(2).toString()}});
    }
    QJsonObject record = *job;
    record.insert(QStringLiteral("history"), transitions);
    // Rewritten at each end of a job: through the job directory's descriptor, replacing whatever the job left
    // under the name (a link included) instead of writing through it.
    auto directory = jobDirectory(job->value(QStringLiteral("owner")).toString(),
                                  job->value(QStringLiteral("directory")).toString());
    if (directory)
        directory->writeFile(QStringLiteral("job.json"), QJsonDocument(record).toJson(), 0644);
}

Result<ConfinedDir> JobService::jobDirectory(const QString &ownerName, const QString &relativeDirectory) const
{
    if (relativeDirectory.isEmpty())
        return std::unexpected(Error::notFound(tr("The job has no directory.")));
    auto home = homeOf(ownerName).open();
    if (!home)
        return std::unexpected(home.error());
    return home->directory(relativeDirectory);
}

Result<QJsonObject> JobService::jobJson(qint64 id)
{
    auto q = m_store.exec(
        QStringLiteral("SELECT %1 FROM jobs j JOIN users u ON u.id = j.user_id WHERE j.id = ?").arg(JobColumns), {id});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return std::unexpected(Error::notFound(tr("No such job.")));
    return jobFromQuery(*q);
}

Result<JobService::Owned> JobService::readable(const User &user, qint64 id)
{
    auto q = m_store.exec(QStringLiteral("SELECT j.user_id, u.name, u.grp, j.status, j.directory, j.deleted, j.system "
                                         "FROM jobs j JOIN users u ON u.id = j.user_id WHERE j.id = ? AND ")
                              + ReadableClause,
                          QVariantList{id} + visibleBinds(user));
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return std::unexpected(Error::notFound(tr("There is no job %1.").arg(id)));
    const int tombstone = q->value(5).toInt();
    if (tombstone == Deleted)
        return std::unexpected(Error::make(api::ErrorCode::Deleted, tr("Job %1 was deleted.").arg(id)));
    if (tombstone == Expired) {
        return std::unexpected(Error::make(
            api::ErrorCode::Expired, tr("Job %1 expired; its files were removed after the retention period.").arg(id)));
    }
    return Owned{q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(),
                 q->value(3).toString(),   q->value(4).toString(), q->value(6).toString()};
}

Result<QJsonObject> JobService::get(const User &user, qint64 id)
{
    if (auto owned = readable(user, id); !owned)
        return std::unexpected(owned.error());
    return jobJson(id);
}

Result<ConfinedDir> JobService::directory(const User &user, qint64 id)
{
    auto owned = readable(user, id);
    if (!owned)
        return std::unexpected(owned.error());
    return jobDirectory(owned->ownerName, owned->directory);
}

QList<std::pair<QString, qint64>> JobService::countsByStatus()
{
    QList<std::pair<QString, qint64>> counts;
    auto q = m_store.exec(QStringLiteral("SELECT status, COUNT(*) FROM jobs WHERE deleted = 0 GROUP BY status"));
    while (q && q->next())
        counts.append({q->value(0).toString(), q->value(1).toLongLong()});
    return counts;
}

Result<QJsonArray> JobService::history(const User &user, qint64 id)
{
    if (auto owned = readable(user, id); !owned)
        return std::unexpected(owned.error());
    auto q = m_store.exec(QStringLiteral("SELECT id, status, message, at FROM job_events WHERE job_id = ? ORDER BY id"),
                          {id});
    if (!q)
        return std::unexpected(q.error());
    QJsonArray history;
    while (q->next()) {
        history.append(QJsonObject{{QStringLiteral("eventId"), q->value(0).toLongLong()},
                                   {QStringLiteral("status"), q->value(1).toString()},
                                   {QStringLiteral("message"), q->value(2).toString()},
                                   {QStringLiteral("at"), q->value(3).toString()}});
    }
    return history;
}

Result<QJsonObject> JobService::cancel(const User &user, qint64 id)
{
    auto owned = readable(user, id);
    if (!owned)
        return std::unexpected(owned.error());
    if (owned->ownerId != user.id && user.role == User::Role::User)
        return std::unexpected(Error::notFound(tr("There is no job %1.").arg(id)));
    if (api::isFinalStatus(owned->status)) {
        return std::unexpected(
            Error::make(api::ErrorCode::JobFinal, tr("Job %1 has already ended (%2).").arg(id).arg(owned->status)));
    }
    Executor *executor = executorFor(owned->system);
    if (!executor || !executor->cancel(id))
        return std::unexpected(Error::make(api::ErrorCode::JobEnding, tr("Job %1 is ending already.").arg(id)));
    return jobJson(id);
}

Result<QByteArray> JobService::list(const User &user, const QUrlQuery &query)
{
    QString where = VisibleClause;
    QVariantList binds = visibleBinds(user);
    const auto filter = [&](const QString &param, const QString &column) {
        const QString value = query.queryItemValue(param);
        if (value.isEmpty())
            return;
        const QStringList values = value.split(u',');
        QStringList marks;
        for (const QString &v : values) {
            marks << QStringLiteral("?");
            binds << v;
        }
        where += QStringLiteral(" AND %1 IN (%2)").arg(column, marks.join(u','));
    };
    filter(QStringLiteral("status"), QStringLiteral("j.status"));
    filter(QStringLiteral("type"), QStringLiteral("j.type"));
    filter(QStringLiteral("system"), QStringLiteral("j.system"));
    filter(QStringLiteral("owner"), QStringLiteral("u.name"));
    // Whose jobs, within what the caller may read: their own, their class's (their group), or all of them.
    if (const QString scope = query.queryItemValue(QStringLiteral("scope")); scope == u"mine") {
        where += QStringLiteral(" AND j.user_id = ?");
        binds << user.id;
    } else if (scope == u"class") {
        if (user.group.isEmpty())
            return std::unexpected(Error::make(api::ErrorCode::InvalidValue,
                                               tr("You are in no class (group), so there is no class to list."),
                                               QStringLiteral("scope")));
        where += QStringLiteral(" AND u.grp = ?");
        binds << user.group;
    } else if (!scope.isEmpty() && scope != u"all") {
        return std::unexpected(Error::make(api::ErrorCode::InvalidValue,
                                           tr("scope must be \"mine\", \"class\" or \"all\"."),
                                           QStringLiteral("scope")));
    }
    if (const QString text = query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded); !text.isEmpty()) {
        where += QStringLiteral(" AND (j.name LIKE ? ESCAPE '\\' OR j.command LIKE ? ESCAPE '\\')");
        QString pattern = text;
        pattern.replace(u'\\', QStringLiteral("\\\\"))
            .replace(u'%', QStringLiteral("\\%"))
            .replace(u'_', QStringLiteral("\\_"));
        const QString like = u'%' + pattern + u'%';
        binds << like << like;
    }
    for (const auto &[param, op] :
         {std::pair{QStringLiteral("from"), QStringLiteral(">=")}, {QStringLiteral("to"), QStringLiteral("<")}}) {
        const QString value = query.queryItemValue(param, QUrl::FullyDecoded);
        if (value.isEmpty())
            continue;
        const QDateTime at = QDateTime::fromString(value, Qt::ISODateWithMs);
        if (!at.isValid())
            return std::unexpected(Error::make(api::ErrorCode::InvalidValue,
                                               tr("%1 must be an ISO 8601 date and time.").arg(param), param));
        where += QStringLiteral(" AND j.submitted_at %1 ?").arg(op);
        binds << at.toUTC().toString(Qt::ISODateWithMs);
    }

    bool ok = true;
    const int limit
        = query.hasQueryItem(QStringLiteral("limit")) ? query.queryItemValue(QStringLiteral("limit")).toInt(&ok) : 50;
    if (!ok || limit < 1 || limit > 500)
        return std::unexpected(
            Error::make(api::ErrorCode::OutOfRange, tr("limit must be between 1 and 500."), QStringLiteral("limit")));

    static const QMap<QString, QString> sortColumns{{QStringLiteral("id"), QStringLiteral("j.id")},
                                                    {QStringLiteral("submittedAt"), QStringLiteral("j.id")},
                                                    {QStringLiteral("name"), QStringLiteral("j.name")},
                                                    {QStringLiteral("status"), QStringLiteral("j.status")},
                                                    {QStringLiteral("system"), QStringLiteral("j.system")},
                                                    {QStringLiteral("type"), QStringLiteral("j.type")},
                                                    {QStringLiteral("owner"), QStringLiteral("u.name")},
                                                    {QStringLiteral("endedAt"), QStringLiteral("j.ended_at")}};
    QString sort = query.queryItemValue(QStringLiteral("sort"));
    if (sort.isEmpty())
        sort = QStringLiteral("-submittedAt");
    const bool descending = sort.startsWith(u'-');
    const QString key = descending ? sort.mid(1) : sort;
    if (!sortColumns.contains(key)) {
        return std::unexpected(Error::make(api::ErrorCode::InvalidValue,
                                           tr("sort must be one of %1, optionally prefixed with '-'.")
                                               .arg(sortColumns.keys().join(QStringLiteral(", "))),
                                           QStringLiteral("sort")));
    }
    // The cursor is the offset of the next page, opaque to clients.
    qint64 offset = 0;
    if (const QString cursor = query.queryItemValue(QStringLiteral("cursor")); !cursor.isEmpty()) {
        offset = QByteArray::fromBase64(cursor.toLatin1(), QByteArray::Base64UrlEncoding).toLongLong(&ok);
        if (!ok || offset < 0)
            return std::unexpected(
                Error::make(api::ErrorCode::InvalidValue, tr("The cursor is not valid."), QStringLiteral("cursor")));
    }
    const QString order = QStringLiteral("%1 %2, j.id %2")
                              .arg(sortColumns.value(key), descending ? QStringLiteral("DESC") : QStringLiteral("ASC"));
    auto q = m_store.exec(
        QStringLiteral("SELECT %1 FROM jobs j JOIN users u ON u.id = j.user_id WHERE %2 ORDER BY %3 LIMIT ? OFFSET ?")
            .arg(JobColumns, where, order),
        binds + QVariantList{limit + 1, offset});
    if (!q)
        return std::unexpected(q.error());
    // Rows of ended jobs never change again (deletion removes them from lists), so their JSON is built once and
    // kept: building QJsonObjects was most of a page's cost.
    QByteArray page = "{\"jobs\":[";
    int count = 0;
    bool more = false;
    while (q->next()) {
        if (count == limit) {
            more = true;
            break;
        }
        const qint64 id = q->value(0).toLongLong();
        if (count++ > 0)
            page += ',';
        if (const QByteArray *cached = m_summaries.object(id)) {
            page += *cached;
            continue;
        }
        const QByteArray row = QJsonDocument(jobFromQuery(*q, Detail::Summary)).toJson(QJsonDocument::Compact);
        page += row;
        if (api::isFinalStatus(q->value(6).toString()))
            m_summaries.insert(id, new QByteArray(row), int(row.size()));
    }
    page += "],\"nextCursor\":";
    page += more ? '"' + QByteArray::number(offset + limit).toBase64(QByteArray::Base64UrlEncoding) + '"'
                 : QByteArray("null");
    page += '}';
    return page;
}

Result<QJsonObject> JobService::classSummary(const User &user, const QString &group)
{
    if (user.role == User::Role::User)
        return std::unexpected(
            Error::make(api::ErrorCode::Forbidden, tr("Only instructors and administrators see a class.")));
    const QString chosen = group.isEmpty() ? user.group : group;
    if (chosen.isEmpty())
        return std::unexpected(Error::make(api::ErrorCode::InvalidValue,
                                           tr("Choose a class: you are in none yourself."), QStringLiteral("group")));
    if (user.role == User::Role::Instructor && chosen != user.group)
        return std::unexpected(Error::make(
            api::ErrorCode::Forbidden, tr("You teach the class %1 only.").arg(user.group), QStringLiteral("group")));
    QStringList active;
    for (const api::JobStatus status : {api::JobStatus::Pending, api::JobStatus::StagingInputs, api::JobStatus::Queued,
                                        api::JobStatus::Running, api::JobStatus::Archiving})
        active << u'\'' + api::statusName(status) + u'\'';
    auto members = m_store.exec(
        QStringLiteral("SELECT u.name, u.role, COUNT(j.id), SUM(CASE WHEN j.status IN (%1) THEN 1 ELSE 0 END), "
                       "MAX(j.id) FROM users u LEFT JOIN jobs j ON j.user_id = u.id AND j.deleted = 0 "
                       "WHERE u.grp = ? GROUP BY u.id, u.name, u.role ORDER BY u.name")
            .arg(active.join(u',')),
        {chosen});
    if (!members)
        return std::unexpected(members.error());
    QJsonArray students;
    QHash<qint64, int> lastJobOf; // job id → index in students
    while (members->next()) {
        students.append(QJsonObject{{QStringLiteral("name"), members->value(0).toString()},
                                    {QStringLiteral("role"), members->value(1).toString()},
                                    {QStringLiteral("jobs"), members->value(2).toLongLong()},
                                    {QStringLiteral("activeJobs"), members->value(3).toLongLong()},
                                    {QStringLiteral("lastJob"), QJsonValue()}});
        if (!members->value(4).isNull())
            lastJobOf.insert(members->value(4).toLongLong(), int(students.size()) - 1);
    }
    if (!lastJobOf.isEmpty()) {
        QStringList marks;
        QVariantList ids;
        for (auto it = lastJobOf.cbegin(); it != lastJobOf.cend(); ++it) {
            marks << QStringLiteral("?");
            ids << it.key();
        }
        auto last = m_store.exec(QStringLiteral("SELECT id, name, type, status, submitted_at, ended_at FROM jobs "
                                                "WHERE id IN (%1)")
                                     .arg(marks.join(u',')),
                                 ids);
        if (!last)
            return std::unexpected(last.error());
        while (last->next()) {
            const int index = lastJobOf.value(last->value(0).toLongLong());
            QJsonObject student = students.at(index).toObject();
            student.insert(QStringLiteral("lastJob"),
                           QJsonObject{{QStringLiteral("id"), last->value(0).toLongLong()},
                                       {QStringLiteral("name"), last->value(1).toString()},
                                       {QStringLiteral("type"), last->value(2).toString()},
                                       {QStringLiteral("status"), last->value(3).toString()},
                                       {QStringLiteral("submittedAt"), last->value(4).toString()},
                                       {QStringLiteral("endedAt"), nullable(last->value(5))}});
            students.replace(index, student);
        }
    }
    return QJsonObject{{QStringLiteral("group"), chosen}, {QStringLiteral("members"), students}};
}

Result<QList<Event>> JobService::eventsAfter(const User &user, qint64 afterId)
{
    auto q = m_store.exec(
        QStringLiteral("SELECT e.id, e.job_id, e.status, e.message, e.at, e.user_id, u.grp FROM job_events e "
                       "JOIN jobs j ON j.id = e.job_id JOIN users u ON u.id = j.user_id WHERE e.id > ? AND ")
            + VisibleClause + QStringLiteral(" ORDER BY e.id LIMIT 10000"),
        QVariantList{afterId} + visibleBinds(user));
    if (!q)
        return std::unexpected(q.error());
    QList<Event> events;
    while (q->next()) {
        Event event;
        event.id = q->value(0).toLongLong();
        event.kind = QStringLiteral("job");
        event.ownerId = q->value(5).toLongLong();
        event.ownerGroup = q->value(6).toString();
        event.data = {{QStringLiteral("jobId"), q->value(1).toLongLong()},
                      {QStringLiteral("status"), q->value(2).toString()},
                      {QStringLiteral("message"), q->value(3).toString()},
                      {QStringLiteral("at"), q->value(4).toString()}};
        events << event;
    }
    return events;
}

Result<QJsonObject> JobService::resubmit(const User &user, qint64 id)
{
    auto owned = readable(user, id);
    if (!owned)
        return std::unexpected(owned.error());
    if (owned->ownerId != user.id) {
        return std::unexpected(Error::make(api::ErrorCode::NotOwner,
                                           tr("Only the owner can resubmit a job: its files are in their home.")));
    }
    auto q = m_store.exec(QStringLiteral("SELECT spec FROM jobs WHERE id = ?"), {id});
    if (!q || !q->next())
        return std::unexpected(Error::internal(tr("Cannot read the job's request.")));
    return submit(user, QJsonDocument::fromJson(q->value(0).toString().toUtf8()).object());
}

Result<void> JobService::remove(const User &user, qint64 id)
{
    auto owned = readable(user, id);
    if (!owned)
        return std::unexpected(owned.error());
    if (owned->ownerId != user.id && user.role != User::Role::Admin)
        return std::unexpected(
            Error::make(api::ErrorCode::NotOwner, tr("Only the owner or an administrator can delete a job.")));
    if (!api::isFinalStatus(owned->status))
        return std::unexpected(Error::make(api::ErrorCode::JobActive,
                                           tr("Job %1 is still %2: cancel it first.").arg(id).arg(owned->status)));
    return bury(id, owned->ownerName, owned->directory, Deleted, tr("Deleted."));
}

Result<void> JobService::bury(qint64 id, const QString &ownerName, const QString &relativeDirectory, int tombstone,
                              const QString &message)
{
    m_summaries.remove(id);
    // Mark first: a crash between the two steps leaves a tombstone with stray files, never a live job without them.
    if (auto marked = m_store.exec(QStringLiteral("UPDATE jobs SET deleted = ? WHERE id = ?"), {tombstone, id});
        !marked)
        return std::unexpected(marked.error());
    if (!relativeDirectory.isEmpty()) {
        if (auto home = homeOf(ownerName).open())
            home->remove(relativeDirectory); // a link planted there is removed itself, never followed
    }
    auto owner = m_store.exec(
        QStringLiteral("SELECT j.user_id, u.grp FROM jobs j JOIN users u ON u.id = j.user_id WHERE j.id = ?"), {id});
    if (!owner || !owner->next())
        return {};
    const QString at = now();
    const QString status = tombstone == Expired ? QStringLiteral("EXPIRED") : QStringLiteral("DELETED");
    auto logged = m_store.exec(
        QStringLiteral("INSERT INTO job_events (job_id, user_id, status, message, at) VALUES (?, ?, ?, ?, ?)"),
        {id, owner->value(0), status, message, at});
    if (logged) {
        Event event{logged->lastInsertId().toLongLong(),
                    owner->value(0).toLongLong(),
                    owner->value(1).toString(),
                    QStringLiteral("job"),
                    {{QStringLiteral("jobId"), id},
                     {QStringLiteral("status"), status},
                     {QStringLiteral("message"), message},
                     {QStringLiteral("at"), at}}};
        m_events.publish(event);
    }
    return {};
}

int JobService::expire(int retentionDays)
{
    if (retentionDays <= 0)
        return 0;
    const QString cutoff = QDateTime::currentDateTimeUtc().addDays(-retentionDays).toString(Qt::ISODateWithMs);
    auto q
        = m_store.exec(QStringLiteral("SELECT j.id, u.name, j.directory FROM jobs j JOIN users u ON u.id = j.user_id "
                                      "WHERE j.deleted = 0 AND j.ended_at IS NOT NULL AND j.ended_at < ?"),
                       {cutoff});
    QList<std::tuple<qint64, QString, QString>> expired;
    while (q && q->next())
        expired.append({q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString()});
    for (const auto &[id, owner, directory] : std::as_const(expired))
        bury(id, owner, directory, Expired, tr("Expired after %n day(s).", nullptr, retentionDays));
    return int(expired.size());
}

void JobService::recover()
{
    auto q = m_store.exec(QStringLiteral(
        "SELECT j.id, j.status, j.directory, u.name, j.queue, j.cores, j.time_limit_s, j.system, j.scheduler_id, "
        "j.spec, j.batch_script, j.process, j.started_at FROM jobs j JOIN users u ON u.id = j.user_id WHERE "
        "j.status NOT IN ('FINISHED', 'FAILED', 'CANCELLED') ORDER BY j.id"));
    if (!q)
        return;
    struct Pending
    {
        qint64 id;
        QString status, directory, owner, queue;
        int cores;
        int timeLimitSeconds;
        QString system;
        QString schedulerId;
        int nodes;
        QString batchScript;
        QString process;
        qint64 startedAtMs;
        std::optional<api::JobSpec::ArrayRange> array;
    };
    QList<Pending> pending;
    while (q->next()) {
        const QJsonObject spec = QJsonDocument::fromJson(q->value(9).toString().toUtf8()).object();
        pending.append({q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(),
                        q->value(3).toString(), q->value(4).toString(), q->value(5).toInt(), q->value(6).toInt(),
                        q->value(7).toString(), q->value(8).toString(), spec.value(QStringLiteral("nodes")).toInt(1),
                        q->value(10).toString(), q->value(11).toString(),
                        QDateTime::fromString(q->value(12).toString(), Qt::ISODateWithMs).toMSecsSinceEpoch(),
                        api::JobSpec::parseArray(spec.value(QStringLiteral("array")).toString())});
    }
    // Running jobs first, so that the slots they hold are taken before waiting jobs are queued again.
    std::stable_partition(pending.begin(), pending.end(), [](const Pending &job) {
        return api::jobStatusFromString(job.status) == api::JobStatus::Running;
    });
    for (const Pending &job : std::as_const(pending)) {
        const auto status = api::jobStatusFromString(job.status);
        const bool waiting = status == api::JobStatus::Queued;
        Executor *executor = executorFor(job.system);
        auto opened = jobDirectory(job.owner, job.directory);
        const auto script = opened ? opened->entry(QStringLiteral("job.sh")) : Result<ConfinedEntry>();
        const bool hasScript = opened && script && script->type == ConfinedEntry::Type::File;
        const auto directory = opened ? std::make_shared<const ConfinedDir>(std::move(*opened)) : nullptr;
        ExecutionRequest request = executionRequest(job.id, job.owner, job.directory, directory, job.queue, job.cores,
                                                    job.nodes, job.timeLimitSeconds, job.system);
        request.array = job.array;
        // A job a scheduler holds (its id and script) or a local process that may still run is followed from the
        // store, whatever its directory holds now: its user may have removed job.sh, the job itself too.
        const bool held = !job.schedulerId.isEmpty() || !job.batchScript.isEmpty() || !job.process.isEmpty();
        // A login node's job may be copying its files there or back: it is followed too, and the copy made again.
        const bool copying = status == api::JobStatus::StagingInputs || status == api::JobStatus::Archiving;
        if ((waiting || status == api::JobStatus::Running || (copying && held)) && executor && (hasScript || held)) {
            ExecutionRequest following = request;
            following.schedulerJobId = job.schedulerId;
            following.batchScript = job.batchScript;
            following.process = job.process;
            following.startedAtMs = job.startedAtMs;
            following.alreadyStarted = status == api::JobStatus::Running || status == api::JobStatus::Archiving;
            if (executor->adopt(following)) {
                transition(job.id, job.status, tr("Followed again after the gateway restarted."));
                continue;
            }
        }
        if (waiting && executor && hasScript) {
            transition(job.id, api::statusName(api::JobStatus::Queued),
                       tr("Queued again after the gateway restarted."));
            executor->submit(request);
        } else {
            failWithSystemError(
                job.id, tr("The gateway stopped while the job was %1; it did not complete.").arg(job.status.toLower()));
        }
    }
}

} // namespace tandem::gateway
