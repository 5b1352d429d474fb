#pragma once

#include "Error.h"
#include "gateway/ConfinedDir.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QObject>

namespace tandem::gateway {

// Uploads whole folders at once: unpacks a .tar or .tar.gz into a folder of the home, all or nothing. The archive is
// read with libarchive, entry by entry: links, devices, absolute or ".." names are refused, and every file's size
// counts against the quota before a byte of it is written (a small archive of a huge sparse file is refused). It
// is unpacked into the gateway's own staging folder, outside every home, through descriptors; only then are its
// top-level entries moved into place (never over an existing name), so a refused or failed upload leaves nothing
// behind. The work runs on a worker thread; finished() fires once, on the owner's thread.
class ArchiveUpload : public QObject
{
    Q_OBJECT

public:
    ArchiveUpload(QByteArray archive, ConfinedDir home, QString targetDirectory, ConfinedDir stagingRoot,
                  qint64 quotaBytes, QObject *parent = nullptr);
    ~ArchiveUpload() override;

    void start();
    const Result<QJsonArray> &result() const { return m_result; }

    // One archive member as the listing check sees it: a name and libarchive's file type (AE_IFREG, AE_IFDIR, …).
    // Returns the member's checked path relative to the target ("" for the archive's own "."), or why it is refused.
    static Result<QString> checkMember(const QByteArray &name, unsigned int fileType, bool isHardLink);
    // The files API's JSON for one entry.
    static QJsonObject entryJson(const ConfinedEntry &entry);

    static Result<QJsonArray> unpack(const QByteArray &archive, const ConfinedDir &home, const QString &target,
                                     const ConfinedDir &stagingRoot, qint64 quotaBytes);

Q_SIGNALS:
    void finished();

private:
    QByteArray m_archive;
    ConfinedDir m_home;
    QString m_target;
    ConfinedDir m_staging;
    qint64 m_quota;
    QFutureWatcher<Result<QJsonArray>> m_watcher;
    Result<QJsonArray> m_result = QJsonArray();
};

} // namespace tandem::gateway
