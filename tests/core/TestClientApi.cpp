// The desktop's request classes against a real gateway in this process: each call finishes with the typed value the
// gateway answered, or with its error's code, kind and field; nothing here builds a URL or reads a JSON key.
#include "client/EventStreamClient.h"
#include "client/GatewayApi.h"
#include "client/GatewayConnection.h"
#include "client/SessionController.h"
#include "support/InProcessGateway.h"
#include "support/SshKeyFile.h"

#include <QEventLoop>
#include <QSignalSpy>
#include <QTimer>
#include <QtTest>

using namespace tandem;
using namespace Qt::StringLiterals;

namespace {

// Runs one call to its end (or 60 s) and gives its result.
template<typename T, typename Call> Result<T> finish(Call call)
{
    std::optional<Result<T>> result;
    QEventLoop loop;
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    call([&](Result<T> answered) {
        result = std::move(answered);
        loop.quit();
    });
    if (!result)
        loop.exec();
    if (!result)
        return std::unexpected(Error::internal(u"no answer within 60 s"_s));
    return *std::move(result);
}

#define VERIFY_OK(result)                                                                                              \
    QVERIFY2(result, (result) ? "" : qPrintable((result).error().code + u": "_s + (result).error().message))

} // namespace

class TestClientApi : public QObject
{
    Q_OBJECT

private:
    test::InProcessGateway m_gateway;
    std::unique_ptr<JobsApi> m_jobs;
    std::unique_ptr<FilesApi> m_files;

    api::JobSpec compileHello()
    {
        api::JobSpec spec;
        spec.type = api::JobSpec::Type::Compile;
        spec.system = u"local"_s;
        spec.preset = u"serial-c"_s;
        spec.flags = {u"-O2"_s};
        spec.sources = {u"src/hello.c"_s};
        spec.output = u"hello"_s;
        spec.mode = api::JobSpec::Mode::Quick;
        return spec;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_gateway.start(), qPrintable(m_gateway.errorString()));
        m_jobs = std::make_unique<JobsApi>(m_gateway.connection());
        m_files = std::make_unique<FilesApi>(m_gateway.connection());
        auto written = finish<api::FileEntry>([&](auto done) {
            m_files->write(u"src/hello.c"_s, "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n",
                           this, done);
        });
        VERIFY_OK(written);
        QCOMPARE(written->name, u"hello.c"_s);
        QCOMPARE(written->type, api::FileEntry::Type::File);
    }

    void signInIsTyped()
    {
        GatewayConnection anonymous(m_gateway.connection().baseUrl());
        AuthApi auth(anonymous);
        auto refused = finish<api::Token>([&](auto done) { auth.signIn(u"ada"_s, u"wrong"_s, this, done); });
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, u"invalid_credentials"_s);
        QCOMPARE(refused.error().kind, Error::Kind::Unauthorized);

        auto token = finish<api::Token>([&](auto done) {
            auth.signIn(u"ada"_s, QString::fromLatin1(test::InProcessGateway::Password), this, done);
        });
        VERIFY_OK(token);
        QVERIFY(!token->token.isEmpty());
        QVERIFY(token->expiresAt > QDateTime::currentDateTimeUtc());
        anonymous.setToken(token->token.toUtf8());
        auto me = finish<api::User>([&](auto done) { auth.me(this, done); });
        VERIFY_OK(me);
        QCOMPARE(me->name, u"ada"_s);
        QCOMPARE(me->role, api::User::Role::User);
        QVERIFY(me->hasView(u"default"));
        auto out = finish<void>([&](auto done) { auth.signOut(this, done); });
        VERIFY_OK(out);
        auto after = finish<api::User>([&](auto done) { auth.me(this, done); });
        QVERIFY(!after);
        QCOMPARE(after.error().kind, Error::Kind::Unauthorized);
    }

    void systemsAreTyped()
    {
        SystemsApi systems(m_gateway.connection());
        auto list = finish<QList<api::System>>([&](auto done) { systems.list(this, done); });
        VERIFY_OK(list);
        QVERIFY(!list->isEmpty());
        const api::System &local = list->first();
        QCOMPARE(local.id, u"local"_s);
        QCOMPARE(local.scheduler, api::System::Scheduler::Local);
        QVERIFY(local.defaultQueue());
        QVERIFY(std::any_of(local.compilePresets.cbegin(), local.compilePresets.cend(),
                            [](const api::CompilePreset &preset) { return preset.id == u"serial-c"; }));
    }

    void filesAreTypedAndErrorsNameTheirField()
    {
        auto listing = finish<api::FileListing>([&](auto done) { m_files->list(u"src"_s, this, done); });
        VERIFY_OK(listing);
        QCOMPARE(listing->entries.size(), 1);
        QCOMPARE(listing->entries[0].name, u"hello.c"_s);
        QVERIFY(listing->entries[0].size > 20);
        auto content = finish<QByteArray>([&](auto done) { m_files->read(u"src/hello.c"_s, this, done); });
        VERIFY_OK(content);
        QVERIFY(content->contains("puts"));
        auto outside = finish<api::FileEntry>([&](auto done) { m_files->write(u"../escape.txt"_s, "x", this, done); });
        QVERIFY(!outside);
        QVERIFY2(outside.error().kind == Error::Kind::BadRequest, qPrintable(outside.error().message));
        QCOMPARE(outside.error().field, u"path"_s);
        auto missing = finish<api::FileListing>([&](auto done) { m_files->list(u"nothing-here"_s, this, done); });
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, Error::Kind::NotFound);
    }

    void aJobFromSpecToArchive()
    {
        // Refused by its shape: the field comes back.
        api::JobSpec bad = compileHello();
        bad.flags = {u"-O2; rm -rf ~"_s};
        auto refused = finish<api::JobPreview>([&](auto done) { m_jobs->preview(bad, this, done); });
        QVERIFY(!refused);
        QCOMPARE(refused.error().field, u"flags"_s);
        QCOMPARE(refused.error().code, u"invalid_flag"_s);

        auto preview = finish<api::JobPreview>([&](auto done) { m_jobs->preview(compileHello(), this, done); });
        VERIFY_OK(preview);
        QCOMPARE(preview->command.first(), u"gcc"_s);
        QVERIFY(preview->commandLine.endsWith(u"hello.c -o hello"_s));

        // Quick: the answer is the ended job.
        auto compiled = finish<api::Job>([&](auto done) { m_jobs->submit(compileHello(), this, done); });
        VERIFY_OK(compiled);
        QCOMPARE(compiled->status, api::JobStatus::Finished);
        QCOMPARE(compiled->condition, api::Condition::NormalCompletion);
        QCOMPARE(compiled->output, u"hello"_s);
        QCOMPARE(compiled->exitCode, 0);

        api::JobSpec run;
        run.type = api::JobSpec::Type::Run;
        run.system = u"local"_s;
        run.mode = api::JobSpec::Mode::Quick;
        run.executable = compiled->directory + u"/hello"_s;
        auto ran = finish<api::Job>([&](auto done) { m_jobs->submit(run, this, done); });
        VERIFY_OK(ran);
        QCOMPARE(ran->status, api::JobStatus::Finished);
        QCOMPARE(ran->type, api::JobSpec::Type::Run);

        auto out = finish<api::OutputChunk>(
            [&](auto done) { m_jobs->output(ran->id, JobsApi::Stream::Stdout, 0, this, done); });
        VERIFY_OK(out);
        QCOMPARE(out->data, u"hello\n"_s);
        QVERIFY(out->complete);
        QCOMPARE(out->nextOffset, 6);

        auto history = finish<QList<api::HistoryEntry>>([&](auto done) { m_jobs->history(ran->id, this, done); });
        VERIFY_OK(history);
        QVERIFY(history->size() >= 3);
        QCOMPARE(history->last().status, api::JobStatus::Finished);

        auto files = finish<QList<api::FileEntry>>([&](auto done) { m_jobs->files(compiled->id, this, done); });
        VERIFY_OK(files);
        QVERIFY(
            std::any_of(files->cbegin(), files->cend(), [](const api::FileEntry &e) { return e.name == u"hello"; }));
        auto source = finish<QByteArray>([&](auto done) { m_jobs->file(compiled->id, u"hello.c"_s, this, done); });
        VERIFY_OK(source);
        QVERIFY(source->contains("puts"));
        auto archive = finish<QByteArray>([&](auto done) { m_jobs->archive(compiled->id, this, done); });
        VERIFY_OK(archive);
        QVERIFY(archive->startsWith("\x1f\x8b")); // gzip

        // Lists: by type, and by pages.
        JobQuery compiles;
        compiles.type = api::JobSpec::Type::Compile;
        auto page = finish<api::Page<api::JobSummary>>([&](auto done) { m_jobs->list(compiles, this, done); });
        VERIFY_OK(page);
        QCOMPARE(page->items.size(), 1);
        QCOMPARE(page->items[0].id, compiled->id);
        JobQuery one;
        one.limit = 1;
        auto first = finish<api::Page<api::JobSummary>>([&](auto done) { m_jobs->list(one, this, done); });
        VERIFY_OK(first);
        QCOMPARE(first->items.size(), 1);
        QCOMPARE(first->items[0].id, ran->id); // newest first
        QVERIFY(!first->nextCursor.isEmpty());
        one.cursor = first->nextCursor;
        auto second = finish<api::Page<api::JobSummary>>([&](auto done) { m_jobs->list(one, this, done); });
        VERIFY_OK(second);
        QCOMPARE(second->items.size(), 1);
        QCOMPARE(second->items[0].id, compiled->id);

        // An ended job cannot be cancelled; it can be submitted again, and deleted.
        auto cancel = finish<api::Job>([&](auto done) { m_jobs->cancel(ran->id, this, done); });
        QVERIFY(!cancel);
        QCOMPARE(cancel.error().code, u"job_final"_s);
        QCOMPARE(cancel.error().kind, Error::Kind::Conflict);
        auto again = finish<api::Job>([&](auto done) { m_jobs->resubmit(ran->id, this, done); });
        VERIFY_OK(again);
        QVERIFY(again->id > ran->id);
        QCOMPARE(again->spec, ran->spec);
        auto removed = finish<void>([&](auto done) { m_jobs->remove(compiled->id, this, done); });
        VERIFY_OK(removed);
        auto gone = finish<api::Job>([&](auto done) { m_jobs->get(compiled->id, this, done); });
        QVERIFY(!gone);
        QVERIFY(gone.error().kind == Error::Kind::NotFound || gone.error().kind == Error::Kind::Gone);
    }

    void sessionsAreTyped()
    {
        SessionsApi sessions(m_gateway.connection());
        auto refused = finish<api::Session>([&](auto done) { sessions.start("not a key", this, done); });
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, u"invalid_key"_s);
        auto list = finish<QList<api::Session>>([&](auto done) { sessions.list(this, done); });
        VERIFY_OK(list);
        QVERIFY(list->isEmpty());
        auto stopped = finish<QList<api::Session>>([&](auto done) { sessions.stopMany({}, true, this, done); });
        VERIFY_OK(stopped);
        QVERIFY(stopped->isEmpty());
        auto missing = finish<api::Session>([&](auto done) { sessions.get(424242, this, done); });
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, Error::Kind::NotFound);
    }

    void aSessionIsFollowedFromStartToEnd()
    {
        test::SshKeyFile key;
        QVERIFY(key.isValid());
        EventStreamClient events(&m_gateway.connection());
        SessionController sessions(m_gateway.connection());
        connect(&events, &EventStreamClient::sessionEvent, &sessions, &SessionController::onSessionEvent);
        events.start();
        QTRY_VERIFY_WITH_TIMEOUT(events.isConnected(), 10000);

        QSignalSpy failed(&sessions, &SessionController::startFailed);
        sessions.start("not a key");
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().first().toString().contains(u"OpenSSH"_s));

        QSignalSpy ready(&sessions, &SessionController::ready);
        QSignalSpy ended(&sessions, &SessionController::ended);
        sessions.start(key.publicLine().toUtf8());
        QVERIFY(ready.wait(30000));
        const auto session = ready.first().first().value<api::Session>();
        QVERIFY(session.id > 0);
        QCOMPARE(sessions.sessionId(), session.id);
        QVERIFY(session.port.value_or(0) > 0);
        QVERIFY(session.hostKeyFingerprint.startsWith(u"SHA256:"_s));

        // After a restart of the desktop: the running session is found, and takes a new key.
        SessionController again(m_gateway.connection());
        QSignalSpy found(&again, &SessionController::runningFound);
        again.findRunning(u"ada"_s);
        QVERIFY(found.wait(10000));
        QCOMPARE(found.first().first().toLongLong(), session.id);
        QSignalSpy rekeyed(&again, &SessionController::ready);
        again.rekey(session.id, test::SshKeyFile().publicLine().toUtf8());
        QVERIFY(rekeyed.wait(10000));
        QSignalSpy refused(&again, &SessionController::rekeyFailed);
        again.rekey(424242, key.publicLine().toUtf8());
        QVERIFY(refused.wait(10000));
        QCOMPARE(refused.first().first().toLongLong(), 424242);

        // Stopped: STOPPING is the answer, the end comes as a pushed event with its reason.
        QSignalSpy stopping(&sessions, &SessionController::stopping);
        sessions.stop();
        QVERIFY(stopping.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 20000);
        QVERIFY(!ended.first().first().toString().isEmpty());
    }

    void aCallEndsWithItsContext()
    {
        SystemsApi systems(m_gateway.connection());
        bool called = false;
        auto *context = new QObject;
        systems.list(context, [&](Result<QList<api::System>>) { called = true; });
        delete context;
        // Another call on the same connection finishes after the first would have.
        auto later = finish<QList<api::System>>([&](auto done) { systems.list(this, done); });
        VERIFY_OK(later);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestClientApi)
#include "TestClientApi.moc"
