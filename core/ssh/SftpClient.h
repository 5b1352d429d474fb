#pragma once

#include "ssh/SshConnection.h"

#include <QDateTime>
#include <QList>
#include <QObject>

#include <memory>
#include <thread>

namespace tandem {

struct SftpEntry
{
    QString name;
    bool isDirectory = false;
    qint64 size = 0;
    QDateTime modified;
};

// The session's files over SFTP, on a connection and worker thread of its own so a long transfer never holds up the
// terminals. Transfers keep several requests in flight with libssh's asynchronous SFTP calls. Every call returns a
// request number at once; finished(request, error) follows (error empty on success). A download is written aside
// and renamed into place when complete; an upload goes to a hidden name in the target folder and is renamed over
// the target at the end, so neither side ever holds half a file under the real name.
class SftpClient : public QObject
{
    Q_OBJECT

public:
    SftpClient(SshKey key, SshTarget target, QObject *parent = nullptr);
    ~SftpClient() override;

    void open(); // opened(home) or failed()
    int list(const QString &directory);
    int download(const QString &remote, const QString &local);
    int upload(const QString &local, const QString &remote);
    int makeDirectory(const QString &path);
    int rename(const QString &from, const QString &to);
    int remove(const QString &path, bool isDirectory);
    void cancel(int request);

Q_SIGNALS:
    void opened(const QString &home);
    void failed(tandem::SshConnection::Failure failure, const QString &message);
    void listed(int request, const QString &directory, const QList<tandem::SftpEntry> &entries);
    void progress(int request, qint64 done, qint64 total);
    void finished(int request, const QString &error);

private:
    class Worker;
    int post(std::function<QString(Worker &, int)> job);

    std::shared_ptr<Worker> m_worker;
    std::thread m_thread;
    int m_nextRequest = 1;
};

} // namespace tandem
