// Job History model benchmark: load, first paint, sort and one filter keystroke at 100 000 and 1 000 000 rows, with
// the process's resident memory. Printed as a table; never fails on a figure.
#include "history/JobFilterProxyModel.h"
#include "history/JobHistoryModel.h"
#include "support/ProcessMemory.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QJsonObject>
#include <QTableView>
#include <QTimeZone>
#include <QtTest>

#include <cstdio>
#include <malloc.h>

using namespace tandem;
using test::residentKb;

namespace {

QJsonObject syntheticJob(int i)
{
    static const QString statuses[] = {QStringLiteral("FINISHED"), QStringLiteral("FAILED"),
                                       QStringLiteral("CANCELLED"), QStringLiteral("RUNNING")};
    static const QString systems[] = {QStringLiteral("local"), QStringLiteral("frontera"), QStringLiteral("stampede3")};
    const QString at
        = QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::UTC).addSecs(i * 37).toString(Qt::ISODateWithMs);
    return {{QStringLiteral("id"), i + 1},
            {QStringLiteral("name"), QStringLiteral("heat solver run %1").arg(i % 9973)},
            {QStringLiteral("type"), i % 3 ? QStringLiteral("run") : QStringLiteral("compile")},
            {QStringLiteral("system"), systems[i % 3]},
            {QStringLiteral("status"), statuses[i % 4]},
            {QStringLiteral("submittedAt"), at},
            {QStringLiteral("startedAt"), at},
            {QStringLiteral("endedAt"), at},
            {QStringLiteral("runtimeMs"), (i * 7919) % 3600000},
            {QStringLiteral("exitCode"), i % 4 == 1 ? 1 : 0}};
}

} // namespace

class BenchJobHistoryModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void benchmark()
    {
        printf("\nJob History model benchmark (offscreen, one run)\n");
        printf("%10s %12s %14s %10s %14s %12s\n", "rows", "load ms", "first paint ms", "sort ms", "filter key ms",
               "RSS MB");
        for (const int rows : {100000, 1000000}) {
            malloc_trim(0); // hand back what the previous size freed, so each figure is that size's own
            const qint64 baseline = residentKb();
            auto model = std::make_unique<JobHistoryModel>();
            QElapsedTimer clock;
            clock.start();
            // Pages as they come from the gateway, ingested in batches.
            for (int first = 0; first < rows; first += 10000) {
                QList<QJsonObject> page;
                page.reserve(10000);
                for (int i = first; i < qMin(rows, first + 10000); ++i)
                    page.append(syntheticJob(i));
                model->upsert(page);
            }
            const double loadMs = clock.nsecsElapsed() / 1e6;
            QCOMPARE(model->rowCount(), rows);

            JobFilterProxyModel proxy;
            proxy.setSourceModel(model.get());
            QTableView view;
            view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
            view.verticalHeader()->setDefaultSectionSize(22);
            view.horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
            view.resize(1024, 700);
            clock.restart();
            view.setModel(&proxy);
            const double setModelMs = clock.nsecsElapsed() / 1e6;
            view.setSortingEnabled(true);
            view.sortByColumn(JobHistoryModel::Submitted, Qt::DescendingOrder);
            const double firstSortMs = clock.nsecsElapsed() / 1e6 - setModelMs;
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            const QImage painted = view.grab().toImage();
            const double paintMs = clock.nsecsElapsed() / 1e6;
            if (qEnvironmentVariableIsSet("TANDEM_BENCH_DETAIL"))
                printf("  (set model %.0f ms, initial sort %.0f ms)\n", setModelMs, firstSortMs);
            QVERIFY(!painted.isNull());

            clock.restart();
            view.sortByColumn(JobHistoryModel::Name, Qt::AscendingOrder);
            const double sortMs = clock.nsecsElapsed() / 1e6;

            clock.restart();
            proxy.setText(QStringLiteral("run 42"));
            const double filterMs = clock.nsecsElapsed() / 1e6;
            QVERIFY(proxy.rowCount() > 0 && proxy.rowCount() < rows);

            printf("%10d %12.0f %14.0f %10.0f %14.1f %12.0f\n", rows, loadMs, paintMs, sortMs, filterMs,
                   (residentKb() - baseline) / 1024.0);
            fflush(stdout);
        }
        printf(
            "targets: first paint <= 100 ms at 100k and <= 300 ms at 1M, filter <= 30 ms at 100k, <= 150 MB at 1M\n\n");
    }
};

QTEST_MAIN(BenchJobHistoryModel)
#include "BenchJobHistoryModel.moc"
