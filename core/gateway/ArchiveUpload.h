#pragma once

#include "Error.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

class QTemporaryDir;
class QTemporaryFile;

namespace tandem::gateway {

// Uploads whole folders at once: unpacks a .tar or .tar.gz into a folder of the home, all or nothing. The archive
// is listed first and refused if it holds links, devices, absolute or ".." names; it is unpacked into a hidden
// staging folder and only then moved into place, so a refused or failed upload leaves nothing behind. tar runs as
// an asynchronous process (argv, never a shell); finished() fires once.
class ArchiveUpload : public QObject
{
    Q_OBJECT

public:
    ArchiveUpload(QByteArray archive, QString homeRoot, QString targetDirectory, qint64 quotaBytes,
                  qint64 homeUsageBytes, QObject *parent = nullptr);
    ~ArchiveUpload() override;

    void start();
    const Result<QJsonArray> &result() const { return m_result; }

Q_SIGNALS:
    void finished();

private:
    void run(const QStringList &arguments, std::function<void(const QByteArray &output)> next);
    void checkListing(const QByteArray &names, const QByteArray &verbose);
    void moveIntoPlace();
    void fail(const Error &error);

    QByteArray m_archive;
    QString m_homeRoot;
    QString m_target;
    qint64 m_quota;
    qint64 m_usage;
    std::unique_ptr<QTemporaryFile> m_file;
    std::unique_ptr<QTemporaryDir> m_staging;
    Result<QJsonArray> m_result = QJsonArray();
};

} // namespace tandem::gateway
