#include "history/JobFilterProxyModel.h"
#include "history/JobHistoryModel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QJsonObject>
#include <QScrollBar>
#include <QTableView>
#include <QTimeZone>
#include <QtTest>

using namespace tandem;

namespace {

QJsonObject job(qint64 id, const QString &name, const QString &status, const QString &type = QStringLiteral("compile"),
                const QString &system = QStringLiteral("local"))
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("type"), type},
            {QStringLiteral("system"), system},
            {QStringLiteral("status"), status},
            {QStringLiteral("submittedAt"),
             QStringLiteral("2026-11-%1T10:00:00.000Z").arg(10 + id, 2, 10, QLatin1Char('0'))},
            {QStringLiteral("startedAt"), QJsonValue()},
            {QStringLiteral("endedAt"), QJsonValue()},
            {QStringLiteral("runtimeMs"), QJsonValue()},
            {QStringLiteral("exitCode"), QJsonValue()}};
}

} // namespace

class TestJobHistoryModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void passesTheModelTester()
    {
        JobHistoryModel model;
        JobFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsert({job(1, QStringLiteral("hello"), QStringLiteral("FINISHED")),
                      job(2, QStringLiteral("mpi"), QStringLiteral("RUNNING"))});
        model.upsert({job(2, QStringLiteral("mpi"), QStringLiteral("FINISHED")),
                      job(3, QStringLiteral("new"), QStringLiteral("QUEUED"))});
        QVERIFY(model.updateStatus(3, QStringLiteral("RUNNING")));
        QVERIFY(!model.updateStatus(99, QStringLiteral("RUNNING")));
        proxy.sort(JobHistoryModel::Name);
        proxy.setText(QStringLiteral("m"));
        model.remove(2);
        QCOMPARE(model.rowCount(), 2);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void updatesInPlaceKeepingTheSelection()
    {
        JobHistoryModel model;
        JobFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QList<QJsonObject> jobs;
        for (int i = 1; i <= 50; ++i)
            jobs << job(i, QStringLiteral("job %1").arg(i), QStringLiteral("QUEUED"));
        model.upsert(jobs);
        QTableView view;
        view.setModel(&proxy);
        view.setSortingEnabled(true);
        view.sortByColumn(JobHistoryModel::Id, Qt::DescendingOrder);
        view.resize(600, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QModelIndex selected = proxy.mapFromSource(model.index(model.rowOf(17), 0));
        view.selectionModel()->select(selected, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        view.scrollTo(selected);
        const int scroll = view.verticalScrollBar()->value();

        QSignalSpy reset(&proxy, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.updateStatus(17, QStringLiteral("RUNNING"));
        model.upsert({job(18, QStringLiteral("job 18"), QStringLiteral("FINISHED"))});
        QCOMPARE(changed.size(), 2);
        QCOMPARE(reset.size(), 0);
        const QModelIndexList rows = view.selectionModel()->selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().data(JobHistoryModel::JobIdRole).toLongLong(), 17);
        QCOMPARE(rows.first().siblingAtColumn(JobHistoryModel::Status).data().toString(), QStringLiteral("Running"));
        QCOMPARE(view.verticalScrollBar()->value(), scroll);
    }

    void statusIsNotColourAlone()
    {
        JobHistoryModel model;
        model.upsert({job(1, QStringLiteral("a"), QStringLiteral("FAILED"))});
        const QModelIndex status = model.index(0, JobHistoryModel::Status);
        QCOMPARE(status.data().toString(), QStringLiteral("Failed"));
        QVERIFY(!status.data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(status.data(Qt::ForegroundRole).value<QColor>().isValid());
    }

    void filtersByTextStatusTypeAndSystem()
    {
        JobHistoryModel model;
        JobFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        model.upsert({job(1, QStringLiteral("Heat solver"), QStringLiteral("FINISHED")),
                      job(2, QStringLiteral("heat run"), QStringLiteral("FAILED"), QStringLiteral("run")),
                      job(3, QStringLiteral("wave"), QStringLiteral("FINISHED"), QStringLiteral("run"),
                          QStringLiteral("frontera"))});
        proxy.setText(QStringLiteral("HEAT"));
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setStatuses({QStringLiteral("FAILED")});
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setStatuses({});
        proxy.setText(QString());
        proxy.setType(QStringLiteral("run"));
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setSystem(QStringLiteral("frontera"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setSystem(QString());
        proxy.setType(QString());
        proxy.setText(QStringLiteral("3")); // a job id
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setText(QString());
        proxy.setSubmittedRange(QDateTime(QDate(2026, 11, 12), QTime(0, 0), QTimeZone::UTC), {});
        QCOMPARE(proxy.rowCount(), 2);
    }
};

QTEST_MAIN(TestJobHistoryModel)
#include "TestJobHistoryModel.moc"
