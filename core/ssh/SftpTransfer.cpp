#include "ssh/SftpTransfer.h"

#include <deque>

namespace tandem {

namespace {

constexpr int InFlight = 16; // requests outstanding per transfer
constexpr qint64 ProgressStep = 4 * 1024 * 1024;

} // namespace

QString SftpTransfer::failure(const QString &what, const QString &path) const
{
    return tr("%1 %2: %3").arg(what, path, QString::fromUtf8(ssh_get_error(session)));
}

qint64 SftpTransfer::chunkFor(sftp_session sftp, bool reading)
{
    sftp_limits_t limits = sftp_limits(sftp);
    const qint64 chunk = limits
        ? qint64(std::min<uint64_t>(reading ? limits->max_read_length : limits->max_write_length, 256 * 1024))
        : 32 * 1024;
    sftp_limits_free(limits);
    return std::max<qint64>(chunk, 1024);
}

QString SftpTransfer::read(sftp_file file, qint64 total, const QString &name, const Sink &sink) const
{
    std::deque<sftp_aio> pending;
    QByteArray buffer(chunk, Qt::Uninitialized);
    qint64 requested = 0, done = 0, reported = 0;
    QString error;
    bool atEnd = false;
    while (error.isEmpty()) {
        // Keep InFlight reads outstanding; replies come back in the order asked.
        while (!atEnd && int(pending.size()) < InFlight && (total < 0 || requested < total)) {
            sftp_aio aio = nullptr;
            if (sftp_aio_begin_read(file, size_t(chunk), &aio) < 0) {
                error = failure(tr("Cannot read"), name);
                break;
            }
            pending.push_back(aio);
            requested += chunk;
        }
        if (pending.empty())
            break;
        sftp_aio aio = pending.front();
        pending.pop_front();
        const ssize_t count = sftp_aio_wait_read(&aio, buffer.data(), size_t(buffer.size()));
        if (count < 0) {
            error = failure(tr("Cannot read"), name);
        } else if (count == 0) {
            atEnd = true; // end of file: the requests after it answer 0 too
        } else {
            error = sink(buffer.constData(), count);
            done += count;
            if (progress && done - reported >= ProgressStep) {
                reported = done;
                progress(done);
            }
        }
        if (error.isEmpty() && cancelled && cancelled())
            error = tr("Cancelled.");
    }
    for (sftp_aio &aio : pending) { // collect what is still on its way, or the session falls out of step
        if (error.isEmpty())
            sftp_aio_wait_read(&aio, buffer.data(), size_t(buffer.size()));
        else
            sftp_aio_free(aio);
    }
    if (error.isEmpty() && progress)
        progress(done);
    return error;
}

QString SftpTransfer::write(sftp_file file, const QString &name, const Source &source) const
{
    std::deque<sftp_aio> pending;
    qint64 done = 0, reported = 0;
    QString error;
    QByteArray buffer(chunk, Qt::Uninitialized);
    while (error.isEmpty()) {
        const qint64 count = source(buffer.data(), buffer.size(), &error);
        if (count < 0)
            break;
        if (count > 0) {
            sftp_aio aio = nullptr;
            if (sftp_aio_begin_write(file, buffer.constData(), size_t(count), &aio) < 0) {
                error = failure(tr("Cannot write"), name);
                break;
            }
            pending.push_back(aio);
        }
        while (!pending.empty() && (int(pending.size()) >= InFlight || count == 0)) {
            sftp_aio aio = pending.front();
            pending.pop_front();
            const ssize_t written = sftp_aio_wait_write(&aio);
            if (written < 0) {
                error = failure(tr("Cannot write"), name);
                break;
            }
            done += written;
            if (progress && done - reported >= ProgressStep) {
                reported = done;
                progress(done);
            }
        }
        if (count == 0)
            break;
        if (error.isEmpty() && cancelled && cancelled())
            error = tr("Cancelled.");
    }
    for (sftp_aio &aio : pending) {
        if (error.isEmpty())
            sftp_aio_wait_write(&aio);
        else
            sftp_aio_free(aio);
    }
    if (error.isEmpty() && progress)
        progress(done);
    return error;
}

} // namespace tandem
