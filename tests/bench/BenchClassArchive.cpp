// Class archive benchmark: a class of 30 students × 20 jobs, packed as the desktop packs it (each job's folder
// under its owner's), opened offline in the Job History with no gateway; then the same filters timed on it and on a
// history holding the same 600 jobs as the live gateway gives them. Printed as a table; never fails on a figure.
#include "client/EventStreamClient.h"
#include "client/GatewayConnection.h"
#include "client/OfflineCache.h"
#include "history/JobFilterProxyModel.h"
#include "history/JobHistoryModel.h"
#include "history/JobHistoryTab.h"
#include "support/GatewayProcess.h"

#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include <cstdio>

using namespace tandem;

namespace {

constexpr int Students = 30;
constexpr int JobsEach = 20;

QJsonObject job(int student, int n)
{
    const int id = student * JobsEach + n + 1;
    const QString at
        = QDateTime(QDate(2026, 11, 2), QTime(9, 0), QTimeZone::UTC).addSecs(id * 61).toString(Qt::ISODateWithMs);
    const bool compile = n % 2 == 0;
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"),
             compile ? QStringLiteral("compile heat%1").arg(n) : QStringLiteral("run heat%1").arg(n)},
            {QStringLiteral("type"), compile ? QStringLiteral("compile") : QStringLiteral("run")},
            {QStringLiteral("system"), QStringLiteral("local")},
            {QStringLiteral("queue"), QStringLiteral("normal")},
            {QStringLiteral("cores"), 2},
            {QStringLiteral("status"), n % 5 == 4 ? QStringLiteral("FAILED") : QStringLiteral("FINISHED")},
            {QStringLiteral("condition"), QJsonValue()},
            {QStringLiteral("directory"), QStringLiteral("jobs/job-%1").arg(id)},
            {QStringLiteral("exitCode"), n % 5 == 4 ? 1 : 0},
            {QStringLiteral("submittedAt"), at},
            {QStringLiteral("startedAt"), at},
            {QStringLiteral("endedAt"), at},
            {QStringLiteral("runtimeMs"), 1200 + n},
            {QStringLiteral("maxRssKb"), 4096},
            {QStringLiteral("cpuMs"), 900},
            {QStringLiteral("owner"), QStringLiteral("student%1").arg(student, 2, 10, QLatin1Char('0'))},
            {QStringLiteral("group"), QStringLiteral("c1")},
            {QStringLiteral("output"), compile ? QStringLiteral("heat") : QString()},
            {QStringLiteral("spec"),
             QJsonObject{{QStringLiteral("type"), compile ? QStringLiteral("compile") : QStringLiteral("run")}}},
            {QStringLiteral("command"), QJsonArray{QStringLiteral("gcc"), QStringLiteral("heat.c")}},
            {QStringLiteral("commandLine"), QStringLiteral("gcc heat.c -o heat")}};
}

// The archive as JobArchiveWriter makes it: <owner>/<job folder>/{job.json, outputs, source}.
QString makeArchive(const QTemporaryDir &dir)
{
    const QString root = dir.filePath(QStringLiteral("class"));
    const QByteArray source = QByteArray("#include <stdio.h>\nint main(void) { return 0; }\n").repeated(20);
    const QByteArray output = QByteArray("step 1: residual 1.0e-3\n").repeated(80);
    for (int student = 0; student < Students; ++student) {
        for (int n = 0; n < JobsEach; ++n) {
            QJsonObject record = job(student, n);
            const QString folder = QStringLiteral("%1/%2/job-%3")
                                       .arg(root, record.value(u"owner").toString())
                                       .arg(record.value(u"id").toInteger());
            QDir().mkpath(folder);
            record.insert(QStringLiteral("history"),
                          QJsonArray{QJsonObject{{QStringLiteral("status"), QStringLiteral("QUEUED")},
                                                 {QStringLiteral("message"), QString()},
                                                 {QStringLiteral("at"), record.value(u"submittedAt")}},
                                     QJsonObject{{QStringLiteral("status"), record.value(u"status")},
                                                 {QStringLiteral("message"), QString()},
                                                 {QStringLiteral("at"), record.value(u"endedAt")}}});
            const std::pair<QString, QByteArray> files[]
                = {{QStringLiteral("job.json"), QJsonDocument(record).toJson()},
                   {QStringLiteral("stdout.txt"), output},
                   {QStringLiteral("stderr.txt"), "heat.c:3:5: warning: unused variable 'x'\n"},
                   {QStringLiteral("heat.c"), source}};
            for (const auto &[name, content] : files) {
                QFile file(folder + u'/' + name);
                if (file.open(QIODevice::WriteOnly))
                    file.write(content);
            }
        }
    }
    const QString archive = dir.filePath(QStringLiteral("class.tar.gz"));
    QProcess::execute(QStringLiteral("tar"),
                      {QStringLiteral("-czf"), archive, QStringLiteral("-C"), root, QStringLiteral(".")});
    return archive;
}

// One filter change on the table, in ms.
double timeFilter(const std::function<void()> &change)
{
    QElapsedTimer clock;
    clock.start();
    change();
    return clock.nsecsElapsed() / 1e6;
}

} // namespace

class BenchClassArchive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void benchmark()
    {
        QTemporaryDir dir;
        const QString archive = makeArchive(dir);
        QVERIFY(QFile::exists(archive));

        // Offline: a gateway that is not there, an empty cache of its own.
        GatewayConnection connection(
            QUrl(QStringLiteral("http://127.0.0.1:%1").arg(test::GatewayProcess::unusedLoopbackPort())));
        EventStreamClient events(&connection);
        OfflineCache cache;
        QVERIFY(cache.openFile(dir.filePath(QStringLiteral("cache.sqlite"))));
        JobHistoryTab history(&connection, &events, &cache);
        history.resize(1024, 700);
        history.show();
        history.setOffline(true);
        QSignalSpy imported(&history, &JobHistoryTab::archivesImported);
        QElapsedTimer clock;
        clock.start();
        history.importArchives({archive});
        QVERIFY(imported.wait(60000));
        const double openMs = clock.nsecsElapsed() / 1e6;
        QCOMPARE(imported.first().first().toInt(), Students * JobsEach);
        QTest::qWait(0);

        // The same jobs, as the live history gets them from the gateway's pages.
        JobHistoryModel live;
        JobFilterProxyModel liveProxy;
        liveProxy.setSourceModel(&live);
        QList<QJsonObject> rows;
        for (int student = 0; student < Students; ++student)
            for (int n = 0; n < JobsEach; ++n)
                rows << job(student, n);
        clock.restart();
        live.upsert(rows);
        const double liveLoadMs = clock.nsecsElapsed() / 1e6;

        JobFilterProxyModel *opened = history.proxy();
        const double ownerOpened = timeFilter([&] {
            history.ownerFilter()->setCurrentIndex(history.ownerFilter()->findData(QStringLiteral("student07")));
        });
        QCOMPARE(opened->rowCount(), JobsEach);
        const double ownerLive = timeFilter([&] { liveProxy.setOwner(QStringLiteral("student07")); });
        QCOMPARE(liveProxy.rowCount(), JobsEach);
        const double textOpened = timeFilter([&] { opened->setText(QStringLiteral("heat1")); });
        const double textLive = timeFilter([&] { liveProxy.setText(QStringLiteral("heat1")); });
        QCOMPARE(opened->rowCount(), liveProxy.rowCount());

        printf("\nClass archive benchmark: %d students x %d jobs, %.1f MB packed (offscreen, one run)\n", Students,
               JobsEach, QFileInfo(archive).size() / 1e6);
        printf("%-34s %14s %14s\n", "", "archive, offline", "live history");
        printf("%-34s %14.1f %14.1f\n", "open / load 600 jobs (ms)", openMs, liveLoadMs);
        printf("%-34s %14.2f %14.2f\n", "filter by one student (ms)", ownerOpened, ownerLive);
        printf("%-34s %14.2f %14.2f\n", "filter by text (ms)", textOpened, textLive);
        printf("goal: open in < 2000 ms\n");
        fflush(stdout);
    }
};

QTEST_MAIN(BenchClassArchive)
#include "BenchClassArchive.moc"
