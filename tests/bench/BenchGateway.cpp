// Gateway benchmarks, printed as a table; they never fail on a figure.
//   submit→RUNNING latency on the local executor (client clock: POST sent → RUNNING event received on the stream)
//   GET /api/v1/jobs/{id} and GET /api/v1/jobs?limit=50 per second at 1, 16 and 64 connections, 100 000 jobs stored
//   (wrk) submissions per second (wrk POSTing run jobs)
//   file downloads: MB/s for a 100 MB file (whole and as a Range), small files per second, the gateway's peak memory;
//   side by side with the gateway binary named by TANDEM_BASELINE_GATEWAY (an earlier build), run back to back
#include "gateway/Accounts.h"
#include "gateway/Store.h"
#include "support/ApiClient.h"
#include "support/GatewayProcess.h"
#include "support/JobSpecs.h"
#include "support/ProcessMemory.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTimer>
#include <QtTest>

#include <algorithm>
#include <cstdio>

using namespace tandem;

namespace {

constexpr int StoredJobs = 100000;

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[qMin(values.size() - 1, qsizetype(p * double(values.size() - 1) + 0.5))];
}

struct WrkResult
{
    double requestsPerSecond = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    QString non2xx;
};

double toMs(const QString &value, const QString &unit)
{
    const double v = value.toDouble();
    return unit == u"us" ? v / 1000 : unit == u"s" ? v * 1000 : v;
}

WrkResult wrk(const QUrl &url, const QByteArray &token, int connections, const QString &script = {})
{
    QStringList args{QStringLiteral("-t%1").arg(qMin(connections, 2)),
                     QStringLiteral("-c%1").arg(connections),
                     QStringLiteral("-d4s"),
                     QStringLiteral("--latency"),
                     QStringLiteral("-H"),
                     QStringLiteral("Authorization: Bearer ") + QString::fromLatin1(token)};
    if (!script.isEmpty())
        args << QStringLiteral("-s") << script;
    args << url.toString();
    QProcess process;
    process.start(QStringLiteral("wrk"), args);
    process.waitForFinished(60000);
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    WrkResult result;
    result.requestsPerSecond
        = QRegularExpression(QStringLiteral("Requests/sec:\\s+([0-9.]+)")).match(out).captured(1).toDouble();
    const auto p50 = QRegularExpression(QStringLiteral("\\s50%\\s+([0-9.]+)(us|ms|s)")).match(out);
    const auto p99 = QRegularExpression(QStringLiteral("\\s99%\\s+([0-9.]+)(us|ms|s)")).match(out);
    result.p50Ms = toMs(p50.captured(1), p50.captured(2));
    result.p99Ms = toMs(p99.captured(1), p99.captured(2));
    result.non2xx = QRegularExpression(QStringLiteral("Non-2xx or 3xx responses: (\\d+)")).match(out).captured(1);
    if (result.requestsPerSecond == 0)
        fprintf(stderr, "wrk said:\n%s\n%s\n", qPrintable(out), process.readAllStandardError().constData());
    return result;
}

} // namespace

class BenchGateway : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void fileDownloads()
    {
        struct Figures
        {
            double wholeMBs = 0, rangeMBs = 0, smallPerSecond = 0;
            qint64 peakKb = 0;
        };
        const auto measure = [](const QString &binary) -> Figures {
            test::GatewayProcess gateway;
            gateway.setProgram(binary);
            if (!gateway.start())
                return {};
            test::ApiClient api(gateway.baseUrl(), gateway.localToken());
            api.setContractChecks(false);
            const QByteArray big(100 * 1024 * 1024, 'x');
            if (api.call("PUT", QStringLiteral("/api/v1/files/big.bin"), big, "application/octet-stream", 120000).status
                != 201)
                return {};
            const QByteArray small(4096, 's');
            for (int i = 0; i < 200; ++i)
                api.put(QStringLiteral("/api/v1/files/small/f%1.txt").arg(i), small);
            QNetworkAccessManager network;
            const auto download = [&](const QByteArray &range) {
                QNetworkRequest request(api.url(QStringLiteral("/api/v1/files/big.bin")));
                request.setRawHeader("Authorization", "Bearer " + api.token());
                if (!range.isEmpty())
                    request.setRawHeader("Range", range);
                QElapsedTimer clock;
                clock.start();
                QNetworkReply *reply = network.get(request);
                QEventLoop loop;
                QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
                loop.exec();
                const qint64 bytes = reply->readAll().size();
                reply->deleteLater();
                return bytes == big.size() ? bytes / (1024.0 * 1024.0) / (clock.nsecsElapsed() / 1e9) : 0.0;
            };
            Figures figures;
            QList<double> whole, ranged, smallRates;
            for (int round = 0; round < 5; ++round) {
                whole << download({});
                ranged << download("bytes=0-");
                QElapsedTimer clock;
                clock.start();
                int ok = 0;
                for (int i = 0; i < 200; ++i)
                    ok += api.get(QStringLiteral("/api/v1/files/small/f%1.txt").arg(i)).body == small;
                smallRates << ok / (clock.nsecsElapsed() / 1e9);
            }
            figures.wholeMBs = percentile(whole, 0.5);
            figures.rangeMBs = percentile(ranged, 0.5);
            figures.smallPerSecond = percentile(smallRates, 0.5);
            figures.peakKb = test::statusKb(gateway.pid(), "VmHWM");
            return figures;
        };
        const QString baseline = qEnvironmentVariable("TANDEM_BASELINE_GATEWAY");
        QList<std::pair<QString, Figures>> rows;
        if (!baseline.isEmpty() && QFile::exists(baseline))
            rows.append({QStringLiteral("before (%1)").arg(baseline.section(u'/', -2, -2)), measure(baseline)});
        rows.append({QStringLiteral("this build"), measure(QStringLiteral(TANDEM_GATEWAY_BINARY))});
        printf("\nFile downloads (GET /api/v1/files, loopback, median of 5; 2-core machine)\n");
        printf("%-24s %14s %14s %16s %14s\n", "gateway", "100 MB MB/s", "Range MB/s", "4 KB files/s", "peak RSS MB");
        for (const auto &[name, f] : rows)
            printf("%-24s %14.0f %14.0f %16.0f %14.1f\n", qPrintable(name), f.wholeMBs, f.rangeMBs, f.smallPerSecond,
                   f.peakKb / 1024.0);
        fflush(stdout);
        QVERIFY(rows.last().second.wholeMBs > 0);
    }

    void requestRates()
    {
        // What every request pays for the connection guard (its llhttp pass over the head) and the rest of the
        // gateway's checks: small GETs and 256 KB uploads per second, this build beside the baseline build.
        struct Row
        {
            QString binary;
            WrkResult me1, me16, upload;
            qint64 peakRssKb = 0;
        };
        QList<Row> rows;
        const QString baseline = qEnvironmentVariable("TANDEM_BASELINE_GATEWAY");
        QStringList binaries{QStringLiteral(TANDEM_GATEWAY_BINARY)};
        if (!baseline.isEmpty())
            binaries << baseline;
        QTemporaryDir scripts;
        QFile put(scripts.filePath(QStringLiteral("put.lua")));
        QVERIFY(put.open(QIODevice::WriteOnly));
        put.write("wrk.method = \"PUT\"\nwrk.body = string.rep(\"x\", 262144)\n");
        put.close();
        for (const QString &binary : std::as_const(binaries)) {
            test::GatewayProcess gateway;
            gateway.setProgram(binary);
            QVERIFY(gateway.start());
            test::ApiClient api(gateway.baseUrl(), gateway.localToken());
            QCOMPARE(api.get(QStringLiteral("/api/v1/me")).status, 200);
            Row row;
            row.binary = binary == baseline ? QStringLiteral("baseline") : QStringLiteral("this build");
            row.me1 = wrk(api.url(QStringLiteral("/api/v1/me")), api.token(), 1);
            row.me16 = wrk(api.url(QStringLiteral("/api/v1/me")), api.token(), 16);
            row.upload = wrk(api.url(QStringLiteral("/api/v1/files/bench.bin")), api.token(), 4, put.fileName());
            row.peakRssKb = test::statusKb(gateway.pid(), "VmHWM");
            rows << row;
        }
        printf("\n%-12s %16s %16s %18s %12s\n", "gateway", "GET /me c=1 r/s", "GET /me c=16 r/s", "PUT 256 KB c=4 r/s",
               "peak RSS MB");
        for (const Row &row : std::as_const(rows)) {
            printf("%-12s %16.0f %16.0f %18.0f %12.1f\n", qPrintable(row.binary), row.me1.requestsPerSecond,
                   row.me16.requestsPerSecond, row.upload.requestsPerSecond, row.peakRssKb / 1024.0);
        }
        fflush(stdout);
        QVERIFY(rows.first().me16.requestsPerSecond > 0);
    }

    void benchmark()
    {
        QTemporaryDir data;
        const QString user = qEnvironmentVariable("USER");
        // Seed 100 000 finished jobs straight into the store, as a busy year of a class would leave them.
        QElapsedTimer seeding;
        seeding.start();
        {
            gateway::Store store;
            QVERIFY(store.open(data.filePath(QStringLiteral("tandem.db"))));
            gateway::Accounts accounts(store);
            auto owner = accounts.addUser(user, gateway::User::Role::Admin, {}, {});
            QVERIFY(owner);
            store.transaction();
            QSqlQuery insert(store.database());
            insert.prepare(QStringLiteral(
                "INSERT INTO jobs (user_id, name, type, system, queue, cores, status, condition, spec, command, "
                "directory, exit_code, submitted_at, started_at, ended_at, runtime_ms) "
                "VALUES (?, ?, ?, 'local', 'normal', 1, 'FINISHED', 'NORMAL_COMPLETION', ?, ?, ?, 0, ?, ?, ?, 1200)"));
            const QString spec = QStringLiteral(
                R"({"type":"compile","system":"local","preset":"serial-c","sources":["src/hello.c"],"output":"hello"})");
            const QString command = QStringLiteral(R"(["gcc","hello.c","-o","hello"])");
            for (int i = 1; i <= StoredJobs; ++i) {
                const QString at = QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::UTC)
                                       .addSecs(i * 60)
                                       .toString(Qt::ISODateWithMs);
                insert.addBindValue(owner->id);
                insert.addBindValue(QStringLiteral("job %1").arg(i));
                insert.addBindValue(i % 2 ? QStringLiteral("compile") : QStringLiteral("run"));
                insert.addBindValue(spec);
                insert.addBindValue(command);
                insert.addBindValue(QStringLiteral("jobs/2026-01-01/compile-local-%1").arg(i));
                insert.addBindValue(at);
                insert.addBindValue(at);
                insert.addBindValue(at);
                QVERIFY(insert.exec());
            }
            QVERIFY(store.commit());
        }
        const double seedSeconds = seeding.elapsed() / 1000.0;

        test::GatewayProcess gateway(data.path());
        QVERIFY(gateway.start({QStringLiteral("--cores"), QStringLiteral("2")}));
        test::ApiClient api(gateway.baseUrl(), gateway.localToken());
        QCOMPARE(api.get(QStringLiteral("/api/v1/jobs/%1").arg(StoredJobs / 2)).status, 200);

        // A tiny program to run.
        QVERIFY(api.put(QStringLiteral("/api/v1/files/true.c"), "int main(void) { return 0; }\n").status == 201);
        const auto compiled = api.post(QStringLiteral("/api/v1/jobs"),
                                       test::compileSpec(QStringLiteral("true.c"), QStringLiteral("true")));
        const QString executable = api.waitUntilFinal(compiled.json.value(QStringLiteral("id")).toInteger())
                                       .value(QStringLiteral("directory"))
                                       .toString()
            + QStringLiteral("/true");
        const QJsonObject runSpec{{QStringLiteral("type"), QStringLiteral("run")},
                                  {QStringLiteral("system"), QStringLiteral("local")},
                                  {QStringLiteral("executable"), executable}};

        api.setContractChecks(false); // from here on requests are timed; the functional tests check the contract
        // Submit → RUNNING, one job at a time, measured from this side of the socket with pushed events.
        QNetworkAccessManager network;
        QNetworkRequest streamRequest(api.url(QStringLiteral("/api/v1/events")));
        streamRequest.setRawHeader("Authorization", "Bearer " + api.token());
        QNetworkReply *stream = network.get(streamRequest);
        QByteArray events;
        connect(stream, &QNetworkReply::readyRead, this, [&] { events += stream->readAll(); });
        QTRY_VERIFY(events.startsWith("retry:"));
        QList<double> latencies;
        for (int i = 0; i < 100; ++i) {
            QElapsedTimer clock;
            clock.start();
            const qint64 id
                = api.post(QStringLiteral("/api/v1/jobs"), runSpec).json.value(QStringLiteral("id")).toInteger();
            const QByteArray running = "\"jobId\":" + QByteArray::number(id) + ",\"message\":\"Running.\"";
            // Wake on every chunk of the stream (QTRY's 50 ms polling would quantise the figure).
            QDeadlineTimer deadline(10000);
            while (!events.contains(running) && !deadline.hasExpired()) {
                QEventLoop loop;
                connect(stream, &QNetworkReply::readyRead, &loop, &QEventLoop::quit);
                QTimer::singleShot(100, &loop, &QEventLoop::quit);
                loop.exec();
            }
            QVERIFY(events.contains(running));
            latencies << clock.nsecsElapsed() / 1e6;
            api.waitUntilFinal(id);
        }
        stream->abort();

        const QUrl one = api.url(QStringLiteral("/api/v1/jobs/%1").arg(StoredJobs / 2));
        const QUrl page = api.url(QStringLiteral("/api/v1/jobs?limit=50"));
        QList<std::tuple<QString, int, WrkResult>> reads;
        for (int connections : {1, 16, 64}) {
            reads.append({QStringLiteral("GET /api/v1/jobs/{id}"), connections, wrk(one, api.token(), connections)});
            reads.append(
                {QStringLiteral("GET /api/v1/jobs?limit=50"), connections, wrk(page, api.token(), connections)});
        }

        // First visits: 200 different pages, none of them built before (each row's JSON is made, then kept).
        QList<double> firstVisits;
        for (int i = 0; i < 200; ++i) {
            const QByteArray cursor = QByteArray::number(1000 + i * 50).toBase64(QByteArray::Base64UrlEncoding);
            QElapsedTimer clock;
            clock.start();
            QCOMPARE(api.get(QStringLiteral("/api/v1/jobs?limit=50&cursor=") + QString::fromLatin1(cursor)).status,
                     200);
            firstVisits << clock.nsecsElapsed() / 1e6;
        }

        QTemporaryDir scripts;
        QFile post(scripts.filePath(QStringLiteral("post.lua")));
        QVERIFY(post.open(QIODevice::WriteOnly));
        post.write("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = '"
                   + QJsonDocument(runSpec).toJson(QJsonDocument::Compact) + "'\n");
        post.close();
        const WrkResult submissions = wrk(api.url(QStringLiteral("/api/v1/jobs")), api.token(), 16, post.fileName());

        printf("\nTandem gateway benchmark (%d jobs in the store, seeded in %.1f s; 2-core machine)\n", StoredJobs,
               seedSeconds);
        printf("%-34s %12s %10s %10s %10s\n", "measure", "connections", "req/s", "p50 ms", "p99 ms");
        printf("%-34s %12s %10s %10.1f %10.1f   target p50 < 50 ms\n", "submit -> RUNNING (100 jobs)", "1", "-",
               percentile(latencies, 0.5), percentile(latencies, 0.99));
        for (const auto &[name, connections, result] : std::as_const(reads)) {
            printf("%-34s %12d %10.0f %10.2f %10.2f%s\n", qPrintable(name), connections, result.requestsPerSecond,
                   result.p50Ms, result.p99Ms,
                   result.non2xx.isEmpty() ? "" : qPrintable(QStringLiteral("   non-2xx: ") + result.non2xx));
        }
        printf("%-34s %12d %10s %10.2f %10.2f   (200 pages never listed before)\n", "GET /api/v1/jobs?limit=50 first",
               1, "-", percentile(firstVisits, 0.5), percentile(firstVisits, 0.99));
        printf("%-34s %12d %10.0f %10.2f %10.2f   target >= 500/s%s\n", "POST /api/v1/jobs (run)", 16,
               submissions.requestsPerSecond, submissions.p50Ms, submissions.p99Ms,
               submissions.non2xx.isEmpty() ? "" : qPrintable(QStringLiteral("   non-2xx: ") + submissions.non2xx));
        printf("targets: >= 5000 GET/s\n\n");
        fflush(stdout);
        QVERIFY(!latencies.isEmpty());
        QVERIFY(std::get<2>(reads.first()).requestsPerSecond > 0);
    }
};

QTEST_GUILESS_MAIN(BenchGateway)
#include "BenchGateway.moc"
