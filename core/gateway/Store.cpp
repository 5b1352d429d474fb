#include "gateway/Store.h"

#include <QSqlError>
#include <QUuid>
#include <QVariant>

namespace tandem::gateway {

namespace {

// Each entry moves the schema one version up. Never edit a released entry; append a new one.
const char *const Migrations[] = {
    // 1: accounts, tokens, jobs and their status history (which doubles as the event log clients resume from)
    R"(CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        grp TEXT NOT NULL DEFAULT '',
        view TEXT NOT NULL DEFAULT 'default',
        password_hash TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL))",
    R"(CREATE TABLE tokens (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0))",
    R"(CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        system TEXT NOT NULL,
        queue TEXT NOT NULL DEFAULT '',
        cores INTEGER NOT NULL DEFAULT 1,
        time_limit_s INTEGER NOT NULL DEFAULT 600,
        status TEXT NOT NULL,
        condition TEXT NOT NULL DEFAULT '',
        spec TEXT NOT NULL,
        command TEXT NOT NULL,
        directory TEXT NOT NULL DEFAULT '',
        exit_code INTEGER,
        submitted_at TEXT NOT NULL,
        started_at TEXT,
        ended_at TEXT,
        runtime_ms INTEGER,
        max_rss_kb INTEGER,
        cpu_ms INTEGER,
        deleted INTEGER NOT NULL DEFAULT 0))",
    "CREATE INDEX jobs_user_status ON jobs(user_id, status)",
    R"(CREATE TABLE job_events (
        id INTEGER PRIMARY KEY,
        job_id INTEGER NOT NULL REFERENCES jobs(id),
        user_id INTEGER NOT NULL,
        status TEXT NOT NULL,
        message TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL))",
    "CREATE INDEX job_events_job ON job_events(job_id)",
    // 2: a compile job's output name, so that lists can offer the program without reading every request
    "ALTER TABLE jobs ADD COLUMN output TEXT NOT NULL DEFAULT ''",
    // 3: the scheduler's own id of a job (Slurm's job id), to follow it again after a restart
    "ALTER TABLE jobs ADD COLUMN scheduler_id TEXT NOT NULL DEFAULT ''",
    // 3: and the script it was given (an sbatch script), shown with the job and submitted again from here
    "ALTER TABLE jobs ADD COLUMN batch_script TEXT NOT NULL DEFAULT ''",
    // 4: a local job's process ("pid:start time:boot id"), which outlives the gateway and is picked up again
    "ALTER TABLE jobs ADD COLUMN process TEXT NOT NULL DEFAULT ''",
    // 5: interactive sessions, which outlive a gateway restart: who, in what state, and where (host, port, account,
    // host key and the process that finds them again, as JSON)
    R"(CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        state TEXT NOT NULL,
        message TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        ended_at TEXT NOT NULL DEFAULT '',
        stop_reason TEXT NOT NULL DEFAULT '',
        endpoint TEXT NOT NULL DEFAULT ''))",
    // 6: templates (exercises) an instructor publishes to their class, and their starter files, by version
    R"(CREATE TABLE templates (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        grp TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        spec TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0))",
    R"(CREATE TABLE template_files (
        template_id INTEGER NOT NULL REFERENCES templates(id),
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        mode INTEGER NOT NULL,
        content BLOB NOT NULL,
        PRIMARY KEY (template_id, version, name)))",
    // 7: a job array's tasks as they ended (JSON: [[index, exit status], …])
    "ALTER TABLE jobs ADD COLUMN tasks TEXT NOT NULL DEFAULT ''",
};
constexpr int SchemaVersion = 7;
// How many statements each version adds, in order.
constexpr int StatementsPerVersion[] = {6, 1, 2, 1, 1, 2, 1};

} // namespace

Store::~Store()
{
    close();
}

Result<void> Store::open(const QString &path)
{
    m_connectionName = QStringLiteral("tandem-store-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open())
        return std::unexpected(Error::internal(m_db.lastError().text()));
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
        if (auto done = exec(QString::fromLatin1(pragma)); !done)
            return std::unexpected(done.error());
    }
    return migrate();
}

void Store::close()
{
    if (m_connectionName.isEmpty())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

int Store::schemaVersion() const
{
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("SELECT version FROM schema_version")) && query.next())
        return query.value(0).toInt();
    return 0;
}

QSqlQuery Store::prepare(const QString &sql, const QVariantList &values)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true); // every caller reads rows once, in order; SQLite then need not cache them
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query;
}

Result<QSqlQuery> Store::exec(const QString &sql, const QVariantList &values)
{
    QSqlQuery query = prepare(sql, values);
    if (!query.exec())
        return std::unexpected(Error::internal(query.lastError().text() + QStringLiteral(" [") + sql.left(60) + u']'));
    return query;
}

Result<void> Store::migrate()
{
    if (auto created = exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"));
        !created)
        return std::unexpected(created.error());
    int version = schemaVersion();
    if (version > SchemaVersion) {
        return std::unexpected(
            Error::internal(QStringLiteral("The database has schema version %1, newer than this gateway's %2.")
                                .arg(version)
                                .arg(SchemaVersion)));
    }
    int statement = 0;
    for (int v = 0; v < version; ++v)
        statement += StatementsPerVersion[v];
    while (version < SchemaVersion) {
        transaction();
        for (int i = 0; i < StatementsPerVersion[version]; ++i) {
            if (auto done = exec(QString::fromLatin1(Migrations[statement++])); !done) {
                rollback();
                return std::unexpected(done.error());
            }
        }
        ++version;
        exec(QStringLiteral("DELETE FROM schema_version"));
        exec(QStringLiteral("INSERT INTO schema_version (version) VALUES (?)"), {version});
        if (!commit())
            return std::unexpected(Error::internal(m_db.lastError().text()));
    }
    return {};
}

} // namespace tandem::gateway
