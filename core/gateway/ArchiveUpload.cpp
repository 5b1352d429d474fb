#include "gateway/ArchiveUpload.h"

#include "gateway/UserHome.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTemporaryFile>

namespace tandem::gateway {

ArchiveUpload::ArchiveUpload(QByteArray archive, QString homeRoot, QString targetDirectory, qint64 quotaBytes,
                             qint64 homeUsageBytes, QObject *parent)
    : QObject(parent)
    , m_archive(std::move(archive))
    , m_homeRoot(std::move(homeRoot))
    , m_target(std::move(targetDirectory))
    , m_quota(quotaBytes)
    , m_usage(homeUsageBytes)
{ }

ArchiveUpload::~ArchiveUpload() = default;

void ArchiveUpload::start()
{
    m_file = std::make_unique<QTemporaryFile>(m_homeRoot + QStringLiteral("/.tandem-upload-XXXXXX.tar"));
    if (!m_file->open() || m_file->write(m_archive) != m_archive.size() || !m_file->flush())
        return fail(Error::internal(tr("Cannot store the uploaded archive.")));
    m_archive.clear();
    const QString archive = m_file->fileName();
    run({QStringLiteral("-tf"), archive}, [this, archive](const QByteArray &names) {
        run({QStringLiteral("-tvf"), archive},
            [this, names](const QByteArray &verbose) { checkListing(names, verbose); });
    });
}

void ArchiveUpload::run(const QStringList &arguments, std::function<void(const QByteArray &)> next)
{
    auto *tar = new QProcess(this);
    connect(tar, &QProcess::finished, this,
            [this, tar, next = std::move(next)](int exitCode, QProcess::ExitStatus status) {
                tar->deleteLater();
                if (status != QProcess::NormalExit || exitCode != 0) {
                    return fail(Error::badRequest(QStringLiteral("invalid_archive"),
                                                  tr("The upload is not a readable .tar or .tar.gz archive: %1")
                                                      .arg(QString::fromUtf8(tar->readAllStandardError()).trimmed()),
                                                  QStringLiteral("body")));
                }
                next(tar->readAllStandardOutput());
            });
    connect(tar, &QProcess::errorOccurred, this, [this, tar](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            tar->deleteLater();
            fail(Error::internal(tr("Cannot run tar: %1").arg(tar->errorString())));
        }
    });
    tar->start(QStringLiteral("tar"), arguments);
}

void ArchiveUpload::checkListing(const QByteArray &names, const QByteArray &verbose)
{
    const QList<QByteArray> nameLines = names.split('\n');
    const QList<QByteArray> typeLines = verbose.split('\n');
    if (nameLines.size() != typeLines.size())
        return fail(Error::badRequest(QStringLiteral("invalid_archive"),
                                      tr("The archive holds names tar cannot list plainly."), QStringLiteral("body")));
    for (qsizetype i = 0; i < nameLines.size(); ++i) {
        if (nameLines[i].isEmpty())
            continue;
        const char type = typeLines[i].isEmpty() ? '?' : typeLines[i].at(0);
        QString name = QString::fromUtf8(nameLines[i]);
        if (type != '-' && type != 'd') {
            return fail(Error::badRequest(
                QStringLiteral("archive_link"),
                tr("\"%1\" in the archive is a link or special file; only files and folders can be uploaded.")
                    .arg(name),
                QStringLiteral("body")));
        }
        if (name.startsWith(QStringLiteral("./")))
            name = name.mid(2);
        if (name.endsWith(u'/'))
            name.chop(1);
        if (name.isEmpty() || name == u".")
            continue;
        if (auto checked = UserHome::checkRelativePath(name, QStringLiteral("body")); !checked)
            return fail(checked.error());
    }
    m_staging = std::make_unique<QTemporaryDir>(m_homeRoot + QStringLiteral("/.tandem-staging-XXXXXX"));
    if (!m_staging->isValid())
        return fail(Error::internal(tr("Cannot create a staging folder.")));
    run({QStringLiteral("-xf"), m_file->fileName(), QStringLiteral("-C"), m_staging->path(),
         QStringLiteral("--no-same-owner"), QStringLiteral("--no-same-permissions")},
        [this](const QByteArray &) { moveIntoPlace(); });
}

void ArchiveUpload::moveIntoPlace()
{
    qint64 unpacked = 0;
    QDirIterator sizes(m_staging->path(), QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (sizes.hasNext())
        unpacked += sizes.nextFileInfo().size();
    if (m_quota > 0 && m_usage + unpacked > m_quota) {
        return fail({Error::Kind::TooLarge, QStringLiteral("quota_exceeded"),
                     tr("Unpacked, the archive would use %1 MB of your %2 MB quota.")
                         .arg((m_usage + unpacked) / (1024 * 1024))
                         .arg(m_quota / (1024 * 1024)),
                     QStringLiteral("body")});
    }
    if (!QDir().mkpath(m_target))
        return fail(Error::internal(tr("Cannot create the target folder.")));
    const QFileInfoList entries
        = QDir(m_staging->path()).entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QFileInfo &entry : entries) {
        if (QFileInfo::exists(m_target + u'/' + entry.fileName()))
            return fail(Error::conflict(QStringLiteral("exists"),
                                        tr("%1 exists already; nothing was unpacked.").arg(entry.fileName())));
    }
    QJsonArray moved;
    for (const QFileInfo &entry : entries) {
        if (!QDir().rename(entry.absoluteFilePath(), m_target + u'/' + entry.fileName()))
            return fail(Error::internal(tr("Cannot move %1 into place.").arg(entry.fileName())));
        const QFileInfo placed(m_target + u'/' + entry.fileName());
        moved.append(
            QJsonObject{{QStringLiteral("name"), placed.fileName()},
                        {QStringLiteral("type"), placed.isDir() ? QStringLiteral("directory") : QStringLiteral("file")},
                        {QStringLiteral("size"), placed.isDir() ? 0 : placed.size()},
                        {QStringLiteral("modified"), placed.lastModified().toUTC().toString(Qt::ISODateWithMs)}});
    }
    m_result = moved;
    m_file.reset();
    m_staging.reset();
    Q_EMIT finished();
}

void ArchiveUpload::fail(const Error &error)
{
    m_result = std::unexpected(error);
    m_file.reset();
    m_staging.reset(); // removes whatever was unpacked
    Q_EMIT finished();
}

} // namespace tandem::gateway
