#include "gateway/SlurmStates.h"

#include <QJsonArray>
#include <QJsonObject>

namespace tandem::gateway {

std::optional<SlurmOutcome> SlurmStates::outcome(const QStringList &jobState, std::optional<int> exitCode)
{
    using api::Condition;
    using api::JobStatus;
    if (jobState.isEmpty())
        return std::nullopt;
    const QString &base = jobState.first();
    // Flags that say the job is on its way out (or back) before the base state says so.
    if (jobState.contains(u"REQUEUED") || jobState.contains(u"REQUEUE_HOLD"))
        return SlurmOutcome{JobStatus::Queued, Condition::None};
    if (base == u"PENDING")
        return SlurmOutcome{JobStatus::Queued, Condition::None};
    if (base == u"RUNNING" || base == u"SUSPENDED" || base == u"CONFIGURING")
        return SlurmOutcome{JobStatus::Running, Condition::None};
    if (base == u"COMPLETED") {
        return exitCode.value_or(0) == 0 ? SlurmOutcome{JobStatus::Finished, Condition::NormalCompletion}
                                         : SlurmOutcome{JobStatus::Failed, Condition::NonzeroExit};
    }
    if (base == u"FAILED")
        return SlurmOutcome{JobStatus::Failed, Condition::NonzeroExit};
    if (base == u"CANCELLED")
        return SlurmOutcome{JobStatus::Cancelled, Condition::CancelledByUser};
    if (base == u"TIMEOUT" || base == u"DEADLINE")
        return SlurmOutcome{JobStatus::Failed, Condition::Timeout};
    if (base == u"OUT_OF_MEMORY")
        return SlurmOutcome{JobStatus::Failed, Condition::OutOfMemory};
    if (base == u"NODE_FAIL" || base == u"BOOT_FAIL" || base == u"PREEMPTED")
        return SlurmOutcome{JobStatus::Failed, Condition::SystemError};
    return std::nullopt;
}

QString SlurmStates::pendingReason(const QString &reason)
{
    struct Words
    {
        const char16_t *reason;
        const char *text;
    };
    static const Words known[] = {
        {u"Resources", QT_TR_NOOP("Waiting for free cores or nodes.")},
        {u"Priority", QT_TR_NOOP("Other jobs are ahead of yours in the queue.")},
        {u"JobArrayTaskLimit", QT_TR_NOOP("Its other tasks wait: the array runs only so many at a time.")},
        {u"Dependency", QT_TR_NOOP("Waiting for another job to finish first.")},
        {u"DependencyNeverSatisfied", QT_TR_NOOP("The job it waits for did not end as needed; it will not start.")},
        {u"BeginTime", QT_TR_NOOP("Waiting for the start time it was given.")},
        {u"JobHeldUser", QT_TR_NOOP("Held: it starts once released.")},
        {u"JobHeldAdmin", QT_TR_NOOP("Held by an administrator.")},
        {u"PartitionTimeLimit", QT_TR_NOOP("Its time limit is longer than this queue allows.")},
        {u"PartitionNodeLimit", QT_TR_NOOP("It asks for more nodes than this queue allows.")},
        {u"PartitionDown", QT_TR_NOOP("This queue is closed for now.")},
        {u"PartitionInactive", QT_TR_NOOP("This queue is not taking jobs for now.")},
        {u"ReqNodeNotAvail", QT_TR_NOOP("The nodes it needs are not available (maintenance or a reservation).")},
        {u"Reservation", QT_TR_NOOP("Waiting for its reservation to begin.")},
        {u"NodeDown", QT_TR_NOOP("A node it needs is down.")},
        {u"QOSMaxJobsPerUserLimit", QT_TR_NOOP("You already have as many jobs running as your account may.")},
        {u"QOSMaxCpuPerUserLimit", QT_TR_NOOP("Your running jobs already use all the cores your account may.")},
        {u"AssocMaxJobsLimit", QT_TR_NOOP("You already have as many jobs running as your account may.")},
        {u"AssocGrpCpuLimit", QT_TR_NOOP("Your group's jobs already use all the cores it may.")},
        {u"JobArrayTaskLimit", QT_TR_NOOP("As many tasks of this array run as it allows at once.")},
        {u"Licenses", QT_TR_NOOP("Waiting for a software license.")},
    };
    for (const Words &words : known) {
        if (reason == QStringView(words.reason))
            return tr(words.text);
    }
    if (reason.isEmpty() || reason == u"None")
        return tr("Waiting to be scheduled.");
    return tr("Waiting (Slurm says: %1).").arg(reason);
}

std::optional<qint64> SlurmStates::number(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toInteger();
    const QJsonObject number = value.toObject();
    if (!number.value(QStringLiteral("set")).toBool() || number.value(QStringLiteral("infinite")).toBool())
        return std::nullopt;
    return number.value(QStringLiteral("number")).toInteger();
}

QStringList SlurmStates::words(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        list << item.toString();
    return list;
}

} // namespace tandem::gateway
