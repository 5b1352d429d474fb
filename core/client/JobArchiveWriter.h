#pragma once

#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>

class QTemporaryDir;

namespace tandem {

class GatewayConnection;

// Many jobs as one archive (a class's, for review offline): each job's own archive from the gateway, unpacked under
// a folder named after its owner, and the whole packed as one .tar.gz that JobArchiveReader (File › Open job
// archive…) reads back. A few downloads at a time; progress as it goes.
class JobArchiveWriter : public QObject
{
    Q_OBJECT

public:
    struct Entry
    {
        qint64 id = 0;
        QString owner;
    };

    JobArchiveWriter(GatewayConnection &connection, QObject *parent = nullptr);
    ~JobArchiveWriter() override;

    void write(const QList<Entry> &jobs, const QString &target);

Q_SIGNALS:
    void progress(int done, int total);
    // `jobs` made it into the archive; `problems` says what did not (and why), empty when all did.
    void finished(int jobs, const QStringList &problems);

private:
    void startNext();
    void place(const Entry &entry, const QString &incoming);
    void unpacked(const Entry &entry, bool ok, const QString &error);
    void pack();

    GatewayConnection &m_connection;
    std::unique_ptr<QTemporaryDir> m_staging;
    QList<Entry> m_pending;
    QString m_target;
    QStringList m_problems;
    int m_total = 0;
    int m_done = 0;
    int m_written = 0;
    int m_running = 0;
};

} // namespace tandem
