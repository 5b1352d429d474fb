#include "api/JobStatus.h"

namespace tandem::api {

namespace {

struct Name
{
    JobStatus status;
    const char16_t *text;
};

constexpr Name Table[] = {
    {JobStatus::Pending, u"PENDING"}, {JobStatus::StagingInputs, u"STAGING_INPUTS"}, {JobStatus::Queued, u"QUEUED"},
    {JobStatus::Running, u"RUNNING"}, {JobStatus::Archiving, u"ARCHIVING"},          {JobStatus::Finished, u"FINISHED"},
    {JobStatus::Failed, u"FAILED"},   {JobStatus::Cancelled, u"CANCELLED"},
};

struct ConditionName
{
    Condition condition;
    const char16_t *text;
};

constexpr ConditionName Conditions[] = {
    {Condition::NormalCompletion, u"NORMAL_COMPLETION"},
    {Condition::CancelledByUser, u"CANCELLED_BY_USER"},
    {Condition::Timeout, u"TIMEOUT"},
    {Condition::OutOfMemory, u"OUT_OF_MEMORY"},
    {Condition::NonzeroExit, u"NONZERO_EXIT"},
    {Condition::SystemError, u"SYSTEM_ERROR"},
};

} // namespace

QString conditionName(Condition condition)
{
    for (const ConditionName &name : Conditions) {
        if (name.condition == condition)
            return QString::fromUtf16(name.text);
    }
    return {};
}

std::optional<Condition> conditionFromString(QStringView text)
{
    if (text.isEmpty())
        return Condition::None;
    for (const ConditionName &name : Conditions) {
        if (text == QStringView(name.text))
            return name.condition;
    }
    return std::nullopt;
}

QList<Condition> allConditions()
{
    QList<Condition> all;
    for (const ConditionName &name : Conditions)
        all << name.condition;
    return all;
}

QString statusName(JobStatus status)
{
    for (const Name &name : Table) {
        if (name.status == status)
            return QString::fromUtf16(name.text);
    }
    return {};
}

std::optional<JobStatus> jobStatusFromString(QStringView text)
{
    for (const Name &name : Table) {
        if (text == QStringView(name.text))
            return name.status;
    }
    return std::nullopt;
}

QList<JobStatus> allJobStatuses()
{
    QList<JobStatus> all;
    for (const Name &name : Table)
        all << name.status;
    return all;
}

bool isFinal(JobStatus status)
{
    return status == JobStatus::Finished || status == JobStatus::Failed || status == JobStatus::Cancelled;
}

bool isFinalStatus(QStringView text)
{
    const auto status = jobStatusFromString(text);
    return status && isFinal(*status);
}

} // namespace tandem::api
