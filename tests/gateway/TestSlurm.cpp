// The Slurm executor against a real one-node Slurm (munged, slurmctld, slurmd started by the test, unprivileged)
// and a real gateway process: MPI on two tasks, pending reasons, cancel, time limit, refusals, the controller
// going away mid-run and the gateway killed -9 with jobs in flight.
//
// With TANDEM_TEST_SLURM_VIA=login (the TestSlurmOverSsh run) all of it again with Slurm reached on a login node over
// SSH (a real sshd): every job's files copied there by SFTP and back, plus what only a login node has (its host key
// pinned, a wrong one refused, the connection lost and made again).
#include "support/ApiClient.h"
#include "support/GatewayProcess.h"
#include "support/JobSpecs.h"
#include "support/LoginNode.h"
#include "support/Processes.h"
#include "support/SlurmCluster.h"
#include "support/SourceFiles.h"
#include "support/SshKeyFile.h"

#include <QDirIterator>
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
    test::LoginNode m_login;
    const bool m_viaLogin = qEnvironmentVariable("TANDEM_TEST_SLURM_VIA") == u"login";
    QTemporaryDir m_configDir;
    std::unique_ptr<test::GatewayProcess> m_gateway;
    std::unique_ptr<ApiClient> m_api;

    QString configFile() const { return m_configDir.filePath(QStringLiteral("gateway.json")); }

    bool writeConfig(const QList<QJsonObject> &extraSystems = {})
    {
        QJsonArray systems{systemEntry(QStringLiteral("cluster"))};
        for (const QJsonObject &system : extraSystems)
            systems.append(system);
        return test::SlurmCluster::writeGatewayConfig(configFile(), systems);
    }

    // This gateway's name in its Slurm jobs' tags and its folders on the login node.
    QString instance() const
    {
        QFile file(m_gateway->dataDir() + QStringLiteral("/instance-id"));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
    }

    // The test user's folder of jobs on the login node.
    QString remoteHome() const { return m_login.root() + u'/' + instance() + u'/' + m_login.userName(); }

    // The cluster as a gateway system: reached directly, or on the login node where the test runs that way. There
    // the jobs' sandboxes mask the gateway's data and the login node's folder of all jobs (a job sees its own).
    QJsonObject systemEntry(const QString &id) const
    {
        QJsonObject system = m_cluster.system(id);
        QJsonObject slurm = system[u"slurm"].toObject();
        // A place that exists only once jobs run (as a folder of the nodes' that the gateway's machine lacks).
        QJsonArray hiddenPlaces = slurm[u"hidden"].toArray();
        hiddenPlaces << nodeOnlyPlace();
        slurm[u"hidden"] = hiddenPlaces;
        system[u"slurm"] = slurm;
        if (!m_viaLogin)
            return system;
        slurm[u"login"] = m_login.login(QFileInfo(QStringLiteral(TANDEM_GATEWAY_BINARY)).absolutePath()
                                        + QStringLiteral("/tandem-job-run"));
        QJsonArray hidden = slurm[u"hidden"].toArray();
        hidden << m_gateway->dataDir() << m_login.root();
        slurm[u"hidden"] = hidden;
        system[u"slurm"] = slurm;
        return system;
    }

    // In the build tree (the sandbox replaces /tmp), made by plantNodeOnlySecret() after the gateway started.
    QString nodeOnlyPlace() const { return m_cluster.directory() + QStringLiteral("/node-only"); }

    bool plantNodeOnlySecret()
    {
        QDir().mkpath(nodeOnlyPlace());
        QFile secret(nodeOnlyPlace() + QStringLiteral("/secret.txt"));
        return secret.open(QIODevice::WriteOnly) && secret.write("NODE-ONLY-SECRET\n") > 0;
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
        if (m_viaLogin)
            QVERIFY2(m_login.start(), qPrintable(m_login.error()));
        m_gateway = std::make_unique<test::GatewayProcess>();
        QVERIFY(writeConfig());
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
        if (m_viaLogin) {
            // Its files went to the login node and came back, and its folder there is gone.
            const QString history = messages(id).join(u'\n');
            QVERIFY2(history.contains(
                         QRegularExpression(u"STAGING_INPUTS: Copying 2 file.* to the login node 127.0.0.1."_s)),
                     qPrintable(history));
            QVERIFY2(history.contains(u"ARCHIVING: Copying the job's files back from the login node"),
                     qPrintable(history));
            const QString directory
                = m_api->get(QStringLiteral("/api/v1/jobs/%1").arg(id)).json[u"directory"].toString();
            QVERIFY(!directory.isEmpty());
            QVERIFY(QFileInfo::exists(remoteHome()));
            QVERIFY2(!QFileInfo::exists(remoteHome() + u'/' + directory), qPrintable(directory));
        }
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
        // On a login node's cluster the place to look at is where all the jobs' folders are there.
        const QString looked = m_viaLogin ? m_login.root() : m_gateway->dataDir();
        QCOMPARE(m_api
                     ->put(QStringLiteral("/api/v1/files/look.sh"),
                           "ls -A " + looked.toUtf8()
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
            // Only the folders on the way to the job's own directory, bound there: no database, no tokens, no other
            // user's job. (Each task lists it: two tasks, two lines.)
            const QStringList listed = seen.section(QStringLiteral("---\n"), 0, 0).split(u'\n', Qt::SkipEmptyParts);
            const QString onTheWay = m_viaLogin ? instance() : QStringLiteral("homes");
            QVERIFY2(!listed.isEmpty() && listed.count(onTheWay) == listed.size(), qPrintable(seen));
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

    void masksAreDecidedOnTheNode()
    {
        // A place the system names as hidden that did not exist when the gateway started (on a cluster: one that
        // exists on the nodes, not on the gateway's machine) is masked all the same, for the batch step's one
        // process and for each task of an srun step: the masks are found where the sandbox runs.
        QVERIFY(plantNodeOnlySecret());
        QCOMPARE(m_api
                     ->put(QStringLiteral("/api/v1/files/peek.sh"),
                           "cat " + nodeOnlyPlace().toUtf8() + "/secret.txt 2>&1\nls -A " + nodeOnlyPlace().toUtf8()
                               + " | wc -l\nexit 0\n")
                     .status,
                 201);
        const QString runsh = compile(QStringLiteral("runsh"), QStringLiteral("serial-c"));
        QVERIFY(!runsh.isEmpty());
        QJsonObject asTasks = runSpec(runsh, {QStringLiteral("peek.sh")}, 2, QStringLiteral("srun"));
        asTasks[u"inputFiles"] = QJsonArray{QStringLiteral("peek.sh")};
        for (const QJsonObject &spec : {runSpec(QStringLiteral("peek.sh"), {}, 1, QStringLiteral("bash")), asTasks}) {
            const qint64 id = submit(spec);
            QVERIFY2(m_api->waitUntilFinal(id, 60000)[u"status"].toString() == u"FINISHED",
                     qPrintable(messages(id).join(u'\n') + output(id, QStringLiteral("stderr"))));
            const QString seen = output(id);
            QVERIFY2(!seen.contains(u"NODE-ONLY-SECRET"), qPrintable(seen));
            // Each process saw an empty folder there: one "0" per task.
            const int processes = spec[u"launcher"].toString() == u"srun" ? 2 : 1;
            QVERIFY2(seen.split(u'\n', Qt::SkipEmptyParts).count(QStringLiteral("0")) == processes, qPrintable(seen));
        }
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
        QJsonObject broken = systemEntry(QStringLiteral("broken"));
        broken[u"queues"] = QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("nosuch")},
                                                   {QStringLiteral("maxNodes"), 1},
                                                   {QStringLiteral("coresPerNode"), 8},
                                                   {QStringLiteral("maxMinutes"), 60},
                                                   {QStringLiteral("default"), true}}};
        QVERIFY(writeConfig({broken}));
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
        QJsonObject fromSlurm = systemEntry(QStringLiteral("partitions"));
        fromSlurm[u"queues"] = QJsonArray{};
        QJsonObject slurm = fromSlurm[u"slurm"].toObject();
        slurm[u"queuesFromSlurm"] = true;
        slurm[u"defaultQueue"] = QStringLiteral("normal");
        fromSlurm[u"slurm"] = slurm;
        QVERIFY(writeConfig({fromSlurm}));
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

    void aSessionIsASlurmJob()
    {
        if (m_viaLogin)
            QSKIP("sessions run as jobs of a Slurm system the gateway reaches directly");
        // Sessions as jobs of the cluster: while the node is full the session waits with Slurm's reason, then its
        // sshd runs on the node in the sandbox with the user's home; its connections are counted there; STOP cancels
        // the job; a session of a role with a one-minute lifetime ends with "Time limit reached".
        QVERIFY(test::SlurmCluster::writeGatewayConfig(
            configFile(), {systemEntry(QStringLiteral("cluster"))},
            {{QStringLiteral("sessionSystem"), QStringLiteral("cluster")},
             {QStringLiteral("sessions"),
              QJsonObject{
                  {QStringLiteral("admin"),
                   QJsonObject{{QStringLiteral("maxSessions"), 2}, {QStringLiteral("maxLifetimeSeconds"), 60}}}}}}));
        m_gateway->stop();
        QVERIFY(startGateway());
        QTRY_VERIFY_WITH_TIMEOUT(m_api->system(QStringLiteral("cluster"))[u"available"].toBool(), 10000);
        const test::SshKeyFile key;
        QVERIFY(key.isValid());
        QCOMPARE(m_api->put(QStringLiteral("/api/v1/files/in-the-home.txt"), "seen from the node\n").status, 201);
        const QString sleeper = compile(QStringLiteral("sleeper"), QStringLiteral("serial-c"));
        QVERIFY(!sleeper.isEmpty());
        const qint64 blocker = submit(runSpec(sleeper, {QStringLiteral("session-blocker")}, 8));
        QCOMPARE(m_api->waitForStatus(blocker, QStringLiteral("RUNNING"), 30000)[u"status"].toString(),
                 QStringLiteral("RUNNING"));

        // Masked on the node as for batch jobs: a hidden place made after the gateway started shows nothing.
        QVERIFY(plantNodeOnlySecret());
        const auto started
            = m_api->post(QStringLiteral("/api/v1/sessions"), {{QStringLiteral("publicKey"), key.publicLine()}});
        QCOMPARE(started.status, 202);
        const qint64 id = started.json[u"id"].toInteger();
        const QString path = QStringLiteral("/api/v1/sessions/%1").arg(id);
        QTRY_VERIFY_WITH_TIMEOUT(m_api->get(path).json[u"message"].toString().contains(u"Waiting for free cores"),
                                 15000);
        QCOMPARE(m_api->get(path).json[u"state"].toString(), QStringLiteral("STARTING"));
        QCOMPARE(m_api->post(QStringLiteral("/api/v1/jobs/%1/cancel").arg(blocker), {}).status, 202);
        QJsonObject ready;
        QTRY_COMPARE_WITH_TIMEOUT((ready = m_api->get(path).json)[u"state"].toString(), QStringLiteral("READY"), 30000);
        QCOMPARE(QString::fromUtf8(m_cluster.run(QStringLiteral("squeue"),
                                                 {QStringLiteral("-h"), QStringLiteral("-o"), QStringLiteral("%j %T")}))
                     .trimmed(),
                 QStringLiteral("tandem-session-%1 RUNNING").arg(id));
        const QStringList login = key.loginArguments(ready[u"host"].toString(), quint16(ready[u"port"].toInt()),
                                                     ready[u"userName"].toString());
        QProcess ssh;
        ssh.start(
            QStringLiteral("ssh"),
            login
                + QStringList{QStringLiteral("cat in-the-home.txt; ls -A %1 | wc -l; sleep 20").arg(nodeOnlyPlace())});
        QByteArray said;
        QTRY_VERIFY_WITH_TIMEOUT((said += ssh.readAllStandardOutput()).count('\n') >= 2, 15000);
        QCOMPARE(said, QByteArray("seen from the node\n0\n"));
        QTRY_COMPARE_WITH_TIMEOUT(m_api->get(path).json[u"connections"].toInt(), 1, 15000);

        // The gateway killed -9 and started again: the session's job goes on, the client keeps its connection.
        m_gateway->kill();
        QVERIFY(startGateway());
        QCOMPARE(m_api->get(path).json[u"state"].toString(), QStringLiteral("READY"));
        QCOMPARE(m_api->get(path).json[u"message"].toString(),
                 QStringLiteral("Found again after the gateway restarted."));
        QCOMPARE(m_api->get(path).json[u"port"].toInt(), ready[u"port"].toInt());
        QCOMPARE(ssh.state(), QProcess::Running);

        QCOMPARE(m_api->call("DELETE", path).status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(m_api->get(path).json[u"state"].toString(), QStringLiteral("STOPPED"), 30000);
        QVERIFY(ssh.state() == QProcess::NotRunning || ssh.waitForFinished(10000));
        QCOMPARE(QString::fromUtf8(m_cluster.run(QStringLiteral("squeue"), {QStringLiteral("-h")})).trimmed(),
                 QString());

        const auto limited
            = m_api->post(QStringLiteral("/api/v1/sessions"), {{QStringLiteral("publicKey"), key.publicLine()}});
        QCOMPARE(limited.status, 202);
        const QString limitedPath = QStringLiteral("/api/v1/sessions/%1").arg(limited.json[u"id"].toInteger());
        QTRY_VERIFY2_WITH_TIMEOUT(m_api->get(limitedPath).json[u"state"].toString() == u"READY",
                                  qPrintable(m_api->get(limitedPath).json[u"message"].toString()), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(m_api->get(limitedPath).json[u"state"].toString(), QStringLiteral("STOPPED"), 120000);
        QVERIFY2(m_api->get(limitedPath).json[u"message"].toString().startsWith(u"Time limit reached"),
                 qPrintable(m_api->get(limitedPath).json[u"message"].toString()));
        QTRY_COMPARE_WITH_TIMEOUT(
            QString::fromUtf8(m_cluster.run(QStringLiteral("squeue"), {QStringLiteral("-h")})).trimmed(), QString(),
            30000);
    }

    // A job array of 3, two at a time (more than its one core: each task is a Slurm job of its own), whose task 2
    // fails: each task with its index in TANDEM_ARRAY_INDEX and SLURM_ARRAY_TASK_ID and outputs of its own, one job
    // in Tandem that ends once all of them did, with each task's exit status as Slurm saw it.
    void anArrayRunsEachTaskAsSlurmsArrayTask()
    {
        const QString program = compile(QStringLiteral("arraytask"), QStringLiteral("serial-c"));
        QVERIFY(!program.isEmpty());
        QJsonObject spec = runSpec(program, {QStringLiteral("2")});
        spec.insert(QStringLiteral("array"), QStringLiteral("1-3%2"));
        const qint64 id = submit(spec);
        QVERIFY(id > 0);
        const QJsonObject job = m_api->waitUntilFinal(id, 180000);
        const QString history = messages(id).join(u'\n');
        QCOMPARE(job[u"status"].toString(), QStringLiteral("FAILED"));
        const QJsonObject tasks = m_api->get(QStringLiteral("/api/v1/jobs/%1").arg(id)).json[u"tasks"].toObject();
        QCOMPARE(tasks[u"total"].toInt(), 3);
        QCOMPARE(tasks[u"failed"].toInt(), 1);
        QList<std::pair<int, int>> ends;
        for (const QJsonValue &task : tasks[u"list"].toArray())
            ends.append({task[u"index"].toInt(), task[u"exitCode"].toInt()});
        QCOMPARE(ends, (QList<std::pair<int, int>>{{1, 0}, {2, 3}, {3, 0}}));
        QVERIFY2(history.contains(u"1 of 3 task(s) failed: 2."), qPrintable(history));
        QVERIFY2(history.contains(u"Tasks: "), qPrintable(history)); // their progress while it ran

        const QString script = m_api->get(QStringLiteral("/api/v1/jobs/%1").arg(id)).json[u"batchScript"].toString();
        QVERIFY2(script.contains(u"#SBATCH --array=1-3%2\n"), qPrintable(script));
        QVERIFY(script.contains(u"--array-task"));
        QCOMPARE(slurmJobsTagged(id), 3); // one Slurm job per task, all with its tag
        for (int index = 1; index <= 3; ++index) {
            const auto out = m_api->get(QStringLiteral("/api/v1/jobs/%1/files/stdout-%2.txt").arg(id).arg(index));
            QCOMPARE(out.status, 200);
            QCOMPARE(out.body, QStringLiteral("task %1 of the array\nslurm task %1\n").arg(index).toUtf8());
        }
        const auto failed = m_api->get(QStringLiteral("/api/v1/jobs/%1/files/stderr-2.txt").arg(id));
        QCOMPARE(failed.body, QByteArray("task 2 fails, as asked\n"));
        // No stdout.txt made afresh by each task: the array's outputs are the tasks' own.
        QCOMPARE(m_api->get(QStringLiteral("/api/v1/jobs/%1/files/stdout.txt").arg(id)).status, 404);
        if (!m_viaLogin) {
            // Slurm's own output of each task is gone from the spool once read.
            QDirIterator spool(m_gateway->dataDir(), {QStringLiteral("slurm-%1_*.out").arg(schedulerId(id))},
                               QDir::Files, QDirIterator::Subdirectories);
            QVERIFY(!spool.hasNext());
        }
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

    void aLoginNodesHostKeyIsPinned()
    {
        if (!m_viaLogin)
            QSKIP("only for Slurm on a login node");
        // One system expects another host key: it refuses with both fingerprints and takes no job. Another pins the
        // key through a known_hosts file and runs a job.
        const QString wrong = QStringLiteral("SHA256:") + QString(43, u'A');
        const auto withLogin = [this](const QString &id, const std::function<void(QJsonObject &)> &change) {
            QJsonObject system = systemEntry(id);
            QJsonObject slurm = system[u"slurm"].toObject();
            QJsonObject login = slurm[u"login"].toObject();
            change(login);
            slurm[u"login"] = login;
            system[u"slurm"] = slurm;
            return system;
        };
        const QJsonObject impostor
            = withLogin(QStringLiteral("impostor"), [&](QJsonObject &login) { login[u"hostKey"] = wrong; });
        const QJsonObject known = withLogin(QStringLiteral("known"), [this](QJsonObject &login) {
            login.remove(u"hostKey"_s);
            login[u"knownHosts"] = m_login.knownHostsFile();
        });
        // And one whose key others could read: refused before anything is tried.
        const QString looseKey = m_configDir.filePath(QStringLiteral("loose-key"));
        QFile::remove(looseKey);
        QVERIFY(QFile::copy(m_login.keyFile(), looseKey));
        QVERIFY(QFile::setPermissions(looseKey,
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                          | QFileDevice::ReadOther));
        const QJsonObject loose
            = withLogin(QStringLiteral("loose"), [&](QJsonObject &login) { login[u"keyFile"] = looseKey; });
        QVERIFY(writeConfig({impostor, known, loose}));
        m_gateway->stop();
        QVERIFY(startGateway());
        QTRY_VERIFY_WITH_TIMEOUT(m_api->system(QStringLiteral("known"))[u"available"].toBool(), 15000);
        QString reason;
        QTRY_VERIFY_WITH_TIMEOUT((reason = m_api->system(QStringLiteral("impostor"))[u"unavailableReason"].toString())
                                     .contains(m_login.hostKeyFingerprint()),
                                 15000);
        QVERIFY2(reason.contains(wrong) && reason.contains(u"intercepting"), qPrintable(reason));
        QVERIFY(!m_api->system(QStringLiteral("impostor"))[u"available"].toBool());
        const QJsonObject refusedLoose = m_api->system(QStringLiteral("loose"));
        QVERIFY(!refusedLoose[u"available"].toBool());
        QVERIFY2(refusedLoose[u"unavailableReason"].toString().contains(u"chmod 600"),
                 qPrintable(refusedLoose[u"unavailableReason"].toString()));

        QCOMPARE(m_api->put(QStringLiteral("/api/v1/files/hello.sh"), "echo \"hello $1\"\n").status, 201);
        QJsonObject refusedSpec
            = runSpec(QStringLiteral("hello.sh"), {QStringLiteral("impostor")}, 1, QStringLiteral("bash"));
        refusedSpec[u"system"] = QStringLiteral("impostor");
        const auto refused = m_api->post(QStringLiteral("/api/v1/jobs"), refusedSpec);
        QCOMPARE(refused.status, 503);
        QJsonObject knownSpec
            = runSpec(QStringLiteral("hello.sh"), {QStringLiteral("known")}, 1, QStringLiteral("bash"));
        knownSpec[u"system"] = QStringLiteral("known");
        const qint64 id = submit(knownSpec);
        QVERIFY2(m_api->waitUntilFinal(id, 60000)[u"status"].toString() == u"FINISHED",
                 qPrintable(messages(id).join(u'\n')));
        QCOMPARE(output(id), QStringLiteral("hello known\n"));
    }

    void aFolderOthersCouldChangeIsNotUsed()
    {
        if (!m_viaLogin)
            QSKIP("only for Slurm on a login node");
        // The jobs' root on the login node inside a folder every account there may write: another account could
        // swap the jobs' folders for links, so nothing is staged there and the job fails saying why.
        const QString open = m_configDir.filePath(QStringLiteral("open-to-all"));
        QVERIFY(QDir().mkpath(open));
        QVERIFY(QFile::setPermissions(open, QFileDevice::Permissions(0x7777)));
        QJsonObject system = systemEntry(QStringLiteral("shared"));
        QJsonObject slurm = system[u"slurm"].toObject();
        QJsonObject login = slurm[u"login"].toObject();
        login[u"root"] = QString(open + QStringLiteral("/jobs"));
        slurm[u"login"] = login;
        system[u"slurm"] = slurm;
        QVERIFY(writeConfig({system}));
        m_gateway->stop();
        QVERIFY(startGateway());
        QTRY_VERIFY_WITH_TIMEOUT(m_api->system(QStringLiteral("shared"))[u"available"].toBool(), 15000);
        QCOMPARE(m_api->put(QStringLiteral("/api/v1/files/hello.sh"), "echo \"hello $1\"\n").status, 201);
        QJsonObject spec = runSpec(QStringLiteral("hello.sh"), {QStringLiteral("shared")}, 1, QStringLiteral("bash"));
        spec[u"system"] = QStringLiteral("shared");
        const qint64 id = submit(spec);
        QCOMPARE(m_api->waitUntilFinal(id, 60000)[u"status"].toString(), QStringLiteral("FAILED"));
        QVERIFY2(saidOnce(id, QStringLiteral("can be written by other accounts")),
                 qPrintable(messages(id).join(u'\n')));
        QVERIFY(!QFileInfo::exists(open + QStringLiteral("/jobs")));
        QCOMPARE(slurmJobsTagged(id), 0);
        QVERIFY(writeConfig());
        m_gateway->stop();
        QVERIFY(startGateway());
        QTRY_VERIFY_WITH_TIMEOUT(m_api->system(QStringLiteral("cluster"))[u"available"].toBool(), 15000);
    }

    void linksOnTheLoginNodeBringNothingBack()
    {
        if (!m_viaLogin)
            QSKIP("only for Slurm on a login node");
        // Another user's files there, and a job that leaves links to them in its folder: a plain link, a link to the
        // folder of all jobs, and that link again under a name that is not UTF-8 beside a folder whose name decodes
        // the same. Its own output comes back; nothing through a link does.
        QVERIFY(QDir().mkpath(m_login.root() + u'/' + instance() + QStringLiteral("/bob")));
        QFile secret(m_login.root() + u'/' + instance() + QStringLiteral("/bob/secret.txt"));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("bob's\n");
        secret.close();
        const QByteArray all = (m_login.root() + u'/' + instance()).toUtf8();
        QCOMPARE(m_api
                     ->put(QStringLiteral("/api/v1/files/links.sh"),
                           "ln -s " + all + "/bob/secret.txt plain-link\nln -s " + all
                               + " all-jobs\nmkdir \"$(printf '\\377')\"\nln -s " + all
                               + " \"$(printf '\\357\\277\\275')\"\necho mine > mine.txt\necho made\n")
                     .status,
                 201);
        const qint64 id = submit(runSpec(QStringLiteral("links.sh"), {}, 1, QStringLiteral("bash")));
        QVERIFY2(m_api->waitUntilFinal(id, 60000)[u"status"].toString() == u"FINISHED",
                 qPrintable(messages(id).join(u'\n') + output(id, QStringLiteral("stderr"))));
        QCOMPARE(output(id), QStringLiteral("made\n"));
        const QString directory = m_gateway->dataDir() + QStringLiteral("/homes/") + m_login.userName() + u'/'
            + m_api->get(QStringLiteral("/api/v1/jobs/%1").arg(id)).json[u"directory"].toString();
        QVERIFY2(QFileInfo::exists(directory + QStringLiteral("/mine.txt")), qPrintable(directory));
        QDirIterator everything(directory, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot | QDir::System,
                                QDirIterator::Subdirectories);
        QStringList names;
        while (everything.hasNext()) {
            const QString path = everything.next();
            names << path.mid(directory.size() + 1);
            QFile file(path);
            if (file.open(QIODevice::ReadOnly))
                QVERIFY2(!file.readAll().contains("bob's"), qPrintable(path));
        }
        for (const QString &name : std::as_const(names))
            QVERIFY2(!name.contains(u"plain-link") && !name.contains(u"all-jobs") && !name.contains(u"secret")
                         && !name.contains(u"bob"),
                     qPrintable(names.join(u'\n')));
    }

    void aUserMayHaveTheirOwnAccountThere()
    {
        if (!m_viaLogin)
            QSKIP("only for Slurm on a login node");
        // Alice is mapped to a login of her own there (here the same OS account, known by a key of its own): her
        // jobs go there with that key, everyone else's with the community account's.
        const test::SshKeyFile alicesKey;
        QVERIFY(alicesKey.isValid());
        QVERIFY(m_login.authorize(alicesKey.publicLine()));
        const QString alicesFingerprint = test::LoginNode::fingerprintOf(alicesKey.privateKeyPath() + u".pub"_s);
        QVERIFY(alicesFingerprint.startsWith(u"SHA256:"));
        QJsonObject own = systemEntry(QStringLiteral("own"));
        QJsonObject slurm = own[u"slurm"].toObject();
        QJsonObject login = slurm[u"login"].toObject();
        login[u"accounts"] = QJsonObject{{QStringLiteral("alice"),
                                          QJsonObject{{QStringLiteral("user"), m_login.userName()},
                                                      {QStringLiteral("keyFile"), alicesKey.privateKeyPath()}}}};
        slurm[u"login"] = login;
        own[u"slurm"] = slurm;
        QVERIFY(writeConfig({own}));
        m_gateway->stop();
        QVERIFY(startGateway());
        QTRY_VERIFY_WITH_TIMEOUT(m_api->system(QStringLiteral("own"))[u"available"].toBool(), 15000);
        QVERIFY(!m_login.log().contains(alicesFingerprint)); // her connection is made for her first job

        QCOMPARE(m_api->createUser(QStringLiteral("alice"), QStringLiteral("alice-on-the-cluster")).status, 201);
        ApiClient alice(m_gateway->baseUrl());
        QVERIFY(alice.login(QStringLiteral("alice"), QStringLiteral("alice-on-the-cluster")));
        QCOMPARE(alice.put(QStringLiteral("/api/v1/files/hello.sh"), "echo \"hello $1\"\n").status, 201);
        QJsonObject spec = runSpec(QStringLiteral("hello.sh"), {QStringLiteral("alice")}, 1, QStringLiteral("bash"));
        spec[u"system"] = QStringLiteral("own");
        const auto submitted = alice.post(QStringLiteral("/api/v1/jobs"), spec);
        QCOMPARE(submitted.status, 201);
        const qint64 id = submitted.json[u"id"].toInteger();
        QVERIFY2(alice.waitUntilFinal(id, 60000)[u"status"].toString() == u"FINISHED",
                 qPrintable(alice.get(QStringLiteral("/api/v1/jobs/%1/history").arg(id)).body));
        QCOMPARE(alice.get(QStringLiteral("/api/v1/jobs/%1/output/stdout").arg(id)).json[u"data"].toString(),
                 QStringLiteral("hello alice\n"));
        QVERIFY2(m_login.log().contains(QStringLiteral("Accepted publickey for %1").arg(m_login.userName()))
                     && m_login.log().contains(alicesFingerprint),
                 qPrintable(m_login.log().right(2000)));
    }

    void theLoginNodeGoingAwayLosesNothing()
    {
        if (!m_viaLogin)
            QSKIP("only for Slurm on a login node");
        // The login node goes down (its sshd and every connection to it) while a job runs, and the job ends while it
        // is down: the job keeps its state with the reason, new jobs are refused, and once the node is back the
        // gateway connects again, sees the end and copies the job's files back.
        QCOMPARE(m_api->put(QStringLiteral("/api/v1/files/later.sh"), "sleep 4\necho \"after $1\"\n").status, 201);
        const qint64 id
            = submit(runSpec(QStringLiteral("later.sh"), {QStringLiteral("down")}, 1, QStringLiteral("bash")));
        QCOMPARE(m_api->waitForStatus(id, QStringLiteral("RUNNING"), 30000)[u"status"].toString(),
                 QStringLiteral("RUNNING"));
        m_login.stop();
        QTRY_VERIFY_WITH_TIMEOUT(saidOnce(id, QStringLiteral("has not answered since")), 30000);
        const QJsonObject system = m_api->system(QStringLiteral("cluster"));
        QVERIFY(!system[u"available"].toBool());
        QVERIFY2(system[u"unavailableReason"].toString().contains(u"login node"),
                 qPrintable(system[u"unavailableReason"].toString()));
        QCOMPARE(m_api
                     ->post(QStringLiteral("/api/v1/jobs"),
                            runSpec(QStringLiteral("later.sh"), {QStringLiteral("refused")}, 1, QStringLiteral("bash")))
                     .status,
                 503);
        QTest::qWait(5000); // the job ends meanwhile
        QCOMPARE(m_api->get(QStringLiteral("/api/v1/jobs/%1").arg(id)).json[u"status"].toString(),
                 QStringLiteral("RUNNING"));
        QVERIFY2(m_login.start(), qPrintable(m_login.error()));
        const QJsonObject job = m_api->waitUntilFinal(id, 90000);
        QVERIFY2(job[u"status"].toString() == u"FINISHED", qPrintable(messages(id).join(u'\n')));
        QCOMPARE(output(id), QStringLiteral("after down\n"));
        QVERIFY(m_api->system(QStringLiteral("cluster"))[u"available"].toBool());
    }

    void cleanupTestCase()
    {
        if (m_gateway)
            m_gateway->stop();
        m_login.stop();
        m_cluster.stop();
    }
};

QTEST_GUILESS_MAIN(TestSlurm)
#include "TestSlurm.moc"
