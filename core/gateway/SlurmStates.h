#pragma once

#include "api/JobStatus.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QStringList>

#include <optional>

namespace tandem::gateway {

// Where a Slurm job stands, in Tandem's lifecycle: its status and, once it has ended, how.
struct SlurmOutcome
{
    api::JobStatus status = api::JobStatus::Queued;
    api::Condition condition = api::Condition::None;

    friend bool operator==(const SlurmOutcome &, const SlurmOutcome &) = default;
};

class SlurmStates
{
    Q_DECLARE_TR_FUNCTIONS(SlurmStates)

public:
    // `jobState` as `scontrol show job --json` and `squeue --json` give it: the base state and its flags
    // (["RUNNING", "COMPLETING"]). `exitCode` is the job's own, when Slurm knows it. Nothing for a state this
    // mapping does not know (a newer Slurm): the job keeps its last status.
    static std::optional<SlurmOutcome> outcome(const QStringList &jobState, std::optional<int> exitCode);
    // Why a job is still waiting, in words a student understands ("Resources" → "Waiting for free cores or nodes").
    // A reason this list does not know is shown with Slurm's own word.
    static QString pendingReason(const QString &reason);
    // Slurm's JSON numbers ({"set": true, "infinite": false, "number": N} or a plain number): empty when not set or
    // infinite.
    static std::optional<qint64> number(const QJsonValue &value);
    // A JSON array of strings (a job's state and its flags).
    static QStringList words(const QJsonValue &value);
    // Slurm counts time limits in whole minutes (and 0 would mean none at all).
    static int minutes(int seconds) { return std::max(1, (seconds + 59) / 60); }
};

} // namespace tandem::gateway
