#include "ssh/SftpClient.h"

#include "ssh/SftpTransfer.h"
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
        m_readChunk = SftpTransfer::chunkFor(m_sftp, true);
        m_writeChunk = SftpTransfer::chunkFor(m_sftp, false);
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

    SftpTransfer transfer(int request)
    {
        SftpTransfer transfer;
        transfer.session = m_session;
        transfer.cancelled = [this, request] { return cancelled(request); };
        return transfer;
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
        SftpTransfer reading = transfer(request);
        reading.chunk = m_readChunk;
        reading.progress = [this, request, total](qint64 done) { reportProgress(request, done, total); };
        const QString error = reading.read(file, total, remote, [&](const char *data, qint64 size) {
            return target.write(data, size) == size
                ? QString()
                : SftpClient::tr("Cannot write %1: %2").arg(local, target.errorString());
        });
        sftp_close(file);
        if (!error.isEmpty()) {
            target.cancelWriting();
            return error;
        }
        if (!target.commit())
            return SftpClient::tr("Cannot write %1: %2").arg(local, target.errorString());
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
        SftpTransfer writing = transfer(request);
        writing.chunk = m_writeChunk;
        writing.progress = [this, request, total](qint64 done) { reportProgress(request, done, total); };
        QString error = writing.write(file, remote, [&](char *buffer, qint64 size, QString *problem) {
            const qint64 count = source.read(buffer, size);
            if (count < 0)
                *problem = SftpClient::tr("Cannot read %1: %2").arg(local, source.errorString());
            return count;
        });
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
