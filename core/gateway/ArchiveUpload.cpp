#include "gateway/ArchiveUpload.h"

#include "api/ErrorCode.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QtConcurrentRun>

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <unistd.h>

namespace tandem::gateway {

namespace {

constexpr int MaxMembers = 100000;

Error invalid(const QString &message)
{
    return Error::make(api::ErrorCode::InvalidArchive, message, QStringLiteral("body"));
}

bool pwriteAll(int fd, const char *data, size_t size, off_t offset)
{
    while (size > 0) {
        const ssize_t written = ::pwrite(fd, data, size, offset);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        data += written;
        size -= size_t(written);
        offset += written;
    }
    return true;
}

} // namespace

ArchiveUpload::ArchiveUpload(QByteArray archive, ConfinedDir home, QString targetDirectory, ConfinedDir stagingRoot,
                             qint64 quotaBytes, QObject *parent)
    : QObject(parent)
    , m_archive(std::move(archive))
    , m_home(std::move(home))
    , m_target(std::move(targetDirectory))
    , m_staging(std::move(stagingRoot))
    , m_quota(quotaBytes)
{
    connect(&m_watcher, &QFutureWatcher<Result<QJsonArray>>::finished, this, [this] {
        m_result = m_watcher.result();
        Q_EMIT finished();
    });
}

ArchiveUpload::~ArchiveUpload()
{
    m_watcher.waitForFinished();
}

void ArchiveUpload::start()
{
    m_watcher.setFuture(
        QtConcurrent::run(&ArchiveUpload::unpack, std::move(m_archive), m_home, m_target, m_staging, m_quota));
}

QJsonObject ArchiveUpload::entryJson(const ConfinedEntry &entry)
{
    return {{QStringLiteral("name"), entry.name},
            {QStringLiteral("type"), ConfinedEntry::typeName(entry.type)},
            {QStringLiteral("size"), entry.size},
            {QStringLiteral("modified"), entry.modified.toString(Qt::ISODateWithMs)}};
}

Result<QString> ArchiveUpload::checkMember(const QByteArray &rawName, unsigned int fileType, bool isHardLink)
{
    QString name = QString::fromUtf8(rawName);
    if (isHardLink || (fileType != AE_IFREG && fileType != AE_IFDIR)) {
        return std::unexpected(Error::make(
            api::ErrorCode::ArchiveLink,
            tr("\"%1\" in the archive is a link or special file; only files and folders can be uploaded.").arg(name),
            QStringLiteral("body")));
    }
    if (name.startsWith(QStringLiteral("./")))
        name = name.mid(2);
    if (name.endsWith(u'/'))
        name.chop(1);
    if (name.isEmpty() || name == u".")
        return QString();
    return ConfinedDir::checkRelativePath(name, QStringLiteral("body"));
}

Result<QJsonArray> ArchiveUpload::unpack(const QByteArray &data, const ConfinedDir &home, const QString &target,
                                         const ConfinedDir &stagingRoot, qint64 quotaBytes)
{
    qint64 usage = 0;
    if (quotaBytes > 0) {
        auto used = home.usage();
        if (!used)
            return std::unexpected(used.error());
        usage = *used;
    }
    const auto overQuota = [&](qint64 unpacked) {
        return Error::make(api::ErrorCode::QuotaExceeded,
                           tr("Unpacked, the archive would use %1 MB of your %2 MB quota.")
                               .arg((usage + unpacked) / (1024 * 1024))
                               .arg(quotaBytes / (1024 * 1024)),
                           QStringLiteral("body"));
    };

    const QString name
        = QStringLiteral("upload-%1").arg(qulonglong(QRandomGenerator::system()->generate64()), 16, 16, QChar(u'0'));
    auto staged = stagingRoot.makeFreshDirectory(name);
    if (!staged)
        return std::unexpected(staged.error());
    // Whatever happens below, the staging folder goes: emptied by the moves on success, removed whole otherwise.
    struct RemoveStaging
    {
        const ConfinedDir &root;
        const QString &name;
        ~RemoveStaging() { root.remove(name); }
    } removeStaging{stagingRoot, name};

    const std::unique_ptr<struct archive, decltype(&archive_read_free)> reader(archive_read_new(), archive_read_free);
    archive_read_support_filter_gzip(reader.get());
    archive_read_support_format_tar(reader.get());
    archive_read_support_format_gnutar(reader.get());
    if (archive_read_open_memory(reader.get(), data.constData(), size_t(data.size())) != ARCHIVE_OK)
        return std::unexpected(invalid(tr("The upload is not a readable .tar or .tar.gz archive: %1")
                                           .arg(QString::fromUtf8(archive_error_string(reader.get())))));
    qint64 unpacked = 0;
    int members = 0;
    archive_entry *member = nullptr;
    for (;;) {
        const int status = archive_read_next_header(reader.get(), &member);
        if (status == ARCHIVE_EOF)
            break;
        if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
            return std::unexpected(invalid(tr("The upload is not a readable .tar or .tar.gz archive: %1")
                                               .arg(QString::fromUtf8(archive_error_string(reader.get())))));
        if (++members > MaxMembers)
            return std::unexpected(invalid(tr("The archive holds more than %1 entries.").arg(MaxMembers)));
        const char *pathname = archive_entry_pathname(member);
        auto relative = checkMember(QByteArray(pathname ? pathname : ""), archive_entry_filetype(member),
                                    archive_entry_hardlink(member) != nullptr);
        if (!relative)
            return std::unexpected(relative.error());
        if (relative->isEmpty())
            continue;
        if (archive_entry_filetype(member) == AE_IFDIR) {
            if (auto made = staged->makeDirectories(*relative); !made)
                return std::unexpected(made.error());
            continue;
        }
        // The size the archive declares counts before anything is written: a sparse 20 GB file in a 20 MB
        // archive is refused here.
        const qint64 declared = archive_entry_size_is_set(member) ? archive_entry_size(member) : 0;
        if (declared < 0 || (quotaBytes > 0 && usage + unpacked + declared > quotaBytes))
            return std::unexpected(overQuota(unpacked + qMax<qint64>(0, declared)));
        if (relative->contains(u'/')) {
            if (auto made = staged->makeDirectories(relative->section(u'/', 0, -2)); !made)
                return std::unexpected(made.error());
        }
        const bool executable = archive_entry_perm(member) & 0100;
        auto file = staged->createFile(*relative, executable ? 0755 : 0644);
        if (!file) {
            if (file.error().is(api::ErrorCode::Exists))
                return std::unexpected(invalid(tr("\"%1\" appears twice in the archive.").arg(*relative)));
            return std::unexpected(file.error());
        }
        qint64 written = 0;
        for (;;) {
            const void *block = nullptr;
            size_t size = 0;
            la_int64_t offset = 0;
            const int read = archive_read_data_block(reader.get(), &block, &size, &offset);
            if (read == ARCHIVE_EOF)
                break;
            if (read != ARCHIVE_OK && read != ARCHIVE_WARN)
                return std::unexpected(
                    invalid(tr("The archive is damaged at \"%1\": %2")
                                .arg(*relative, QString::fromUtf8(archive_error_string(reader.get())))));
            // Counted as written, against what the header said and against the quota.
            written = qMax<qint64>(written, offset + qint64(size));
            if (written > qMax(declared, qint64(0)) || (quotaBytes > 0 && usage + unpacked + written > quotaBytes))
                return std::unexpected(overQuota(unpacked + written));
            if (!pwriteAll(file->get(), static_cast<const char *>(block), size, off_t(offset)))
                return std::unexpected(
                    Error::internal(tr("Cannot write %1: %2").arg(*relative, qt_error_string(errno))));
        }
        if (::ftruncate(file->get(), off_t(declared)) != 0)
            return std::unexpected(Error::internal(tr("Cannot write %1: %2").arg(*relative, qt_error_string(errno))));
        unpacked += declared;
    }

    // All unpacked: move the top-level entries into place, after checking none of them exists there.
    auto targetDir = home.makeDirectories(target);
    if (!targetDir)
        return std::unexpected(targetDir.error());
    auto entries = staged->list();
    if (!entries)
        return std::unexpected(entries.error());
    for (const ConfinedEntry &entry : std::as_const(*entries)) {
        if (auto existing = targetDir->entry(entry.name); existing || existing.error().kind != Error::Kind::NotFound)
            return std::unexpected(
                Error::make(api::ErrorCode::Exists, tr("%1 exists already; nothing was unpacked.").arg(entry.name)));
    }
    QJsonArray moved;
    for (const ConfinedEntry &entry : std::as_const(*entries)) {
        if (auto placed = staged->moveTo(entry.name, *targetDir, entry.name); !placed)
            return std::unexpected(placed.error());
        if (auto placed = targetDir->entry(entry.name))
            moved.append(entryJson(*placed));
    }
    return moved;
}

} // namespace tandem::gateway
