#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <memory>

class QTemporaryDir;

namespace tandem {

// Reads job archives as the gateway makes them (.tar.gz of jobs/{date}/{type}-{system}-{id}/ with job.json, logs
// and outputs) — one or many, e.g. a class's — with no gateway: unpacks each with tar (an asynchronous process, argv)
// into a temporary folder and reports every job it finds with its timeline and its text files.
class JobArchiveReader : public QObject
{
    Q_OBJECT

public:
    explicit JobArchiveReader(QObject *parent = nullptr);
    ~JobArchiveReader() override;

    void read(const QStringList &archives);

    static constexpr qint64 MaxFileBytes = 4 * 1024 * 1024; // larger outputs are listed but not kept
    static constexpr qint64 MaxRecordBytes = 1024 * 1024; // a job.json larger than this is not a record

Q_SIGNALS:
    void jobRead(const QJsonObject &job, const QJsonArray &history, const QHash<QString, QByteArray> &files);
    void finished(int jobs, const QStringList &problems);

private:
    void next();
    void collect(const QString &directory);

    QStringList m_pending;
    QStringList m_problems;
    int m_jobs = 0;
    std::unique_ptr<QTemporaryDir> m_unpacked;
};

} // namespace tandem
