#include "client/OfflineCache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>
#include <QVariant>

namespace tandem {

namespace {

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

OfflineCache::~OfflineCache()
{
    if (m_connectionName.isEmpty())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<void> OfflineCache::open(const QString &profile)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/cache");
    QDir().mkpath(dir);
    const QString name
        = QString::fromLatin1(QCryptographicHash::hash(profile.toUtf8(), QCryptographicHash::Sha1).toHex());
    return openFile(dir + u'/' + name + QStringLiteral(".sqlite"));
}

Result<void> OfflineCache::openFile(const QString &path)
{
    m_connectionName = QStringLiteral("tandem-cache-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    if (!m_db.open())
        return std::unexpected(Error::internal(m_db.lastError().text()));
    QSqlQuery q(m_db);
    for (const char *sql :
         {"PRAGMA journal_mode=WAL",
          "CREATE TABLE IF NOT EXISTS jobs (id INTEGER PRIMARY KEY, summary TEXT NOT NULL, detail TEXT, "
          "history TEXT)",
          "CREATE TABLE IF NOT EXISTS files (job_id INTEGER NOT NULL, name TEXT NOT NULL, content BLOB NOT NULL, "
          "PRIMARY KEY (job_id, name))"}) {
        if (!q.exec(QString::fromLatin1(sql)))
            return std::unexpected(Error::internal(q.lastError().text()));
    }
    return {};
}

void OfflineCache::storeJobs(const QList<QJsonObject> &jobs)
{
    if (!isOpen() || jobs.isEmpty())
        return;
    m_db.transaction();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO jobs (id, summary) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET summary = excluded.summary"));
    for (const QJsonObject &job : jobs) {
        q.addBindValue(job.value(QStringLiteral("id")).toInteger());
        q.addBindValue(compact(job));
        q.exec();
    }
    m_db.commit();
}

void OfflineCache::storeDetail(const QJsonObject &job)
{
    if (!isOpen())
        return;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO jobs (id, summary, detail) VALUES (?, ?, ?) "
                             "ON CONFLICT(id) DO UPDATE SET summary = excluded.summary, detail = excluded.detail"));
    q.addBindValue(job.value(QStringLiteral("id")).toInteger());
    q.addBindValue(compact(job));
    q.addBindValue(compact(job));
    q.exec();
}

void OfflineCache::storeHistory(qint64 jobId, const QJsonArray &history)
{
    if (!isOpen())
        return;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE jobs SET history = ? WHERE id = ?"));
    q.addBindValue(QString::fromUtf8(QJsonDocument(history).toJson(QJsonDocument::Compact)));
    q.addBindValue(jobId);
    q.exec();
}

void OfflineCache::storeFile(qint64 jobId, const QString &name, const QByteArray &content)
{
    if (!isOpen())
        return;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO files (job_id, name, content) VALUES (?, ?, ?)"));
    q.addBindValue(jobId);
    q.addBindValue(name);
    q.addBindValue(content);
    q.exec();
}

void OfflineCache::removeJob(qint64 jobId)
{
    if (!isOpen())
        return;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM files WHERE job_id = ?"));
    q.addBindValue(jobId);
    q.exec();
    q.prepare(QStringLiteral("DELETE FROM jobs WHERE id = ?"));
    q.addBindValue(jobId);
    q.exec();
}

QList<QJsonObject> OfflineCache::jobs()
{
    QList<QJsonObject> jobs;
    if (!isOpen())
        return jobs;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT summary FROM jobs ORDER BY id DESC"));
    while (q.next())
        jobs << QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
    return jobs;
}

std::optional<QJsonObject> OfflineCache::detail(qint64 jobId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT detail FROM jobs WHERE id = ? AND detail IS NOT NULL"));
    q.addBindValue(jobId);
    if (isOpen() && q.exec() && q.next())
        return QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
    return std::nullopt;
}

QJsonArray OfflineCache::history(qint64 jobId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT history FROM jobs WHERE id = ?"));
    q.addBindValue(jobId);
    if (isOpen() && q.exec() && q.next())
        return QJsonDocument::fromJson(q.value(0).toString().toUtf8()).array();
    return {};
}

std::optional<QByteArray> OfflineCache::file(qint64 jobId, const QString &name)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT content FROM files WHERE job_id = ? AND name = ?"));
    q.addBindValue(jobId);
    q.addBindValue(name);
    if (isOpen() && q.exec() && q.next())
        return q.value(0).toByteArray();
    return std::nullopt;
}

QStringList OfflineCache::fileNames(qint64 jobId)
{
    QStringList names;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT name FROM files WHERE job_id = ? ORDER BY name"));
    q.addBindValue(jobId);
    if (isOpen() && q.exec()) {
        while (q.next())
            names << q.value(0).toString();
    }
    return names;
}

} // namespace tandem
