#include "gateway/ConnectionGuard.h"

#include "api/ErrorCode.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaMethod>
#include <QSslSocket>
#include <QTcpSocket>

#include <llhttp.h>

namespace tandem::gateway {

namespace {

// QHttpServer's slot on readyRead is the only other one; the sockets report when it comes and goes.
template<typename Socket> class GuardedSocket : public Socket
{
public:
    using Socket::Socket;
    QPointer<ConnectionGuard> guard;

protected:
    void connectNotify(const QMetaMethod &signal) override
    {
        if (guard && signal == readyRead())
            guard->readerChanged(1);
    }
    void disconnectNotify(const QMetaMethod &signal) override
    {
        if (guard && signal == readyRead())
            guard->readerChanged(-1);
    }

private:
    static const QMetaMethod &readyRead()
    {
        static const QMetaMethod method = QMetaMethod::fromSignal(&QIODevice::readyRead);
        return method;
    }
};

const char *reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    default:
        return "Service Unavailable";
    }
}

QByteArray refusalBytes(const Refusal &refusal)
{
    // The same body as every other error the gateway gives: {"error": {"code", "message"}}.
    const QByteArray body
        = QJsonDocument(QJsonObject{{QStringLiteral("error"),
                                     QJsonObject{{QStringLiteral("code"), api::errorCodeName(refusal.code)},
                                                 {QStringLiteral("message"), refusal.message}}}})
              .toJson(QJsonDocument::Compact);
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(refusal.status) + ' ' + reasonPhrase(refusal.status)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n";
    if (!refusal.retryAfter.isEmpty())
        bytes += "Retry-After: " + refusal.retryAfter + "\r\n";
    return bytes + "\r\n" + body;
}

ConnectionGuard *guardOf(llhttp_t *parser)
{
    return static_cast<ConnectionGuard *>(parser->data);
}

constexpr qint64 MaxDrainBytes = 64 * 1024 * 1024; // read and dropped after a refusal, so the client sees the answer
constexpr qint64 MaxBacklog = 4 * 1024 * 1024; // unread answers, or unread requests while answering
constexpr int MaxHeaderFields = 100; // QHttpServer's header parser drops every header beyond these
constexpr qint64 MinBodyBytesPerSecond = 1024;
constexpr int MaxPipelined = 32; // requests sent ahead of their answers

} // namespace

GuardedTcpServer::GuardedTcpServer(ConnectionLimits limits, Admit admit, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_admit(std::move(admit))
{
    m_tick.setInterval(std::chrono::seconds(1));
    connect(&m_tick, &QTimer::timeout, this, [this] {
        // Checking can close a connection, which removes it from the list.
        const QList<QPointer<ConnectionGuard>> guards(m_guards.cbegin(), m_guards.cend());
        for (const QPointer<ConnectionGuard> &guard : guards) {
            if (guard)
                guard->check();
        }
    });
}

GuardedTcpServer::~GuardedTcpServer() = default; // guards hold the server by QPointer

qint64 GuardedTcpServer::pendingOutput(const QAbstractSocket *socket)
{
    qint64 pending = socket->bytesToWrite();
    if (auto *tls = qobject_cast<const QSslSocket *>(socket))
        pending += tls->encryptedBytesToWrite();
    return pending;
}

ConnectionGuard *GuardedTcpServer::guardFor(const QHostAddress &address, quint16 port) const
{
    return m_byPeer.value({address, port});
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    QTcpSocket *socket = nullptr;
    if (m_tls) {
        auto *tls = new GuardedSocket<QSslSocket>(this);
        socket = tls;
    } else {
        socket = new GuardedSocket<QTcpSocket>(this);
    }
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    // Answers go out as headers and body in separate writes; with Nagle's algorithm and delayed ACKs a client waits
    // ~40 ms for the second one.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);

    const QHostAddress remote = socket->peerAddress();
    if (m_guards.size() >= m_limits.maxConnections || m_perAddress.value(remote) >= m_limits.maxConnectionsPerAddress) {
        if (!m_tls) {
            socket->write(refusalBytes({503, api::ErrorCode::TooManyConnections,
                                        ConnectionGuard::tr("The gateway has too many connections open; try again "
                                                            "in a moment."),
                                        "5"}));
        }
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        return;
    }

    auto *guard = new ConnectionGuard(socket, this);
    m_guards << guard;
    m_byPeer.insert({remote, socket->peerPort()}, guard);
    m_perAddress[remote] += 1;
    if (!m_tick.isActive())
        m_tick.start();
    if (auto *tls = dynamic_cast<GuardedSocket<QSslSocket> *>(socket)) {
        tls->guard = guard;
        tls->setSslConfiguration(*m_tls);
        connect(tls, &QSslSocket::encrypted, this, [this, tls] { addPendingConnection(tls); });
        connect(tls, &QSslSocket::errorOccurred, tls, [tls] {
            if (!tls->isEncrypted()) // the handshake failed; nobody else holds this socket yet
                tls->deleteLater();
        });
        QTimer::singleShot(m_limits.tlsHandshakeTimeout, tls, [tls] {
            if (!tls->isEncrypted())
                tls->deleteLater();
        });
        tls->startServerEncryption();
    } else {
        static_cast<GuardedSocket<QTcpSocket> *>(socket)->guard = guard;
        addPendingConnection(socket);
    }
}

QAbstractSocket *GuardedTcpServer::socketFor(const QHostAddress &address, quint16 port) const
{
    ConnectionGuard *guard = guardFor(address, port);
    return guard ? guard->socket() : nullptr;
}

void GuardedTcpServer::forget(ConnectionGuard *guard)
{
    m_guards.removeOne(guard);
    // A client may reconnect from the same port before this (dead) connection's guard goes: keep the new one's.
    if (auto it = m_byPeer.find({guard->remote(), guard->peerPort()}); it != m_byPeer.end() && it.value() == guard)
        m_byPeer.erase(it);
    if (m_guards.isEmpty())
        m_tick.stop();
    if (auto it = m_perAddress.find(guard->remote()); it != m_perAddress.end() && --it.value() <= 0)
        m_perAddress.erase(it);
}

ConnectionGuard::ConnectionGuard(QAbstractSocket *socket, GuardedTcpServer *server)
    : QObject(socket)
    , m_socket(socket)
    , m_server(server)
    , m_remote(socket->peerAddress())
    , m_peerPort(socket->peerPort())
    , m_parser(std::make_unique<llhttp_t>())
{
    static const llhttp_settings_t settings = [] {
        llhttp_settings_t s;
        llhttp_settings_init(&s);
        s.on_message_begin = &ConnectionGuard::onMessageBegin;
        s.on_url = &ConnectionGuard::onUrl;
        s.on_header_field = &ConnectionGuard::onHeaderField;
        s.on_header_value = &ConnectionGuard::onHeaderValue;
        s.on_headers_complete = &ConnectionGuard::onHeadersComplete;
        s.on_message_complete = &ConnectionGuard::onMessageComplete;
        return s;
    }();
    llhttp_init(m_parser.get(), HTTP_REQUEST, &settings);
    // As QHttpServer reads: bare LF line ends, and more requests after "Connection: close" or an HTTP/1.0 one.
    llhttp_set_lenient_optional_cr_before_lf(m_parser.get(), 1);
    llhttp_set_lenient_keep_alive(m_parser.get(), 1);
    m_parser->data = this;
    m_clock.start();
    // Connected before QHttpServer sees the socket, so this slot runs before its reader.
    connect(socket, &QIODevice::readyRead, this, &ConnectionGuard::onReadyRead);
    connect(socket, &QIODevice::bytesWritten, this, [this] { m_lastWrite = m_clock.elapsed(); });
    if (auto *tls = qobject_cast<QSslSocket *>(socket)) // bytesWritten fires when encrypted, not when sent
        connect(tls, &QSslSocket::encryptedBytesWritten, this, [this] { m_lastWrite = m_clock.elapsed(); });
}

ConnectionGuard::~ConnectionGuard()
{
    if (m_server)
        m_server->forget(this);
}

void ConnectionGuard::readerChanged(int delta)
{
    // The guard's own connection (made in the constructor, before the socket knew its guard) is not counted.
    const bool answered = m_readers == 0 && delta > 0 && m_consumed > 0;
    m_readers += delta;
    if (!answered)
        return;
    // QHttpServer reads again: the oldest request has been answered.
    if (!m_holds.empty())
        m_holds.pop_front();
    if (m_unanswered > 0)
        --m_unanswered;
    if (m_phase == Phase::Answering && m_unanswered == 0) {
        m_phase = Phase::Waiting;
        m_phaseSince = m_clock.elapsed();
    }
}

std::optional<RequestHead> ConnectionGuard::takeAdmitted()
{
    if (m_admitted.empty())
        return std::nullopt;
    RequestHead head = std::move(m_admitted.front());
    m_admitted.pop_front();
    return head;
}

void ConnectionGuard::holdWhileStreaming(QObject *stream)
{
    m_stream = stream;
    if (requestWaiting())
        abortConnection();
}

bool ConnectionGuard::requestWaiting()
{
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0)
        return false;
    m_peek.resize(available);
    const qint64 got = m_socket->peek(m_peek.data(), available);
    return std::any_of(m_peek.cbegin(), m_peek.cbegin() + qMax<qint64>(0, got),
                       [](char byte) { return byte != '\r' && byte != '\n'; });
}

void ConnectionGuard::abortConnection()
{
    m_phase = Phase::Refused;
    m_holds.clear();
    m_socket->abort();
}

void ConnectionGuard::onReadyRead()
{
    if (!m_server)
        return;
    const qint64 now = m_clock.elapsed();
    m_lastRead = now;
    if (m_phase == Phase::Refused) {
        drain();
        return;
    }
    const qint64 available = m_socket->bytesAvailable();
    if (m_stream && requestWaiting()) {
        abortConnection(); // a request behind a file still being sent
        return;
    }
    // The socket holds [m_consumed, m_consumed + available). Less than was fed means QHttpServer read further than
    // the model says: the two no longer agree where requests end, and the connection is not to be trusted.
    if (m_consumed + available < m_fed) {
        abortConnection();
        return;
    }
    // A client that sends more while its answers pile up unread (pipelining without reading), or while an answer
    // is being given, would have the gateway hold both: a client does not need to.
    if (GuardedTcpServer::pendingOutput(m_socket) > MaxBacklog
        || (m_readers == 0 && available > m_server->limits().maxHeadBytes + MaxBacklog)) {
        abortConnection();
        return;
    }
    if (m_consumed + available > m_fed) {
        // Only the part not fed yet is needed; the socket's buffer keeps it (QHttpServer reads it next).
        const qint64 seen = m_fed - m_consumed;
        m_peek.resize(available);
        const qint64 got = m_socket->peek(m_peek.data(), available);
        if (got > seen)
            feed(m_peek.constData() + seen, got - seen);
        if (m_phase == Phase::Refused) {
            drain();
            return;
        }
    }
    // What QHttpServer's slot, running next, will read: up to the end of the request it is in, if it reads at all.
    if (m_readers > 0) {
        qint64 end = m_consumed + available;
        while (!m_requestEnds.empty() && m_requestEnds.front() <= m_consumed)
            m_requestEnds.pop_front();
        if (!m_requestEnds.empty())
            end = std::min(end, m_requestEnds.front());
        m_consumed = end;
    }
}

void ConnectionGuard::feed(const char *data, qsizetype size)
{
    const char *position = data;
    const char *end = data + size;
    // After a pause the parser runs again even with nothing left: a message without a body completes only then.
    while (m_phase != Phase::Refused) {
        const llhttp_errno_t result = llhttp_execute(m_parser.get(), position, size_t(end - position));
        if (result == HPE_OK) {
            m_fed += end - position;
            break;
        }
        const char *stop = llhttp_get_error_pos(m_parser.get());
        if (result == HPE_PAUSED) {
            m_fed += stop - position;
            position = stop;
            llhttp_resume(m_parser.get());
            // The callbacks pause at a message's start, its headers' end and its end, so the offsets are exact.
            const Pause pause = std::exchange(m_pause, Pause::None);
            if (pause == Pause::MessageBegin) {
                m_phase = Phase::Head;
                m_phaseSince = m_clock.elapsed();
                m_headStart = m_fed;
                m_head = RequestHead{};
                m_head.remote = m_remote;
                m_field.clear();
                m_value.clear();
                m_inValue = false;
                m_fields = 0;
            } else if (pause == Pause::HeadersComplete) {
                if (!headComplete())
                    return;
            } else if (pause == Pause::MessageComplete) {
                m_requestEnds.push_back(m_fed);
                // Each request waiting for its answer costs some bookkeeping here: a client needs only a few.
                if (++m_unanswered > MaxPipelined) {
                    abortConnection();
                    return;
                }
                m_phase = Phase::Answering;
                m_phaseSince = m_clock.elapsed();
            }
            continue;
        }
        if (result == HPE_PAUSED_UPGRADE) {
            refuse({400, api::ErrorCode::UpgradeRefused, tr("The gateway does not switch protocols."), {}});
            return;
        }
        refuse({400,
                api::ErrorCode::MalformedRequest,
                tr("The request is not valid HTTP/1.1: %1.")
                    .arg(QString::fromLatin1(llhttp_get_error_reason(m_parser.get()))),
                {}});
        return;
    }
    if (m_phase == Phase::Head && m_fed - m_headStart > m_server->limits().maxHeadBytes) {
        refuse({431,
                api::ErrorCode::HeadersTooLarge,
                tr("The request line and headers are larger than %1 bytes.").arg(m_server->limits().maxHeadBytes),
                {}});
    }
}

bool ConnectionGuard::headComplete()
{
    if (!m_server)
        return false;
    if (m_fed - m_headStart > m_server->limits().maxHeadBytes) {
        refuse({431,
                api::ErrorCode::HeadersTooLarge,
                tr("The request line and headers are larger than %1 bytes.").arg(m_server->limits().maxHeadBytes),
                {}});
        return false;
    }
    // (A field's length needs no rule of its own: the whole head is kept under QHttpServer's 100 KiB per field.)
    if (m_fields > MaxHeaderFields) {
        refuse({431,
                api::ErrorCode::HeadersTooLarge,
                tr("A request has at most %1 header fields.").arg(MaxHeaderFields),
                {}});
        return false;
    }
    if ((m_parser->flags & F_CONTENT_LENGTH) && m_parser->content_length > quint64(MaxDrainBytes) * 1024 * 1024) {
        // QHttpServer reads the length as a signed number: past that it would see no body at all.
        refuse(
            {413, api::ErrorCode::BodyTooLarge, tr("The announced body is larger than any this gateway takes."), {}});
        return false;
    }
    if (m_parser->flags & F_TRANSFER_ENCODING) {
        refuse({411,
                api::ErrorCode::LengthRequired,
                tr("Send the request body with a Content-Length, not in chunks."),
                {}});
        return false;
    }
    m_head.method = llhttp_method_name(llhttp_method_t(m_parser->method));
    m_head.contentLength = (m_parser->flags & F_CONTENT_LENGTH) ? qint64(m_parser->content_length) : 0;
    m_head.fields = m_fields;
    Admission admission = m_server->m_admit(m_head);
    if (admission.refusal) {
        refuse(*admission.refusal);
        return false;
    }
    m_holds.push_back(std::move(admission.hold));
    m_admitted.push_back(m_head);
    m_bodyStart = m_fed;
    m_phase = Phase::Body;
    m_phaseSince = m_clock.elapsed();
    return true;
}

void ConnectionGuard::refuse(const Refusal &refusal)
{
    // Nothing more of this connection reaches QHttpServer: its reader is cut off, what it had read of this request
    // is dropped, and the guard answers. A client that is still sending the body it announced gets to finish (up to
    // a bound) before the connection closes, so it reads the answer instead of a reset.
    const bool answering = m_readers == 0 && m_consumed > 0; // an answer may be going out: do not cut into it
    m_phase = Phase::Refused;
    m_phaseSince = m_clock.elapsed();
    m_holds.clear();
    disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
    connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::onReadyRead);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    if (answering) {
        m_socket->abort();
        return;
    }
    const qint64 announced
        = m_pause == Pause::None && m_parser->flags & F_CONTENT_LENGTH ? qint64(m_parser->content_length) : 0;
    m_toDrain = announced <= MaxDrainBytes ? announced + (m_fed - m_consumed) : 0;
    m_socket->write(refusalBytes(refusal));
    drain();
}

void ConnectionGuard::drain()
{
    char buffer[16 * 1024];
    while (m_socket->bytesAvailable() > 0) {
        const qint64 got = m_socket->read(buffer, sizeof buffer);
        if (got <= 0)
            break;
        m_toDrain -= got;
    }
    if (m_toDrain <= 0 && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->disconnectFromHost();
}

void ConnectionGuard::check()
{
    if (!m_server)
        return;
    const ConnectionLimits &limits = m_server->limits();
    const qint64 now = m_clock.elapsed();
    const qint64 sincePhase = now - m_phaseSince;
    const qint64 lastActivity = std::max({m_lastRead, m_lastWrite, m_phaseSince});

    // An answer nobody reads: output waits and none of it has gone out for a while.
    if (GuardedTcpServer::pendingOutput(m_socket) > 0
        && now - std::max(m_lastWrite, m_phaseSince) > limits.idleTimeout.count()) {
        m_socket->abort();
        return;
    }
    switch (m_phase) {
    case Phase::Waiting:
        // A fresh connection must send a request as promptly as one that is already in its headers. Between
        // requests only an answer still going out counts as activity (bare line ends keep nothing open).
        if (m_fed == 0 ? sincePhase > limits.headTimeout.count()
                       : now - std::max(m_phaseSince, m_lastWrite) > limits.idleTimeout.count())
            m_socket->disconnectFromHost();
        break;
    case Phase::Head:
        if (sincePhase > limits.headTimeout.count())
            refuse({408, api::ErrorCode::RequestTimeout, tr("The request's headers took too long to arrive."), {}});
        break;
    case Phase::Body:
        if (now - lastActivity > limits.idleTimeout.count()
            || (sincePhase > limits.headTimeout.count()
                && (m_fed - m_bodyStart) * 1000 < MinBodyBytesPerSecond * sincePhase))
            refuse({408,
                    api::ErrorCode::RequestTimeout,
                    tr("The request's body stopped arriving, or came too slowly."),
                    {}});
        break;
    case Phase::Answering:
        break; // the gateway is answering; jobs and streams take as long as they take
    case Phase::Refused:
        if (sincePhase > limits.headTimeout.count())
            m_socket->abort();
        break;
    }
}

int ConnectionGuard::onMessageBegin(llhttp_t *parser)
{
    guardOf(parser)->m_pause = Pause::MessageBegin;
    return HPE_PAUSED;
}

int ConnectionGuard::onUrl(llhttp_t *parser, const char *at, size_t length)
{
    ConnectionGuard *guard = guardOf(parser);
    if (guard->m_head.target.size() + qsizetype(length) <= 64 * 1024)
        guard->m_head.target.append(at, qsizetype(length));
    return 0;
}

int ConnectionGuard::onHeaderField(llhttp_t *parser, const char *at, size_t length)
{
    ConnectionGuard *guard = guardOf(parser);
    if (guard->m_inValue || guard->m_fields == 0) {
        guard->m_field.clear();
        guard->m_value.clear();
        guard->m_inValue = false;
        ++guard->m_fields;
    }
    if (guard->m_field.size() < 64)
        guard->m_field.append(at, qsizetype(std::min<size_t>(length, 64)));
    return 0;
}

int ConnectionGuard::onHeaderValue(llhttp_t *parser, const char *at, size_t length)
{
    ConnectionGuard *guard = guardOf(parser);
    guard->m_inValue = true;
    if (guard->m_field.compare("authorization", Qt::CaseInsensitive) == 0) {
        guard->m_head.authorization.append(at, qsizetype(length));
    }
    return 0;
}

int ConnectionGuard::onHeadersComplete(llhttp_t *parser)
{
    guardOf(parser)->m_pause = Pause::HeadersComplete;
    return HPE_PAUSED;
}

int ConnectionGuard::onMessageComplete(llhttp_t *parser)
{
    guardOf(parser)->m_pause = Pause::MessageComplete;
    return HPE_PAUSED;
}

} // namespace tandem::gateway
