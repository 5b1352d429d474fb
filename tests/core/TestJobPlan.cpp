#include "gateway/JobPlan.h"
#include "gateway/SystemCatalog.h"
#include "gateway/UserHome.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace tandem::gateway;

class TestJobPlan : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    SystemCatalog m_systems;

    static System cluster()
    {
        System system;
        system.id = QStringLiteral("cluster");
        system.displayName = QStringLiteral("Cluster");
        system.scheduler = QStringLiteral("slurm");
        system.queues
            = {{QStringLiteral("normal"), 4, 16, 120, true}, {QStringLiteral("development"), 1, 16, 30, false}};
        system.compilePresets = {{QStringLiteral("mpi-c"), {QStringLiteral("mpicc")}},
                                 {QStringLiteral("openmp-c"), {QStringLiteral("icc"), QStringLiteral("-qopenmp")}}};
        system.launchers = {{QStringLiteral("direct"), {}},
                            {QStringLiteral("ibrun"), {QStringLiteral("ibrun")}},
                            {QStringLiteral("srun"),
                             {QStringLiteral("srun"), QStringLiteral("-N"), QStringLiteral("{nodes}"),
                              QStringLiteral("-n"), QStringLiteral("{cores}")}}};
        system.modules = {QStringLiteral("intel/19"), QStringLiteral("impi")};
        system.environment = {{QStringLiteral("I_MPI_FABRICS"), QStringLiteral("shm:ofi")}};
        return system;
    }

    QJsonObject parse(const char *json) { return QJsonDocument::fromJson(json).object(); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_systems.add(cluster());
        QDir(m_home.path()).mkpath(QStringLiteral("src"));
        for (const char *name : {"src/main.c", "src/util.h", "input.dat", "bin/app"}) {
            QDir(m_home.path()).mkpath(QFileInfo(m_home.filePath(QLatin1StringView(name))).path());
            QFile file(m_home.filePath(QLatin1StringView(name)));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("x");
        }
    }

    void buildsArgvFromTheSpec_data()
    {
        QTest::addColumn<QByteArray>("spec");
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<int>("timeLimit");

        QTest::newRow("compile with preset and flags")
            << QByteArray("{\"type\":\"compile\",\"system\":\"cluster\",\"preset\":\"openmp-c\",\"flags\":[\"-O3\",\"-"
                          "DN=4\"],\"sources\":[\"src/main.c\"],\"extraFiles\":[\"src/util.h\"],\"output\":\"app\"}")
            << QStringList{QStringLiteral("icc"),   QStringLiteral("-qopenmp"), QStringLiteral("-O3"),
                           QStringLiteral("-DN=4"), QStringLiteral("main.c"),   QStringLiteral("-o"),
                           QStringLiteral("app")}
            << 600;
        QTest::newRow("compile with argv")
            << QByteArray("{\"type\":\"compile\",\"system\":\"cluster\",\"argv\":[\"mpicc\",\"-std=c11\"],\"sources\":["
                          "\"src/main.c\"],\"output\":\"app\"}")
            << QStringList{QStringLiteral("mpicc"), QStringLiteral("-std=c11"), QStringLiteral("main.c"),
                           QStringLiteral("-o"), QStringLiteral("app")}
            << 600;
        QTest::newRow("run with srun on two nodes") << QByteArray(
            "{\"type\":\"run\",\"system\":\"cluster\",\"launcher\":\"srun\",\"nodes\":2,\"cores\":32,\"maxMinutes\":90,"
            "\"executable\":\"bin/app\",\"args\":[\"-n\",\"1e6\"],\"inputFiles\":[\"input.dat\"]}")
                                                    << QStringList{QStringLiteral("srun"), QStringLiteral("-N"),
                                                                   QStringLiteral("2"),    QStringLiteral("-n"),
                                                                   QStringLiteral("32"),   QStringLiteral("./app"),
                                                                   QStringLiteral("-n"),   QStringLiteral("1e6")}
                                                    << 5400;
        QTest::newRow("quick run is capped at 30 s")
            << QByteArray("{\"type\":\"run\",\"system\":\"cluster\",\"mode\":\"quick\",\"maxMinutes\":100,"
                          "\"executable\":[\"bin/app\"]}")
            << QStringList{QStringLiteral("./app")} << 30;
    }

    void buildsArgvFromTheSpec()
    {
        QFETCH(QByteArray, spec);
        QFETCH(QStringList, command);
        QFETCH(int, timeLimit);
        const auto plan = JobPlan::fromSpec(QJsonDocument::fromJson(spec).object(), m_systems, UserHome(m_home.path()));
        QVERIFY2(plan.has_value(), plan ? "" : qPrintable(plan.error().message));
        QCOMPARE(plan->command, command);
        QCOMPARE(plan->timeLimitSeconds(), timeLimit);
    }

    void refusesWithTheField_data()
    {
        QTest::addColumn<QByteArray>("spec");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("code");
        QTest::newRow("cores over nodes × cores per node") << QByteArray(
            "{\"type\":\"run\",\"system\":\"cluster\",\"nodes\":1,\"cores\":17,\"executable\":\"bin/app\"}")
                                                           << "cores" << "out_of_range";
        QTest::newRow("nodes over the queue") << QByteArray("{\"type\":\"run\",\"system\":\"cluster\",\"queue\":"
                                                            "\"development\",\"nodes\":2,\"executable\":\"bin/app\"}")
                                              << "nodes" << "out_of_range";
        QTest::newRow("minutes over the queue")
            << QByteArray("{\"type\":\"run\",\"system\":\"cluster\",\"maxMinutes\":121,\"executable\":\"bin/app\"}")
            << "maxMinutes" << "out_of_range";
        QTest::newRow("fractional cores")
            << QByteArray("{\"type\":\"run\",\"system\":\"cluster\",\"cores\":1.5,\"executable\":\"bin/app\"}")
            << "cores" << "invalid_type";
        QTest::newRow("array backwards") << QByteArray(
            "{\"type\":\"run\",\"system\":\"cluster\",\"array\":\"5-1\",\"executable\":\"bin/app\"}")
                                         << "array" << "invalid_value";
        QTest::newRow("array of too many")
            << QByteArray("{\"type\":\"run\",\"system\":\"cluster\",\"array\":\"1-1001\",\"executable\":\"bin/app\"}")
            << "array" << "invalid_value";
        QTest::newRow("array as a shell word")
            << QByteArray("{\"type\":\"run\",\"system\":\"cluster\",\"array\":\"1-5;id\",\"executable\":\"bin/app\"}")
            << "array" << "invalid_value";
        QTest::newRow("module not offered") << QByteArray(
            "{\"type\":\"run\",\"system\":\"cluster\",\"modules\":[\"gcc/13\"],\"executable\":\"bin/app\"}")
                                            << "modules" << "unknown_module";
        QTest::newRow("two inputs with one name") << QByteArray(
            "{\"type\":\"run\",\"system\":\"cluster\",\"executable\":\"bin/app\",\"inputFiles\":[\"bin/app\"]}")
                                                  << "inputFiles" << "duplicate_name";
        QTest::newRow("input called job.sh")
            << QByteArray("{\"type\":\"compile\",\"system\":\"cluster\",\"preset\":\"mpi-c\",\"sources\":[\"src/"
                          "main.c\"],\"output\":\"job.sh\"}")
            << "output" << "invalid_name";
        QTest::newRow("hidden output") << QByteArray("{\"type\":\"compile\",\"system\":\"cluster\",\"preset\":\"mpi-"
                                                     "c\",\"sources\":[\"src/main.c\"],\"output\":\".bashrc\"}")
                                       << "output" << "invalid_name";
        QTest::newRow("output overwriting a source")
            << QByteArray("{\"type\":\"compile\",\"system\":\"cluster\",\"preset\":\"mpi-c\",\"sources\":[\"src/"
                          "main.c\"],\"output\":\"main.c\"}")
            << "output" << "duplicate_name";
        QTest::newRow("control character in path")
            << QByteArray("{\"type\":\"compile\",\"system\":\"cluster\",\"preset\":\"mpi-c\",\"sources\":[\"src/"
                          "ma\\u0001in.c\"],\"output\":\"a\"}")
            << "sources" << "invalid_path";
        QTest::newRow("empty component") << QByteArray("{\"type\":\"compile\",\"system\":\"cluster\",\"preset\":\"mpi-"
                                                       "c\",\"sources\":[\"src//main.c\"],\"output\":\"a\"}")
                                         << "sources" << "invalid_path";
        QTest::newRow("home-relative tilde") << QByteArray("{\"type\":\"compile\",\"system\":\"cluster\",\"preset\":"
                                                           "\"mpi-c\",\"sources\":[\"~/src/main.c\"],\"output\":\"a\"}")
                                             << "sources" << "invalid_path";
        QTest::newRow("args with a number")
            << QByteArray("{\"type\":\"run\",\"system\":\"cluster\",\"executable\":\"bin/app\",\"args\":[1]}") << "args"
            << "invalid_type";
        QTest::newRow("two executables") << QByteArray(
            "{\"type\":\"run\",\"system\":\"cluster\",\"executable\":[\"bin/app\",\"input.dat\"]}")
                                         << "executable" << "too_many";
        QTest::newRow("no executable") << QByteArray("{\"type\":\"run\",\"system\":\"cluster\"}") << "executable"
                                       << "required";
    }

    void refusesWithTheField()
    {
        QFETCH(QByteArray, spec);
        QFETCH(QString, field);
        QFETCH(QString, code);
        const QJsonDocument document = QJsonDocument::fromJson(spec);
        QVERIFY2(document.isObject(), spec.constData());
        const auto plan = JobPlan::fromSpec(document.object(), m_systems, UserHome(m_home.path()));
        QVERIFY(!plan.has_value());
        QCOMPARE(plan.error().field, field);
        QCOMPARE(plan.error().code, code);
        QCOMPARE(plan.error().kind, tandem::Error::Kind::BadRequest);
    }

    void aSpecBuiltInCodeIsHeldToTheSameRules()
    {
        // The typed overload checks what JobSpec::fromJson would: a flag that is no option is refused there too.
        tandem::api::JobSpec spec;
        spec.system = QStringLiteral("cluster");
        spec.preset = QStringLiteral("mpi-c");
        spec.sources = {QStringLiteral("src/main.c")};
        spec.output = QStringLiteral("app");
        spec.flags = {QStringLiteral("-O2"), QStringLiteral("-o/etc/passwd x")};
        const auto plan = JobPlan::fromSpec(spec, m_systems, UserHome(m_home.path()));
        QVERIFY(!plan.has_value());
        QCOMPARE(plan.error().field, QStringLiteral("flags"));
        QCOMPARE(plan.error().code, QStringLiteral("invalid_flag"));
        spec.flags = {QStringLiteral("-O2")};
        const auto good = JobPlan::fromSpec(spec, m_systems, UserHome(m_home.path()));
        QVERIFY2(good.has_value(), good ? "" : qPrintable(good.error().message));
        QCOMPARE(good->command,
                 QStringList({QStringLiteral("mpicc"), QStringLiteral("-O2"), QStringLiteral("main.c"),
                              QStringLiteral("-o"), QStringLiteral("app")}));
    }

    void aSystemsEnvironmentIsPlainVariablesOnly()
    {
        // The job's shells run outside the sandbox before it starts: a name that is not a plain variable, or one
        // that makes a shell run code, is refused with the system's config, never pasted into a script.
        const auto withEnvironment = [](const QString &name) {
            return QJsonObject{
                {QStringLiteral("id"), QStringLiteral("c")},
                {QStringLiteral("queues"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("normal")}}}},
                {QStringLiteral("environment"), QJsonObject{{name, QStringLiteral("x")}}}};
        };
        QVERIFY(System::fromJson(withEnvironment(QStringLiteral("OMPI_MCA_btl"))).has_value());
        for (const QString &name :
             {QStringLiteral("A;touch /tmp/x"), QStringLiteral("A B"), QStringLiteral("BASH_ENV"),
              QStringLiteral("BASH_FUNC_exec%%"), QStringLiteral("SHELLOPTS"), QStringLiteral("1A")}) {
            const auto refused = System::fromJson(withEnvironment(name));
            QVERIFY2(!refused.has_value(), qPrintable(name));
            QCOMPARE(refused.error().field, QStringLiteral("environment"));
            QVERIFY(refused.error().message.contains(name));
        }
    }

    void displayCommandQuotesOnlyWhatNeedsIt()
    {
        QCOMPARE(JobPlan::displayCommand({QStringLiteral("mpirun"), QStringLiteral("-np"), QStringLiteral("2"),
                                          QStringLiteral("./a.out"), QStringLiteral("it's here"),
                                          QStringLiteral("$HOME"), QString()}),
                 QStringLiteral("mpirun -np 2 ./a.out 'it'\\''s here' '$HOME' ''"));
    }

    // Golden file: the generated job script. TANDEM_UPDATE_GOLDEN=1 rewrites the reference.
    // An array's script runs each index with TANDEM_ARRAY_INDEX, at most the limit at a time.
    void anArraysScriptRunsEachIndexWithinItsLimit()
    {
        System local;
        local.id = QStringLiteral("here");
        local.displayName = QStringLiteral("here");
        local.scheduler = QStringLiteral("local");
        local.launchers.insert(QStringLiteral("direct"), {});
        local.queues.append({QStringLiteral("normal"), 1, 4, 60, true});
        m_systems.add(local);
        const auto plan = JobPlan::fromSpec(
            parse("{\"type\":\"run\",\"system\":\"here\",\"cores\":2,\"array\":\"1-5%2\",\"executable\":\"bin/app\"}"),
            m_systems, UserHome(m_home.path()));
        QVERIFY2(plan, plan ? "" : qPrintable(plan.error().message));
        QProcess bash;
        QTemporaryDir run;
        QFile app(run.filePath(QStringLiteral("app")));
        QVERIFY(app.open(QIODevice::WriteOnly));
        // Each task notes when it starts and ends; the most running at once is what the limit allows.
        app.write("#!/bin/bash\necho \"start $TANDEM_ARRAY_INDEX\" >> log; sleep 0.3; echo \"end\" >> log\n"
                  "[ \"$TANDEM_ARRAY_INDEX\" != 4 ]\n");
        app.close();
        app.setPermissions(app.permissions() | QFileDevice::ExeOwner);
        QString script = plan->jobScript(7, run.path());
        bash.start(QStringLiteral("/bin/bash"), {QStringLiteral("-c"), script});
        QVERIFY(bash.waitForFinished(20000));
        QCOMPARE(bash.exitCode(), 1); // task 4 failed
        QFile status(run.filePath(QStringLiteral(".tandem-array")));
        QVERIFY(status.open(QIODevice::ReadOnly));
        QStringList ended = QString::fromUtf8(status.readAll()).split(u'\n', Qt::SkipEmptyParts);
        ended.sort();
        QCOMPARE(ended,
                 (QStringList{QStringLiteral("1 0"), QStringLiteral("2 0"), QStringLiteral("3 0"),
                              QStringLiteral("4 1"), QStringLiteral("5 0")}));
        QFile log(run.filePath(QStringLiteral("log")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        int running = 0, most = 0;
        for (const QByteArray &line : log.readAll().split('\n')) {
            running += line.startsWith("start") ? 1 : line.startsWith("end") ? -1 : 0;
            most = std::max(most, running);
        }
        QCOMPARE(most, 2);
    }

    void jobScriptMatchesGoldenFile()
    {
        const auto plan = JobPlan::fromSpec(
            parse("{\"type\":\"run\",\"system\":\"cluster\",\"launcher\":\"ibrun\",\"cores\":4,\"modules\":[\"intel/"
                  "19\",\"impi\"],\"executable\":\"bin/app\",\"args\":[\"a b\",\"$(x)\"]}"),
            m_systems, UserHome(m_home.path()));
        QVERIFY(plan);
        const QString script = plan->jobScript(42, QStringLiteral("/home/ann/jobs/2026-11-23/run-cluster-42"));
        const QString golden
            = QStringLiteral(TANDEM_SOURCE_DIR) + QStringLiteral("/tests/core/golden/job-run-cluster.sh");
        if (qEnvironmentVariableIntValue("TANDEM_UPDATE_GOLDEN")) {
            QFile out(golden);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(script.toUtf8());
        }
        QFile reference(golden);
        QVERIFY2(reference.open(QIODevice::ReadOnly), qPrintable(golden));
        QCOMPARE(script, QString::fromUtf8(reference.readAll()));
    }
};

QTEST_GUILESS_MAIN(TestJobPlan)
#include "TestJobPlan.moc"
