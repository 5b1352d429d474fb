#include "gateway/ArchiveStream.h"

#include "gateway/ConnectionGuard.h"
#include "gateway/Sandbox.h"

#include <QHttpHeaders>
#include <QSslSocket>

#include <fcntl.h>
#include <unistd.h>

namespace tandem::gateway {

namespace {

constexpr qint64 SendAhead = 512 * 1024; // bytes waiting in the socket before the stream stops reading tar

} // namespace

ArchiveStream::ArchiveStream(QHttpServerResponder &&responder, QAbstractSocket *socket, ConfinedDir directory,
                             const QString &name, QObject *parent)
    : QObject(parent)
    , m_responder(std::move(responder))
    , m_socket(socket)
    , m_directory(std::move(directory))
    , m_name(name)
{ }

ArchiveStream::~ArchiveStream()
{
    // tar's end, reported while it is killed here, must not reach pump() or finish() on a stream half gone.
    disconnect(&m_tar, nullptr, this, nullptr);
    m_ended = true;
    m_readable.reset(); // before its descriptor closes
    if (m_tar.state() != QProcess::NotRunning) {
        m_tar.kill();
        m_tar.waitForFinished(2000);
    }
    if (m_pipe >= 0)
        ::close(m_pipe);
}

void ArchiveStream::start()
{
    QHttpHeaders headers;
    headers.append(QHttpHeaders::WellKnownHeader::ContentType, "application/gzip");
    headers.append(QHttpHeaders::WellKnownHeader::ContentDisposition,
                   "attachment; filename=\"" + m_name.toUtf8() + ".tar.gz\"");

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        m_responder.write(QHttpServerResponder::StatusCode::InternalServerError);
        deleteLater();
        return;
    }
    m_pipe = fds[0];
    ::fcntl(m_pipe, F_SETFL, ::fcntl(m_pipe, F_GETFL) | O_NONBLOCK);
    const int writeEnd = fds[1];
    const int directoryFd = m_directory.fd();

    // argv, never a shell. tar starts in the job directory by its descriptor and stores links as links (it never
    // follows them); its output goes into the pipe, not through QProcess (which would read all of it at once).
    m_tar.setProgram(QStringLiteral("tar"));
    m_tar.setArguments({QStringLiteral("-czf"), QStringLiteral("-"), QStringLiteral("--transform"),
                        QStringLiteral("s,^\\.,%1,S").arg(m_name), QStringLiteral("--"), QStringLiteral(".")});
    m_tar.setStandardOutputFile(QProcess::nullDevice());
    m_tar.setStandardErrorFile(QProcess::nullDevice());
    m_tar.setProcessEnvironment(Sandbox::environment(QStringLiteral("/"), Sandbox::osUserName()));
    m_tar.setChildProcessModifier([directoryFd, writeEnd] {
        if (::fchdir(directoryFd) != 0 || ::dup2(writeEnd, STDOUT_FILENO) < 0)
            ::_exit(2);
    });
    connect(&m_tar, &QProcess::finished, this, [this] { m_eof ? finish() : pump(); });
    m_tar.start();
    ::close(writeEnd); // tar holds the only write end: the pipe ends when tar does
    if (!m_tar.waitForStarted(5000)) {
        m_responder.write(QHttpServerResponder::StatusCode::InternalServerError);
        deleteLater();
        return;
    }
    m_responder.writeBeginChunked(headers);

    m_readable = std::make_unique<QSocketNotifier>(m_pipe, QSocketNotifier::Read);
    connect(m_readable.get(), &QSocketNotifier::activated, this, [this] { pump(); });
    if (m_socket) {
        connect(m_socket, &QIODevice::bytesWritten, this, [this] { pump(); });
        if (auto *tls = qobject_cast<QSslSocket *>(m_socket.data())) // sent, not only encrypted
            connect(tls, &QSslSocket::encryptedBytesWritten, this, [this] { pump(); });
        connect(m_socket, &QAbstractSocket::disconnected, this, &QObject::deleteLater);
        connect(m_socket, &QObject::destroyed, this, &QObject::deleteLater);
    }
}

void ArchiveStream::pump()
{
    if (m_ended || m_eof || m_pipe < 0)
        return;
    char buffer[64 * 1024];
    while (m_socket && GuardedTcpServer::pendingOutput(m_socket) < SendAhead) {
        const ssize_t got = ::read(m_pipe, buffer, sizeof buffer);
        if (got > 0) {
            // One piece is held back to end the reply with (QHttpServer takes no empty last chunk), and so that
            // the end is only sent once tar has exited well.
            if (!m_held.isEmpty())
                m_responder.writeChunk(std::exchange(m_held, QByteArray()));
            m_held = QByteArray(buffer, qsizetype(got));
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && errno == EAGAIN) {
            m_readable->setEnabled(true);
            return;
        }
        // The end of the pipe (or an error reading it): done once tar has exited too.
        m_eof = true;
        m_readable->setEnabled(false);
        if (m_tar.state() == QProcess::NotRunning)
            finish();
        return;
    }
    // The client is behind: stop reading tar (the pipe fills and tar waits) until the socket drains.
    m_readable->setEnabled(false);
}

void ArchiveStream::finish()
{
    if (std::exchange(m_ended, true))
        return;
    // tar's own failure (not "a file changed as we read it", exit 1) must not pass for a complete archive.
    if (m_tar.exitStatus() != QProcess::NormalExit || m_tar.exitCode() > 1) {
        if (m_socket)
            m_socket->abort();
    } else {
        m_responder.writeEndChunked(std::exchange(m_held, QByteArray()));
    }
    deleteLater();
}

} // namespace tandem::gateway
