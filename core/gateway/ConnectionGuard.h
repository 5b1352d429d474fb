#pragma once

#include "api/ErrorCode.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTimer>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

struct llhttp__internal_s;

namespace tandem::gateway {

// A request as far as its head: what the server decides on before a byte of the body is buffered.
struct RequestHead
{
    QByteArray method;
    QByteArray target;
    QByteArray authorization;
    qint64 contentLength = 0;
    int fields = 0; // header fields, as QHttpServer should count them too
    QHostAddress remote;
};

struct Refusal
{
    int status = 400; // HTTP's own statuses for what went wrong with the head: 408, 411, 413, 431 …
    api::ErrorCode code;
    QString message;
    QByteArray retryAfter; // seconds, for 429 and 503
};

struct Admission
{
    std::optional<Refusal> refusal;
    std::shared_ptr<void> hold; // released once the request has been answered or its connection is gone
};

struct ConnectionLimits
{
    qsizetype maxHeadBytes = 32 * 1024;
    std::chrono::milliseconds headTimeout{20'000}; // a request's line and headers, from its first byte
    std::chrono::milliseconds idleTimeout{120'000}; // nothing read while a body arrives, nothing between requests,
                                                    // or an answer nobody reads
    std::chrono::milliseconds tlsHandshakeTimeout{10'000};
    int maxConnections = 4096;
    int maxConnectionsPerAddress = 512; // a training room sits behind one address
};

class ConnectionGuard;

// Accepts connections for QHttpServer and puts a ConnectionGuard on each, so limits act on a request's head —
// its size, how long it takes, how large a body it announces and who sends it — before QHttpServer buffers any of
// it, and on connections that idle or stop reading. With a TLS configuration it serves HTTPS.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    using Admit = std::function<Admission(const RequestHead &)>;

    GuardedTcpServer(ConnectionLimits limits, Admit admit, QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    void setSslConfiguration(const QSslConfiguration &configuration) { m_tls = configuration; }
    const ConnectionLimits &limits() const { return m_limits; }
    int connectionCount() const { return int(m_guards.size()); }
    // The connection a request came in on (by the client's address and port), for answers that outlive the request.
    QAbstractSocket *socketFor(const QHostAddress &address, quint16 port) const;
    ConnectionGuard *guardFor(const QHostAddress &address, quint16 port) const;
    // What waits to go out on a socket, encrypted or not yet (QSslSocket counts the two apart).
    static qint64 pendingOutput(const QAbstractSocket *socket);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    friend class ConnectionGuard;
    void forget(ConnectionGuard *guard);

    ConnectionLimits m_limits;
    Admit m_admit;
    std::optional<QSslConfiguration> m_tls;
    QList<ConnectionGuard *> m_guards;
    QHash<QHostAddress, int> m_perAddress;
    QHash<std::pair<QHostAddress, quint16>, ConnectionGuard *> m_byPeer;
    QTimer m_tick;
};

// Follows one connection's byte stream with llhttp, in step with what QHttpServer reads from it: QHttpServer reads
// a request's bytes up to its end whenever its readyRead slot runs, and stops reading while it answers. The guard's
// slot runs before QHttpServer's, so a refused request never reaches it.
class ConnectionGuard : public QObject
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionGuard)

public:
    ConnectionGuard(QAbstractSocket *socket, GuardedTcpServer *server);
    ~ConnectionGuard() override;

    // From the socket: QHttpServer's slot was connected to readyRead (delta 1) or disconnected from it (-1).
    void readerChanged(int delta);
    // The head of the next request QHttpServer hands over, as the guard read it: the server compares the two and
    // drops the connection when they disagree (where one parser ends a request the other may not).
    std::optional<RequestHead> takeAdmitted();
    void abortConnection();
    // While `stream` (a file being sent) lives its answer is still going out, and QHttpServer 6.8 would answer a
    // request sent behind it into the middle of it: such a request ends the connection instead (one already
    // waiting, at once). Line ends between requests, which clients may send and HTTP tolerates, are left alone.
    void holdWhileStreaming(QObject *stream);
    void check();
    QHostAddress remote() const { return m_remote; }
    quint16 peerPort() const { return m_peerPort; }
    QAbstractSocket *socket() const { return m_socket; }

private:
    enum class Phase { Waiting, Head, Body, Answering, Refused };
    enum class Pause { None, MessageBegin, HeadersComplete, MessageComplete };

    void onReadyRead();
    bool requestWaiting(); // bytes of another request (not only line ends) wait in the socket
    void feed(const char *data, qsizetype size);
    bool headComplete();
    void refuse(const Refusal &refusal);
    void drain();

    static int onMessageBegin(llhttp__internal_s *parser);
    static int onUrl(llhttp__internal_s *parser, const char *at, size_t length);
    static int onHeaderField(llhttp__internal_s *parser, const char *at, size_t length);
    static int onHeaderValue(llhttp__internal_s *parser, const char *at, size_t length);
    static int onHeadersComplete(llhttp__internal_s *parser);
    static int onMessageComplete(llhttp__internal_s *parser);

    QAbstractSocket *m_socket;
    QPointer<GuardedTcpServer> m_server;
    QHostAddress m_remote;
    quint16 m_peerPort = 0;
    std::unique_ptr<llhttp__internal_s> m_parser;
    Phase m_phase = Phase::Waiting;
    Pause m_pause = Pause::None;

    // Stream offsets: fed to the parser, read by QHttpServer; where each complete request ends.
    qint64 m_fed = 0;
    qint64 m_consumed = 0;
    std::deque<qint64> m_requestEnds;
    QByteArray m_peek; // reused: what the socket holds, looked at without taking it
    int m_readers = 0; // QHttpServer's readyRead connections (0 while it answers)
    QPointer<QObject> m_stream; // an answer still streaming out (holdWhileStreaming)

    // The request being parsed.
    qint64 m_headStart = 0;
    RequestHead m_head;
    QByteArray m_field;
    QByteArray m_value;
    bool m_inValue = false;
    std::deque<std::shared_ptr<void>> m_holds; // one per admitted request not yet answered
    std::deque<RequestHead> m_admitted; // heads not yet handed over by QHttpServer
    int m_unanswered = 0; // complete requests QHttpServer has not answered yet
    int m_fields = 0;
    qint64 m_bodyStart = 0;

    QElapsedTimer m_clock;
    qint64 m_phaseSince = 0;
    qint64 m_lastRead = 0;
    qint64 m_lastWrite = 0;
    qint64 m_toDrain = 0; // after a refusal: what the client announced and has not sent yet
};

} // namespace tandem::gateway
