#pragma once

#include "Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace tandem::gateway {

// A file descriptor that closes itself.
class FileDescriptor
{
public:
    FileDescriptor() = default;
    explicit FileDescriptor(int fd)
        : m_fd(fd)
    { }
    FileDescriptor(FileDescriptor &&other) noexcept
        : m_fd(other.release())
    { }
    FileDescriptor &operator=(FileDescriptor &&other) noexcept;
    FileDescriptor(const FileDescriptor &) = delete;
    FileDescriptor &operator=(const FileDescriptor &) = delete;
    ~FileDescriptor();

    int get() const { return m_fd; }
    bool isValid() const { return m_fd >= 0; }
    int release();

private:
    int m_fd = -1;
};

// One entry of a folder as the gateway sees it: links are links, never what they point at.
struct ConfinedEntry
{
    enum class Type { File, Directory, Link, Other };

    QString name;
    Type type = Type::Other;
    qint64 size = 0; // apparent size of a file; 0 for the rest
    QDateTime modified;

    static QString typeName(Type type);
};

// The only way the gateway touches places its users write: a home, a job directory. Those are written by users'
// shells and jobs, so any name in them may be a symbolic link planted a moment ago. Everything here works from a
// descriptor of the root directory; each path is resolved by the kernel beneath it without following any link
// (openat2 with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS, or an O_NOFOLLOW walk one component
// at a time where the kernel lacks openat2), creates never replace (O_EXCL, mkdirat, RENAME_NOREPLACE) and deletes
// remove links themselves. A path is relative ("src/main.c"); "" is the root itself.
class ConfinedDir
{
    Q_DECLARE_TR_FUNCTIONS(ConfinedDir)

public:
    // The root itself is named by the gateway (its data directory, a home it made), not by a user; it is opened
    // without following a link in its last component. `create` makes it (and missing parents) with mode 0700.
    static Result<ConfinedDir> openRoot(const QString &absolutePath, bool create = false);

    // Copies share the one descriptor.
    ConfinedDir(const ConfinedDir &) = default;
    ConfinedDir &operator=(const ConfinedDir &) = default;
    ConfinedDir(ConfinedDir &&) noexcept = default;
    ConfinedDir &operator=(ConfinedDir &&) noexcept = default;

    // Where this directory was when it was opened: for messages and for naming it to a sandbox, never for opening.
    const QString &path() const { return m_path; }
    int fd() const { return m_fd->get(); }

    // An existing directory beneath.
    Result<ConfinedDir> directory(const QString &relative) const;
    // The directory, made with every missing parent (mode 0700 unless given).
    Result<ConfinedDir> makeDirectories(const QString &relative, int mode = 0700) const;
    // A new directory whose last component must not exist (parents are made); fails with a conflict otherwise.
    Result<ConfinedDir> makeFreshDirectory(const QString &relative, int mode = 0700) const;
    // A regular file opened for reading (O_CLOEXEC); anything else (a link, a folder, a FIFO) is refused.
    Result<FileDescriptor> openForReading(const QString &relative) const;
    // A new file (O_CREAT | O_EXCL): refuses when anything, a dangling link included, has the name.
    Result<FileDescriptor> createFile(const QString &relative, int mode = 0600) const;
    // Writes the whole file aside and renames it over the name: whatever the name was (a file, a link), it is
    // replaced, never followed. A folder of that name refuses.
    Result<void> writeFile(const QString &relative, const QByteArray &data, int mode = 0600) const;
    // A new file beside `relative` under a hidden random name, for a write that takes a while (a download): put in
    // place with replace(), or removed. `name` is relative to this root.
    struct AsideFile
    {
        FileDescriptor fd;
        QString name;
    };
    Result<AsideFile> createAside(const QString &relative, int mode = 0600) const;
    // Renames `from` over `to`, both in one folder: a file or link at `to` is replaced (never followed), a folder
    // refuses.
    Result<void> replace(const QString &from, const QString &to) const;
    // Copies a regular file of this root to a new file of another root (never over an existing name), keeping its
    // permission bits plus the owner's write bit; returns the bytes copied. A source larger than `maxBytes` (when not
    // negative) is refused, also when it grew since it was measured.
    Result<qint64> copyTo(const QString &from, const ConfinedDir &target, const QString &to,
                          qint64 maxBytes = -1) const;
    // Moves an entry within this root; refuses when the destination exists (renameat2 RENAME_NOREPLACE).
    Result<void> rename(const QString &from, const QString &to) const;
    // Moves an entry of this root into another root's folder (same file system), never over an existing name.
    Result<void> moveTo(const QString &from, const ConfinedDir &target, const QString &to) const;
    // Deletes a file, a link (not what it points at) or a folder with everything in it.
    Result<void> remove(const QString &relative) const;
    // The entry itself (lstat): a link is reported as a link.
    Result<ConfinedEntry> entry(const QString &relative) const;
    // The entries of a folder, links as links, sorted by name.
    Result<QList<ConfinedEntry>> list(const QString &relative = {}) const;
    // Bytes of the regular files beneath (apparent sizes; links and their targets count nothing). A tree of more than
    // `maxEntries` entries is an error (too_many_files) rather than a walk that holds up every other request.
    static constexpr qint64 MaxUsageEntries = 250'000;
    Result<qint64> usage(qint64 maxEntries = MaxUsageEntries) const;
    // The mode of the root itself, set through its descriptor (never a path looked up again).
    Result<void> setMode(int mode) const;

    // A relative path as the file layer accepts it: no absolute paths, "..", ".", empty or control-character
    // components. Does not touch the file system.
    static Result<QString> checkRelativePath(const QString &path, const QString &field);
    // A file or directory name alone (no '/'), as checkRelativePath accepts one component.
    static bool isSafeName(const QString &name);

private:
    ConfinedDir(std::shared_ptr<FileDescriptor> fd, QString path)
        : m_fd(std::move(fd))
        , m_path(std::move(path))
    { }

    struct Parent
    {
        FileDescriptor fd; // invalid when the parent is this root itself
        QByteArray name;
        int at(int rootFd) const { return fd.isValid() ? fd.get() : rootFd; }
    };
    Result<Parent> parentOf(const QString &relative) const;
    Result<FileDescriptor> resolve(const QByteArray &relative, int flags, int mode = 0) const;
    Error failure(int error, const QString &relative) const;
    ConfinedDir child(FileDescriptor fd, const QString &relative) const;

    std::shared_ptr<FileDescriptor> m_fd; // O_PATH | O_DIRECTORY
    QString m_path;
};

} // namespace tandem::gateway
