// Slurm benchmarks against a real one-node Slurm (started by the harness, unprivileged) and a real gateway, printed
// as a table; they never fail on a figure.
//   submit → accepted: bare `sbatch --parsable` against POST /api/v1/jobs until the "Submitted to … as job N" event
//     arrives on the event stream (the gateway's staging, script and sbatch included), p50/p95
//   job started → RUNNING on the stream: the job prints the wall clock as its first act; the RUNNING event's arrival
//     on this side of the socket is compared with it (the gateway polls squeue once a second)
//   1 000 submissions in a burst: all accepted, all finished, none twice, and the squeue calls the gateway made per
//     second meanwhile (one per system per interval, whatever the number of jobs)
#include "support/ApiClient.h"
#include "support/GatewayProcess.h"
#include "support/JobSpecs.h"
#include "support/SlurmCluster.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <algorithm>
#include <cstdio>

using namespace tandem;

namespace {

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size())))];
}

qint64 nowNs()
{
    return QDateTime::currentDateTimeUtc().toMSecsSinceEpoch() * 1000000LL;
}

} // namespace

class BenchSlurm : public QObject
{
    Q_OBJECT

    test::SlurmCluster m_cluster;
    QTemporaryDir m_configDir;
    test::GatewayProcess m_gateway;
    std::unique_ptr<test::ApiClient> m_api;
    QNetworkAccessManager m_network;
    QNetworkReply *m_stream = nullptr;
    QByteArray m_events;
    // Arrival times (ns since the epoch) of the events seen, by the text that identifies them.
    QHash<QByteArray, qint64> m_arrivals;

    QJsonObject runSpec(const QString &executable, const QString &launcher, const QJsonArray &args = {})
    {
        return {{QStringLiteral("type"), QStringLiteral("run")},
                {QStringLiteral("system"), QStringLiteral("cluster")},
                {QStringLiteral("executable"), executable},
                {QStringLiteral("launcher"), launcher},
                {QStringLiteral("args"), args}};
    }

    // Waits (waking on every chunk of the stream) until `needle` has arrived; its arrival time, or 0.
    qint64 waitForEvent(const QByteArray &needle, int timeoutMs = 60000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!m_arrivals.contains(needle) && !deadline.hasExpired()) {
            if (m_events.contains(needle)) {
                m_arrivals.insert(needle, nowNs());
                break;
            }
            QEventLoop loop;
            connect(m_stream, &QNetworkReply::readyRead, &loop, &QEventLoop::quit);
            QTimer::singleShot(100, &loop, &QEventLoop::quit);
            loop.exec();
        }
        return m_arrivals.value(needle);
    }

    qint64 schedulerQueries()
    {
        static const QRegularExpression line(QStringLiteral("tandem_scheduler_queries_total\\{[^}]*\\} (\\d+)"));
        const auto match = line.match(QString::fromUtf8(m_api->get(QStringLiteral("/metrics")).body));
        return match.hasMatch() ? match.captured(1).toLongLong() : -1;
    }

private Q_SLOTS:
    void slurm()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_cluster.start(), qPrintable(m_cluster.error()));
        QJsonObject system = m_cluster.system(QStringLiteral("cluster"));
        QJsonObject slurm = system[u"slurm"].toObject();
        slurm[u"pollMilliseconds"] = 1000; // what an operator gets by default
        system[u"slurm"] = slurm;
        const QString config = m_configDir.filePath(QStringLiteral("gateway.json"));
        // A class's worth of jobs at once: no per-user cap on waiting jobs for this run.
        QVERIFY(
            test::SlurmCluster::writeGatewayConfig(config, {system}, {{QStringLiteral("maxQueuedJobsPerUser"), 0}}));
        QVERIFY(m_gateway.start({QStringLiteral("--config"), config}));
        m_api = std::make_unique<test::ApiClient>(m_gateway.baseUrl(), m_gateway.localToken());
        QTRY_VERIFY_WITH_TIMEOUT(m_api->system(QStringLiteral("cluster"))[u"available"].toBool(), 10000);

        QVERIFY(m_api->put(QStringLiteral("/api/v1/files/true.c"), "int main(void) { return 0; }\n").status == 201);
        QJsonObject compile = test::compileSpec(QStringLiteral("true.c"), QStringLiteral("true"));
        compile[u"system"] = QStringLiteral("cluster");
        const QJsonObject compiled = m_api->waitUntilFinal(
            m_api->post(QStringLiteral("/api/v1/jobs"), compile).json[u"id"].toInteger(), 60000);
        QCOMPARE(compiled[u"status"].toString(), QStringLiteral("FINISHED"));
        const QString program = compiled[u"directory"].toString() + QStringLiteral("/true");
        QVERIFY(m_api->put(QStringLiteral("/api/v1/files/clock.sh"), "date +%s%N\nsleep 1\n").status == 201);

        m_api->setContractChecks(false);
        QNetworkRequest streamRequest(m_api->url(QStringLiteral("/api/v1/events")));
        streamRequest.setRawHeader("Authorization", "Bearer " + m_api->token());
        m_stream = m_network.get(streamRequest);
        connect(m_stream, &QNetworkReply::readyRead, this, [this] { m_events += m_stream->readAll(); });
        QTRY_VERIFY(m_events.startsWith("retry:"));

        // 1. Submit → accepted by Slurm, bare and through the gateway, alternating.
        constexpr int Rounds = 30;
        QList<double> bare, gateway;
        for (int i = 0; i < Rounds; ++i) {
            QElapsedTimer clock;
            clock.start();
            int exitCode = -1;
            m_cluster.run(QStringLiteral("sbatch"),
                          {QStringLiteral("--parsable"), QStringLiteral("--wrap"), QStringLiteral("true")}, &exitCode);
            QCOMPARE(exitCode, 0);
            bare << clock.nsecsElapsed() / 1e6;

            clock.start();
            const qint64 id = m_api->post(QStringLiteral("/api/v1/jobs"), runSpec(program, QStringLiteral("direct")))
                                  .json[u"id"]
                                  .toInteger();
            const QByteArray accepted = "\"jobId\":" + QByteArray::number(id) + ",\"message\":\"Submitted to";
            QVERIFY(waitForEvent(accepted) > 0);
            gateway << clock.nsecsElapsed() / 1e6;
        }

        // 2. Started → RUNNING seen here.
        QList<double> running;
        QList<qint64> clockJobs;
        for (int i = 0; i < 20; ++i) {
            const qint64 id = m_api
                                  ->post(QStringLiteral("/api/v1/jobs"),
                                         runSpec(QStringLiteral("clock.sh"), QStringLiteral("bash")))
                                  .json[u"id"]
                                  .toInteger();
            const QByteArray started = "\"jobId\":" + QByteArray::number(id) + ",\"message\":\"Running.\"";
            const qint64 seen = waitForEvent(started);
            QVERIFY(seen > 0);
            QVERIFY(m_api->waitUntilFinal(id, 60000)[u"status"].toString() == u"FINISHED");
            const qint64 began = m_api->get(QStringLiteral("/api/v1/jobs/%1/output/stdout").arg(id))
                                     .json[u"data"]
                                     .toString()
                                     .trimmed()
                                     .toLongLong();
            QVERIFY(began > 0);
            running << (seen - began) / 1e6;
        }

        // 3. A burst of 1 000.
        constexpr int Burst = 1000;
        const qint64 queriesBefore = schedulerQueries();
        QElapsedTimer burst;
        burst.start();
        QList<qint64> ids;
        int accepted = 0;
        for (int i = 0; i < Burst; ++i) {
            const auto submitted
                = m_api->post(QStringLiteral("/api/v1/jobs"), runSpec(program, QStringLiteral("direct")));
            if (submitted.status == 201 || submitted.status == 200)
                ++accepted;
            ids << submitted.json[u"id"].toInteger();
        }
        const double submitSeconds = burst.nsecsElapsed() / 1e9;
        int finished = 0;
        for (const qint64 id : std::as_const(ids)) {
            if (m_api->waitUntilFinal(id, 600000)[u"status"].toString() == u"FINISHED")
                ++finished;
        }
        const double allSeconds = burst.nsecsElapsed() / 1e9;
        const qint64 queries = schedulerQueries() - queriesBefore;
        QHash<QString, int> tags;
        const QJsonObject listing
            = QJsonDocument::fromJson(
                  m_cluster.run(QStringLiteral("squeue"), {QStringLiteral("--json"), QStringLiteral("--states=all")}))
                  .object();
        for (const QJsonValue &job : listing[u"jobs"].toArray())
            ++tags[job[u"comment"].toString()];
        int twice = 0, missing = 0;
        for (const qint64 id : std::as_const(ids)) {
            int count = 0;
            for (auto it = tags.cbegin(); it != tags.cend(); ++it) {
                if (it.key().endsWith(u':' + QString::number(id)))
                    count += it.value();
            }
            twice += count > 1;
            missing += count == 0;
        }
        m_stream->abort();

        printf(
            "\nTandem on Slurm (one node, 8 CPUs claimed on a 2-core machine; the gateway polls squeue every 1 s)\n");
        printf("%-46s %10s %10s\n", "measure", "p50 ms", "p95 ms");
        printf("%-46s %10.1f %10.1f\n", "bare sbatch --parsable (30)", percentile(bare, 0.5), percentile(bare, 0.95));
        printf("%-46s %10.1f %10.1f   target: gateway adds < 50 ms\n", "gateway POST -> Submitted event (30)",
               percentile(gateway, 0.5), percentile(gateway, 0.95));
        printf("%-46s %10.1f %10.1f\n", "  added by the gateway (p50 difference)",
               percentile(gateway, 0.5) - percentile(bare, 0.5), percentile(gateway, 0.95) - percentile(bare, 0.95));
        printf("%-46s %10.1f %10.1f   target < 2000 ms\n", "job started -> RUNNING event here (20)",
               percentile(running, 0.5), percentile(running, 0.95));
        printf("\nburst of %d: accepted %d, finished %d, submitted twice %d, never submitted %d\n", Burst, accepted,
               finished, twice, missing);
        printf("  submitting took %.1f s (%.0f jobs/s), all finished after %.1f s\n", submitSeconds,
               Burst / submitSeconds, allSeconds);
        printf("  squeue calls meanwhile: %lld in %.1f s = %.2f per second (one system; per-job polling at 1 s would "
               "have made up to %d per second)\n",
               qlonglong(queries), allSeconds, queries / allSeconds, Burst);
        QCOMPARE(accepted, Burst);
        QCOMPARE(twice, 0);
        QCOMPARE(missing, 0);
        m_gateway.stop();
        m_cluster.stop();
    }
};

QTEST_GUILESS_MAIN(BenchSlurm)
#include "BenchSlurm.moc"
