#include "gateway/ConfinedDir.h"

#include "api/ErrorCode.h"

#include <QRandomGenerator>
#include <QTimeZone>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace tandem::gateway {

namespace {

// Deeper than any real source tree; a walk stops there instead of exhausting descriptors or the stack.
constexpr int MaxDepth = 256;

std::atomic<bool> kernelHasOpenat2{true};

int retryingOpenat2(int dirfd, const char *path, int flags, int mode)
{
    open_how how{};
    how.flags = std::uint64_t(flags);
    how.mode = (flags & O_CREAT) ? std::uint64_t(mode) : 0;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    for (int attempt = 0; attempt < 8; ++attempt) {
        const long fd = ::syscall(SYS_openat2, dirfd, path, &how, sizeof how);
        // EAGAIN: a rename raced the lookup beneath the root; the kernel asks to look again.
        if (fd >= 0 || errno != EAGAIN)
            return int(fd);
    }
    return -1;
}

ConfinedEntry entryFromStat(const QString &name, const struct stat &st)
{
    ConfinedEntry entry;
    entry.name = name;
    if (S_ISREG(st.st_mode)) {
        entry.type = ConfinedEntry::Type::File;
        entry.size = st.st_size;
    } else if (S_ISDIR(st.st_mode)) {
        entry.type = ConfinedEntry::Type::Directory;
    } else if (S_ISLNK(st.st_mode)) {
        entry.type = ConfinedEntry::Type::Link;
    }
    entry.modified = QDateTime::fromMSecsSinceEpoch(qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000,
                                                    QTimeZone::UTC);
    return entry;
}

// Opens a subdirectory for reading its entries, never through a link; a folder the user made unreadable is made
// readable again first (the gateway owns its users' files, as their shells do).
// chmod through a descriptor's magic link: it names exactly the file or folder opened, not a path.
int chmodDescriptor(int fd, mode_t mode)
{
    const QByteArray self = "/proc/self/fd/" + QByteArray::number(fd);
    return ::chmod(self.constData(), mode);
}

int openDirectoryEntries(int dirfd, const char *name)
{
    int fd = ::openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && errno == EACCES) {
        const int path = ::openat(dirfd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (path >= 0) {
            chmodDescriptor(path, 0700);
            ::close(path);
            fd = ::openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
    }
    return fd;
}

// Calls `visit(dirfd, name, stat)` for each entry of the open folder `fd` (which it takes over).
template<typename Visit> bool forEachEntry(int fd, Visit visit)
{
    DIR *dir = ::fdopendir(fd);
    if (!dir) {
        ::close(fd);
        return false;
    }
    bool ok = true;
    while (dirent *item = ::readdir(dir)) {
        const char *name = item->d_name;
        if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
            continue;
        struct stat st;
        if (::fstatat(::dirfd(dir), name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue; // gone meanwhile
        if (!visit(::dirfd(dir), name, st)) {
            ok = false;
            break;
        }
    }
    ::closedir(dir);
    return ok;
}

// 0 or an errno. Unlinks a file or link; empties and removes a folder, never following a link on the way.
int removeAt(int dirfd, const char *name, int depth)
{
    if (::unlinkat(dirfd, name, 0) == 0)
        return 0;
    if (errno != EISDIR)
        return errno;
    if (depth > MaxDepth)
        return ELOOP;
    const int fd = openDirectoryEntries(dirfd, name);
    if (fd < 0) {
        // Swapped for a link or a file since: remove that instead.
        if (errno == ELOOP || errno == ENOTDIR)
            return ::unlinkat(dirfd, name, 0) == 0 ? 0 : errno;
        return errno;
    }
    int failure = 0;
    forEachEntry(fd, [&](int inner, const char *entry, const struct stat &) {
        failure = removeAt(inner, entry, depth + 1);
        return failure == 0;
    });
    if (failure)
        return failure;
    return ::unlinkat(dirfd, name, AT_REMOVEDIR) == 0 ? 0 : errno;
}

// Sums file sizes; false when the entry budget ran out.
bool usageOf(int fd, int depth, qint64 &total, qint64 &budget)
{
    return forEachEntry(fd, [&](int dirfd, const char *name, const struct stat &st) {
        if (--budget < 0)
            return false;
        if (S_ISREG(st.st_mode)) {
            total += st.st_size;
        } else if (S_ISDIR(st.st_mode) && depth < MaxDepth) {
            const int inner = ::openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (inner >= 0 && !usageOf(inner, depth + 1, total, budget))
                return false;
        }
        return true;
    });
}

bool writeAll(int fd, const char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t written = ::write(fd, data, size_t(size));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        data += written;
        size -= written;
    }
    return true;
}

} // namespace

FileDescriptor &FileDescriptor::operator=(FileDescriptor &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = other.release();
    }
    return *this;
}

FileDescriptor::~FileDescriptor()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

int FileDescriptor::release()
{
    return std::exchange(m_fd, -1);
}

QString ConfinedEntry::typeName(Type type)
{
    switch (type) {
    case Type::File:
        return QStringLiteral("file");
    case Type::Directory:
        return QStringLiteral("directory");
    case Type::Link:
        return QStringLiteral("link");
    case Type::Other:
        break;
    }
    return QStringLiteral("other");
}

bool ConfinedDir::isSafeName(const QString &name)
{
    if (name.isEmpty() || name.size() > 255 || name == u"." || name == u"..")
        return false;
    for (const QChar c : name) {
        if (c == u'/' || c == u'\\' || c.category() == QChar::Other_Control || c == QChar(0x7f))
            return false;
    }
    return true;
}

Result<QString> ConfinedDir::checkRelativePath(const QString &path, const QString &field)
{
    const auto refuse = [&](const QString &why) {
        return std::unexpected(Error::make(api::ErrorCode::InvalidPath,
                                           tr("\"%1\" is not a path inside your home: %2").arg(path, why), field));
    };
    if (path.isEmpty())
        return refuse(tr("it is empty"));
    if (path.startsWith(u'/') || path.startsWith(u'~'))
        return refuse(tr("absolute paths are not allowed; name files relative to your home"));
    if (path.size() > 4096)
        return refuse(tr("it is too long"));
    const QStringList parts = path.split(u'/');
    for (const QString &part : parts) {
        if (part == u"..")
            return refuse(tr("\"..\" is not allowed"));
        if (!isSafeName(part))
            return refuse(tr("it contains an empty, \".\" or control-character component"));
    }
    return parts.join(u'/');
}

Result<ConfinedDir> ConfinedDir::openRoot(const QString &absolutePath, bool create)
{
    const QByteArray path = absolutePath.toUtf8();
    if (!absolutePath.startsWith(u'/'))
        return std::unexpected(Error::internal(tr("%1 is not an absolute path.").arg(absolutePath)));
    if (create) {
        // Parents one by one, each 0700 when made here.
        for (qsizetype slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1))
            ::mkdir(path.left(slash).constData(), 0700);
        if (::mkdir(path.constData(), 0700) != 0 && errno != EEXIST)
            return std::unexpected(
                Error::internal(tr("Cannot create %1: %2").arg(absolutePath, qt_error_string(errno))));
    }
    const int fd = ::open(path.constData(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return std::unexpected(Error::internal(tr("Cannot open %1: %2").arg(absolutePath, qt_error_string(errno))));
    return ConfinedDir(std::make_shared<FileDescriptor>(fd), absolutePath);
}

Error ConfinedDir::failure(int error, const QString &relative) const
{
    const QString name = relative.isEmpty() ? QStringLiteral("/") : relative;
    switch (error) {
    case ENOENT:
        return Error::make(api::ErrorCode::NotFound, tr("There is no \"%1\".").arg(name));
    case ELOOP:
    case EXDEV:
        return Error::make(api::ErrorCode::LinkRefused,
                           tr("\"%1\" is or passes through a symbolic link; Tandem never follows links.").arg(name));
    case ENOTDIR:
        return Error::make(api::ErrorCode::NotADirectory, tr("A part of \"%1\" is not a folder.").arg(name));
    case EISDIR:
        return Error::make(api::ErrorCode::IsDirectory, tr("\"%1\" is a folder.").arg(name));
    case EEXIST:
    case ENOTEMPTY:
        return Error::make(api::ErrorCode::Exists, tr("\"%1\" exists already.").arg(name));
    case ENAMETOOLONG:
        return Error::make(api::ErrorCode::InvalidPath, tr("\"%1\" is too long.").arg(name));
    case EACCES:
    case EPERM:
        return Error::make(api::ErrorCode::PermissionDenied,
                           tr("\"%1\" cannot be accessed: permission denied.").arg(name));
    case ENOSPC:
    case EDQUOT:
        return Error::make(api::ErrorCode::NoSpace, tr("No space is left for \"%1\".").arg(name));
    default:
        return Error::internal(tr("Cannot access \"%1\": %2").arg(name, qt_error_string(error)));
    }
}

Result<FileDescriptor> ConfinedDir::resolve(const QByteArray &relative, int flags, int mode) const
{
    flags |= O_CLOEXEC | O_NOFOLLOW;
    const QByteArray path = relative.isEmpty() ? QByteArrayLiteral(".") : relative;
    if (kernelHasOpenat2.load(std::memory_order_relaxed)) {
        const int opened = retryingOpenat2(this->fd(), path.constData(), flags, mode);
        if (opened >= 0)
            return FileDescriptor(opened);
        if (errno != ENOSYS)
            return std::unexpected(failure(errno, QString::fromUtf8(relative)));
        kernelHasOpenat2.store(false, std::memory_order_relaxed);
    }
    // No openat2: one component at a time, each opened without following a link. The components were checked
    // (no "..", no "."), so the walk cannot climb out.
    const QList<QByteArray> parts = path.split('/');
    FileDescriptor current(::fcntl(fd(), F_DUPFD_CLOEXEC, 0));
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const bool last = i + 1 == parts.size();
        const int fd = last
            ? ::openat(current.get(), parts[i].constData(), flags, mode)
            : ::openat(current.get(), parts[i].constData(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            return std::unexpected(failure(errno, QString::fromUtf8(relative)));
        current = FileDescriptor(fd);
    }
    if (flags & O_PATH) {
        // O_PATH | O_NOFOLLOW opens a link itself rather than failing.
        struct stat st;
        if (::fstat(current.get(), &st) != 0 || S_ISLNK(st.st_mode))
            return std::unexpected(failure(ELOOP, QString::fromUtf8(relative)));
    }
    return current;
}

Result<ConfinedDir::Parent> ConfinedDir::parentOf(const QString &relative) const
{
    auto checked = checkRelativePath(relative, {});
    if (!checked)
        return std::unexpected(checked.error());
    const QByteArray path = checked->toUtf8();
    const qsizetype slash = path.lastIndexOf('/');
    Parent parent;
    parent.name = path.mid(slash + 1);
    if (slash < 0)
        return parent;
    auto fd = resolve(path.left(slash), O_PATH | O_DIRECTORY);
    if (!fd)
        return std::unexpected(fd.error());
    parent.fd = std::move(*fd);
    return parent;
}

ConfinedDir ConfinedDir::child(FileDescriptor fd, const QString &relative) const
{
    return ConfinedDir(std::make_shared<FileDescriptor>(std::move(fd)),
                       relative.isEmpty() ? m_path : m_path + u'/' + relative);
}

Result<ConfinedDir> ConfinedDir::directory(const QString &relative) const
{
    if (!relative.isEmpty()) {
        if (auto checked = checkRelativePath(relative, {}); !checked)
            return std::unexpected(checked.error());
    }
    auto fd = resolve(relative.toUtf8(), O_PATH | O_DIRECTORY);
    if (!fd)
        return std::unexpected(fd.error());
    return child(std::move(*fd), relative);
}

Result<ConfinedDir> ConfinedDir::makeDirectories(const QString &relative, int mode) const
{
    if (relative.isEmpty())
        return directory({});
    auto checked = checkRelativePath(relative, {});
    if (!checked)
        return std::unexpected(checked.error());
    FileDescriptor current(::fcntl(fd(), F_DUPFD_CLOEXEC, 0));
    for (const QByteArray &part : checked->toUtf8().split('/')) {
        if (::mkdirat(current.get(), part.constData(), mode_t(mode)) != 0 && errno != EEXIST)
            return std::unexpected(failure(errno, relative));
        const int fd = ::openat(current.get(), part.constData(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            return std::unexpected(failure(errno == ENOTDIR ? ELOOP : errno, relative));
        current = FileDescriptor(fd);
    }
    return child(std::move(current), *checked);
}

Result<ConfinedDir> ConfinedDir::makeFreshDirectory(const QString &relative, int mode) const
{
    auto checked = checkRelativePath(relative, {});
    if (!checked)
        return std::unexpected(checked.error());
    const qsizetype slash = checked->lastIndexOf(u'/');
    auto parent = makeDirectories(slash < 0 ? QString() : checked->left(slash), mode);
    if (!parent)
        return std::unexpected(parent.error());
    const QByteArray name = checked->mid(slash + 1).toUtf8();
    if (::mkdirat(parent->fd(), name.constData(), mode_t(mode)) != 0)
        return std::unexpected(failure(errno, relative));
    const int fd = ::openat(parent->fd(), name.constData(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return std::unexpected(failure(errno == ENOTDIR ? ELOOP : errno, relative));
    return child(FileDescriptor(fd), *checked);
}

Result<FileDescriptor> ConfinedDir::openForReading(const QString &relative) const
{
    auto checked = checkRelativePath(relative, {});
    if (!checked)
        return std::unexpected(checked.error());
    // Non-blocking, so a FIFO planted under the name cannot hold the gateway; refused below anyway.
    auto fd = resolve(checked->toUtf8(), O_RDONLY | O_NONBLOCK);
    if (!fd)
        return std::unexpected(fd.error());
    struct stat st;
    if (::fstat(fd->get(), &st) != 0)
        return std::unexpected(failure(errno, relative));
    if (S_ISDIR(st.st_mode))
        return std::unexpected(failure(EISDIR, relative));
    if (!S_ISREG(st.st_mode)) {
        return std::unexpected(
            Error::make(api::ErrorCode::NotAFile, tr("\"%1\" is not a regular file.").arg(relative)));
    }
    ::fcntl(fd->get(), F_SETFL, ::fcntl(fd->get(), F_GETFL) & ~O_NONBLOCK);
    return fd;
}

Result<FileDescriptor> ConfinedDir::createFile(const QString &relative, int mode) const
{
    auto parent = parentOf(relative);
    if (!parent)
        return std::unexpected(parent.error());
    const int created = ::openat(parent->at(fd()), parent->name.constData(),
                                 O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(mode));
    if (created < 0)
        return std::unexpected(failure(errno, relative));
    return FileDescriptor(created);
}

Result<ConfinedDir::AsideFile> ConfinedDir::createAside(const QString &relative, int mode) const
{
    const qsizetype slash = relative.lastIndexOf(u'/');
    AsideFile aside;
    aside.name = relative.left(slash + 1) + QStringLiteral(".tandem-write-")
        + QString::number(QRandomGenerator::system()->generate64(), 16);
    auto created = createFile(aside.name, mode);
    if (!created)
        return std::unexpected(created.error());
    aside.fd = std::move(*created);
    return aside;
}

Result<void> ConfinedDir::replace(const QString &from, const QString &to) const
{
    auto source = parentOf(from);
    if (!source)
        return std::unexpected(source.error());
    auto destination = parentOf(to);
    if (!destination)
        return std::unexpected(destination.error());
    // rename(2) replaces the name itself: a link there is replaced, not followed; over a folder it fails.
    if (::renameat(source->at(fd()), source->name.constData(), destination->at(fd()), destination->name.constData())
        != 0)
        return std::unexpected(failure(errno, to));
    return {};
}

Result<void> ConfinedDir::writeFile(const QString &relative, const QByteArray &data, int mode) const
{
    auto aside = createAside(relative, mode);
    if (!aside)
        return std::unexpected(aside.error());
    if (!writeAll(aside->fd.get(), data.constData(), data.size())) {
        const int error = errno;
        remove(aside->name);
        return std::unexpected(failure(error, relative));
    }
    aside->fd = FileDescriptor();
    if (auto replaced = replace(aside->name, relative); !replaced) {
        remove(aside->name);
        return std::unexpected(replaced.error());
    }
    return {};
}

Result<qint64> ConfinedDir::copyTo(const QString &from, const ConfinedDir &target, const QString &to,
                                   qint64 maxBytes) const
{
    auto source = openForReading(from);
    if (!source)
        return std::unexpected(source.error());
    struct stat st;
    if (::fstat(source->get(), &st) != 0)
        return std::unexpected(failure(errno, from));
    const auto tooLarge = [&] {
        return Error::make(
            api::ErrorCode::QuotaExceeded,
            tr("\"%1\" is larger than the %2 MB left in your quota.").arg(from).arg(maxBytes / (1024 * 1024)));
    };
    if (maxBytes >= 0 && st.st_size > maxBytes)
        return std::unexpected(tooLarge());
    auto destination = target.createFile(to, int(st.st_mode & 0777) | 0200);
    if (!destination)
        return std::unexpected(destination.error());
    qint64 copied = 0;
    char buffer[64 * 1024];
    for (;;) {
        const ssize_t got = ::read(source->get(), buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return std::unexpected(failure(errno, from));
        if (got == 0)
            break;
        if (!writeAll(destination->get(), buffer, got))
            return std::unexpected(target.failure(errno, to));
        copied += got;
        if (maxBytes >= 0 && copied > maxBytes) { // grew while being copied
            destination = FileDescriptor();
            target.remove(to);
            return std::unexpected(tooLarge());
        }
    }
    return copied;
}

Result<void> ConfinedDir::rename(const QString &from, const QString &to) const
{
    return moveTo(from, *this, to);
}

Result<void> ConfinedDir::moveTo(const QString &from, const ConfinedDir &target, const QString &to) const
{
    auto source = parentOf(from);
    if (!source)
        return std::unexpected(source.error());
    auto destination = target.parentOf(to);
    if (!destination)
        return std::unexpected(destination.error());
    if (::renameat2(source->at(fd()), source->name.constData(), destination->at(target.fd()),
                    destination->name.constData(), RENAME_NOREPLACE)
        != 0)
        return std::unexpected(failure(errno, errno == EEXIST ? to : from));
    return {};
}

Result<void> ConfinedDir::remove(const QString &relative) const
{
    auto parent = parentOf(relative);
    if (!parent)
        return std::unexpected(parent.error());
    if (const int error = removeAt(parent->at(fd()), parent->name.constData(), 0))
        return std::unexpected(failure(error, relative));
    return {};
}

Result<ConfinedEntry> ConfinedDir::entry(const QString &relative) const
{
    struct stat st;
    if (relative.isEmpty()) {
        if (::fstat(fd(), &st) != 0)
            return std::unexpected(failure(errno, relative));
        return entryFromStat(m_path.section(u'/', -1), st);
    }
    auto parent = parentOf(relative);
    if (!parent)
        return std::unexpected(parent.error());
    if (::fstatat(parent->at(fd()), parent->name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return std::unexpected(failure(errno, relative));
    return entryFromStat(QString::fromUtf8(parent->name), st);
}

Result<QList<ConfinedEntry>> ConfinedDir::list(const QString &relative) const
{
    if (!relative.isEmpty()) {
        if (auto checked = checkRelativePath(relative, {}); !checked)
            return std::unexpected(checked.error());
    }
    auto fd = resolve(relative.toUtf8(), O_RDONLY | O_DIRECTORY);
    if (!fd)
        return std::unexpected(fd.error());
    QList<ConfinedEntry> entries;
    forEachEntry(fd->release(), [&](int, const char *name, const struct stat &st) {
        entries.append(entryFromStat(QString::fromUtf8(name), st));
        return true;
    });
    std::sort(entries.begin(), entries.end(),
              [](const ConfinedEntry &a, const ConfinedEntry &b) { return a.name < b.name; });
    return entries;
}

Result<void> ConfinedDir::setMode(int mode) const
{
    if (chmodDescriptor(fd(), mode_t(mode)) != 0)
        return std::unexpected(failure(errno, {}));
    return {};
}

Result<qint64> ConfinedDir::usage(qint64 maxEntries) const
{
    const int root = ::openat(fd(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (root < 0)
        return std::unexpected(failure(errno, {}));
    qint64 total = 0;
    qint64 budget = maxEntries;
    if (!usageOf(root, 0, total, budget) && budget < 0) {
        return std::unexpected(Error::make(api::ErrorCode::TooManyFiles,
                                           tr("This folder holds more than %1 files and folders; remove some before "
                                              "adding more.")
                                               .arg(maxEntries)));
    }
    return total;
}

} // namespace tandem::gateway
