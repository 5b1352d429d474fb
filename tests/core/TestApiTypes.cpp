// The API's types against their schemas in openapi.json: each value written by toJson() validates (valijson), reads
// back equal through fromJson(), and a missing or mistyped field is reported by its name.
#include "api/ErrorCode.h"
#include "api/HttpStatus.h"
#include "api/Job.h"
#include "api/JobSpec.h"
#include "api/Page.h"
#include "api/Session.h"
#include "api/System.h"
#include "api/User.h"
#include "support/OpenApiContract.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace tandem;
using namespace Qt::StringLiterals;

namespace {

const QDateTime At = QDateTime(QDate(2026, 12, 2), QTime(9, 30, 15, 250), QTimeZone::UTC);

api::JobSpec compileSpec()
{
    api::JobSpec spec;
    spec.type = api::JobSpec::Type::Compile;
    spec.system = u"local"_s;
    spec.name = u"compile heat"_s;
    spec.preset = u"mpi-c"_s;
    spec.flags = {u"-O2"_s, u"-Wall"_s};
    spec.sources = {u"src/heat.c"_s, u"src/grid.c"_s};
    spec.extraFiles = {u"src/grid.h"_s};
    spec.output = u"heat"_s;
    spec.modules = {u"openmpi"_s};
    return spec;
}

api::JobSpec runSpec()
{
    api::JobSpec spec;
    spec.type = api::JobSpec::Type::Run;
    spec.system = u"local"_s;
    spec.mode = api::JobSpec::Mode::Quick;
    spec.queue = u"debug"_s;
    spec.nodes = 1;
    spec.cores = 4;
    spec.maxMinutes = 5;
    spec.executable = u"jobs/2026-12-02/compile-local-7/heat"_s;
    spec.launcher = u"mpirun"_s;
    spec.args = {u"--steps"_s, u"100"_s, u"a b"_s};
    spec.inputFiles = {u"data/grid.txt"_s};
    return spec;
}

api::Job finishedJob()
{
    api::Job job;
    job.id = 7;
    job.name = u"compile heat"_s;
    job.type = api::JobSpec::Type::Compile;
    job.system = u"local"_s;
    job.queue = u"debug"_s;
    job.cores = 1;
    job.status = api::JobStatus::Finished;
    job.condition = api::Condition::NormalCompletion;
    job.directory = u"jobs/2026-12-02/compile-local-7"_s;
    job.exitCode = 0;
    job.submittedAt = At;
    job.startedAt = At.addMSecs(120);
    job.endedAt = At.addSecs(2);
    job.runtimeMs = 1880;
    job.maxRssKb = 20480;
    job.cpuMs = 1700;
    job.owner = u"ada"_s;
    job.output = u"heat"_s;
    job.spec = compileSpec().toJson();
    job.command = {u"mpicc"_s, u"-O2"_s, u"heat.c"_s, u"-o"_s, u"heat"_s};
    job.commandLine = job.command.join(u' ');
    return job;
}

api::JobSummary queuedJob()
{
    api::JobSummary job;
    job.id = 8;
    job.name = u"run heat"_s;
    job.type = api::JobSpec::Type::Run;
    job.system = u"local"_s;
    job.queue = u"debug"_s;
    job.cores = 4;
    job.status = api::JobStatus::Queued;
    job.directory = u"jobs/2026-12-02/run-local-8"_s;
    job.submittedAt = At;
    job.owner = u"ada"_s;
    return job;
}

api::System system()
{
    api::System system;
    system.id = u"local"_s;
    system.name = u"This computer"_s;
    system.queues = {{u"debug"_s, 1, 4, 30, true}, {u"long"_s, 2, 8, 600, false}};
    system.compilePresets = {{u"serial-c"_s, u"Serial C"_s, {u"gcc"_s}}, {u"mpi-c"_s, u"MPI C"_s, {u"mpicc"_s}}};
    system.launchers = {{u"direct"_s, {}}, {u"mpirun"_s, {u"mpirun"_s, u"-np"_s, u"{cores}"_s}}};
    system.modules = {u"openmpi"_s};
    system.environment = {{u"OMPI_MCA_btl"_s, u"self,vader"_s}};
    system.network = false;
    system.available = true;
    system.isolation = u"bubblewrap"_s;
    return system;
}

api::Session readySession()
{
    api::Session session;
    session.id = 3;
    session.owner = u"ada"_s;
    session.state = api::Session::State::Ready;
    session.message = u"Accepting connections."_s;
    session.createdAt = At;
    session.host = u"127.0.0.1"_s;
    session.port = 40222;
    session.userName = u"ada"_s;
    session.hostKeyFingerprint = u"SHA256:3q2+7w"_s;
    session.group = u"class-a"_s;
    session.ageSeconds = 42;
    session.connections = 1;
    session.idleSeconds = 0;
    session.expiresAt = At.addSecs(8 * 3600);
    session.idleTimeoutSeconds = 3600;
    return session;
}

// The value written validates against its schema and reads back equal.
template<typename T> void roundTrip(const QString &schema, const T &value)
{
    const QJsonObject json = value.toJson();
    const QString problems = test::OpenApiContract::instance().checkSchema(schema, json);
    QVERIFY2(problems.isEmpty(), qPrintable(problems + u"\n"_s + QString::fromUtf8(QJsonDocument(json).toJson())));
    const Result<T> back = T::fromJson(json);
    QVERIFY2(back, back ? "" : qPrintable(back.error().field + u": "_s + back.error().message));
    QVERIFY(*back == value);
}

template<typename T> Error parseError(const QJsonObject &json)
{
    const Result<T> parsed = T::fromJson(json);
    if (parsed)
        return Error::internal(u"parsed, though it should not have"_s);
    return parsed.error();
}

} // namespace

class TestApiTypes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(test::OpenApiContract::instance().isLoaded()); }

    void everyTypeRoundTripsThroughItsSchema()
    {
        roundTrip(u"JobSpec"_s, compileSpec());
        roundTrip(u"JobSpec"_s, runSpec());
        api::JobSpec argv = compileSpec();
        argv.argv = QStringList{u"gcc"_s, u"-fopenmp"_s};
        argv.preset.clear();
        roundTrip(u"JobSpec"_s, argv);
        roundTrip(u"Job"_s, finishedJob());
        roundTrip(u"JobSummary"_s, queuedJob());
        roundTrip(u"JobPreview"_s, api::JobPreview{{u"gcc"_s, u"a.c"_s}, u"gcc a.c"_s, u"debug"_s, 2, 1, 600, {}, 0});
        roundTrip(u"JobPreview"_s, api::JobPreview{{u"./a"_s}, u"./a"_s, u"debug"_s, 1, 1, 600, 5, 2}); // an array
        roundTrip(u"HistoryEntry"_s, api::HistoryEntry{11, api::JobStatus::Running, {}, u"Running."_s, At});
        roundTrip(u"HistoryEntry"_s, api::HistoryEntry{12, {}, api::HistoryEntry::Removal::Expired, u"Expired."_s, At});
        api::JobEvent event;
        event.eventId = 13;
        event.jobId = 8;
        event.status = api::JobStatus::Cancelled;
        event.message = u"Cancelled by ada."_s;
        event.at = At;
        roundTrip(u"JobEvent"_s, event);
        roundTrip(u"System"_s, system());
        roundTrip(u"Queue"_s, api::Queue{u"debug"_s, 1, 4, 30, true});
        roundTrip(u"Session"_s, readySession());
        api::Session starting;
        starting.id = 4;
        starting.owner = u"bob"_s;
        starting.message = u"Starting."_s;
        starting.createdAt = At;
        starting.group = u"class-a"_s;
        roundTrip(u"Session"_s, starting);
        roundTrip(u"User"_s,
                  api::User{5, u"ada"_s, api::User::Role::Instructor, u"class-a"_s, {u"default"_s, u"instructor"_s}});
        roundTrip(u"Token"_s, api::Token{u"abc.def"_s, At});
    }

    void pagesRoundTripThroughTheirSchema()
    {
        api::Page<api::JobSummary> page{{queuedJob(), finishedJob()}, u"c2"_s};
        const QJsonObject json = page.toJson("jobs"_L1);
        const QString problems = test::OpenApiContract::instance().checkSchema(u"JobPage"_s, json);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        auto back = api::Page<api::JobSummary>::fromJson(json, "jobs"_L1);
        QVERIFY(back);
        QCOMPARE(back->items.size(), 2);
        QCOMPARE(back->nextCursor, u"c2"_s);
        QVERIFY(back->items[0] == queuedJob());
        // The last page has a null cursor.
        page.nextCursor.clear();
        QVERIFY(page.toJson("jobs"_L1)[u"nextCursor"].isNull());
        QVERIFY(test::OpenApiContract::instance().checkSchema(u"JobPage"_s, page.toJson("jobs"_L1)).isEmpty());
    }

    void everyEnumNameIsTheDocumentsOwn()
    {
        const QJsonObject schemas = test::OpenApiContract::instance().document()[u"components"][u"schemas"].toObject();
        QStringList conditions;
        for (api::Condition condition : api::allConditions())
            conditions << api::conditionName(condition);
        QStringList documented;
        for (const QJsonValue &value : schemas[u"Condition"][u"enum"].toArray()) {
            if (!value.isNull())
                documented << value.toString();
        }
        QCOMPARE(conditions, documented);
        QStringList states;
        for (api::Session::State state : api::allSessionStates())
            states << api::sessionStateName(state);
        QStringList documentedStates;
        for (const QJsonValue &value : schemas[u"Session"][u"properties"][u"state"][u"enum"].toArray())
            documentedStates << value.toString();
        QCOMPARE(states, documentedStates);
    }

    void aMissingOrMistypedFieldIsNamed()
    {
        QJsonObject job = finishedJob().toJson();
        job.remove(u"owner"_s);
        Error error = parseError<api::Job>(job);
        QCOMPARE(error.field, u"owner"_s);
        QCOMPARE(error.code, u"required"_s);

        job = finishedJob().toJson();
        job.insert(u"cores"_s, u"four"_s);
        error = parseError<api::Job>(job);
        QCOMPARE(error.field, u"cores"_s);
        QCOMPARE(error.code, u"invalid_type"_s);

        job = finishedJob().toJson();
        job.insert(u"status"_s, u"SLEEPING"_s);
        QCOMPARE(parseError<api::Job>(job).field, u"status"_s);

        // Nested: the index of the queue and its field.
        QJsonObject sys = system().toJson();
        QJsonArray queues = sys[u"queues"].toArray();
        QJsonObject second = queues[1].toObject();
        second.insert(u"maxNodes"_s, 1.5);
        queues[1] = second;
        sys.insert(u"queues"_s, queues);
        error = parseError<api::System>(sys);
        QCOMPARE(error.field, u"queues[1].maxNodes"_s);
        QCOMPARE(error.code, u"invalid_type"_s);

        QJsonObject session = readySession().toJson();
        session.insert(u"createdAt"_s, u"yesterday"_s);
        QCOMPARE(parseError<api::Session>(session).field, u"createdAt"_s);
    }

    void aJobSpecIsRefusedByItsShape_data()
    {
        QTest::addColumn<QJsonObject>("spec");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("code");
        const QJsonObject compile = compileSpec().toJson();
        const QJsonObject run = runSpec().toJson();
        const auto with = [](QJsonObject object, const QString &key, const QJsonValue &value) {
            object.insert(key, value);
            return object;
        };
        QTest::newRow("no type") << with(compile, u"type"_s, u"build"_s) << u"type"_s << u"invalid_value"_s;
        QTest::newRow("flags as a shell string")
            << with(compile, u"flags"_s, u"-O2 -Wall"_s) << u"flags"_s << u"shell_string"_s;
        QTest::newRow("a command line") << with(run, u"command"_s, u"./heat; rm -rf ~"_s) << u"command"_s
                                        << u"shell_string"_s;
        QTest::newRow("a compile field in a run")
            << with(run, u"sources"_s, QJsonArray{u"a.c"_s}) << u"sources"_s << u"unknown_field"_s;
        QTest::newRow("a flag that is no option")
            << with(compile, u"flags"_s, QJsonArray{u"-O2"_s, u"x;y"_s}) << u"flags"_s << u"invalid_flag"_s;
        QTest::newRow("half a core") << with(run, u"cores"_s, 1.5) << u"cores"_s << u"invalid_type"_s;
        QTest::newRow("an unknown mode") << with(run, u"mode"_s, u"later"_s) << u"mode"_s << u"invalid_value"_s;
        QTest::newRow("a queue that is a number") << with(run, u"queue"_s, 3) << u"queue"_s << u"invalid_type"_s;
        QJsonArray many;
        for (int i = 0; i < 65; ++i)
            many.append(u"src/%1.c"_s.arg(i));
        QTest::newRow("too many sources") << with(compile, u"sources"_s, many) << u"sources"_s << u"too_many"_s;
        QTest::newRow("two executables") << with(run, u"executable"_s, QJsonArray{u"a"_s, u"b"_s}) << u"executable"_s
                                         << u"too_many"_s;
        QTest::newRow("an argument with a NUL")
            << with(run, u"args"_s, QJsonArray{u"a\0b"_s}) << u"args"_s << u"invalid_value"_s;
    }

    void aJobSpecIsRefusedByItsShape()
    {
        QFETCH(QJsonObject, spec);
        QFETCH(QString, field);
        QFETCH(QString, code);
        const Error error = parseError<api::JobSpec>(spec);
        QCOMPARE(error.field, field);
        QCOMPARE(error.code, code);
        QCOMPARE(error.kind, Error::Kind::BadRequest);
        QVERIFY(!error.message.isEmpty());
    }

    void aRunExecutableMayBeAnArrayOfOne()
    {
        QJsonObject run = runSpec().toJson();
        run.insert(u"executable"_s, QJsonArray{u"bin/heat"_s});
        auto spec = api::JobSpec::fromJson(run);
        QVERIFY(spec);
        QCOMPARE(spec->executable, u"bin/heat"_s);
    }

    void everyErrorCodeHasOneNameAndAStatus()
    {
        QSet<QString> names;
        for (api::ErrorCode code : api::allErrorCodes()) {
            const QString name = api::errorCodeName(code);
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
            QCOMPARE(api::errorCodeFromString(name), code);
            const Error error = Error::make(code, u"message"_s);
            QCOMPARE(error.code, name);
            QVERIFY(error.is(code));
            QCOMPARE(api::errorKind(api::httpStatus(error.kind)), error.kind);
        }
        QVERIFY(!api::errorCodeFromString(u"no_such_code"));
        QCOMPARE(Error::make(api::ErrorCode::SessionLimit, {}).kind, Error::Kind::TooMany);
        QCOMPARE(api::httpStatus(Error::make(api::ErrorCode::QuotaExceeded, {}).kind), 413);
    }
};

QTEST_GUILESS_MAIN(TestApiTypes)
#include "TestApiTypes.moc"
