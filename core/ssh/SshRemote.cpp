#include "ssh/SshRemote.h"

#include "ssh/SftpTransfer.h"
#include "ssh/SshSession.h"

#include <QCoreApplication>

#include <libssh/sftp.h>

#include <condition_variable>
#include <deque>
#include <mutex>

#include <fcntl.h>
#include <sys/time.h>
#include <unistd.h>

namespace tandem {

namespace {

using Clock = std::chrono::steady_clock;

constexpr qsizetype MaxCommandOutput = 64 * 1024 * 1024; // of a command's output or errors, kept in memory

// Closes a descriptor handed over to a request, whatever way the request ends (also when it never runs).
struct OwnedFd
{
    explicit OwnedFd(int descriptor)
        : fd(descriptor)
    { }
    OwnedFd(const OwnedFd &) = delete;
    OwnedFd &operator=(const OwnedFd &) = delete;
    ~OwnedFd()
    {
        if (fd >= 0)
            ::close(fd);
    }
    int fd;
};

RemoteEntry::Type typeOf(const sftp_attributes attributes)
{
    switch (attributes->type) {
    case SSH_FILEXFER_TYPE_REGULAR:
        return RemoteEntry::Type::File;
    case SSH_FILEXFER_TYPE_DIRECTORY:
        return RemoteEntry::Type::Directory;
    case SSH_FILEXFER_TYPE_SYMLINK:
        return RemoteEntry::Type::Link;
    default:
        return RemoteEntry::Type::Other;
    }
}

} // namespace

class SshRemote::Worker : private SshWorker<SshRemote>
{
public:
    Worker(SshRemote *owner, SshKey key, SshTarget target)
        : SshWorker(owner, std::move(key), std::move(target))
    { }

    ~Worker() { closeSession(); }

    void post(std::function<void(Worker &)> task)
    {
        {
            std::lock_guard lock(m_mutex);
            m_tasks.push_back(std::move(task));
        }
        m_wake.notify_one();
    }

    void abandon()
    {
        m_link.abandon();
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
    }

    void loop()
    {
        while (true) {
            std::function<void(Worker &)> task;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return m_stopping || !m_tasks.empty(); });
                if (m_stopping)
                    return;
                task = std::move(m_tasks.front());
                m_tasks.pop_front();
            }
            task(*this);
        }
    }

    template<typename F> void report(F function) { m_link.report(std::move(function)); }

    // Connected, or connects now unless the back-off says to wait; false with `problem` set otherwise.
    bool ensure(QString *problem)
    {
        if (m_session && m_sftp && ssh_is_connected(m_session))
            return true;
        if (m_session)
            lost(SshRemote::tr("The connection was lost."));
        if (Clock::now() < m_nextAttempt) {
            *problem = m_problem;
            return false;
        }
        SshConnection::Failure failure = SshConnection::Failure::Network;
        QString message;
        if (openSession(&failure, &message)) {
            m_sftp = sftp_new(m_session);
            if (!m_sftp || sftp_init(m_sftp) != SSH_OK)
                message = SshRemote::tr("The login node did not start its SFTP service: %1")
                              .arg(QString::fromUtf8(ssh_get_error(m_session)));
        }
        if (!message.isEmpty()) {
            closeSession();
            m_problem = message;
            m_nextAttempt = Clock::now() + m_backoff;
            m_backoff = std::min<std::chrono::seconds>(m_backoff * 2, BackoffLimit);
            *problem = message;
            report([message](SshRemote *owner) { owner->setDisconnected(message); });
            return false;
        }
        keepSocketAlive(m_session);
        m_backoff = std::chrono::seconds(1);
        m_problem.clear();
        m_chunkRead = SftpTransfer::chunkFor(m_sftp, true);
        m_chunkWrite = SftpTransfer::chunkFor(m_sftp, false);
        char *home = sftp_canonicalize_path(m_sftp, ".");
        const QString homePath = QString::fromUtf8(home);
        ssh_string_free_char(home);
        // The account's own uid there: its home's owner (sshd's StrictModes wants the home the account's own).
        m_uid = -1;
        if (sftp_attributes attributes = home ? sftp_stat(m_sftp, homePath.toUtf8().constData()) : nullptr) {
            if (attributes->flags & SSH_FILEXFER_ATTR_UIDGID)
                m_uid = qint64(attributes->uid);
            sftp_attributes_free(attributes);
        }
        report([homePath](SshRemote *owner) { owner->setConnected(homePath); });
        return true;
    }

    // After a request: a connection that broke during it is closed, to be made again by the next.
    void checkConnection()
    {
        if (m_session && !ssh_is_connected(m_session))
            lost(SshRemote::tr("The connection was lost."));
    }

    RemoteCommandResult run(const QList<QByteArray> &argv, const QByteArray &input, std::chrono::seconds timeout)
    {
        RemoteCommandResult result;
        for (const QByteArray &word : argv) {
            if (word.contains('\0')) {
                result.problem = SshRemote::tr("A command word holds a NUL byte.");
                return result;
            }
        }
        if (!ensure(&result.problem))
            return result;
        QByteArray command;
        for (const QByteArray &word : argv)
            command += (command.isEmpty() ? "" : " ") + SshRemote::shellQuote(word);
        ssh_channel channel = ssh_channel_new(m_session);
        if (!channel || ssh_channel_open_session(channel) != SSH_OK
            || ssh_channel_request_exec(channel, command.constData()) != SSH_OK) {
            result.problem = SshRemote::tr("Cannot run %1 on the login node: %2")
                                 .arg(QString::fromUtf8(argv.value(0)), sshError());
            if (channel)
                ssh_channel_free(channel);
            checkConnection();
            return result;
        }
        for (qsizetype offset = 0; offset < input.size();) {
            const int written = ssh_channel_write(channel, input.constData() + offset,
                                                  uint32_t(std::min<qsizetype>(input.size() - offset, 32768)));
            if (written == SSH_ERROR)
                break;
            offset += written;
        }
        ssh_channel_send_eof(channel);
        const Clock::time_point deadline = Clock::now() + timeout;
        char buffer[16384];
        bool failed = false;
        while (!failed) {
            bool read = false;
            for (const int isStderr : {0, 1}) {
                const int count = ssh_channel_read_nonblocking(channel, buffer, sizeof buffer, isStderr);
                if (count > 0) {
                    QByteArray &kept = isStderr ? result.errors : result.output;
                    if (kept.size() + count > MaxCommandOutput) {
                        result.problem = SshRemote::tr("%1 wrote more than %2 MB.")
                                             .arg(QString::fromUtf8(argv.value(0)))
                                             .arg(MaxCommandOutput >> 20);
                        failed = true;
                        break;
                    }
                    kept.append(buffer, count);
                    read = true;
                } else if (count == SSH_ERROR) {
                    failed = true;
                }
            }
            if (read)
                continue;
            if (ssh_channel_is_eof(channel) || ssh_channel_is_closed(channel))
                break;
            if (Clock::now() > deadline) {
                result.problem = SshRemote::tr("%1 did not finish within %n second(s).", nullptr, int(timeout.count()))
                                     .arg(QString::fromUtf8(argv.value(0)));
                failed = true;
                break;
            }
            ssh_channel_poll_timeout(channel, 100, 0);
        }
        if (!failed) {
#if LIBSSH_VERSION_INT >= SSH_VERSION_INT(0, 11, 0)
            uint32_t code = 0;
            char *signal = nullptr;
            int core = 0;
            if (ssh_channel_get_exit_state(channel, &code, &signal, &core) == SSH_OK) {
                result.ran = signal == nullptr;
                result.exitCode = int(code);
                if (signal) {
                    result.problem = SshRemote::tr("%1 was ended by signal %2.")
                                         .arg(QString::fromUtf8(argv.value(0)), QString::fromUtf8(signal));
                    ssh_string_free_char(signal);
                }
            }
#else
            const int code = ssh_channel_get_exit_status(channel);
            result.ran = code >= 0;
            result.exitCode = code;
#endif
            if (!result.ran && result.problem.isEmpty())
                result.problem
                    = SshRemote::tr("%1 ended without an exit status.").arg(QString::fromUtf8(argv.value(0)));
        } else if (result.problem.isEmpty()) {
            result.problem = SshRemote::tr("Lost the connection while %1 ran: %2")
                                 .arg(QString::fromUtf8(argv.value(0)), sshError());
        }
        ssh_channel_close(channel);
        ssh_channel_free(channel);
        checkConnection();
        return result;
    }

    QString makeDirectories(const QString &path, int mode)
    {
        QString problem;
        if (!ensure(&problem))
            return problem;
        QString prefix = path.startsWith(u'/') ? QStringLiteral("/") : QString();
        for (const QString &part : path.split(u'/', Qt::SkipEmptyParts)) {
            prefix += (prefix.isEmpty() || prefix.endsWith(u'/') ? QString() : QStringLiteral("/")) + part;
            const QByteArray name = prefix.toUtf8();
            if (sftp_attributes existing = sftp_lstat(m_sftp, name.constData())) {
                const RemoteEntry::Type type = typeOf(existing);
                // Unknown owner or mode (a server that leaves them out) is refused like a foreign one.
                const quint32 permissions
                    = (existing->flags & SSH_FILEXFER_ATTR_PERMISSIONS) ? existing->permissions : 0777;
                const qint64 uid = (existing->flags & SSH_FILEXFER_ATTR_UIDGID) ? qint64(existing->uid) : -2;
                sftp_attributes_free(existing);
                if (type != RemoteEntry::Type::Directory)
                    return SshRemote::tr("%1 exists on the login node and is not a folder.").arg(prefix);
                // As sshd's StrictModes: no one else may rename or replace a folder on the way to the job's files
                // (other accounts of the login node could plant links there). A shared folder such as /tmp
                // (writable by all, with the sticky bit) is passed through, but what lies in it must be ours.
                if (uid != 0 && uid != m_uid) {
                    return SshRemote::tr("%1 on the login node belongs to another account (uid %2): the gateway "
                                         "keeps jobs' files only in folders of its own account or of root.")
                        .arg(prefix)
                        .arg(uid);
                }
                if ((permissions & 022) != 0 && (permissions & 01000) == 0) {
                    return SshRemote::tr("%1 on the login node can be written by other accounts (mode %2): the "
                                         "gateway keeps jobs' files only where no one else can change them.")
                        .arg(prefix)
                        .arg(permissions & 07777, 4, 8, QLatin1Char('0'));
                }
                continue;
            }
            if (sftp_mkdir(m_sftp, name.constData(), mode_t(mode)) != SSH_OK) {
                const QString error = transfer().failure(SshRemote::tr("Cannot create"), prefix);
                checkConnection();
                return error;
            }
        }
        return {};
    }

    QString upload(const OwnedFd &source, const QString &path, int mode, qint64 modified)
    {
        QString problem;
        if (!ensure(&problem))
            return problem;
        const qsizetype slash = path.lastIndexOf(u'/');
        const QString partial = path.left(slash + 1) + u'.' + path.mid(slash + 1) + QStringLiteral(".part");
        const QByteArray partialName = partial.toUtf8();
        const QByteArray targetName = path.toUtf8();
        // A new file under the hidden name (a leftover there, a link included, is removed, never followed).
        sftp_unlink(m_sftp, partialName.constData());
        sftp_file file = sftp_open(m_sftp, partialName.constData(), O_WRONLY | O_CREAT | O_EXCL, mode_t(mode));
        if (!file) {
            const QString error = transfer().failure(SshRemote::tr("Cannot create"), partial);
            checkConnection();
            return error;
        }
        SftpTransfer writing = transfer();
        writing.chunk = m_chunkWrite;
        QString error = writing.write(file, path, [&](char *buffer, qint64 size, QString *readError) -> qint64 {
            const ssize_t count = ::read(source.fd, buffer, size_t(size));
            if (count < 0)
                *readError = SshRemote::tr("Cannot read the file for %1: %2").arg(path, qt_error_string(errno));
            return count;
        });
        sftp_close(file);
        if (error.isEmpty()) {
            struct timeval times[2] = {{time_t(modified), 0}, {time_t(modified), 0}};
            sftp_chmod(m_sftp, partialName.constData(), mode_t(mode));
            sftp_utimes(m_sftp, partialName.constData(), times);
            // Over an existing file: rename may refuse (SFTP v3), so the old one goes first, at the last moment.
            if (sftp_rename(m_sftp, partialName.constData(), targetName.constData()) != SSH_OK) {
                sftp_unlink(m_sftp, targetName.constData());
                if (sftp_rename(m_sftp, partialName.constData(), targetName.constData()) != SSH_OK)
                    error = transfer().failure(SshRemote::tr("Cannot rename into"), path);
            }
        }
        if (!error.isEmpty())
            sftp_unlink(m_sftp, partialName.constData());
        checkConnection();
        return error;
    }

    // The real path of `directory` (links resolved by the server), empty when it has none.
    QString canonical(const QString &path)
    {
        char *resolved = sftp_canonicalize_path(m_sftp, path.toUtf8().constData());
        const QString result = resolved ? QString::fromUtf8(resolved) : QString();
        ssh_string_free_char(resolved);
        return result;
    }

    // Whether `relative` names a place beneath `root` (a real path) through no link at all: the server resolves
    // links, so a path through one resolves elsewhere.
    bool beneath(const QString &root, const QString &relative)
    {
        return !root.isEmpty() && canonical(root + u'/' + relative) == root + u'/' + relative;
    }

    QString list(const QString &directory, int maxEntries, QList<RemoteEntry> *entries)
    {
        QString problem;
        if (!ensure(&problem))
            return problem;
        const QString root = canonical(directory);
        if (root.isEmpty()) {
            const QString error = transfer().failure(SshRemote::tr("Cannot open"), directory);
            checkConnection();
            return error;
        }
        QStringList folders{QString()};
        while (!folders.isEmpty()) {
            const QString relative = folders.takeLast();
            const QString path = relative.isEmpty() ? root : root + u'/' + relative;
            if (!relative.isEmpty() && !beneath(root, relative))
                return SshRemote::tr("%1 leads out of %2.").arg(relative, directory);
            sftp_dir dir = sftp_opendir(m_sftp, path.toUtf8().constData());
            if (!dir) {
                const QString error = transfer().failure(SshRemote::tr("Cannot open"), path);
                checkConnection();
                return error;
            }
            while (sftp_attributes attributes = sftp_readdir(m_sftp, dir)) {
                const QByteArray raw(attributes->name);
                const QString name = QString::fromUtf8(raw);
                // A name that is not UTF-8 would be written back as another name: it is left out.
                if (name.toUtf8() != raw) {
                    sftp_attributes_free(attributes);
                    continue;
                }
                if (name != u"." && name != u"..") {
                    RemoteEntry entry;
                    entry.path = relative.isEmpty() ? name : relative + u'/' + name;
                    entry.type = typeOf(attributes); // readdir reports what lstat would: a link is a link
                    entry.size = qint64(attributes->size);
                    entry.modified = qint64(attributes->mtime);
                    entry.permissions = int(attributes->permissions & 07777);
                    if (entry.type == RemoteEntry::Type::Directory)
                        folders.append(entry.path);
                    entries->append(entry);
                }
                sftp_attributes_free(attributes);
                if (entries->size() > maxEntries) {
                    sftp_closedir(dir);
                    return SshRemote::tr("%1 holds more than %n entries.", nullptr, maxEntries).arg(directory);
                }
            }
            // The end of the folder, or an error (a timeout, an I/O error): a listing cut short is no listing.
            const bool complete = sftp_dir_eof(dir);
            sftp_closedir(dir);
            if (!complete) {
                const QString error = transfer().failure(SshRemote::tr("Cannot read"), path);
                checkConnection();
                return error;
            }
        }
        return {};
    }

    QString download(const QString &directory, const QString &relative, const OwnedFd &target, qint64 maxBytes)
    {
        QString problem;
        if (!ensure(&problem))
            return problem;
        const QString root = canonical(directory);
        if (!beneath(root, relative))
            return SshRemote::tr("%1 leads out of %2.").arg(relative, directory);
        const QString path = root + u'/' + relative;
        const QByteArray name = path.toUtf8();
        sftp_attributes before = sftp_lstat(m_sftp, name.constData());
        const bool regular = before && typeOf(before) == RemoteEntry::Type::File;
        sftp_attributes_free(before);
        if (!regular)
            return SshRemote::tr("%1 is not a regular file on the login node.").arg(path);
        sftp_file file = sftp_open(m_sftp, name.constData(), O_RDONLY, 0);
        if (!file) {
            const QString error = transfer().failure(SshRemote::tr("Cannot open"), path);
            checkConnection();
            return error;
        }
        sftp_attributes opened = sftp_fstat(file);
        const bool stillRegular = opened && typeOf(opened) == RemoteEntry::Type::File;
        const qint64 total = opened ? qint64(opened->size) : -1;
        sftp_attributes_free(opened);
        if (!stillRegular || total > maxBytes) {
            sftp_close(file);
            return stillRegular ? SshRemote::tr("%1 is larger than the %2 bytes left for it.").arg(path).arg(maxBytes)
                                : SshRemote::tr("%1 is not a regular file on the login node.").arg(path);
        }
        SftpTransfer reading = transfer();
        reading.chunk = m_chunkRead;
        qint64 written = 0;
        const QString error = reading.read(file, total, path, [&](const char *data, qint64 size) -> QString {
            if (written + size > maxBytes)
                return SshRemote::tr("%1 is larger than the %2 bytes left for it.").arg(path).arg(maxBytes);
            for (qint64 offset = 0; offset < size;) {
                const ssize_t count = ::write(target.fd, data + offset, size_t(size - offset));
                if (count < 0)
                    return SshRemote::tr("Cannot write %1 here: %2").arg(path, qt_error_string(errno));
                offset += count;
            }
            written += size;
            return {};
        });
        sftp_close(file);
        checkConnection();
        return error;
    }

private:
    QString sshError() const { return QString::fromUtf8(ssh_get_error(m_session)); }

    SftpTransfer transfer() const
    {
        SftpTransfer transfer;
        transfer.session = m_session;
        return transfer;
    }

    void lost(const QString &message)
    {
        closeSession();
        m_problem = message;
        report([message](SshRemote *owner) { owner->setDisconnected(message); });
    }

    void closeSession()
    {
        if (m_sftp) {
            sftp_free(m_sftp);
            m_sftp = nullptr;
        }
        if (m_session) {
            ssh_disconnect(m_session);
            ssh_free(m_session);
            m_session = nullptr;
        }
    }

    sftp_session m_sftp = nullptr;
    qint64 m_chunkRead = 32 * 1024;
    qint64 m_chunkWrite = 32 * 1024;
    qint64 m_uid = -1; // the account's on the login node, -1 while unknown
    Clock::time_point m_nextAttempt;
    std::chrono::seconds m_backoff{1};
    QString m_problem;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void(Worker &)>> m_tasks;
    bool m_stopping = false;
};

SshRemote::SshRemote(SshKey key, SshTarget target, QObject *parent)
    : QObject(parent)
    , m_worker(std::make_shared<Worker>(this, std::move(key), std::move(target)))
    , m_problem(tr("not connected yet"))
{
    m_thread = std::thread([worker = m_worker] { worker->loop(); });
}

SshRemote::~SshRemote()
{
    m_worker->abandon();
    // A request in progress ends at its next timeout at the latest; the thread frees what it holds then.
    if (m_thread.joinable())
        m_thread.detach();
}

QByteArray SshRemote::shellQuote(const QByteArray &word)
{
    QByteArray quoted = word;
    quoted.replace('\'', "'\\''");
    return '\'' + quoted + '\'';
}

void SshRemote::post(std::function<void(Worker &)> task)
{
    m_worker->post(std::move(task));
}

void SshRemote::run(const QList<QByteArray> &argv, const QByteArray &input, std::chrono::seconds timeout,
                    CommandDone done)
{
    post([argv, input, timeout, done = std::move(done)](Worker &worker) {
        RemoteCommandResult result = worker.run(argv, input, timeout);
        worker.report([result = std::move(result), done](SshRemote *) { done(result); });
    });
}

void SshRemote::makeDirectories(const QString &path, int mode, Done done)
{
    post([path, mode, done = std::move(done)](Worker &worker) {
        const QString error = worker.makeDirectories(path, mode);
        worker.report([error, done](SshRemote *) { done(error); });
    });
}

void SshRemote::upload(int fd, const QString &path, int mode, qint64 modified, Done done)
{
    auto source = std::make_shared<OwnedFd>(fd);
    post([source, path, mode, modified, done = std::move(done)](Worker &worker) {
        const QString error = worker.upload(*source, path, mode, modified);
        worker.report([error, done](SshRemote *) { done(error); });
    });
}

void SshRemote::list(const QString &directory, int maxEntries,
                     std::function<void(const QString &, const QList<RemoteEntry> &)> done)
{
    post([directory, maxEntries, done = std::move(done)](Worker &worker) {
        QList<RemoteEntry> entries;
        const QString error = worker.list(directory, maxEntries, &entries);
        worker.report([error, entries = std::move(entries), done](SshRemote *) { done(error, entries); });
    });
}

void SshRemote::download(const QString &directory, const QString &relative, int fd, qint64 maxBytes, Done done)
{
    auto target = std::make_shared<OwnedFd>(fd);
    post([directory, relative, target, maxBytes, done = std::move(done)](Worker &worker) {
        const QString error = worker.download(directory, relative, *target, maxBytes);
        worker.report([error, done](SshRemote *) { done(error); });
    });
}

QString SshRemote::home() const
{
    return m_home;
}

bool SshRemote::isConnected() const
{
    return m_connected;
}

QString SshRemote::problem() const
{
    return m_problem;
}

void SshRemote::setConnected(const QString &home)
{
    m_home = home;
    m_problem.clear();
    const bool was = m_connected;
    m_connected = true;
    if (!was)
        Q_EMIT connected(home);
}

void SshRemote::setDisconnected(const QString &problem)
{
    m_problem = problem;
    const bool was = m_connected;
    m_connected = false;
    if (was)
        Q_EMIT disconnected(problem);
}

} // namespace tandem
