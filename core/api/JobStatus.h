#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace tandem::api {

// A job's place in its lifecycle, as the API names it (openapi.json's JobStatus). Both sides compare these values,
// never the strings.
enum class JobStatus { Pending, StagingInputs, Queued, Running, Archiving, Finished, Failed, Cancelled };

QString statusName(JobStatus status);
std::optional<JobStatus> jobStatusFromString(QStringView text);
QList<JobStatus> allJobStatuses();
// Finished, Failed and Cancelled: nothing more happens to the job.
bool isFinal(JobStatus status);
// The same for a status as it arrives in JSON; an unknown text is not final.
bool isFinalStatus(QStringView text);

// How a job ended (openapi.json's Condition); None while it has not.
enum class Condition { None, NormalCompletion, CancelledByUser, Timeout, OutOfMemory, NonzeroExit, SystemError };

QString conditionName(Condition condition); // empty for None
std::optional<Condition> conditionFromString(QStringView text); // empty text: None
QList<Condition> allConditions(); // without None

} // namespace tandem::api
