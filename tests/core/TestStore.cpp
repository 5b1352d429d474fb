#include "gateway/Store.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using tandem::gateway::Store;

class TestStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void createsTheLatestSchemaInWalMode()
    {
        QTemporaryDir dir;
        Store store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("t.db"))));
        QCOMPARE(store.schemaVersion(), 7);
        auto mode = store.exec(QStringLiteral("PRAGMA journal_mode"));
        QVERIFY(mode && mode->next());
        QCOMPARE(mode->value(0).toString(), QStringLiteral("wal"));
        QVERIFY(store.exec(QStringLiteral("SELECT output FROM jobs")));
    }

    void upgradesAVersionOneDatabaseKeepingItsRows()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.db"));
        {
            // A database as the first release of the gateway left it: schema version 1, one job.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version VALUES (1)")));
            QVERIFY(q.exec(QStringLiteral(
                "CREATE TABLE jobs (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, name TEXT NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO jobs (id, user_id, name) VALUES (7, 1, 'kept')")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));

        Store store;
        QVERIFY(store.open(path));
        QCOMPARE(store.schemaVersion(), 7);
        auto row = store.exec(QStringLiteral("SELECT name, output, scheduler_id, process FROM jobs WHERE id = 7"));
        QVERIFY(row && row->next());
        QCOMPARE(row->value(0).toString(), QStringLiteral("kept"));
        QCOMPARE(row->value(1).toString(), QString(""));
        QCOMPARE(row->value(2).toString(), QString("")); // no scheduler id for a job from before
        QCOMPARE(row->value(3).toString(), QString("")); // nor a process
        // and sessions, kept across restarts since version 5, start with none
        auto sessions = store.exec(QStringLiteral("SELECT COUNT(*) FROM sessions"));
        QVERIFY(sessions && sessions->next());
        QCOMPARE(sessions->value(0).toInt(), 0);
        // and templates, since version 6, with none
        auto templates = store.exec(QStringLiteral("SELECT COUNT(*) FROM templates"));
        QVERIFY(templates && templates->next());
        QCOMPARE(templates->value(0).toInt(), 0);
    }

    void refusesADatabaseFromANewerGateway()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new.db"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v99"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version VALUES (99)")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v99"));
        Store store;
        const auto opened = store.open(path);
        QVERIFY(!opened);
        QVERIFY(opened.error().message.contains(QStringLiteral("newer")));
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "TestStore.moc"
