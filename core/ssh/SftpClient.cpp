#include "ssh/SftpClient.h"

#include "ssh/SshSession.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <libssh/sftp.h>

#include <condition_variable>
#include <deque>
#include <set>

#include <fcntl.h>

namespace tandem {

namespace {

constexpr int InFlight = 16; // requests outstanding per transfer
constexpr qint64 ProgressStep = 4 * 1024 * 1024;

} // namespace

class SftpClient::Worker : private SshWorker<SftpClient>
{
public:
    Worker(SftpClient *owner, SshKey key, SshTarget target)
        : SshWorker(owner, std::move(key), std::move(target))
    { }

    ~Worker()
    {
        if (m_sftp)
            sftp_free(m_sftp);
    }

    void post(int request, std::function<QString(Worker &, int)> job)
    {
        {
            std::lock_guard lock(m_mutex);
            m_jobs.emplace_back(request, std::move(job));
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

    void cancel(int request)
    {
        std::lock_guard lock(m_mutex);
        m_cancelled.insert(request);
    }

    void run()
    {
        SshConnection::Failure failure = SshConnection::Failure::Network;
        QString message;
        bool ready = false;
        if (openSession(&failure, &message)) {
            m_sftp = sftp_new(m_session);
            ready = m_sftp && sftp_init(m_sftp) == SSH_OK;
            if (!ready) {
                message = SftpClient::tr("The session did not start its SFTP service: %1")
                              .arg(QString::fromUtf8(ssh_get_error(m_session)));
            }
        }
        if (!ready) {
            m_link.report([failure, message](SftpClient *owner) { Q_EMIT owner->failed(failure, message); });
            return;
        }
        sftp_limits_t limits = sftp_limits(m_sftp);
        m_readChunk = limits ? qint64(std::min<uint64_t>(limits->max_read_length, 256 * 1024)) : 32 * 1024;
        m_writeChunk = limits ? qint64(std::min<uint64_t>(limits->max_write_length, 256 * 1024)) : 32 * 1024;
        sftp_limits_free(limits);
        char *home = sftp_canonicalize_path(m_sftp, ".");
        const QString homePath = QString::fromUtf8(home);
        ssh_string_free_char(home);
        m_link.report([homePath](SftpClient *owner) { Q_EMIT owner->opened(homePath); });

        while (true) {
            std::pair<int, std::function<QString(Worker &, int)>> job;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
                if (m_stopping)
                    return;
                job = std::move(m_jobs.front());
                m_jobs.pop_front();
            }
            const QString error = job.second(*this, job.first);
            m_link.report([request = job.first, error](SftpClient *owner) { Q_EMIT owner->finished(request, error); });
        }
    }

    QString failure(const QString &what, const QString &path)
    {
        return SftpClient::tr("%1 %2: %3").arg(what, path, QString::fromUtf8(ssh_get_error(m_session)));
    }

    bool cancelled(int request)
    {
        std::lock_guard lock(m_mutex);
        return m_stopping || m_cancelled.contains(request);
    }

    void reportProgress(int request, qint64 done, qint64 total)
    {
        m_link.report([request, done, total](SftpClient *owner) { Q_EMIT owner->progress(request, done, total); });
    }

    QString list(int request, const QString &directory)
    {
        sftp_dir dir = sftp_opendir(m_sftp, directory.toUtf8().constData());
        if (!dir)
            return failure(SftpClient::tr("Cannot open"), directory);
        QList<SftpEntry> entries;
        while (sftp_attributes attributes = sftp_readdir(m_sftp, dir)) {
            const QString name = QString::fromUtf8(attributes->name);
            if (name != u"." && name != u"..") {
                entries.append({name, attributes->type == SSH_FILEXFER_TYPE_DIRECTORY, qint64(attributes->size),
                                QDateTime::fromSecsSinceEpoch(attributes->mtime, QTimeZone::UTC)});
            }
            sftp_attributes_free(attributes);
        }
        sftp_closedir(dir);
        m_link.report(
            [request, directory, entries](SftpClient *owner) { Q_EMIT owner->listed(request, directory, entries); });
        return {};
    }

    QString download(int request, const QString &remote, const QString &local)
    {
        sftp_file file = sftp_open(m_sftp, remote.toUtf8().constData(), O_RDONLY, 0);
        if (!file)
            return failure(SftpClient::tr("Cannot open"), remote);
        sftp_attributes attributes = sftp_fstat(file);
        const qint64 total = attributes ? qint64(attributes->size) : -1;
        sftp_attributes_free(attributes);
        QSaveFile target(local);
        if (!target.open(QIODevice::WriteOnly)) {
            sftp_close(file);
            return SftpClient::tr("Cannot write %1: %2").arg(local, target.errorString());
        }
        std::deque<sftp_aio> pending;
        QByteArray buffer(m_readChunk, Qt::Uninitialized);
        qint64 requested = 0, done = 0, reported = 0;
        QString error;
        bool atEnd = false;
        while (error.isEmpty()) {
            // Keep InFlight reads outstanding; replies come back in the order asked.
            while (!atEnd && int(pending.size()) < InFlight && (total < 0 || requested < total)) {
                sftp_aio aio = nullptr;
                if (sftp_aio_begin_read(file, size_t(m_readChunk), &aio) < 0) {
                    error = failure(SftpClient::tr("Cannot read"), remote);
                    break;
                }
                pending.push_back(aio);
                requested += m_readChunk;
            }
            if (pending.empty())
                break;
            sftp_aio aio = pending.front();
            pending.pop_front();
            const ssize_t read = sftp_aio_wait_read(&aio, buffer.data(), size_t(buffer.size()));
            if (read < 0) {
                error = failure(SftpClient::tr("Cannot read"), remote);
            } else if (read == 0) {
                atEnd = true; // end of file: the requests after it answer 0 too
            } else if (target.write(buffer.constData(), read) != read) {
                error = SftpClient::tr("Cannot write %1: %2").arg(local, target.errorString());
            } else {
                done += read;
                if (done - reported >= ProgressStep) {
                    reported = done;
                    reportProgress(request, done, total);
                }
            }
            if (error.isEmpty() && cancelled(request))
                error = SftpClient::tr("Cancelled.");
        }
        for (sftp_aio &aio : pending) { // collect what is still on its way, or the session falls out of step
            if (error.isEmpty())
                sftp_aio_wait_read(&aio, buffer.data(), size_t(buffer.size()));
            else
                sftp_aio_free(aio);
        }
        sftp_close(file);
        if (!error.isEmpty()) {
            target.cancelWriting();
            return error;
        }
        if (!target.commit())
            return SftpClient::tr("Cannot write %1: %2").arg(local, target.errorString());
        reportProgress(request, done, total);
        return {};
    }

    QString upload(int request, const QString &local, const QString &remote)
    {
        QFile source(local);
        if (!source.open(QIODevice::ReadOnly))
            return SftpClient::tr("Cannot read %1: %2").arg(local, source.errorString());
        const qint64 total = source.size();
        const QFileInfo target(remote);
        const QString partial = target.path() + QStringLiteral("/.") + target.fileName() + QStringLiteral(".part");
        sftp_file file = sftp_open(m_sftp, partial.toUtf8().constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (!file)
            return failure(SftpClient::tr("Cannot create"), partial);
        std::deque<sftp_aio> pending;
        qint64 done = 0, reported = 0;
        QString error;
        QByteArray buffer(m_writeChunk, Qt::Uninitialized);
        while (error.isEmpty()) {
            const qint64 read = source.read(buffer.data(), buffer.size());
            if (read < 0) {
                error = SftpClient::tr("Cannot read %1: %2").arg(local, source.errorString());
                break;
            }
            if (read > 0) {
                sftp_aio aio = nullptr;
                if (sftp_aio_begin_write(file, buffer.constData(), size_t(read), &aio) < 0) {
                    error = failure(SftpClient::tr("Cannot write"), remote);
                    break;
                }
                pending.push_back(aio);
            }
            while (!pending.empty() && (int(pending.size()) >= InFlight || read == 0)) {
                sftp_aio aio = pending.front();
                pending.pop_front();
                const ssize_t written = sftp_aio_wait_write(&aio);
                if (written < 0) {
                    error = failure(SftpClient::tr("Cannot write"), remote);
                    break;
                }
                done += written;
                if (done - reported >= ProgressStep) {
                    reported = done;
                    reportProgress(request, done, total);
                }
            }
            if (read == 0)
                break;
            if (error.isEmpty() && cancelled(request))
                error = SftpClient::tr("Cancelled.");
        }
        for (sftp_aio &aio : pending) {
            if (error.isEmpty())
                sftp_aio_wait_write(&aio);
            else
                sftp_aio_free(aio);
        }
        sftp_close(file);
        const QByteArray partialName = partial.toUtf8();
        if (error.isEmpty()) {
            // Over an existing file: rename may refuse (SFTP v3), so the old one goes first, at the last moment.
            if (sftp_rename(m_sftp, partialName.constData(), remote.toUtf8().constData()) != SSH_OK) {
                sftp_unlink(m_sftp, remote.toUtf8().constData());
                if (sftp_rename(m_sftp, partialName.constData(), remote.toUtf8().constData()) != SSH_OK)
                    error = failure(SftpClient::tr("Cannot rename into"), remote);
            }
        }
        if (!error.isEmpty())
            sftp_unlink(m_sftp, partialName.constData());
        else
            reportProgress(request, done, total);
        return error;
    }

    QString makeDirectory(const QString &path)
    {
        return sftp_mkdir(m_sftp, path.toUtf8().constData(), 0755) == SSH_OK
            ? QString()
            : failure(SftpClient::tr("Cannot create"), path);
    }

    QString rename(const QString &from, const QString &to)
    {
        if (sftp_attributes existing = sftp_lstat(m_sftp, to.toUtf8().constData())) {
            sftp_attributes_free(existing);
            return SftpClient::tr("%1 exists already.").arg(to);
        }
        return sftp_rename(m_sftp, from.toUtf8().constData(), to.toUtf8().constData()) == SSH_OK
            ? QString()
            : failure(SftpClient::tr("Cannot rename"), from);
    }

    QString remove(const QString &path, bool isDirectory)
    {
        const int result = isDirectory ? sftp_rmdir(m_sftp, path.toUtf8().constData())
                                       : sftp_unlink(m_sftp, path.toUtf8().constData());
        return result == SSH_OK ? QString() : failure(SftpClient::tr("Cannot delete"), path);
    }

private:
    sftp_session m_sftp = nullptr;
    qint64 m_readChunk = 32 * 1024;
    qint64 m_writeChunk = 32 * 1024;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::pair<int, std::function<QString(Worker &, int)>>> m_jobs;
    std::set<int> m_cancelled;
    bool m_stopping = false;
};

SftpClient::SftpClient(SshKey key, SshTarget target, QObject *parent)
    : QObject(parent)
    , m_worker(std::make_shared<Worker>(this, std::move(key), std::move(target)))
{ }

SftpClient::~SftpClient()
{
    m_worker->abandon();
    // A transfer in progress stops at its next chunk; connecting may take until the network gives up, so the thread
    // finishes on its own and frees what it holds then.
    if (m_thread.joinable())
        m_thread.detach();
}

void SftpClient::open()
{
    m_thread = std::thread([worker = m_worker] { worker->run(); });
}

int SftpClient::post(std::function<QString(Worker &, int)> job)
{
    const int request = m_nextRequest++;
    m_worker->post(request, std::move(job));
    return request;
}

int SftpClient::list(const QString &directory)
{
    return post([directory](Worker &worker, int request) { return worker.list(request, directory); });
}

int SftpClient::download(const QString &remote, const QString &local)
{
    return post([remote, local](Worker &worker, int request) { return worker.download(request, remote, local); });
}

int SftpClient::upload(const QString &local, const QString &remote)
{
    return post([local, remote](Worker &worker, int request) { return worker.upload(request, local, remote); });
}

int SftpClient::makeDirectory(const QString &path)
{
    return post([path](Worker &worker, int) { return worker.makeDirectory(path); });
}

int SftpClient::rename(const QString &from, const QString &to)
{
    return post([from, to](Worker &worker, int) { return worker.rename(from, to); });
}

int SftpClient::remove(const QString &path, bool isDirectory)
{
    return post([path, isDirectory](Worker &worker, int) { return worker.remove(path, isDirectory); });
}

void SftpClient::cancel(int request)
{
    m_worker->cancel(request);
}

} // namespace tandem
