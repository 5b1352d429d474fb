#include "api/Job.h"

#include "api/JsonReader.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace tandem::api {

namespace {

void readSummary(JsonReader &read, const QJsonObject &object, JobSummary &job)
{
    job.id = read.integer("id"_L1);
    job.name = read.string("name"_L1);
    job.type = read.enumerated("type"_L1, &JobSpec::typeFromString, JobSpec::Type::Compile);
    job.system = read.string("system"_L1);
    job.queue = read.string("queue"_L1);
    job.cores = int(read.integer("cores"_L1));
    job.status = read.enumerated("status"_L1, &jobStatusFromString, JobStatus::Pending);
    const QString condition = read.optionalString("condition"_L1);
    if (const auto parsed = conditionFromString(condition))
        job.condition = *parsed;
    else
        read.fail("condition"_L1, ErrorCode::InvalidValue,
                  JsonReader::tr("%1 has the unknown value \"%2\".").arg(read.fieldName("condition"_L1), condition));
    job.directory = read.string("directory"_L1);
    job.exitCode = read.optionalInteger("exitCode"_L1);
    job.submittedAt = read.dateTime("submittedAt"_L1);
    job.startedAt = read.optionalDateTime("startedAt"_L1);
    job.endedAt = read.optionalDateTime("endedAt"_L1);
    job.runtimeMs = read.optionalInteger("runtimeMs"_L1);
    job.maxRssKb = read.optionalInteger("maxRssKb"_L1);
    job.cpuMs = read.optionalInteger("cpuMs"_L1);
    job.owner = read.string("owner"_L1);
    job.group = read.optionalString("group"_L1); // absent from records written before classes were shown
    if (const QJsonObject tasks = object.value("tasks"_L1).toObject(); !tasks.isEmpty()) {
        job.tasksTotal = tasks.value("total"_L1).toInt();
        job.tasksFinished = tasks.value("finished"_L1).toInt();
        job.tasksFailed = tasks.value("failed"_L1).toInt();
    }
    job.output = read.optionalString("output"_L1);
}

std::optional<HistoryEntry::Removal> removalFromString(QStringView text)
{
    if (text == u"DELETED")
        return HistoryEntry::Removal::Deleted;
    if (text == u"EXPIRED")
        return HistoryEntry::Removal::Expired;
    return std::nullopt;
}

void readEntry(JsonReader &read, HistoryEntry &entry)
{
    // Job records (job.json, in archives) do not number their steps; the API's answers do.
    entry.eventId = read.optionalInteger("eventId"_L1).value_or(0);
    const QString status = read.string("status"_L1);
    if (const auto job = jobStatusFromString(status))
        entry.status = *job;
    else if (const auto removal = removalFromString(status))
        entry.removal = *removal;
    else if (read.ok())
        read.fail("status"_L1, ErrorCode::InvalidValue,
                  JsonReader::tr("%1 has the unknown value \"%2\".").arg(read.fieldName("status"_L1), status));
    entry.message = read.string("message"_L1);
    entry.at = read.dateTime("at"_L1);
}

} // namespace

QJsonObject JobSummary::toJson() const
{
    QJsonObject object{
        {u"id"_s, id},
        {u"name"_s, name},
        {u"type"_s, JobSpec::typeName(type)},
        {u"system"_s, system},
        {u"queue"_s, queue},
        {u"cores"_s, cores},
        {u"status"_s, statusName(status)},
        {u"condition"_s, condition == Condition::None ? QJsonValue() : QJsonValue(conditionName(condition))},
        {u"directory"_s, directory},
        {u"exitCode"_s, integerOrNull(exitCode)},
        {u"submittedAt"_s, isoDateTime(submittedAt)},
        {u"startedAt"_s, isoDateTimeOrNull(startedAt)},
        {u"endedAt"_s, isoDateTimeOrNull(endedAt)},
        {u"runtimeMs"_s, integerOrNull(runtimeMs)},
        {u"maxRssKb"_s, integerOrNull(maxRssKb)},
        {u"cpuMs"_s, integerOrNull(cpuMs)},
        {u"owner"_s, owner},
        {u"group"_s, group},
        {u"output"_s, output}};
    if (tasksTotal > 0)
        object.insert(
            u"tasks"_s,
            QJsonObject{{u"total"_s, tasksTotal}, {u"finished"_s, tasksFinished}, {u"failed"_s, tasksFailed}});
    return object;
}

Result<JobSummary> JobSummary::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    JobSummary job;
    readSummary(read, object, job);
    return read.finish(std::move(job));
}

QJsonObject Job::toJson() const
{
    QJsonObject object = JobSummary::toJson();
    object.insert(u"spec"_s, spec);
    object.insert(u"command"_s, QJsonArray::fromStringList(command));
    object.insert(u"commandLine"_s, commandLine);
    if (!schedulerJobId.isEmpty())
        object.insert(u"schedulerJobId"_s, schedulerJobId);
    if (!batchScript.isEmpty())
        object.insert(u"batchScript"_s, batchScript);
    if (!tasks.isEmpty()) {
        QJsonArray list;
        for (const auto &[index, exitCode] : tasks)
            list.append(QJsonObject{{u"index"_s, index}, {u"exitCode"_s, exitCode}});
        QJsonObject summary = object.value(u"tasks"_s).toObject();
        summary.insert(u"list"_s, list);
        object.insert(u"tasks"_s, summary);
    }
    return object;
}

Result<Job> Job::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    Job job;
    readSummary(read, object, job);
    job.spec = read.object("spec"_L1);
    job.command = read.strings("command"_L1);
    job.commandLine = read.string("commandLine"_L1);
    job.schedulerJobId = read.optionalString("schedulerJobId"_L1);
    job.batchScript = read.optionalString("batchScript"_L1);
    for (const QJsonValue &task : object.value("tasks"_L1).toObject().value("list"_L1).toArray())
        job.tasks.append({task["index"_L1].toInt(), task["exitCode"_L1].toInt(-1)});
    return read.finish(std::move(job));
}

QJsonObject JobPreview::toJson() const
{
    QJsonObject json{{u"command"_s, QJsonArray::fromStringList(command)},
                     {u"commandLine"_s, commandLine},
                     {u"queue"_s, queue},
                     {u"cores"_s, cores},
                     {u"nodes"_s, nodes},
                     {u"timeLimitSeconds"_s, timeLimitSeconds}};
    if (tasks) {
        json.insert(u"tasks"_s, *tasks);
        json.insert(u"tasksAtOnce"_s, tasksAtOnce);
    }
    return json;
}

Result<JobPreview> JobPreview::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    JobPreview preview;
    preview.command = read.strings("command"_L1);
    preview.commandLine = read.string("commandLine"_L1);
    preview.queue = read.string("queue"_L1);
    preview.cores = int(read.integer("cores"_L1));
    preview.nodes = int(read.integer("nodes"_L1));
    preview.timeLimitSeconds = int(read.integer("timeLimitSeconds"_L1));
    if (const auto tasks = read.optionalInteger("tasks"_L1)) {
        preview.tasks = int(*tasks);
        preview.tasksAtOnce = int(read.optionalInteger("tasksAtOnce"_L1).value_or(0));
    }
    return read.finish(std::move(preview));
}

QString HistoryEntry::statusText() const
{
    switch (removal) {
    case Removal::Deleted:
        return u"DELETED"_s;
    case Removal::Expired:
        return u"EXPIRED"_s;
    case Removal::None:
        break;
    }
    return statusName(status);
}

QJsonObject HistoryEntry::toJson() const
{
    return {{u"eventId"_s, eventId}, {u"status"_s, statusText()}, {u"message"_s, message}, {u"at"_s, isoDateTime(at)}};
}

Result<HistoryEntry> HistoryEntry::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    HistoryEntry entry;
    readEntry(read, entry);
    return read.finish(std::move(entry));
}

QJsonObject JobEvent::toJson() const
{
    QJsonObject object = HistoryEntry::toJson();
    object.insert(u"jobId"_s, jobId);
    return object;
}

Result<JobEvent> JobEvent::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    JobEvent event;
    readEntry(read, event);
    event.jobId = read.integer("jobId"_L1);
    return read.finish(std::move(event));
}

} // namespace tandem::api
