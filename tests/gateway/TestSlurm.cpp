// The Slurm executor against a real one-node Slurm (munged, slurmctld, slurmd started by the test, unprivileged)
// and a real gateway process: MPI on two tasks, pending reasons, cancel, time limit, refusals, the controller
// going away mid-run and the gateway killed -9 with jobs in flight.
#include "support/ApiClient.h"
#include "support/GatewayProcess.h"
#include "support/JobSpecs.h"
#include "support/Processes.h"
#include "support/SlurmCluster.h"
#include "support/SourceFiles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace tandem;
using namespace Qt::StringLiterals;
using test::ApiClient;

class TestSlurm : public QObject
{
    Q_OBJECT

    test::SlurmCluster m_cluster;
    QTemporaryDir m_configDir;
    std::unique_ptr<test::GatewayProcess> m_gateway;
    std::unique_ptr<ApiClient> m_api;

    QString configFile() const { return m_configDir.filePath(QStringLiteral("gateway.json")); }

    bool writeConfig(const QJsonObject &extraSystem = {})
    {
        QJsonArray systems{m_cluster.system(QStringLiteral("cluster"))};
        if (!extraSystem.isEmpty())
            systems.append(extraSystem);
        return test::SlurmCluster::writeGatewayConfig(configFile(), systems);
    }

    bool startGateway()
    {
        if (!m_gateway->start(
                {QStringLiteral("--config"), configFile(), QStringLiteral("--cores"), QStringLiteral("2")}))
            return false;
        m_api = std::make_unique<ApiClient>(m_gateway->baseUrl(), m_gateway->localToken());
        return true;
    }

    qint64 submit(const QJsonObject &spec)
    {
        const auto submitted = m_api->post(QStringLiteral("/api/v1/jobs"), spec);
        if (submitted.status != 201 && submitted.status != 200)
            qWarning().noquote() << submitted.status << submitted.body;
        return submitted.json.value(QStringLiteral("id")).toInteger();
    }

    QJsonObject runSpec(const QString &executable, const QJsonArray &args = {}, int cores = 1,
                        const QString &launcher = QStringLiteral("direct"), int maxMinutes = 10)
    {
        return {{QStringLiteral("type"), QStringLiteral("run")},
                {QStringLiteral("system"), QStringLiteral("cluster")},
                {QStringLiteral("executable"), executable},
                {QStringLiteral("args"), args},
                {QStringLiteral("cores"), cores},
                {QStringLiteral("launcher"), launcher},
                {QStringLiteral("maxMinutes"), maxMinutes}};
    }

    // Compiles tests/gateway/data/NAME.c on the cluster; the program's path in the home.
    QString compile(const QString &name, const QString &preset)
    {
        if (m_api
                ->put(QStringLiteral("/api/v1/files/src/%1.c").arg(name),
                      test::sourceFile(QStringLiteral("tests/gateway/data/%1.c").arg(name)))
                .status
            != 201)
            return {};
        QJsonObject spec = test::compileSpec(QStringLiteral("src/%1.c").arg(name), name, preset);
        spec.insert(QStringLiteral("system"), QStringLiteral("cluster"));
        const QJsonObject job = m_api->waitUntilFinal(submit(spec), 120000);
        if (job[u"status"].toString() != u"FINISHED") {
            qWarning().noquote() << QJsonDocument(job).toJson();
            return {};
        }
        return job[u"directory"].toString() + u'/' + name;
    }

    QString schedulerId(qint64 id)
    {
        return m_api->get(QStringLiteral("/api/v1/jobs/%1").arg(id)).json[u"schedulerJobId"].toString();
    }

    QStringList messages(qint64 id)
    {
        QStringList all;
        for (const QJsonValue &step :
             m_api->get(QStringLiteral("/api/v1/jobs/%1/history").arg(id)).json[u"history"].toArray())
            all << step[u"status"].toString() + u": " + step[u"message"].toString();
        return all;
    }

    bool saidOnce(qint64 id, const QString &text) { return messages(id).join(u'\n').contains(text); }

    QString output(qint64 id, const QString &stream = QStringLiteral("stdout"))
    {
        return m_api->get(QStringLiteral("/api/v1/jobs/%1/output/%2").arg(id).arg(stream)).json[u"data"].toString();
    }

    // Slurm's jobs of this cluster carrying the tag of Tandem job `id`.
    int slurmJobsTagged(qint64 id)
    {
        const QJsonObject listing
            = QJsonDocument::fromJson(
                  m_cluster.run(QStringLiteral("squeue"), {QStringLiteral("--json"), QStringLiteral("--states=all")}))
                  .object();
        int count = 0;
        for (const QJsonValue &job : listing[u"jobs"].toArray()) {
            const QString comment = job[u"comment"].toString();
            if (comment.startsWith(u"tandem:") && comment.endsWith(u':' + QString::number(id)))
                ++count;
        }
        return count;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_cluster.start(), qPrintable(m_cluster.error()));
        QVERIFY(writeConfig());
        m_gateway = std::make_unique<test::GatewayProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TANDEM_TEST_SECRET"), QStringLiteral("the gateway's own"));
        m_gateway->setEnvironment(env);
        QVERIFY(startGateway());
        QTRY_VERIFY_WITH_TIMEOUT(m_api->system(QStringLiteral("cluster"))[u"available"].toBool(), 10000);
    }

    void mpiProgramRunsOnTwoTasks()
    {
        const QString program = compile(QStringLiteral("ranks"), QStringLiteral("mpi-c"));
        QVERIFY(!program.isEmpty());
        const qint64 id = submit(runSpec(program, {}, 2, QStringLiteral("srun")));
        const QJsonObject job = m_api->waitUntilFinal(id, 120000);
        QVERIFY2(job[u"status"].toString() == u"FINISHED",
                 qPrintable(messages(id).join(u'\n') + u'\n' + output(id, QStringLiteral("stderr"))));
        // Two ranks of one world, not two singletons that each think they are alone.
        QStringList lines = output(id).split(u'\n', Qt::SkipEmptyParts);
        lines.sort();
        QCOMPARE(lines, (QStringList{QStringLiteral("rank 0 of 2"), QStringLiteral("rank 1 of 2")}));

        // The Slurm job id is recorded and shown, the script kept with the job.
        const QString slurmId
            = m_api->get(QStringLiteral("/api/v1/jobs/%1").arg(id)).json[u"schedulerJobId"].toString();
        QVERIFY(!slurmId.isEmpty());
        QVERIFY(saidOnce(id, QStringLiteral("as job %1.").arg(slurmId)));
        const QString script = m_api->get(QStringLiteral("/api/v1/jobs/%1").arg(id)).json[u"batchScript"].toString();
        QVERIFY2(script.contains(u"#SBATCH --ntasks=2"), qPrintable(script));
        QVERIFY(script.contains(u"#SBATCH --export=NONE"));
        QVERIFY(script.contains(u"--job-dir"));
        QVERIFY(script.contains(u"--task")); // each task opens the directory itself and runs in its own sandbox
        QCOMPARE(slurmJobsTagged(id), 1);
    }

    void theJobSeesNothingOfTheGatewayNorSlurm()
    {
        // The program runs sandboxed on the node, as one process and as each task of an srun step: the gateway's
        // data directory is an empty folder there, nothing of the gateway's environment arrives, and Slurm's
        // credentials are out of reach, so the job cannot start jobs or steps of its own outside the sandbox.
        const auto slurmJobs = [this] {
            return QString::fromUtf8(m_cluster.run(QStringLiteral("squeue"),
                                                   {QStringLiteral("-h"), QStringLiteral("--states=all"),
                                                    QStringLiteral("-o"), QStringLiteral("%i")}))
                .split(u'\n', Qt::SkipEmptyParts)
                .size();
        };
        QCOMPARE(m_api
                     ->put(QStringLiteral("/api/v1/files/look.sh"),
                           "ls -A " + m_gateway->dataDir().toUtf8()
                               + "\necho ---\nenv\necho ---\ntimeout 5 sbatch --wrap true 2>&1 && echo SUBMITTED\n"
                                 "timeout 5 srun true 2>&1 && echo STEPPED\nexit 0\n")
                     .status,
                 201);
        // Through bash in the batch step, and as each of two tasks of srun (a program that runs the script).
        const QString runsh = compile(QStringLiteral("runsh"), QStringLiteral("serial-c"));
        QVERIFY(!runsh.isEmpty());
        const int before = slurmJobs();
        QJsonObject asTasks = runSpec(runsh, {QStringLiteral("look.sh")}, 2, QStringLiteral("srun"));
        asTasks[u"inputFiles"] = QJsonArray{QStringLiteral("look.sh")};
        for (const QJsonObject &spec : {runSpec(QStringLiteral("look.sh"), {}, 1, QStringLiteral("bash")), asTasks}) {
            const qint64 id = submit(spec);
            QVERIFY2(m_api->waitUntilFinal(id, 60000)[u"status"].toString() == u"FINISHED",
                     qPrintable(messages(id).join(u'\n') + output(id, QStringLiteral("stderr"))));
            const QString seen = output(id);
            // Only the folders on the way to the job's own directory, bound there; no database, no tokens. (Each
            // task lists it: two tasks, two lines.)
            const QStringList listed = seen.section(QStringLiteral("---\n"), 0, 0).split(u'\n', Qt::SkipEmptyParts);
            QVERIFY2(!listed.isEmpty() && listed.count(QStringLiteral("homes")) == listed.size(), qPrintable(seen));
            QVERIFY2(!seen.contains(u"TANDEM_TEST_SECRET"), qPrintable(seen));
            QVERIFY2(seen.contains(u"SLURM_JOB_ID="), qPrintable(seen)); // Slurm's own variables are kept
            QVERIFY2(!seen.contains(u"SUBMITTED") && !seen.contains(u"STEPPED"), qPrintable(seen));
            // Refused for want of credentials (unless the build tree is below /tmp, which the sandbox replaces, and
            // slurm.conf is out of sight too).
            QVERIFY2(seen.contains(u"authentication error") || m_cluster.directory().startsWith(u"/tmp/"),
                     qPrintable(seen));
            qInfo().noquote() << "Slurm's commands inside the sandbox said:"
                              << seen.section(QStringLiteral("---\n"), -1).left(600);
        }
        // The two jobs above, and none that they started themselves.
        QCOMPARE(slurmJobs(), before + 2);
    }

    void aHeldJobShowsWhyAndCancelsWhilePendingAndRunning()
    {
        const QString sleeper = compile(QStringLiteral("sleeper"), QStringLiteral("serial-c"));
        QVERIFY(!sleeper.isEmpty());
        const QString marker = QStringLiteral("marker-") + QUuid::createUuid().toString(QUuid::WithoutBraces);

        const qint64 running = submit(runSpec(sleeper, QJsonArray{marker}));
        QCOMPARE(m_api->waitForStatus(running, QStringLiteral("RUNNING"), 30000)[u"status"].toString(),
                 QStringLiteral("RUNNING"));
        // The program and its child (and the launch around them, whose command lines name the marker too)
        QTRY_VERIFY_WITH_TIMEOUT(test::processesWith(marker).size() >= 2, 10000);

        // All eight of the node's cores: it waits for the running one, and says so.
        const qint64 held = submit(runSpec(sleeper, QJsonArray{QString(marker + QStringLiteral("-held"))}, 8));
        QTRY_VERIFY_WITH_TIMEOUT(!schedulerId(held).isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(saidOnce(held, QStringLiteral("Waiting for free cores or nodes.")), 10000);
        const QString heldSlurmId
            = m_api->get(QStringLiteral("/api/v1/jobs/%1").arg(held)).json[u"schedulerJobId"].toString();
        int exitCode = -1;
        // uhold: a hold as its user would place it (this test's user is also Slurm's, whose hold is an administrator's)
        m_cluster.run(QStringLiteral("scontrol"), {QStringLiteral("uhold"), heldSlurmId}, &exitCode);
        QCOMPARE(exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(saidOnce(held, QStringLiteral("Held: it starts once released.")), 10000);
        QCOMPARE(m_api->get(QStringLiteral("/api/v1/jobs/%1").arg(held)).json[u"status"].toString(),
                 QStringLiteral("QUEUED"));

        QCOMPARE(m_api->post(QStringLiteral("/api/v1/jobs/%1/cancel").arg(held), {}).status, 202);
        QCOMPARE(m_api->post(QStringLiteral("/api/v1/jobs/%1/cancel").arg(running), {}).status, 202);
        for (const qint64 id : {held, running}) {
            const QJsonObject job = m_api->waitUntilFinal(id, 60000);
            QCOMPARE(job[u"status"].toString(), QStringLiteral("CANCELLED"));
        }
        // Reported once Slurm has stopped every process of the job.
        QCOMPARE(test::processesWith(marker).size(), 0);
    }

    void aBadPartitionFailsWithSlurmsMessage()
    {
        QJsonObject broken = m_cluster.system(QStringLiteral("broken"));
        broken[u"queues"] = QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("nosuch")},
                                                   {QStringLiteral("maxNodes"), 1},
                                                   {QStringLiteral("coresPerNode"), 8},
                                                   {QStringLiteral("maxMinutes"), 60},
                                                   {QStringLiteral("default"), true}}};
        QVERIFY(writeConfig(broken));
        m_gateway->stop();
        QVERIFY(startGateway());
        QTRY_VERIFY_WITH_TIMEOUT(m_api->system(QStringLiteral("broken"))[u"available"].toBool(), 10000);
        const QString sleeper = compile(QStringLiteral("sleeper"), QStringLiteral("serial-c"));
        QVERIFY(!sleeper.isEmpty());
        QJsonObject spec = runSpec(sleeper);
        spec[u"system"] = QStringLiteral("broken");
        const qint64 id = submit(spec);
        QVERIFY(id > 0);
        const QJsonObject job = m_api->waitUntilFinal(id, 30000);
        QCOMPARE(job[u"status"].toString(), QStringLiteral("FAILED"));
        QCOMPARE(job[u"condition"].toString(), QStringLiteral("SYSTEM_ERROR"));
        QVERIFY2(saidOnce(id, QStringLiteral("Invalid partition name specified")),
                 qPrintable(messages(id).join(u'\n')));
    }

    void queuesCanBeSlurmsPartitions()
    {
        // A system whose queues are read from Slurm: its partitions with their limits, so that the Run form bounds
        // nodes, cores and time as Slurm would, and a time over the partition's limit is refused before submitting.
        QJsonObject fromSlurm = m_cluster.system(QStringLiteral("partitions"));
        fromSlurm[u"queues"] = QJsonArray{};
        QJsonObject slurm = fromSlurm[u"slurm"].toObject();
        slurm[u"queuesFromSlurm"] = true;
        slurm[u"defaultQueue"] = QStringLiteral("normal");
        fromSlurm[u"slurm"] = slurm;
        QVERIFY(writeConfig(fromSlurm));
        m_gateway->stop();
        QVERIFY(startGateway());
        QTRY_VERIFY_WITH_TIMEOUT(m_api->system(QStringLiteral("partitions"))[u"available"].toBool(), 15000);
        QHash<QString, QJsonObject> queues;
        for (const QJsonValue &queue : m_api->system(QStringLiteral("partitions"))[u"queues"].toArray())
            queues.insert(queue[u"name"].toString(), queue.toObject());
        QCOMPARE(queues.size(), 2);
        QCOMPARE(queues[u"development"_s][u"maxMinutes"].toInt(), 30); // MaxTime=00:30:00
        QCOMPARE(queues[u"normal"_s][u"maxMinutes"].toInt(), 7 * 24 * 60); // INFINITE, shown as a week
        QCOMPARE(queues[u"normal"_s][u"coresPerNode"].toInt(), 8);
        QCOMPARE(queues[u"normal"_s][u"maxNodes"].toInt(), 1);
        QVERIFY(queues[u"normal"_s][u"default"].toBool());
        QVERIFY(!queues[u"development"_s][u"default"].toBool());

        const QString sleeper = compile(QStringLiteral("sleeper"), QStringLiteral("serial-c"));
        QVERIFY(!sleeper.isEmpty());
        QJsonObject tooLong = runSpec(sleeper, {}, 1, QStringLiteral("direct"), 45);
        tooLong[u"system"] = QStringLiteral("partitions");
        tooLong[u"queue"] = QStringLiteral("development");
        const auto refused = m_api->post(QStringLiteral("/api/v1/jobs"), tooLong);
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.errorField(), QStringLiteral("maxMinutes"));
    }

    void theControllerGoingAwayLosesNothing()
    {
        const QString sleeper = compile(QStringLiteral("sleeper"), QStringLiteral("serial-c"));
        QVERIFY(!sleeper.isEmpty());
        const qint64 id = submit(runSpec(sleeper, {QStringLiteral("controller-test")}));
        QCOMPARE(m_api->waitForStatus(id, QStringLiteral("RUNNING"), 30000)[u"status"].toString(),
                 QStringLiteral("RUNNING"));

        m_cluster.stopController();
        QTRY_VERIFY_WITH_TIMEOUT(saidOnce(id, QStringLiteral("has not answered since")), 30000);
        QCOMPARE(m_api->get(QStringLiteral("/api/v1/jobs/%1").arg(id)).json[u"status"].toString(),
                 QStringLiteral("RUNNING"));
        const QJsonObject system = m_api->system(QStringLiteral("cluster"));
        QVERIFY(!system[u"available"].toBool());
        QVERIFY2(system[u"unavailableReason"].toString().contains(u"not answered since"),
                 qPrintable(system[u"unavailableReason"].toString()));
        // A new job is refused with the reason, and nothing is created for it.
        const auto refused = m_api->post(QStringLiteral("/api/v1/jobs"), runSpec(sleeper));
        QCOMPARE(refused.status, 503);

        QVERIFY(m_cluster.startController());
        QTRY_VERIFY_WITH_TIMEOUT(saidOnce(id, QStringLiteral("answers again")), 30000);
        QCOMPARE(m_api->post(QStringLiteral("/api/v1/jobs/%1/cancel").arg(id), {}).status, 202);
        QCOMPARE(m_api->waitUntilFinal(id, 60000)[u"status"].toString(), QStringLiteral("CANCELLED"));
        QCOMPARE(slurmJobsTagged(id), 1);
    }

    void aGatewayKilledMidFlightLosesNothingAndRunsNothingTwice()
    {
        // 50 Slurm jobs and 50 local ones (the gateway lends 2 cores: most wait in its own queue), each printing its
        // number and sleeping a second; the gateway is killed -9 while they are submitted, queued and running.
        QCOMPARE(m_api->put(QStringLiteral("/api/v1/files/short.sh"), "echo \"short $1\"\nsleep 1\n").status, 201);
        const QString runsh = compile(QStringLiteral("runsh"), QStringLiteral("serial-c"));
        QVERIFY(!runsh.isEmpty());
        QList<qint64> ids;
        for (int i = 0; i < 50; ++i) {
            ids << submit(runSpec(QStringLiteral("short.sh"), {QString::number(i)}, 1, QStringLiteral("bash")));
            QJsonObject local = runSpec(runsh, {QStringLiteral("short.sh"), QString::number(i)});
            local[u"system"] = QStringLiteral("local");
            local[u"inputFiles"] = QJsonArray{QStringLiteral("short.sh")};
            ids << submit(local);
        }
        QVERIFY(!ids.contains(0));
        m_gateway->kill(); // some are submitted, some maybe half-way, some not yet; local ones running and waiting
        QVERIFY(startGateway());
        for (int i = 0; i < ids.size(); ++i) {
            const QJsonObject job = m_api->waitUntilFinal(ids[i], 180000);
            QVERIFY2(job[u"status"].toString() == u"FINISHED", qPrintable(messages(ids[i]).join(u'\n')));
            QCOMPARE(output(ids[i]), QStringLiteral("short %1\n").arg(i / 2));
            // Started once: a job picked up again is not started a second time.
            QCOMPARE(messages(ids[i]).filter(QStringLiteral("RUNNING: Running.")).size(), 1);
            if (i % 2 == 0)
                QCOMPARE(slurmJobsTagged(ids[i]), 1);
        }
    }

    void aSubmissionNotRecordedBeforeACrashIsFoundByItsTag()
    {
        const QString sleeper = compile(QStringLiteral("sleeper"), QStringLiteral("serial-c"));
        QVERIFY(!sleeper.isEmpty());
        const qint64 id = submit(runSpec(sleeper, {QStringLiteral("tag-test")}));
        QCOMPARE(m_api->waitForStatus(id, QStringLiteral("RUNNING"), 30000)[u"status"].toString(),
                 QStringLiteral("RUNNING"));
        m_gateway->kill();
        {
            // As if the gateway had died between sbatch answering and its id being recorded.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("edit"));
            db.setDatabaseName(m_gateway->dataDir() + QStringLiteral("/tandem.db"));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(
                q.exec(QStringLiteral("UPDATE jobs SET scheduler_id = '', status = 'QUEUED' WHERE id = %1").arg(id)));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("edit"));
        QVERIFY(startGateway());
        QTRY_VERIFY_WITH_TIMEOUT(!schedulerId(id).isEmpty(), 15000);
        QCOMPARE(m_api->waitForStatus(id, QStringLiteral("RUNNING"), 30000)[u"status"].toString(),
                 QStringLiteral("RUNNING"));
        QCOMPARE(slurmJobsTagged(id), 1);
        QCOMPARE(m_api->post(QStringLiteral("/api/v1/jobs/%1/cancel").arg(id), {}).status, 202);
        QCOMPARE(m_api->waitUntilFinal(id, 60000)[u"status"].toString(), QStringLiteral("CANCELLED"));
    }

    void aJobOverItsTimeLimitEndsTimeout()
    {
        const QString sleeper = compile(QStringLiteral("sleeper"), QStringLiteral("serial-c"));
        QVERIFY(!sleeper.isEmpty());
        // Slurm counts in whole minutes and checks limits every half minute: this takes 60 to 100 s.
        const qint64 id = submit(runSpec(sleeper, {QStringLiteral("timeout-test")}, 1, QStringLiteral("direct"), 1));
        const QJsonObject job = m_api->waitUntilFinal(id, 180000);
        QCOMPARE(job[u"status"].toString(), QStringLiteral("FAILED"));
        QCOMPARE(job[u"condition"].toString(), QStringLiteral("TIMEOUT"));
        QVERIFY(saidOnce(id, QStringLiteral("time limit of 1 minute")));
    }

    void cleanupTestCase()
    {
        if (m_gateway)
            m_gateway->stop();
        m_cluster.stop();
    }
};

QTEST_GUILESS_MAIN(TestSlurm)
#include "TestSlurm.moc"
