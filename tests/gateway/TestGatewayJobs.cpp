#include "support/ApiClient.h"
#include "support/GatewayProcess.h"
#include "support/JobSpecs.h"
#include "support/Processes.h"
#include "support/SourceFiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>
#include <QtTest>

using namespace tandem;
using test::ApiClient;
using test::sourceFile;

using test::processesWith;

using namespace Qt::StringLiterals;

class TestGatewayJobs : public QObject
{
    Q_OBJECT

private:
    test::GatewayProcess m_gateway;
    std::unique_ptr<ApiClient> m_api;

    QString home() const { return m_gateway.dataDir() + QStringLiteral("/homes/") + qEnvironmentVariable("USER"); }

    qint64 jobCount()
    {
        return m_api->get(QStringLiteral("/api/v1/jobs?limit=500")).json.value(QStringLiteral("jobs")).toArray().size();
    }

    QStringList jobDirectories() const
    {
        QStringList dirs;
        QDirIterator it(home() + QStringLiteral("/jobs"), QDir::Dirs | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            dirs << it.next();
        return dirs;
    }

    // Compiles tests/gateway/data/NAME.c into an executable and returns its path in the home.
    QString compile(const QString &name, const QString &preset = QStringLiteral("serial-c"))
    {
        const auto uploaded = m_api->put(QStringLiteral("/api/v1/files/src/%1.c").arg(name),
                                         sourceFile(QStringLiteral("tests/gateway/data/%1.c").arg(name)));
        if (uploaded.status != 201)
            return {};
        const auto submitted = m_api->post(QStringLiteral("/api/v1/jobs"),
                                           test::compileSpec(QStringLiteral("src/%1.c").arg(name), name, preset));
        const QJsonObject job = m_api->waitUntilFinal(submitted.json.value(QStringLiteral("id")).toInteger());
        if (job.value(QStringLiteral("status")).toString() != u"FINISHED")
            return {};
        return job.value(QStringLiteral("directory")).toString() + u'/' + name;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_gateway.start({QStringLiteral("--cores"), QStringLiteral("2")}));
        m_api = std::make_unique<ApiClient>(m_gateway.baseUrl(), m_gateway.localToken());
        QCOMPARE(m_api->get(QStringLiteral("/api/v1/me")).status, 200);
    }

    void compilesAndRunsACProgram()
    {
        QVERIFY(m_api
                    ->put(QStringLiteral("/api/v1/files/src/hello.c"),
                          sourceFile(QStringLiteral("tests/gateway/data/hello.c")))
                    .status
                == 201);
        const auto submitted
            = m_api->post(QStringLiteral("/api/v1/jobs"),
                          {{QStringLiteral("type"), QStringLiteral("compile")},
                           {QStringLiteral("name"), QStringLiteral("hello world")},
                           {QStringLiteral("system"), QStringLiteral("local")},
                           {QStringLiteral("preset"), QStringLiteral("serial-c")},
                           {QStringLiteral("flags"), QJsonArray{QStringLiteral("-O2"), QStringLiteral("-Wall")}},
                           {QStringLiteral("sources"), QJsonArray{QStringLiteral("src/hello.c")}},
                           {QStringLiteral("output"), QStringLiteral("hello")}});
        QCOMPARE(submitted.status, 201);
        QCOMPARE(submitted.json.value(QStringLiteral("commandLine")).toString(),
                 QStringLiteral("gcc -O2 -Wall hello.c -o hello"));
        const qint64 id = submitted.json.value(QStringLiteral("id")).toInteger();
        const QJsonObject compiled = m_api->waitUntilFinal(id);
        QCOMPARE(compiled.value(QStringLiteral("status")).toString(), QStringLiteral("FINISHED"));
        QCOMPARE(compiled.value(QStringLiteral("condition")).toString(), QStringLiteral("NORMAL_COMPLETION"));
        QCOMPARE(compiled.value(QStringLiteral("exitCode")).toInt(-1), 0);
        QVERIFY(compiled.value(QStringLiteral("maxRssKb")).toInteger() > 0);

        // The directory follows jobs/{date}/{type}-{system}-{id} and holds inputs, script, logs, output and job.json.
        const QString directory = compiled.value(QStringLiteral("directory")).toString();
        QVERIFY2(QRegularExpression(QStringLiteral("^jobs/\\d{4}-\\d{2}-\\d{2}/compile-local-%1$").arg(id))
                     .match(directory)
                     .hasMatch(),
                 qPrintable(directory));
        for (const char *name : {"hello.c", "job.sh", "job.json", "stdout.txt", "stderr.txt", "hello"})
            QVERIFY2(QFile::exists(home() + u'/' + directory + u'/' + QLatin1StringView(name)), name);
        QFile jobFile(home() + u'/' + directory + QStringLiteral("/job.json"));
        QVERIFY(jobFile.open(QIODevice::ReadOnly));
        const QJsonObject jobJson = QJsonDocument::fromJson(jobFile.readAll()).object();
        QCOMPARE(jobJson.value(QStringLiteral("status")).toString(), QStringLiteral("FINISHED"));

        const auto history = m_api->get(QStringLiteral("/api/v1/jobs/%1/history").arg(id));
        QStringList states;
        for (const QJsonValue &step : history.json.value(QStringLiteral("history")).toArray())
            states << step.toObject().value(QStringLiteral("status")).toString();
        QCOMPARE(states,
                 QStringList({QStringLiteral("PENDING"), QStringLiteral("STAGING_INPUTS"), QStringLiteral("QUEUED"),
                              QStringLiteral("RUNNING"), QStringLiteral("ARCHIVING"), QStringLiteral("FINISHED")}));

        // Run it in quick mode: the answer comes back when the job has ended. Arguments pass unchanged, no shell.
        const auto ran = m_api->post(
            QStringLiteral("/api/v1/jobs"),
            {{QStringLiteral("type"), QStringLiteral("run")},
             {QStringLiteral("system"), QStringLiteral("local")},
             {QStringLiteral("mode"), QStringLiteral("quick")},
             {QStringLiteral("executable"), QString(directory + QStringLiteral("/hello"))},
             {QStringLiteral("args"), QJsonArray{QStringLiteral("a b; echo pwned"), QStringLiteral("$(id)")}}});
        QCOMPARE(ran.status, 200);
        QCOMPARE(ran.json.value(QStringLiteral("status")).toString(), QStringLiteral("FINISHED"));
        QCOMPARE(ran.json.value(QStringLiteral("commandLine")).toString(),
                 QStringLiteral("./hello 'a b; echo pwned' '$(id)'"));
        const auto stdoutTail = m_api->get(
            QStringLiteral("/api/v1/jobs/%1/output/stdout").arg(ran.json.value(QStringLiteral("id")).toInteger()));
        QCOMPARE(stdoutTail.json.value(QStringLiteral("data")).toString(),
                 QStringLiteral("hello [a b; echo pwned] [$(id)]\n"));
        QVERIFY(stdoutTail.json.value(QStringLiteral("complete")).toBool());

        // A non-zero exit is a FAILED job with its code.
        const auto failed = m_api->post(QStringLiteral("/api/v1/jobs"),
                                        {{QStringLiteral("type"), QStringLiteral("run")},
                                         {QStringLiteral("system"), QStringLiteral("local")},
                                         {QStringLiteral("mode"), QStringLiteral("quick")},
                                         {QStringLiteral("executable"), QString(directory + QStringLiteral("/hello"))},
                                         {QStringLiteral("args"), QJsonArray{QStringLiteral("x")}}});
        QCOMPARE(failed.json.value(QStringLiteral("status")).toString(), QStringLiteral("FAILED"));
        QCOMPARE(failed.json.value(QStringLiteral("condition")).toString(), QStringLiteral("NONZERO_EXIT"));
        QCOMPARE(failed.json.value(QStringLiteral("exitCode")).toInt(), 3);
    }

    void compilerErrorsLandInStderr()
    {
        QVERIFY(m_api
                    ->put(QStringLiteral("/api/v1/files/src/broken.c"),
                          sourceFile(QStringLiteral("tests/gateway/data/broken.c")))
                    .status
                == 201);
        const auto submitted = m_api->post(QStringLiteral("/api/v1/jobs"),
                                           test::compileSpec(QStringLiteral("src/broken.c"), QStringLiteral("broken")));
        const qint64 id = submitted.json.value(QStringLiteral("id")).toInteger();
        const QJsonObject job = m_api->waitUntilFinal(id);
        QCOMPARE(job.value(QStringLiteral("condition")).toString(), QStringLiteral("NONZERO_EXIT"));
        const QString stderrText = m_api->get(QStringLiteral("/api/v1/jobs/%1/output/stderr").arg(id))
                                       .json.value(QStringLiteral("data"))
                                       .toString();
        QVERIFY2(stderrText.contains(QStringLiteral("broken.c:3:12: error")), qPrintable(stderrText));
    }

    void compilesAndRunsMpiWithOpenMp()
    {
        QVERIFY(m_api
                    ->put(QStringLiteral("/api/v1/files/src/hello_mpi_omp.c"),
                          sourceFile(QStringLiteral("resources/samples/hello_mpi_omp.c")))
                    .status
                == 201);
        const auto submitted
            = m_api->post(QStringLiteral("/api/v1/jobs"),
                          {{QStringLiteral("type"), QStringLiteral("compile")},
                           {QStringLiteral("system"), QStringLiteral("local")},
                           {QStringLiteral("preset"), QStringLiteral("mpi-c")},
                           {QStringLiteral("flags"), QJsonArray{QStringLiteral("-fopenmp"), QStringLiteral("-O2")}},
                           {QStringLiteral("sources"), QJsonArray{QStringLiteral("src/hello_mpi_omp.c")}},
                           {QStringLiteral("output"), QStringLiteral("hello_mpi_omp")}});
        QCOMPARE(submitted.status, 201);
        QCOMPARE(submitted.json.value(QStringLiteral("commandLine")).toString(),
                 QStringLiteral("mpicc -fopenmp -O2 hello_mpi_omp.c -o hello_mpi_omp"));
        const QJsonObject compiled = m_api->waitUntilFinal(submitted.json.value(QStringLiteral("id")).toInteger());
        QCOMPARE(compiled.value(QStringLiteral("status")).toString(), QStringLiteral("FINISHED"));

        const auto run = m_api->post(
            QStringLiteral("/api/v1/jobs"),
            {{QStringLiteral("type"), QStringLiteral("run")},
             {QStringLiteral("system"), QStringLiteral("local")},
             {QStringLiteral("launcher"), QStringLiteral("mpirun")},
             {QStringLiteral("cores"), 2},
             {QStringLiteral("maxMinutes"), 2},
             {QStringLiteral("executable"),
              QString(compiled.value(QStringLiteral("directory")).toString() + QStringLiteral("/hello_mpi_omp"))}});
        QCOMPARE(run.status, 201);
        QCOMPARE(run.json.value(QStringLiteral("commandLine")).toString(),
                 QStringLiteral("mpirun --oversubscribe -np 2 ./hello_mpi_omp"));
        const qint64 id = run.json.value(QStringLiteral("id")).toInteger();
        const QJsonObject done = m_api->waitUntilFinal(id, 120000);
        const QString out = m_api->get(QStringLiteral("/api/v1/jobs/%1/output/stdout").arg(id))
                                .json.value(QStringLiteral("data"))
                                .toString();
        const QString err = m_api->get(QStringLiteral("/api/v1/jobs/%1/output/stderr").arg(id))
                                .json.value(QStringLiteral("data"))
                                .toString();
        QVERIFY2(done.value(QStringLiteral("status")).toString() == u"FINISHED", qPrintable(out + err));
        QVERIFY2(out.contains(QStringLiteral("rank 0 of 2: thread 0 of 1")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("rank 1 of 2: thread 0 of 1")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("sum over all ranks and threads: 2")), qPrintable(out));
    }

    void cancelEndsTheWholeProcessGroup()
    {
        const QString sleeper = compile(QStringLiteral("sleeper"));
        QVERIFY(!sleeper.isEmpty());
        const QString marker = QStringLiteral("marker-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        const auto run = m_api->post(QStringLiteral("/api/v1/jobs"),
                                     {{QStringLiteral("type"), QStringLiteral("run")},
                                      {QStringLiteral("system"), QStringLiteral("local")},
                                      {QStringLiteral("executable"), sleeper},
                                      {QStringLiteral("args"), QJsonArray{marker}}});
        const qint64 id = run.json.value(QStringLiteral("id")).toInteger();
        QCOMPARE(m_api->waitForStatus(id, QStringLiteral("RUNNING")).value(QStringLiteral("status")).toString(),
                 QStringLiteral("RUNNING"));
        QTRY_VERIFY_WITH_TIMEOUT(m_api->get(QStringLiteral("/api/v1/jobs/%1/output/stdout").arg(id))
                                         .json.value(QStringLiteral("data"))
                                         .toString()
                                     == u"ready\n",
                                 10000);
        QTRY_COMPARE_WITH_TIMEOUT(processesWith(marker).size(), 2, 5000); // the program and its child

        const auto cancelled = m_api->post(QStringLiteral("/api/v1/jobs/%1/cancel").arg(id), {});
        QCOMPARE(cancelled.status, 202);
        const QJsonObject job = m_api->waitUntilFinal(id);
        QCOMPARE(job.value(QStringLiteral("status")).toString(), QStringLiteral("CANCELLED"));
        QCOMPARE(job.value(QStringLiteral("condition")).toString(), QStringLiteral("CANCELLED_BY_USER"));
        QTRY_VERIFY_WITH_TIMEOUT(processesWith(marker).isEmpty(), 10000);

        const auto again = m_api->post(QStringLiteral("/api/v1/jobs/%1/cancel").arg(id), {});
        QCOMPARE(again.status, 409);
        QCOMPARE(again.errorCode(), QStringLiteral("job_final"));
    }

    void badInputIsRefusedAndCreatesNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");

        const auto spec = [](const QJsonObject &changes, const QStringList &remove = {}) {
            QJsonObject compile = test::compileSpec(QStringLiteral("src/hello.c"), QStringLiteral("x"));
            for (auto it = changes.begin(); it != changes.end(); ++it)
                compile.insert(it.key(), it.value());
            for (const QString &key : remove)
                compile.remove(key);
            return QJsonDocument(compile).toJson(QJsonDocument::Compact);
        };
        const QJsonObject run{{QStringLiteral("type"), QStringLiteral("run")},
                              {QStringLiteral("preset"), QJsonValue()},
                              {QStringLiteral("sources"), QJsonValue()},
                              {QStringLiteral("output"), QJsonValue()}};
        const auto runSpec = [&](QJsonObject changes) {
            QJsonObject merged{{QStringLiteral("type"), QStringLiteral("run")},
                               {QStringLiteral("system"), QStringLiteral("local")},
                               {QStringLiteral("executable"), QStringLiteral("src/hello.c")}};
            for (auto it = changes.begin(); it != changes.end(); ++it)
                merged.insert(it.key(), it.value());
            return QJsonDocument(merged).toJson(QJsonDocument::Compact);
        };
        Q_UNUSED(run);

        QTest::newRow("malformed JSON") << QByteArray("{\"type\": \"compile\",") << 400 << QString();
        QTest::newRow("not an object") << QByteArray("[1, 2]") << 400 << QString();
        QTest::newRow("oversized body") << spec({{QStringLiteral("name"), QString(2 * 1024 * 1024, u'x')}}) << 413
                                        << QString();
        QTest::newRow("traversal") << spec(
            {{QStringLiteral("sources"), QJsonArray{QStringLiteral("../../../etc/passwd")}}})
                                   << 400 << "sources";
        QTest::newRow("absolute path") << spec({{QStringLiteral("sources"), QJsonArray{QStringLiteral("/etc/passwd")}}})
                                       << 400 << "sources";
        QTest::newRow("symlink leaving home")
            << spec({{QStringLiteral("sources"), QJsonArray{QStringLiteral("evil.c")}}}) << 400 << "sources";
        QTest::newRow("missing source") << spec({{QStringLiteral("sources"), QJsonArray{QStringLiteral("src/none.c")}}})
                                        << 400 << "sources";
        QTest::newRow("unknown system") << spec({{QStringLiteral("system"), QStringLiteral("frontera")}}) << 400
                                        << "system";
        QTest::newRow("unknown queue") << spec({{QStringLiteral("queue"), QStringLiteral("gpu")}}) << 400 << "queue";
        QTest::newRow("too many cores") << spec({{QStringLiteral("cores"), 64}}) << 400 << "cores";
        QTest::newRow("too many nodes") << spec({{QStringLiteral("nodes"), 2}}) << 400 << "nodes";
        QTest::newRow("time limit over queue max")
            << spec({{QStringLiteral("queue"), QStringLiteral("development")}, {QStringLiteral("maxMinutes"), 11}})
            << 400 << "maxMinutes";
        QTest::newRow("shell string as command")
            << spec({{QStringLiteral("command"), QStringLiteral("gcc -o x hello.c; rm -rf ~")}}) << 400 << "command";
        QTest::newRow("flags as one string")
            << spec({{QStringLiteral("flags"), QStringLiteral("-O2 -Wall")}}) << 400 << "flags";
        QTest::newRow("flag with spaces")
            << spec({{QStringLiteral("flags"), QJsonArray{QStringLiteral("-O2; rm")}}}) << 400 << "flags";
        QTest::newRow("unknown preset") << spec({{QStringLiteral("preset"), QStringLiteral("fortran")}}) << 400
                                        << "preset";
        QTest::newRow("argv with a foreign program")
            << spec({{QStringLiteral("argv"), QJsonArray{QStringLiteral("/bin/sh"), QStringLiteral("-c")}}}) << 400
            << "argv";
        QTest::newRow("output escaping") << spec({{QStringLiteral("output"), QStringLiteral("../x")}}) << 400
                                         << "output";
        QTest::newRow("unknown field") << spec({{QStringLiteral("sudo"), true}}) << 400 << "sudo";
        QTest::newRow("no sources") << spec({{QStringLiteral("sources"), QJsonArray{}}}) << 400 << "sources";
        QTest::newRow("unknown module") << spec({{QStringLiteral("modules"), QJsonArray{QStringLiteral("intel/19")}}})
                                        << 400 << "modules";
        QTest::newRow("bad type") << spec({{QStringLiteral("type"), QStringLiteral("shell")}}) << 400 << "type";
        QTest::newRow("args as a string")
            << runSpec({{QStringLiteral("args"), QStringLiteral("a b")}}) << 400 << "args";
        QTest::newRow("unknown launcher")
            << runSpec({{QStringLiteral("launcher"), QStringLiteral("ibrun")}}) << 400 << "launcher";
        QTest::newRow("cores not a number")
            << runSpec({{QStringLiteral("cores"), QStringLiteral("2")}}) << 400 << "cores";
    }

    void badInputIsRefusedAndCreatesNothing()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        QFile::link(QStringLiteral("/etc/passwd"), home() + QStringLiteral("/evil.c"));

        const qint64 jobsBefore = jobCount();
        const QStringList directoriesBefore = jobDirectories();
        const auto response = m_api->call("POST", QStringLiteral("/api/v1/jobs"), body);
        QCOMPARE(response.status, status);
        QVERIFY2(
            response.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().size()
                > 10,
            response.body.constData());
        QCOMPARE(response.errorField(), field);
        QCOMPARE(jobCount(), jobsBefore);
        QCOMPARE(jobDirectories(), directoriesBefore);
    }

    void jobsAreVisibleOnlyToOwnerInstructorAndAdmin()
    {
        // The local user is an admin and creates the class.
        for (const auto &[name, role, group] :
             {std::tuple{"alice", "user", "c1"}, {"bob", "user", "c2"}, {"ian", "instructor", "c1"}}) {
            const auto created
                = m_api->createUser(QLatin1StringView(name), QStringLiteral("secret-%1").arg(QLatin1StringView(name)),
                                    QLatin1StringView(role), QLatin1StringView(group));
            QCOMPARE(created.status, 201);
        }
        ApiClient alice(m_gateway.baseUrl()), bob(m_gateway.baseUrl()), ian(m_gateway.baseUrl());
        QVERIFY(alice.login(QStringLiteral("alice"), QStringLiteral("secret-alice")));
        QVERIFY(bob.login(QStringLiteral("bob"), QStringLiteral("secret-bob")));
        QVERIFY(ian.login(QStringLiteral("ian"), QStringLiteral("secret-ian")));
        QCOMPARE(ian.get(QStringLiteral("/api/v1/me"))
                     .json.value(QStringLiteral("views"))
                     .toArray()
                     .contains(QStringLiteral("instructor")),
                 true);
        QCOMPARE(bob.get(QStringLiteral("/api/v1/users")).status, 403);

        QCOMPARE(
            alice.put(QStringLiteral("/api/v1/files/hello.c"), sourceFile(QStringLiteral("tests/gateway/data/hello.c")))
                .status,
            201);
        const auto job = alice.post(QStringLiteral("/api/v1/jobs"),
                                    test::compileSpec(QStringLiteral("hello.c"), QStringLiteral("hello")));
        QCOMPARE(job.status, 201);
        const qint64 id = job.json.value(QStringLiteral("id")).toInteger();
        const QString path = QStringLiteral("/api/v1/jobs/%1").arg(id);
        QCOMPARE(alice.waitUntilFinal(id).value(QStringLiteral("status")).toString(), QStringLiteral("FINISHED"));

        QCOMPARE(ian.get(path).status, 200);
        QCOMPARE(m_api->get(path).status, 200);
        for (const QString &other :
             QStringList{path, path + QStringLiteral("/history"), path + QStringLiteral("/output/stdout"),
                         path + QStringLiteral("/files")})
            QCOMPARE(bob.get(other).status, 404);
        QCOMPARE(bob.post(path + QStringLiteral("/cancel"), {}).status, 404);
        QCOMPARE(bob.get(QStringLiteral("/api/v1/jobs")).json.value(QStringLiteral("jobs")).toArray().size(), 0);
        // Nor can bob reach alice's files, even by climbing out of his own home.
        for (const QByteArray &climb :
             {QByteArray("/api/v1/files/../alice/hello.c"), QByteArray("/api/v1/files/%2e%2e/alice/hello.c"),
              QByteArray("/api/v1/files/x/..%2F..%2Falice/hello.c")}) {
            const auto refused = bob.rawGet(climb);
            QCOMPARE(refused.status, 400);
            QCOMPARE(refused.errorCode(), QStringLiteral("invalid_path"));
        }
        QCOMPARE(bob.get(QStringLiteral("/api/v1/files/hello.c")).status, 404);

        // Scopes: the instructor's class is alice's group; bob (another class) sees none of it by any scope.
        const auto ids = [](ApiClient &client, const QString &query) {
            const auto listed = client.get(QStringLiteral("/api/v1/jobs?limit=500&") + query);
            QList<qint64> found;
            for (const QJsonValue &row : listed.json.value(QStringLiteral("jobs")).toArray())
                found << row[u"id"].toInteger();
            return found;
        };
        const QJsonObject row = ian.get(QStringLiteral("/api/v1/jobs?scope=class"))
                                    .json.value(QStringLiteral("jobs"))
                                    .toArray()
                                    .first()
                                    .toObject();
        QCOMPARE(row.value(QStringLiteral("owner")).toString(), QStringLiteral("alice"));
        QCOMPARE(row.value(QStringLiteral("group")).toString(), QStringLiteral("c1"));
        QVERIFY(ids(ian, QStringLiteral("scope=class")).contains(id));
        QVERIFY(ids(ian, QStringLiteral("scope=all")).contains(id));
        QVERIFY(!ids(ian, QStringLiteral("scope=mine")).contains(id));
        QCOMPARE(ids(ian, QStringLiteral("owner=alice")), ids(ian, QStringLiteral("scope=class")));
        QVERIFY(ids(*m_api, QStringLiteral("owner=alice")).contains(id));
        for (const QString &query : {QStringLiteral("scope=class"), QStringLiteral("scope=all"),
                                     QStringLiteral("owner=alice"), QStringLiteral("owner=alice,bob")})
            QVERIFY2(ids(bob, query).isEmpty(), qPrintable(query));
        QVERIFY(ids(alice, QStringLiteral("scope=class")).contains(id));
        QVERIFY(ids(alice, QStringLiteral("owner=ian")).isEmpty());
        const auto bogus = ian.get(QStringLiteral("/api/v1/jobs?scope=school"));
        QCOMPARE(bogus.status, 400);
        QCOMPARE(bogus.errorField(), QStringLiteral("scope"));
        const auto noClass = m_api->get(QStringLiteral("/api/v1/jobs?scope=class")); // the local admin is in none
        QCOMPARE(noClass.status, 400);
        QCOMPARE(noClass.errorField(), QStringLiteral("scope"));

        // The class as its instructor sees it: members, their jobs, the last one; another class is not theirs.
        const auto summary = ian.get(QStringLiteral("/api/v1/class"));
        QCOMPARE(summary.status, 200);
        QCOMPARE(summary.json.value(QStringLiteral("group")).toString(), QStringLiteral("c1"));
        QStringList members;
        for (const QJsonValue &member : summary.json.value(QStringLiteral("members")).toArray()) {
            members << member[u"name"].toString();
            if (member[u"name"].toString() == u"alice") {
                QCOMPARE(member[u"jobs"].toInteger(), 1);
                QCOMPARE(member[u"activeJobs"].toInteger(), 0);
                QCOMPARE(member[u"lastJob"][u"id"].toInteger(), id);
                QCOMPARE(member[u"lastJob"][u"status"].toString(), QStringLiteral("FINISHED"));
            } else {
                QVERIFY(member[u"lastJob"].isNull());
            }
        }
        QCOMPARE(members, (QStringList{QStringLiteral("alice"), QStringLiteral("ian")}));
        QCOMPARE(ian.get(QStringLiteral("/api/v1/class?group=c2")).status, 403);
        QCOMPARE(alice.get(QStringLiteral("/api/v1/class")).status, 403);
        QCOMPARE(m_api->get(QStringLiteral("/api/v1/class")).errorField(), QStringLiteral("group"));
        QCOMPARE(m_api->get(QStringLiteral("/api/v1/class?group=c2"))
                     .json.value(QStringLiteral("members"))
                     .toArray()
                     .first()[u"name"]
                     .toString(),
                 QStringLiteral("bob"));

        // A wrong password is refused, and repeated failures are throttled.
        ApiClient mallory(m_gateway.baseUrl());
        for (int i = 0; i < 5; ++i)
            QVERIFY(!mallory.login(QStringLiteral("alice"), QStringLiteral("guess")));
        const auto throttled = mallory.post(QStringLiteral("/api/v1/auth/token"),
                                            {{QStringLiteral("name"), QStringLiteral("alice")},
                                             {QStringLiteral("password"), QStringLiteral("secret-alice")}});
        QCOMPARE(throttled.status, 429);
        // Signing out revokes the token.
        QCOMPARE(bob.call("DELETE", QStringLiteral("/api/v1/auth/token")).status, 204);
        QCOMPARE(bob.get(QStringLiteral("/api/v1/me")).status, 401);
    }

    // A class list through the API: checked first, then made; a refused row is reported with its line and nothing
    // is made for it; generated passwords come once, in the answer that made the accounts.
    void anInstructorAddsAClassFromAList()
    {
        QCOMPARE(m_api
                     ->createUser(QStringLiteral("ivy"), QStringLiteral("secret-ivy"), QStringLiteral("instructor"),
                                  QStringLiteral("c3"))
                     .status,
                 201);
        ApiClient ivy(m_gateway.baseUrl());
        QVERIFY(ivy.login(QStringLiteral("ivy"), QStringLiteral("secret-ivy")));
        const QString csv = QStringLiteral("name,role,group,password\n"
                                           "stu1\n"
                                           "stu2,user,c3,chosen-pw-2\n"
                                           "stu3,teacher\n"
                                           "stu4,user,c9\n"
                                           "stu5,admin\n"
                                           "Not A Name\n"
                                           "stu1\n"
                                           "stu6,user,,\n");
        const auto checked = ivy.post(QStringLiteral("/api/v1/users/import"), {{QStringLiteral("csv"), csv}});
        QCOMPARE(checked.status, 200);
        QCOMPARE(checked.json.value(QStringLiteral("created")).toInt(), 0);
        QHash<QString, QJsonObject> byLine;
        for (const QJsonValue &row : checked.json.value(QStringLiteral("rows")).toArray())
            byLine.insert(QString::number(row[u"line"].toInt()), row.toObject());
        QCOMPARE(byLine.size(), 8);
        for (const char *refused : {"4", "5", "6", "7", "8"})
            QVERIFY2(!byLine.value(QLatin1StringView(refused)).value(u"error").toString().isEmpty(), refused);
        for (const char *good : {"2", "3", "9"})
            QVERIFY2(byLine.value(QLatin1StringView(good)).value(u"error").toString().isEmpty(),
                     qPrintable(byLine.value(QLatin1StringView(good)).value(u"error").toString()));
        QCOMPARE(byLine.value(u"2"_s).value(u"group").toString(), QStringLiteral("c3")); // the instructor's class
        QVERIFY(byLine.value(u"5"_s).value(u"error").toString().contains(QStringLiteral("c3")));
        QVERIFY(!ApiClient(m_gateway.baseUrl()).login(QStringLiteral("stu2"), QStringLiteral("chosen-pw-2")));

        const auto made = ivy.post(QStringLiteral("/api/v1/users/import"),
                                   {{QStringLiteral("csv"), csv}, {QStringLiteral("create"), true}});
        QCOMPARE(made.status, 201);
        QCOMPARE(made.json.value(QStringLiteral("created")).toInt(), 3);
        QString generated;
        for (const QJsonValue &row : made.json.value(QStringLiteral("rows")).toArray()) {
            QCOMPARE(row[u"created"].toBool(), row[u"error"].toString().isEmpty());
            if (row[u"name"].toString() == u"stu1" && row[u"created"].toBool())
                generated = row[u"password"].toString();
            if (row[u"name"].toString() == u"stu2")
                QVERIFY(!row.toObject().contains(QStringLiteral("password"))); // chosen, not generated
        }
        QVERIFY(generated.size() >= 12);
        ApiClient stu1(m_gateway.baseUrl());
        QVERIFY(stu1.login(QStringLiteral("stu1"), generated));
        QCOMPARE(stu1.get(QStringLiteral("/api/v1/me")).json.value(QStringLiteral("group")).toString(),
                 QStringLiteral("c3"));
        QVERIFY(ApiClient(m_gateway.baseUrl()).login(QStringLiteral("stu2"), QStringLiteral("chosen-pw-2")));
        const auto users = m_api->get(QStringLiteral("/api/v1/users")).json.value(QStringLiteral("users")).toArray();
        for (const QJsonValue &user : users) {
            for (const char *refused : {"stu3", "stu4", "stu5"})
                QVERIFY(user[u"name"].toString() != QLatin1StringView(refused));
        }
        // Made once: the same list again makes nothing; a student cannot add anyone.
        const auto again = ivy.post(QStringLiteral("/api/v1/users/import"),
                                    {{QStringLiteral("csv"), csv}, {QStringLiteral("create"), true}});
        QCOMPARE(again.json.value(QStringLiteral("created")).toInt(), 0);
        QCOMPARE(stu1.post(QStringLiteral("/api/v1/users/import"), {{QStringLiteral("csv"), csv}}).status, 403);
        QCOMPARE(ivy.post(QStringLiteral("/api/v1/users/import"), {{QStringLiteral("csv"), 5}}).errorField(),
                 QStringLiteral("csv"));
    }

    // Templates: published by an instructor to their class from files of their home (a snapshot), copied by a
    // student into theirs (never over a file unasked), invisible to another class.
    void templatesAreHandedToTheClass()
    {
        for (const auto &[name, role, group] :
             {std::tuple{"tina", "instructor", "c4"}, {"tom", "user", "c4"}, {"zed", "user", "c5"}})
            QCOMPARE(m_api
                         ->createUser(QLatin1StringView(name), QStringLiteral("secret-%1").arg(QLatin1StringView(name)),
                                      QLatin1StringView(role), QLatin1StringView(group))
                         .status,
                     201);
        ApiClient tina(m_gateway.baseUrl()), tom(m_gateway.baseUrl()), zed(m_gateway.baseUrl());
        QVERIFY(tina.login(QStringLiteral("tina"), QStringLiteral("secret-tina")));
        QVERIFY(tom.login(QStringLiteral("tom"), QStringLiteral("secret-tom")));
        QVERIFY(zed.login(QStringLiteral("zed"), QStringLiteral("secret-zed")));
        const QByteArray hello = sourceFile(QStringLiteral("tests/gateway/data/hello.c"));
        QCOMPARE(tina.put(QStringLiteral("/api/v1/files/exercise/hello.c"), hello).status, 201);
        QCOMPARE(tina.put(QStringLiteral("/api/v1/files/exercise/input.txt"), "42\n").status, 201);
        QJsonObject spec = test::compileSpec(QStringLiteral("exercise/hello.c"), QStringLiteral("hello"));
        spec.insert(QStringLiteral("extraFiles"), QJsonArray{QStringLiteral("exercise/input.txt")});
        const QJsonObject publish{
            {QStringLiteral("kind"), QStringLiteral("compile")},
            {QStringLiteral("title"), QStringLiteral("Hello, MPI world (1)")},
            {QStringLiteral("description"), QStringLiteral("Build it, then run it with two ranks.")},
            {QStringLiteral("spec"), spec},
            {QStringLiteral("files"),
             QJsonArray{QStringLiteral("exercise/hello.c"), QStringLiteral("exercise/input.txt")}}};
        // A student cannot publish; a request naming a file not in the template is refused at its field.
        QCOMPARE(tom.post(QStringLiteral("/api/v1/templates"), publish).status, 403);
        QJsonObject stray = publish;
        stray.insert(QStringLiteral("files"), QJsonArray{QStringLiteral("exercise/input.txt")});
        QCOMPARE(tina.post(QStringLiteral("/api/v1/templates"), stray).errorField(), QStringLiteral("spec.sources"));
        // Nor can a request point at a file of the student's home by another spelling (an array of one).
        const QJsonObject reaching{
            {QStringLiteral("kind"), QStringLiteral("run")},
            {QStringLiteral("title"), QStringLiteral("reach")},
            {QStringLiteral("spec"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("run")},
                         {QStringLiteral("system"), QStringLiteral("local")},
                         {QStringLiteral("executable"), QJsonArray{QStringLiteral("exam/solution")}}}},
            {QStringLiteral("files"), QJsonArray{}}};
        QCOMPARE(tina.post(QStringLiteral("/api/v1/templates"), reaching).errorField(),
                 QStringLiteral("spec.executable"));
        const auto published = tina.post(QStringLiteral("/api/v1/templates"), publish);
        QCOMPARE(published.status, 201);
        const qint64 id = published.json.value(QStringLiteral("id")).toInteger();
        QCOMPARE(published.json.value(QStringLiteral("folder")).toString(),
                 QStringLiteral("templates/hello-mpi-world-1"));

        QCOMPARE(tom.get(QStringLiteral("/api/v1/templates")).json.value(u"templates").toArray().size(), 1);
        QCOMPARE(zed.get(QStringLiteral("/api/v1/templates")).json.value(u"templates").toArray().size(), 0);
        QCOMPARE(zed.post(QStringLiteral("/api/v1/templates/%1/copy").arg(id), {}).status, 404);

        const QString copyPath = QStringLiteral("/api/v1/templates/%1/copy").arg(id);
        const auto copied = tom.post(copyPath, {});
        QCOMPARE(copied.status, 200);
        const QJsonObject copiedSpec = copied.json.value(QStringLiteral("spec")).toObject();
        QCOMPARE(copiedSpec.value(u"sources").toArray(),
                 QJsonArray{QStringLiteral("templates/hello-mpi-world-1/hello.c")});
        QCOMPARE(tom.get(QStringLiteral("/api/v1/files/templates/hello-mpi-world-1/hello.c")).body, hello);
        // The author's later edits change nothing until published again; then a copy asks before replacing.
        QCOMPARE(tina.put(QStringLiteral("/api/v1/files/exercise/hello.c"), "/* changed */\n").status, 201);
        QCOMPARE(tom.put(QStringLiteral("/api/v1/files/templates/hello-mpi-world-1/input.txt"), "mine\n").status, 201);
        const auto conflict = tom.post(copyPath, {});
        QCOMPARE(conflict.status, 409);
        QCOMPARE(conflict.errorField(), QStringLiteral("overwrite"));
        QCOMPARE(tom.get(QStringLiteral("/api/v1/files/templates/hello-mpi-world-1/input.txt")).body,
                 QByteArray("mine\n"));
        QCOMPARE(tom.post(copyPath, {{QStringLiteral("overwrite"), true}}).status, 200);
        QCOMPARE(tom.get(QStringLiteral("/api/v1/files/templates/hello-mpi-world-1/hello.c")).body, hello); // version 1
        const auto second
            = tina.call("PUT", QStringLiteral("/api/v1/templates/%1").arg(id), QJsonDocument(publish).toJson());
        QCOMPARE(second.status, 200);
        QCOMPARE(second.json.value(QStringLiteral("version")).toInt(), 2);
        QCOMPARE(tom.get(QStringLiteral("/api/v1/files/templates/hello-mpi-world-1/hello.c")).body, hello);
        QCOMPARE(tom.post(copyPath, {{QStringLiteral("overwrite"), true}}).status, 200);
        QCOMPARE(tom.get(QStringLiteral("/api/v1/files/templates/hello-mpi-world-1/hello.c")).body,
                 QByteArray("/* changed */\n"));
        QCOMPARE(tom.call("DELETE", QStringLiteral("/api/v1/templates/%1").arg(id)).status, 403);
        QCOMPARE(
            tom.call("PUT", QStringLiteral("/api/v1/templates/%1").arg(id), QJsonDocument(publish).toJson()).status,
            403);

        // The copied request runs as the student's job.
        QCOMPARE(tom.post(copyPath, {{QStringLiteral("overwrite"), true}}).status, 200);
        QCOMPARE(tina.put(QStringLiteral("/api/v1/files/exercise/hello.c"), hello).status, 201);
        const auto third
            = tina.call("PUT", QStringLiteral("/api/v1/templates/%1").arg(id), QJsonDocument(publish).toJson());
        QCOMPARE(third.json.value(QStringLiteral("version")).toInt(), 3);
        const auto fresh = tom.post(copyPath, {{QStringLiteral("overwrite"), true}});
        const auto job = tom.post(QStringLiteral("/api/v1/jobs"), fresh.json.value(QStringLiteral("spec")).toObject());
        QCOMPARE(job.status, 201);
        QCOMPARE(tom.waitUntilFinal(job.json.value(QStringLiteral("id")).toInteger()).value(u"status").toString(),
                 QStringLiteral("FINISHED"));
        QCOMPARE(tina.call("DELETE", QStringLiteral("/api/v1/templates/%1").arg(id)).status, 204);
        QCOMPARE(tom.get(QStringLiteral("/api/v1/templates")).json.value(u"templates").toArray().size(), 0);
    }

    void listingFiltersSortsAndPages()
    {
        const auto all
            = m_api->get(QStringLiteral("/api/v1/jobs?limit=500")).json.value(QStringLiteral("jobs")).toArray();
        QVERIFY(all.size() >= 5);
        const auto compiles = m_api->get(QStringLiteral("/api/v1/jobs?type=compile&status=FINISHED"))
                                  .json.value(QStringLiteral("jobs"))
                                  .toArray();
        QVERIFY(!compiles.isEmpty());
        for (const QJsonValue &job : compiles) {
            QCOMPARE(job.toObject().value(QStringLiteral("type")).toString(), QStringLiteral("compile"));
            QCOMPARE(job.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("FINISHED"));
        }
        const auto named
            = m_api->get(QStringLiteral("/api/v1/jobs?q=hello%20world")).json.value(QStringLiteral("jobs")).toArray();
        QCOMPARE(named.size(), 1);

        // Paging with the cursor visits every job exactly once, newest first.
        QList<qint64> seen;
        QString cursor;
        do {
            const auto page = m_api
                                  ->get(QStringLiteral("/api/v1/jobs?limit=2")
                                        + (cursor.isEmpty() ? QString() : QStringLiteral("&cursor=") + cursor))
                                  .json;
            for (const QJsonValue &job : page.value(QStringLiteral("jobs")).toArray())
                seen << job.toObject().value(QStringLiteral("id")).toInteger();
            cursor = page.value(QStringLiteral("nextCursor")).toString();
        } while (!cursor.isEmpty());
        QCOMPARE(seen.size(), all.size());
        QVERIFY(std::is_sorted(seen.rbegin(), seen.rend()));
        QCOMPARE(m_api->get(QStringLiteral("/api/v1/jobs?sort=color")).errorField(), QStringLiteral("sort"));
        QCOMPARE(m_api->get(QStringLiteral("/api/v1/jobs?limit=0")).status, 400);
    }

    void eventsArePushedAndResumable()
    {
        QNetworkAccessManager network;
        QNetworkRequest request(m_api->url(QStringLiteral("/api/v1/events")));
        request.setRawHeader("Authorization", "Bearer " + m_api->token());
        const qint64 lastBefore = m_api->get(QStringLiteral("/api/v1/jobs/%1/history").arg(1))
                                      .json.value(QStringLiteral("history"))
                                      .toArray()
                                      .last()
                                      .toObject()
                                      .value(QStringLiteral("eventId"))
                                      .toInteger();
        request.setRawHeader("Last-Event-ID", QByteArray::number(lastBefore));
        QNetworkReply *stream = network.get(request);
        QByteArray received;
        connect(stream, &QNetworkReply::readyRead, this, [&] { received += stream->readAll(); });

        const auto job = m_api->post(QStringLiteral("/api/v1/jobs"),
                                     test::compileSpec(QStringLiteral("src/hello.c"), QStringLiteral("evented")));
        const qint64 id = job.json.value(QStringLiteral("id")).toInteger();
        QTRY_VERIFY_WITH_TIMEOUT(received.contains("\"status\":\"FINISHED\"")
                                     && received.contains(QByteArray("\"jobId\":" + QByteArray::number(id))),
                                 20000);
        QVERIFY(received.startsWith("retry:"));
        QVERIFY(received.contains("event: job\n"));
        // The replay starts right after the given id: the first event id is lastBefore + 1.
        QVERIFY2(received.contains(QByteArray("id: " + QByteArray::number(lastBefore + 1) + '\n')),
                 received.left(300).constData());
        QVERIFY(!received.contains(QByteArray("id: " + QByteArray::number(lastBefore) + '\n')));
        stream->abort();
    }

    void aJobThatEndsWhileTheGatewayIsDownKeepsItsOutcome()
    {
        test::GatewayProcess gateway;
        QVERIFY(gateway.start({QStringLiteral("--cores"), QStringLiteral("1")}));
        ApiClient api(gateway.baseUrl(), gateway.localToken());
        QCOMPARE(
            api.put(QStringLiteral("/api/v1/files/brief.c"), sourceFile(QStringLiteral("tests/gateway/data/brief.c")))
                .status,
            201);
        const auto compiled = api.post(QStringLiteral("/api/v1/jobs"),
                                       test::compileSpec(QStringLiteral("brief.c"), QStringLiteral("brief")));
        const QString brief = api.waitUntilFinal(compiled.json.value(QStringLiteral("id")).toInteger())
                                  .value(QStringLiteral("directory"))
                                  .toString()
            + QStringLiteral("/brief");
        const QString marker = QStringLiteral("marker-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        const qint64 id = api.post(QStringLiteral("/api/v1/jobs"),
                                   {{QStringLiteral("type"), QStringLiteral("run")},
                                    {QStringLiteral("system"), QStringLiteral("local")},
                                    {QStringLiteral("executable"), brief},
                                    {QStringLiteral("args"), QJsonArray{marker}}})
                              .json.value(QStringLiteral("id"))
                              .toInteger();
        QCOMPARE(api.waitForStatus(id, QStringLiteral("RUNNING")).value(QStringLiteral("status")).toString(),
                 QStringLiteral("RUNNING"));
        QTRY_COMPARE_WITH_TIMEOUT(processesWith(marker).size(), 1, 5000);
        gateway.kill();
        // It ends (exit code 3) while no gateway is there to see it.
        QTRY_VERIFY_WITH_TIMEOUT(processesWith(marker).isEmpty(), 10000);
        QVERIFY(gateway.start({QStringLiteral("--cores"), QStringLiteral("1")}));
        api.setBaseUrl(gateway.baseUrl());
        api.setToken(gateway.localToken());
        const QJsonObject job = api.waitUntilFinal(id);
        QCOMPARE(job.value(QStringLiteral("status")).toString(), QStringLiteral("FAILED"));
        QCOMPARE(job.value(QStringLiteral("condition")).toString(), QStringLiteral("NONZERO_EXIT"));
        QCOMPARE(job.value(QStringLiteral("exitCode")).toInt(), 3);
        QCOMPARE(api.get(QStringLiteral("/api/v1/jobs/%1/output/stdout").arg(id)).json[u"data"].toString(),
                 QStringLiteral("started\n"));
    }

    void killedGatewayAccountsForEveryJobAfterRestart()
    {
        test::GatewayProcess gateway;
        QVERIFY(gateway.start({QStringLiteral("--cores"), QStringLiteral("1")}));
        ApiClient api(gateway.baseUrl(), gateway.localToken());
        const QString home = gateway.dataDir() + QStringLiteral("/homes/") + qEnvironmentVariable("USER");
        QCOMPARE(api.put(QStringLiteral("/api/v1/files/sleeper.c"),
                         sourceFile(QStringLiteral("tests/gateway/data/sleeper.c")))
                     .status,
                 201);
        const auto compiled = api.post(QStringLiteral("/api/v1/jobs"),
                                       test::compileSpec(QStringLiteral("sleeper.c"), QStringLiteral("sleeper")));
        const QString sleeper = api.waitUntilFinal(compiled.json.value(QStringLiteral("id")).toInteger())
                                    .value(QStringLiteral("directory"))
                                    .toString()
            + QStringLiteral("/sleeper");
        const QString marker = QStringLiteral("marker-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QJsonObject runSpec{{QStringLiteral("type"), QStringLiteral("run")},
                                  {QStringLiteral("system"), QStringLiteral("local")},
                                  {QStringLiteral("executable"), sleeper},
                                  {QStringLiteral("args"), QJsonArray{marker}}};
        const qint64 running
            = api.post(QStringLiteral("/api/v1/jobs"), runSpec).json.value(QStringLiteral("id")).toInteger();
        QCOMPARE(api.waitForStatus(running, QStringLiteral("RUNNING")).value(QStringLiteral("status")).toString(),
                 QStringLiteral("RUNNING"));
        // One core: the next job waits in the queue.
        QCOMPARE(
            api.put(QStringLiteral("/api/v1/files/hello.c"), sourceFile(QStringLiteral("tests/gateway/data/hello.c")))
                .status,
            201);
        const qint64 queued = api.post(QStringLiteral("/api/v1/jobs"),
                                       test::compileSpec(QStringLiteral("hello.c"), QStringLiteral("hello")))
                                  .json.value(QStringLiteral("id"))
                                  .toInteger();
        QCOMPARE(api.get(QStringLiteral("/api/v1/jobs/%1").arg(queued)).json.value(QStringLiteral("status")).toString(),
                 QStringLiteral("QUEUED"));
        QTRY_COMPARE_WITH_TIMEOUT(processesWith(marker).size(), 2, 5000);

        const QString runningDirectory
            = home + u'/' + api.get(QStringLiteral("/api/v1/jobs/%1").arg(running)).json[u"directory"].toString();
        gateway.kill();
        // The job outlives its gateway: a gateway started again finds the same process and follows it, also when
        // its user removed job.sh meanwhile.
        QCOMPARE(processesWith(marker).size(), 2);
        QVERIFY(QFile::remove(runningDirectory + QStringLiteral("/job.sh")));
        QVERIFY(gateway.start({QStringLiteral("--cores"), QStringLiteral("1")}));
        api.setBaseUrl(gateway.baseUrl()); // a new port
        api.setToken(gateway.localToken());
        const QJsonObject adopted = api.get(QStringLiteral("/api/v1/jobs/%1").arg(running)).json;
        QCOMPARE(adopted.value(QStringLiteral("status")).toString(), QStringLiteral("RUNNING"));
        const QJsonArray history = api.get(QStringLiteral("/api/v1/jobs/%1/history").arg(running))
                                       .json.value(QStringLiteral("history"))
                                       .toArray();
        QCOMPARE(history.last().toObject().value(QStringLiteral("message")).toString(),
                 QStringLiteral("Followed again after the gateway restarted."));
        QCOMPARE(processesWith(marker).size(), 2);
        // Its output went on; cancel reaches its whole process group; the queued job waited for its core.
        QCOMPARE(api.get(QStringLiteral("/api/v1/jobs/%1/output/stdout").arg(running)).json[u"data"].toString(),
                 QStringLiteral("ready\n"));
        QCOMPARE(api.get(QStringLiteral("/api/v1/jobs/%1").arg(queued)).json[u"status"].toString(),
                 QStringLiteral("QUEUED"));
        QCOMPARE(api.post(QStringLiteral("/api/v1/jobs/%1/cancel").arg(running), {}).status, 202);
        QCOMPARE(api.waitUntilFinal(running).value(QStringLiteral("status")).toString(), QStringLiteral("CANCELLED"));
        QTRY_VERIFY_WITH_TIMEOUT(processesWith(marker).isEmpty(), 10000);
        QCOMPARE(api.waitUntilFinal(queued).value(QStringLiteral("status")).toString(), QStringLiteral("FINISHED"));
        QVERIFY(QFile::exists(
            home + u'/'
            + api.get(QStringLiteral("/api/v1/jobs/%1").arg(queued)).json.value(QStringLiteral("directory")).toString()
            + QStringLiteral("/hello")));
        gateway.stop();

        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(gateway.dataDir() + QStringLiteral("/tandem.db"));
            QVERIFY(db.open());
            QSqlQuery check(QStringLiteral("PRAGMA integrity_check"), db);
            QVERIFY(check.next());
            QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
            QSqlQuery unfinished(
                QStringLiteral("SELECT COUNT(*) FROM jobs WHERE status NOT IN ('FINISHED', 'FAILED', 'CANCELLED')"),
                db);
            QVERIFY(unfinished.next());
            QCOMPARE(unfinished.value(0).toInt(), 0);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }
};

QTEST_GUILESS_MAIN(TestGatewayJobs)
#include "TestGatewayJobs.moc"
