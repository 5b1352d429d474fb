#pragma once

#include "Error.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace tandem {

// The desktop's local copy of one profile's job history (SQLite under the app data location): every job record the
// app saw, the details and outputs the user opened, and imported job archives. With no gateway the app reads from
// it; nothing here is ever sent back.
class OfflineCache
{
public:
    OfflineCache() = default;
    ~OfflineCache();
    OfflineCache(const OfflineCache &) = delete;
    OfflineCache &operator=(const OfflineCache &) = delete;

    // `profile` names the gateway and user; the file is <app data>/cache/<sha1 of profile>.sqlite.
    Result<void> open(const QString &profile);
    Result<void> openFile(const QString &path);
    bool isOpen() const { return m_db.isOpen(); }

    void storeJobs(const QList<QJsonObject> &jobs);
    void storeDetail(const QJsonObject &job);
    void storeHistory(qint64 jobId, const QJsonArray &history);
    void storeFile(qint64 jobId, const QString &name, const QByteArray &content);
    void removeJob(qint64 jobId);

    QList<QJsonObject> jobs();
    std::optional<QJsonObject> detail(qint64 jobId);
    QJsonArray history(qint64 jobId);
    std::optional<QByteArray> file(qint64 jobId, const QString &name);
    QStringList fileNames(qint64 jobId);

private:
    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace tandem
