#include "gateway/LocalExecutor.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace tandem::gateway;

Q_DECLARE_METATYPE(tandem::gateway::ExecutionResult)

class TestLocalExecutor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    int m_next = 0;

    // A job directory holding a job.sh with `body`.
    ExecutionRequest job(const QByteArray &body, int cores = 1, const QString &queue = QStringLiteral("normal"),
                         int timeLimit = 60)
    {
        const qint64 id = ++m_next;
        const QString dir = m_root.filePath(QStringLiteral("job-%1").arg(id));
        QDir().mkpath(dir);
        QFile script(dir + QStringLiteral("/job.sh"));
        script.open(QIODevice::WriteOnly);
        script.write("#!/bin/bash\n" + body + '\n');
        ExecutionRequest request;
        request.jobId = id;
        request.directory = dir;
        request.scriptName = QStringLiteral("job.sh");
        request.queue = queue;
        request.cores = cores;
        request.timeLimitSeconds = timeLimit;
        return request;
    }

    static LocalExecutorLimits limits(int cores, QStringList hidden = {})
    {
        LocalExecutorLimits limits;
        limits.cores = cores;
        limits.hiddenPaths = std::move(hidden);
        return limits;
    }

    static QString runner() { return qEnvironmentVariable("TANDEM_JOB_RUNNER"); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<ExecutionResult>();
        QVERIFY(QFile::exists(runner()));
    }

    void timeLimitEndsTheJob()
    {
        LocalExecutor executor(runner(), limits(1));
        QSignalSpy finished(&executor, &Executor::jobFinished);
        QElapsedTimer clock;
        clock.start();
        executor.submit(job("sleep 120", 1, QStringLiteral("normal"), 1));
        QVERIFY(finished.wait(15000));
        const auto result = finished.first().at(1).value<ExecutionResult>();
        QCOMPARE(result.condition, Condition::Timeout);
        QVERIFY2(clock.elapsed() < 8000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(executor.freeSlots(), 1);
    }

    void queuesAreFifoAndJobsHoldTheirCores()
    {
        LocalExecutor executor(runner(), limits(2));
        QList<qint64> started;
        connect(&executor, &Executor::jobStarted, this, [&](qint64 id) { started << id; });
        QSignalSpy finished(&executor, &Executor::jobFinished);

        const auto a = job("sleep 1", 1);
        const auto b = job("true", 2);
        const auto c = job("true", 1);
        const auto d = job("true", 1, QStringLiteral("development"));
        for (const auto &request : {a, b, c, d})
            executor.submit(request);
        // a holds one core; b needs both and waits; c must not overtake b in the same queue; d's queue is free.
        QCOMPARE(started, QList<qint64>({a.jobId, d.jobId}));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 4, 15000);
        QCOMPARE(started, QList<qint64>({a.jobId, d.jobId, b.jobId, c.jobId}));
        QCOMPARE(executor.freeSlots(), 2);
    }

    void reportsExitCodeAndResourceUse()
    {
        LocalExecutor executor(runner(), limits(1));
        QSignalSpy finished(&executor, &Executor::jobFinished);
        // 60 MB touched and some CPU spent by a child of the job's shell: both must be counted.
        executor.submit(job("python3 -c 'x = bytearray(60_000_000); sum(range(3_000_000))'; exit 3"));
        QVERIFY(finished.wait(15000));
        const auto result = finished.first().at(1).value<ExecutionResult>();
        QCOMPARE(result.condition, Condition::NonzeroExit);
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.maxRssKb > 55000, qPrintable(QString::number(result.maxRssKb)));
        QVERIFY2(result.cpuMs > 20, qPrintable(QString::number(result.cpuMs)));
    }

    void cancelWhileQueuedNeverStarts()
    {
        LocalExecutor executor(runner(), limits(1));
        QSignalSpy started(&executor, &Executor::jobStarted);
        QSignalSpy finished(&executor, &Executor::jobFinished);
        const auto running = job("sleep 30");
        const auto waiting = job("true");
        executor.submit(running);
        executor.submit(waiting);
        QVERIFY(executor.cancel(waiting.jobId));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).value<ExecutionResult>().condition, Condition::CancelledByUser);
        QVERIFY(executor.cancel(running.jobId));
        QVERIFY(finished.wait(10000));
        QCOMPARE(started.size(), 1);
        QVERIFY(!executor.cancel(running.jobId)); // already ended
    }

    void sandboxShowsOnlyTheJobDirectory()
    {
        QTemporaryDir secrets;
        QFile secret(secrets.filePath(QStringLiteral("secret.txt")));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("top secret");
        secret.close();

        LocalExecutor executor(runner(), limits(1, {secrets.path()}));
        QVERIFY2(executor.sandboxed(), qPrintable(executor.isolation()));
        QSignalSpy finished(&executor, &Executor::jobFinished);
        const auto request = job(QByteArray("cat ") + secret.fileName().toUtf8()
                                 + " > read.txt 2>&1; "
                                   "touch "
                                 + QDir::homePath().toUtf8()
                                 + "/escaped 2> home.txt; echo ok > inside.txt; "
                                   "echo $$ > pid.txt");
        executor.submit(request);
        QVERIFY(finished.wait(15000));
        const auto read = [&](const char *name) {
            QFile file(request.directory + u'/' + QLatin1StringView(name));
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        QVERIFY(!read("read.txt").contains("top secret"));
        QVERIFY(read("home.txt").contains("Read-only file system"));
        QVERIFY(!QFile::exists(QDir::homePath() + QStringLiteral("/escaped")));
        QCOMPARE(read("inside.txt"), QByteArray("ok\n"));
        // Its own PID namespace: the job's shell is a low PID there.
        QVERIFY(read("pid.txt").trimmed().toInt() < 10);
    }

    void jobsSeeNothingOfTheGatewayAndNoNetworkUnlessAllowed()
    {
        // The gateway's data directory, a secret in its environment, its OS user's home and a TCP service on
        // loopback: a job must find none of them.
        QTemporaryDir data;
        QFile token(data.filePath(QStringLiteral("local-token")));
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write("the-admin-token");
        token.close();
        qputenv("TANDEM_GATEWAY_SECRET", "s3cr3t-of-the-gateway");
        QTcpServer service;
        QVERIFY(service.listen(QHostAddress::LocalHost, 0));
        const QByteArray port = QByteArray::number(service.serverPort());

        LocalExecutor executor(runner(), limits(1, {data.path()}));
        QVERIFY2(executor.sandboxed(), qPrintable(executor.isolation()));
        QSignalSpy finished(&executor, &Executor::jobFinished);
        const QByteArray probe = "env > env.txt; ls -A " + data.path().toUtf8() + " > data.txt 2>&1; cat "
            + token.fileName().toUtf8() + " > token.txt 2>&1; ls -A /run/user > run.txt 2>&1; ls -A "
            + QDir::homePath().toUtf8() + " > home.txt 2>&1; ls -A /home > homes.txt 2>&1; "
            + "(echo > /dev/tcp/127.0.0.1/" + port + ") 2> net.txt && echo CONNECTED >> net.txt; "
            + "mpirun --version > /dev/null 2>&1; true";
        auto closed = job(probe);
        executor.submit(closed);
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.first().at(1).value<ExecutionResult>().condition, Condition::NormalCompletion);
        const auto read = [](const ExecutionRequest &request, const char *name) {
            QFile file(request.directory + u'/' + QLatin1StringView(name));
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(missing)");
        };
        const QByteArray env = read(closed, "env.txt");
        QVERIFY2(env.contains("PATH="), env.constData());
        QVERIFY2(!env.contains("s3cr3t-of-the-gateway") && !env.contains("TANDEM_GATEWAY_SECRET"), env.constData());
        QVERIFY2(!env.contains("DBUS_SESSION_BUS_ADDRESS") && !env.contains("XDG_RUNTIME_DIR"), env.constData());
        QVERIFY2(read(closed, "data.txt").trimmed().isEmpty(), read(closed, "data.txt").constData());
        QVERIFY2(!read(closed, "token.txt").contains("the-admin-token"), read(closed, "token.txt").constData());
        QVERIFY2(read(closed, "run.txt").trimmed().isEmpty() || read(closed, "run.txt").contains("No such file"),
                 read(closed, "run.txt").constData());
        QVERIFY2(read(closed, "home.txt").trimmed().isEmpty(), read(closed, "home.txt").constData());
        // /home holds at most the (empty, read-only) mount point of the gateway's own OS home.
        QVERIFY2(read(closed, "homes.txt").trimmed().isEmpty()
                     || QDir::homePath().startsWith(QStringLiteral("/home/")
                                                    + QString::fromUtf8(read(closed, "homes.txt").trimmed())),
                 read(closed, "homes.txt").constData());
        QVERIFY2(!read(closed, "net.txt").contains("CONNECTED"), read(closed, "net.txt").constData());
        QVERIFY(!service.hasPendingConnections());

        // A system that allows the network: the same connection goes through.
        finished.clear();
        auto open = job("(echo > /dev/tcp/127.0.0.1/" + port + ") 2> net.txt && echo CONNECTED >> net.txt");
        open.network = true;
        executor.submit(open);
        QVERIFY(finished.wait(15000));
        QVERIFY2(read(open, "net.txt").contains("CONNECTED"), read(open, "net.txt").constData());
        qunsetenv("TANDEM_GATEWAY_SECRET");
    }
};

QTEST_GUILESS_MAIN(TestLocalExecutor)
#include "TestLocalExecutor.moc"
