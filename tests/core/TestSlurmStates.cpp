// Slurm's job states in Tandem's lifecycle, and its pending reasons in words.
#include "gateway/SlurmStates.h"

#include <QtTest>

using namespace tandem;
using namespace tandem::gateway;
using namespace Qt::StringLiterals;

class TestSlurmStates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statesMapOntoTheLifecycle_data()
    {
        QTest::addColumn<QStringList>("state");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("condition");
        using S = api::JobStatus;
        using C = api::Condition;
        const auto row = [](const char *name, QStringList state, int exit, S status, C condition) {
            QTest::newRow(name) << state << exit << int(status) << int(condition);
        };
        row("pending", {u"PENDING"_s}, -1, S::Queued, C::None);
        row("requeued", {u"PENDING"_s, u"REQUEUED"_s}, -1, S::Queued, C::None);
        row("running", {u"RUNNING"_s}, -1, S::Running, C::None);
        row("completing", {u"RUNNING"_s, u"COMPLETING"_s}, -1, S::Running, C::None);
        row("suspended", {u"SUSPENDED"_s}, -1, S::Running, C::None);
        row("completed", {u"COMPLETED"_s}, 0, S::Finished, C::NormalCompletion);
        row("completed, exit 3", {u"COMPLETED"_s}, 3, S::Failed, C::NonzeroExit);
        row("failed", {u"FAILED"_s}, 1, S::Failed, C::NonzeroExit);
        row("cancelled", {u"CANCELLED"_s}, -1, S::Cancelled, C::CancelledByUser);
        row("timeout", {u"TIMEOUT"_s}, -1, S::Failed, C::Timeout);
        row("deadline", {u"DEADLINE"_s}, -1, S::Failed, C::Timeout);
        row("out of memory", {u"OUT_OF_MEMORY"_s}, -1, S::Failed, C::OutOfMemory);
        row("node fail", {u"NODE_FAIL"_s}, -1, S::Failed, C::SystemError);
        row("boot fail", {u"BOOT_FAIL"_s}, -1, S::Failed, C::SystemError);
        row("preempted", {u"PREEMPTED"_s}, -1, S::Failed, C::SystemError);
    }

    void statesMapOntoTheLifecycle()
    {
        QFETCH(QStringList, state);
        QFETCH(int, exitCode);
        QFETCH(int, status);
        QFETCH(int, condition);
        const auto outcome = SlurmStates::outcome(state, exitCode < 0 ? std::nullopt : std::optional<int>(exitCode));
        QVERIFY(outcome);
        QCOMPARE(int(outcome->status), status);
        QCOMPARE(int(outcome->condition), condition);
    }

    void anUnknownStateChangesNothing()
    {
        QVERIFY(!SlurmStates::outcome({u"SOMETHING_NEWER"_s}, std::nullopt));
        QVERIFY(!SlurmStates::outcome({}, std::nullopt));
    }

    void pendingReasonsAreWords()
    {
        QCOMPARE(SlurmStates::pendingReason(u"Resources"_s), u"Waiting for free cores or nodes."_s);
        QCOMPARE(SlurmStates::pendingReason(u"QOSMaxJobsPerUserLimit"_s),
                 u"You already have as many jobs running as your account may."_s);
        QCOMPARE(SlurmStates::pendingReason(u"None"_s), u"Waiting to be scheduled."_s);
        // One it does not know is shown with Slurm's word, not dropped.
        QCOMPARE(SlurmStates::pendingReason(u"BurstBufferStageIn"_s), u"Waiting (Slurm says: BurstBufferStageIn)."_s);
    }
};

QTEST_GUILESS_MAIN(TestSlurmStates)
#include "TestSlurmStates.moc"
