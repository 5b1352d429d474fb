#pragma once

#include "ssh/SshConnection.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <thread>

namespace tandem {

// What a command run on the remote machine did.
struct RemoteCommandResult
{
    bool ran = false; // it ran and ended by itself (else `problem` says why not: no connection, a timeout)
    int exitCode = -1;
    QByteArray output;
    QByteArray errors;
    QString problem;
};

// A file or folder under a listed directory, with its path relative to it. Links are listed as such and never
// followed.
struct RemoteEntry
{
    enum class Type { File, Directory, Link, Other };
    QString path;
    Type type = Type::Other;
    qint64 size = 0;
    qint64 modified = 0; // seconds since the epoch
    int permissions = 0; // the mode's permission bits
};

// One SSH connection to a remote machine for the gateway (a cluster's login node): commands and SFTP transfers,
// queued and run in order on a worker thread of its own, so the gateway's event loop never waits on the network.
// The connection is made when the first request comes and made again when it drops, with a back-off (1 s doubling
// to a minute) during which requests fail at once with the last problem: a login node that is down costs a failed
// request per poll, not a hung gateway. Each request's `done` runs on the owner's thread.
//
// Local files are handed over as descriptors the caller opened (the gateway's confined file layer): this class
// never opens a local path.
class SshRemote : public QObject
{
    Q_OBJECT

public:
    using CommandDone = std::function<void(const RemoteCommandResult &)>;
    using Done = std::function<void(const QString &error)>;

    static constexpr std::chrono::seconds BackoffLimit{60};

    SshRemote(SshKey key, SshTarget target, QObject *parent = nullptr);
    ~SshRemote() override;

    // Runs argv (each word quoted for the remote shell) with `input` on its standard input.
    void run(const QList<QByteArray> &argv, const QByteArray &input, std::chrono::seconds timeout, CommandDone done);
    // mkdir -p, with `mode` for the folders it makes.
    void makeDirectories(const QString &path, int mode, Done done);
    // Writes the whole of `fd` (taken, closed when done) to `path`: through a hidden name beside it, renamed over
    // it at the end, with `mode` and the modification time `modified`.
    void upload(int fd, const QString &path, int mode, qint64 modified, Done done);
    // Everything under `directory`, depth first, at most `maxEntries` entries; names that are not UTF-8 are left out,
    // and a folder reached through a link (or a listing cut short by an error) fails the whole listing.
    void list(const QString &directory, int maxEntries,
              std::function<void(const QString &error, const QList<RemoteEntry> &entries)> done);
    // Writes `relative` under `directory` into `fd` (taken, closed when done), refusing a file larger than
    // `maxBytes`. Only a regular file reached through no link is read: the server resolves the path, which must come
    // out as it went in, and a link or anything else at the end is refused (checked before opening, as SFTP has no
    // O_NOFOLLOW), so the caller must know that nothing changes the folder meanwhile (a job's, once it ended).
    void download(const QString &directory, const QString &relative, int fd, qint64 maxBytes, Done done);

    // The remote account's home once connected (SFTP's "."), empty before.
    QString home() const;
    bool isConnected() const;
    // Why it is not connected now (empty when it is).
    QString problem() const;

    // A word quoted for a POSIX shell: 'it'\''s'.
    static QByteArray shellQuote(const QByteArray &word);

Q_SIGNALS:
    void connected(const QString &home);
    void disconnected(const QString &problem);

private:
    class Worker;
    void post(std::function<void(Worker &)> task);
    void setConnected(const QString &home);
    void setDisconnected(const QString &problem);

    std::shared_ptr<Worker> m_worker;
    std::thread m_thread;
    QString m_home;
    QString m_problem;
    bool m_connected = false;
};

} // namespace tandem
