#pragma once

#include "Error.h"
#include "api/JobSpec.h"
#include "api/JobStatus.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace tandem::api {

// One row of the job history (openapi.json's JobSummary): what the list and the events carry.
struct JobSummary
{
    qint64 id = 0;
    QString name;
    JobSpec::Type type = JobSpec::Type::Compile;
    QString system;
    QString queue;
    int cores = 1;
    JobStatus status = JobStatus::Pending;
    Condition condition = Condition::None;
    QString directory; // relative to the owner's home
    std::optional<qint64> exitCode;
    QDateTime submittedAt;
    QDateTime startedAt; // invalid until it started
    QDateTime endedAt;
    std::optional<qint64> runtimeMs;
    std::optional<qint64> maxRssKb;
    std::optional<qint64> cpuMs;
    QString owner;
    QString group; // the owner's class; empty when they are in none
    QString output;
    // A job array's tasks once it ended (total 0: not an array, or not ended yet).
    int tasksTotal = 0, tasksFinished = 0, tasksFailed = 0; // compile jobs: the program built, in directory

    QJsonObject toJson() const;
    static Result<JobSummary> fromJson(const QJsonObject &object, const QString &prefix = {});
    friend bool operator==(const JobSummary &, const JobSummary &) = default;
};

// A job with the request it came from and the exact command it runs (openapi.json's Job).
struct Job : JobSummary
{
    QJsonObject spec; // the request as the gateway accepted it
    QStringList command;
    QString commandLine; // the argv shell-quoted: "This is your command"
    QString schedulerJobId; // the scheduler's own id (Slurm's job id); empty before it has one, and locally
    QString batchScript; // the script the scheduler was given (sbatch); empty for local jobs
    QList<std::pair<int, int>> tasks; // a job array's tasks as they ended: index, exit status (-1: none reported)

    QJsonObject toJson() const;
    static Result<Job> fromJson(const QJsonObject &object, const QString &prefix = {});
    friend bool operator==(const Job &, const Job &) = default;
};

// What a spec would run, without running it (openapi.json's JobPreview).
struct JobPreview
{
    QStringList command;
    QString commandLine;
    QString queue;
    int cores = 1;
    int nodes = 1;
    int timeLimitSeconds = 0;
    // A job array: how many tasks it makes and how many run at a time (0: as many as are given room).
    std::optional<int> tasks;
    int tasksAtOnce = 0;

    QJsonObject toJson() const;
    static Result<JobPreview> fromJson(const QJsonObject &object, const QString &prefix = {});
    friend bool operator==(const JobPreview &, const JobPreview &) = default;
};

// One step of a job's timeline (openapi.json's HistoryEntry); a job removed from the history ends with DELETED or
// EXPIRED, which are no JobStatus.
struct HistoryEntry
{
    enum class Removal { None, Deleted, Expired };

    qint64 eventId = 0;
    JobStatus status = JobStatus::Pending; // meaningful when removal is None
    Removal removal = Removal::None;
    QString message;
    QDateTime at;

    QString statusText() const; // the status as the API writes it
    QJsonObject toJson() const;
    static Result<HistoryEntry> fromJson(const QJsonObject &object, const QString &prefix = {});
    friend bool operator==(const HistoryEntry &, const HistoryEntry &) = default;
};

// A job's step as the event stream pushes it (openapi.json's JobEvent).
struct JobEvent : HistoryEntry
{
    qint64 jobId = 0;

    QJsonObject toJson() const;
    static Result<JobEvent> fromJson(const QJsonObject &object, const QString &prefix = {});
    friend bool operator==(const JobEvent &, const JobEvent &) = default;
};

} // namespace tandem::api
