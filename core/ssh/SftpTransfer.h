#pragma once

#include <QCoreApplication>
#include <QString>

#include <libssh/sftp.h>

#include <functional>

namespace tandem {

// The two SFTP transfer loops, with several requests in flight (libssh's asynchronous calls), shared by the
// desktop's file browser and the gateway's login-node staging. Each returns an error message, empty on success.
struct SftpTransfer
{
    Q_DECLARE_TR_FUNCTIONS(SftpTransfer)

public:
    // Hears each chunk read; returns an error to stop (a full disk, a size bound).
    using Sink = std::function<QString(const char *data, qint64 size)>;
    // Fills `buffer` with up to `size` bytes: the count, 0 at the end, -1 on error (with `*error` set).
    using Source = std::function<qint64(char *buffer, qint64 size, QString *error)>;
    using Progress = std::function<void(qint64 done)>;
    using Cancelled = std::function<bool()>;

    ssh_session session = nullptr;
    qint64 chunk = 32 * 1024;
    Progress progress; // optional, every few MiB
    Cancelled cancelled; // optional, checked after each chunk

    // Reads `file` to its end (`total` bytes expected, -1 unknown) into `sink`; `name` is for messages.
    QString read(sftp_file file, qint64 total, const QString &name, const Sink &sink) const;
    // Writes all of `source` into `file`.
    QString write(sftp_file file, const QString &name, const Source &source) const;
    // "Cannot read x: <libssh's message>"
    QString failure(const QString &what, const QString &path) const;
    // SFTP reads and writes are at most this large (256 KiB, or what the server allows).
    static qint64 chunkFor(sftp_session sftp, bool reading);
};

} // namespace tandem
