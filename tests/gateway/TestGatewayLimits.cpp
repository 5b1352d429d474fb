// Limits that act before a request is authenticated or its body buffered — on the request head, on idle and slow
// connections, on uploads in flight — and on what outlives a request: event streams and their tokens, archive
// downloads and their tar, the password checks. Raw sockets against a real gateway, so every byte is the test's.
#include "support/ApiClient.h"
#include "support/GatewayProcess.h"
#include "support/ProcessMemory.h"

#include "gateway/Accounts.h"
#include "gateway/Store.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace tandem;
using test::ApiClient;

namespace {

struct RawResponse
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    QJsonObject json;
    QString code() const { return json.value(u"error").toObject().value(u"code").toString(); }
    QString message() const { return json.value(u"error").toObject().value(u"message").toString(); }
};

// One TCP connection to the gateway, written and read byte for byte.
class Raw
{
public:
    explicit Raw(quint16 port, bool tls = false)
    {
        if (tls) {
            m_socket.setPeerVerifyMode(QSslSocket::VerifyNone); // a throwaway certificate
            m_socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
            m_connected = m_socket.waitForEncrypted(5000);
        } else {
            m_socket.connectToHost(QHostAddress::LocalHost, port);
            m_connected = m_socket.waitForConnected(5000);
        }
    }

    bool connected() const { return m_connected; }
    QString errorString() const { return m_socket.errorString(); }

    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        while (m_socket.bytesToWrite() > 0 && m_socket.waitForBytesWritten(5000)) { }
    }

    // One whole answer with a Content-Length body (what every refusal and JSON reply has).
    std::optional<RawResponse> read(int timeoutMs = 5000)
    {
        QElapsedTimer clock;
        clock.start();
        while (true) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end >= 0) {
                RawResponse response;
                response.head = m_buffer.left(end);
                response.status = response.head.mid(9, 3).toInt();
                qint64 length = 0;
                for (const QByteArray &line : response.head.split('\n')) {
                    if (line.toLower().startsWith("content-length:"))
                        length = line.mid(15).trimmed().toLongLong();
                }
                if (m_buffer.size() >= end + 4 + length) {
                    response.body = m_buffer.mid(end + 4, length);
                    m_buffer.remove(0, end + 4 + length);
                    response.json = QJsonDocument::fromJson(response.body).object();
                    return response;
                }
            }
            if (!waitForMore(timeoutMs - clock.elapsed()))
                return std::nullopt;
        }
    }

    // Reads until `needle` has arrived (for streamed answers); false on timeout or close.
    bool readUntil(const QByteArray &needle, int timeoutMs = 5000)
    {
        QElapsedTimer clock;
        clock.start();
        while (!m_buffer.contains(needle)) {
            if (!waitForMore(timeoutMs - clock.elapsed()))
                return false;
        }
        return true;
    }

    bool waitClosed(int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        while (m_socket.state() == QAbstractSocket::ConnectedState && clock.elapsed() < timeoutMs) {
            m_socket.waitForReadyRead(50);
            m_buffer += m_socket.readAll();
        }
        return m_socket.state() != QAbstractSocket::ConnectedState;
    }

    bool hasData()
    {
        m_socket.waitForReadyRead(0);
        m_buffer += m_socket.readAll();
        return !m_buffer.isEmpty();
    }
    const QByteArray &buffer() const { return m_buffer; }
    quint16 localPort() const { return m_socket.localPort(); }
    void close() { m_socket.abort(); }
    // Stop taking what the gateway sends: a small receive buffer and no reads.
    void setReceiveBuffer(int bytes)
    {
        m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, bytes);
        m_socket.setReadBufferSize(bytes); // or the socket would take in everything on its own
    }

private:
    bool waitForMore(qint64 left)
    {
        if (left <= 0)
            return false;
        if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(int(left)))
            return false;
        m_buffer += m_socket.readAll();
        return true;
    }

    QSslSocket m_socket; // plain TCP unless asked for TLS
    QByteArray m_buffer;
    bool m_connected = false;
};

QByteArray request(const QByteArray &method, const QByteArray &target, const QByteArray &token = {},
                   const QByteArray &body = {}, qint64 contentLength = -1)
{
    QByteArray bytes = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.isEmpty())
        bytes += "Authorization: Bearer " + token + "\r\n";
    if (contentLength >= 0 || !body.isEmpty())
        bytes += "Content-Length: " + QByteArray::number(contentLength >= 0 ? contentLength : body.size()) + "\r\n";
    return bytes + "\r\n" + body;
}

QList<qint64> childrenNamed(qint64 parent, const QByteArray &name)
{
    QList<qint64> found;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString dir = it.next();
        QFile stat(dir + QStringLiteral("/stat"));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('('), close = line.lastIndexOf(')');
        if (open < 0 || close < 0)
            continue;
        const QList<QByteArray> rest = line.mid(close + 2).split(' ');
        if (line.mid(open + 1, close - open - 1) == name && rest.size() > 1 && rest[1].toLongLong() == parent)
            found << dir.section(u'/', -1).toLongLong();
    }
    return found;
}

// Whether the kernel has the end of a loopback connection at `localPort` as ESTABLISHED (state 01).
bool tcpEstablished(quint16 localPort, quint16 remotePort)
{
    QFile table(QStringLiteral("/proc/net/tcp"));
    if (!table.open(QIODevice::ReadOnly))
        return false;
    const QByteArray local = ':' + QByteArray::number(localPort, 16).toUpper().rightJustified(4, '0');
    const QByteArray remote = ':' + QByteArray::number(remotePort, 16).toUpper().rightJustified(4, '0');
    for (const QByteArray &line : table.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() > 3 && fields[1].endsWith(local) && fields[2].endsWith(remote))
            return fields[3] == "01";
    }
    return false;
}

// Sends many pipelined requests for a large document and reads none of the answers; the gateway's memory must not
// grow with them, and the connection ends.
void pipelinedAnswersNobodyReads(quint16 port, qint64 gatewayPid, bool tls)
{
    Raw raw(port, tls);
    QVERIFY2(raw.connected(), qPrintable(raw.errorString()));
    raw.setReceiveBuffer(4096);
    const qint64 before = test::statusKb(gatewayPid, "VmRSS");
    QByteArray requests;
    for (int i = 0; i < 300; ++i) // about 24 MB of answers
        requests += request("GET", "/api/v1/openapi.json");
    raw.send(requests);
    QTest::qWait(3000);
    const qint64 during = test::statusKb(gatewayPid, "VmRSS");
    qInfo("%s: gateway RSS %lld kB before, %lld kB with 300 unread answers", tls ? "https" : "http", before, during);
    QVERIFY2(during - before < 24 * 1024, QByteArray::number(during - before).constData());
    // The gateway has closed its end (its FIN waits behind what the client does not read), so its side of the
    // connection is no longer ESTABLISHED.
    QTRY_VERIFY_WITH_TIMEOUT(!tcpEstablished(port, raw.localPort()), 10000);
}

bool startWithConfig(test::GatewayProcess &gateway, QTemporaryDir &dir, const QByteArray &json)
{
    QFile config(dir.filePath(QStringLiteral("gateway.json")));
    if (!config.open(QIODevice::WriteOnly))
        return false;
    config.write(json);
    config.close();
    return gateway.start({QStringLiteral("--config"), config.fileName()});
}

} // namespace

class TestGatewayLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(startWithConfig(m_gateway, m_configDir, R"({"limits": {"requestHeadSeconds": 1.5, "idleSeconds": 3,
            "connectionsPerAddress": 60, "uploadMB": 8, "uploadsInFlightMB": 3, "signInWindowSeconds": 2}})"));
        m_port = quint16(m_gateway.baseUrl().port());
        m_admin = std::make_unique<ApiClient>(m_gateway.baseUrl(), m_gateway.localToken());
        for (const char *name : {"alice", "bob", "carol", "dave"}) {
            QCOMPARE(m_admin->createUser(QLatin1StringView(name), QStringLiteral("pw-%1").arg(QLatin1StringView(name)))
                         .status,
                     201);
        }
        m_alice = std::make_unique<ApiClient>(m_gateway.baseUrl());
        QVERIFY(m_alice->login(QStringLiteral("alice"), QStringLiteral("pw-alice")));
        m_bob = std::make_unique<ApiClient>(m_gateway.baseUrl());
        QVERIFY(m_bob->login(QStringLiteral("bob"), QStringLiteral("pw-bob")));
    }

    void aClientGoesOnAfterItsIdleConnectionIsClosed()
    {
        // The desktop's network access manager keeps connections open; the gateway closes them when idle, and the
        // next request (after no event loop ran meanwhile) goes out on a new one.
        QNetworkAccessManager network;
        const auto call = [&](const QByteArray &verb, const QString &path, const QByteArray &body) {
            QNetworkRequest request(m_alice->url(path));
            request.setRawHeader("Authorization", "Bearer " + m_alice->token());
            QNetworkReply *reply = network.sendCustomRequest(request, verb, body);
            QSignalSpy done(reply, &QNetworkReply::finished);
            done.wait(10000);
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            reply->deleteLater();
            return status;
        };
        QCOMPARE(call("GET", QStringLiteral("/api/v1/me"), {}), 200);
        QThread::sleep(4); // the idle limit is 3 s here
        QCOMPARE(call("GET", QStringLiteral("/api/v1/me"), {}), 200);
        QThread::sleep(4);
        QCOMPARE(call("PUT", QStringLiteral("/api/v1/files/after-idle.bin"), QByteArray(2 * 1024 * 1024, 's')), 201);
    }

    void anOversizedHeadIsRefusedAndTheGatewayGoesOn()
    {
        Raw raw(m_port);
        QVERIFY(raw.connected());
        raw.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + QByteArray(40 * 1024, 'a'));
        const auto answer = raw.read();
        QVERIFY(answer);
        QCOMPARE(answer->status, 431);
        QCOMPARE(answer->code(), QStringLiteral("headers_too_large"));
        QVERIFY(answer->message().contains(QStringLiteral("32768")));
        QVERIFY(raw.waitClosed(3000));
        QCOMPARE(m_admin->get(QStringLiteral("/healthz")).status, 200);
    }

    void aSlowHeadIsCutOff()
    {
        // Slowloris: a header line every 300 ms, never the blank line that ends them.
        Raw raw(m_port);
        QElapsedTimer clock;
        clock.start();
        raw.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        bool answered = false;
        while (clock.elapsed() < 6000 && !answered) {
            raw.send("X-Slow: " + QByteArray::number(clock.elapsed()) + "\r\n");
            answered = raw.readUntil("\r\n\r\n", 300);
        }
        QVERIFY2(answered, "no answer to a head that never ends");
        const qint64 after = clock.elapsed();
        const auto answer = raw.read(100);
        QVERIFY(answer);
        QCOMPARE(answer->status, 408);
        QCOMPARE(answer->code(), QStringLiteral("request_timeout"));
        QVERIFY2(after >= 1400 && after < 4000, QByteArray::number(after).constData());
        QVERIFY(raw.waitClosed(3000));
    }

    void aSilentConnectionIsClosed()
    {
        Raw raw(m_port);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(raw.waitClosed(5000));
        QVERIFY2(clock.elapsed() >= 1400, QByteArray::number(clock.elapsed()).constData());
        QVERIFY(raw.buffer().isEmpty());
    }

    void bodiesAreRefusedOnTheirHeadBeforeTheyAreSent()
    {
        // Only the head goes out; the answer comes without waiting for the announced body.
        Raw tooLarge(m_port);
        tooLarge.send(request("POST", "/api/v1/jobs", m_alice->token(), {}, 50'000'000));
        auto answer = tooLarge.read(3000);
        QVERIFY(answer);
        QCOMPARE(answer->status, 413);
        QCOMPARE(answer->code(), QStringLiteral("body_too_large"));

        Raw tooLargeUpload(m_port);
        tooLargeUpload.send(request("PUT", "/api/v1/files/huge.bin", m_alice->token(), {}, 9 * 1024 * 1024));
        answer = tooLargeUpload.read(3000);
        QVERIFY(answer);
        QCOMPARE(answer->status, 413);

        // An upload without a valid token never gets its megabytes buffered.
        Raw anonymous(m_port);
        anonymous.send(request("PUT", "/api/v1/files/anon.bin", "not-a-token", {}, 5 * 1024 * 1024));
        answer = anonymous.read(3000);
        QVERIFY(answer);
        QCOMPARE(answer->status, 401);
        QCOMPARE(answer->code(), QStringLiteral("unauthorized"));

        Raw chunked(m_port);
        chunked.send("POST /api/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: "
                     "chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        answer = chunked.read(3000);
        QVERIFY(answer);
        QCOMPARE(answer->status, 411);
        QCOMPARE(answer->code(), QStringLiteral("length_required"));

        Raw malformed(m_port);
        malformed.send("BREW /pot HTTP/1.1\r\n\r\n");
        answer = malformed.read(3000);
        QVERIFY(answer);
        QCOMPARE(answer->status, 400);
        QCOMPARE(answer->code(), QStringLiteral("malformed_request"));

        // Nothing of them arrived anywhere.
        const QJsonArray entries = m_alice->get(QStringLiteral("/api/v1/files")).json[u"entries"].toArray();
        for (const QJsonValue &entry : entries) {
            const QString name = entry[u"name"].toString();
            QVERIFY2(name != u"huge.bin" && name != u"anon.bin", qPrintable(name));
        }
    }

    void headsTheTwoParsersWouldReadDifferentlyAreRefused()
    {
        // A length QHttpServer would read as negative (no body), and more or larger header fields than its header
        // parser keeps (it would drop every header, Content-Length with them): either way the bytes that follow
        // would be framed as a request the guard never saw.
        const QByteArray smuggled = request("PUT", "/api/v1/files/x", {}, {}, 900'000'000'000);
        Raw huge(m_port);
        huge.send("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 9223372036854775808\r\n\r\n" + smuggled);
        auto answer = huge.read();
        QVERIFY(answer);
        QCOMPARE(answer->status, 413);

        QByteArray many = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
        for (int i = 0; i < 101; ++i)
            many += "X-" + QByteArray::number(i) + ": a\r\n";
        Raw fields(m_port);
        fields.send(many + "Content-Length: 1000000\r\n\r\n" + smuggled);
        answer = fields.read();
        QVERIFY(answer);
        QCOMPARE(answer->status, 431);

        // A long field is fine as long as the head stays under its limit (QHttpServer keeps fields of 100 KiB).
        Raw cookie(m_port);
        cookie.send("GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: " + QByteArray(20000, 'c') + "\r\n\r\n");
        answer = cookie.read();
        QVERIFY(answer);
        QCOMPARE(answer->status, 200);

        // Many requests sent ahead of their answers: a client needs a few, not hundreds.
        Raw ahead(m_port);
        QByteArray heads;
        for (int i = 0; i < 40; ++i)
            heads += "GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + m_alice->token() + "\r\n\r\n";
        ahead.send(heads);
        QTRY_VERIFY_WITH_TIMEOUT(!tcpEstablished(m_port, ahead.localPort()), 5000);
        QCOMPARE(m_admin->get(QStringLiteral("/healthz")).status, 200);
    }

    void answersNobodyReadsDoNotPileUp() { pipelinedAnswersNobodyReads(m_port, m_gateway.pid(), false); }

    void overHttpsTheGuardActsAlike()
    {
        QTemporaryDir dir;
        QVERIFY(test::writeLoopbackCertificate(dir.path()));
        test::GatewayProcess gateway;
        QVERIFY(gateway.start({QStringLiteral("--tls-cert"), dir.filePath(QStringLiteral("cert.pem")),
                               QStringLiteral("--tls-key"), dir.filePath(QStringLiteral("key.pem"))}));
        const quint16 port = quint16(gateway.baseUrl().port());

        Raw plain(port, true);
        QVERIFY(plain.connected());
        plain.send(request("GET", "/api/v1/me", gateway.localToken()) + request("GET", "/healthz"));
        auto me = plain.read();
        auto health = plain.read();
        QVERIFY(me && health);
        QCOMPARE(me->status, 200);
        QCOMPARE(health->status, 200);

        Raw oversized(port, true);
        oversized.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: " + QByteArray(40 * 1024, 'a'));
        const auto refused = oversized.read();
        QVERIFY(refused);
        QCOMPARE(refused->status, 431);

        pipelinedAnswersNobodyReads(port, gateway.pid(), true);
    }

    void aRefusedUploadStillReadsItsAnswer()
    {
        // The client sends its whole (refused) body anyway, as a plain HTTP client does, and gets the answer.
        Raw raw(m_port);
        raw.send(request("PUT", "/api/v1/files/whole.bin", "wrong-token", QByteArray(3 * 1024 * 1024, 'x')));
        const auto answer = raw.read(5000);
        QVERIFY(answer);
        QCOMPARE(answer->status, 401);
    }

    void keepAliveAndPipeliningStillWork()
    {
        Raw raw(m_port);
        // Two requests in one write, then a body split over writes, then a request byte by byte.
        raw.send(request("GET", "/healthz") + request("GET", "/api/v1/me", m_alice->token()));
        auto first = raw.read();
        auto second = raw.read();
        QVERIFY(first && second);
        QCOMPARE(first->status, 200);
        QCOMPARE(second->status, 200);
        QCOMPARE(second->json.value(u"name").toString(), QStringLiteral("alice"));

        const QByteArray body = R"({"type": "run", "system": "nowhere", "executable": "a.out"})";
        const QByteArray whole = request("POST", "/api/v1/jobs", m_alice->token(), body);
        raw.send(whole.left(20));
        QTest::qWait(50);
        raw.send(whole.mid(20, whole.size() - 30));
        QTest::qWait(50);
        raw.send(whole.right(10));
        auto third = raw.read();
        QVERIFY(third);
        QCOMPARE(third->status, 400);
        QCOMPARE(third->json.value(u"error").toObject().value(u"field").toString(), QStringLiteral("system"));

        for (const char byte : request("GET", "/api/v1/me", m_bob->token())) {
            raw.send(QByteArray(1, byte));
            QTest::qWait(2);
        }
        auto fourth = raw.read();
        QVERIFY(fourth);
        QCOMPARE(fourth->json.value(u"name").toString(), QStringLiteral("bob"));
    }

    void anIdleKeepAliveConnectionIsClosed()
    {
        Raw raw(m_port);
        raw.send(request("GET", "/healthz"));
        QVERIFY(raw.read());
        QElapsedTimer clock;
        clock.start();
        QVERIFY(raw.waitClosed(8000));
        QVERIFY2(clock.elapsed() >= 2900, QByteArray::number(clock.elapsed()).constData());
    }

    void uploadBytesInFlightAreCappedPerUser()
    {
        const qint64 size = 2 * 1024 * 1024;
        const QByteArray data(size, 'u');
        // Alice's first upload is half sent and holds 2 of her 3 MB.
        Raw first(m_port);
        first.send(request("PUT", "/api/v1/files/first.bin", m_alice->token(), {}, size) + data.left(size / 2));
        QTest::qWait(300);
        Raw second(m_port);
        second.send(request("PUT", "/api/v1/files/second.bin", m_alice->token(), {}, size));
        auto refused = second.read(3000);
        QVERIFY(refused);
        QCOMPARE(refused->status, 429);
        QCOMPARE(refused->code(), QStringLiteral("too_many_uploads"));
        QVERIFY(refused->head.toLower().contains("retry-after: 5"));
        QVERIFY2(refused->message().contains(QStringLiteral("2 MB")), qPrintable(refused->message()));

        // Bob's budget is his own. (Fresh clients: the gateway closed the old ones' idle connections meanwhile.)
        ApiClient alice(m_gateway.baseUrl(), m_alice->token());
        ApiClient bob(m_gateway.baseUrl(), m_bob->token());
        QCOMPARE(bob.put(QStringLiteral("/api/v1/files/bobs.bin"), data).status, 201);

        // Once the first is answered, its bytes are free again.
        first.send(data.mid(size / 2));
        const auto done = first.read(5000);
        QVERIFY(done);
        QCOMPARE(done->status, 201);
        const auto again = alice.put(QStringLiteral("/api/v1/files/second.bin"), data);
        QVERIFY2(again.status == 201, again.body.constData());
        const QJsonArray entries = alice.get(QStringLiteral("/api/v1/files")).json[u"entries"].toArray();
        int sized = 0;
        for (const QJsonValue &entry : entries) {
            const QString name = entry[u"name"].toString();
            if ((name == u"first.bin" || name == u"second.bin") && entry[u"size"].toInteger() == size)
                ++sized;
        }
        QCOMPARE(sized, 2);
    }

    void eventStreamsEndWithTheirToken()
    {
        ApiClient carol(m_gateway.baseUrl());
        QVERIFY(carol.login(QStringLiteral("carol"), QStringLiteral("pw-carol")));
        Raw stream(m_port);
        stream.send(request("GET", "/api/v1/events", carol.token()));
        QVERIFY(stream.readUntil(": connected"));

        // Signing out ends the stream at once.
        QCOMPARE(carol.call("DELETE", QStringLiteral("/api/v1/auth/token")).status, 204);
        QVERIFY2(stream.readUntil("\r\n0\r\n\r\n", 3000), stream.buffer().right(200).constData());

        // Renewing ends the old token's stream too (the client reconnects with the new one).
        QVERIFY(carol.login(QStringLiteral("carol"), QStringLiteral("pw-carol")));
        Raw renewed(m_port);
        renewed.send(request("GET", "/api/v1/events", carol.token()));
        QVERIFY(renewed.readUntil(": connected"));
        QCOMPARE(carol.call("POST", QStringLiteral("/api/v1/auth/renew")).status, 201);
        QVERIFY(renewed.readUntil("\r\n0\r\n\r\n", 3000));
    }

    void aNinthLiveStreamIsRefused()
    {
        ApiClient dave(m_gateway.baseUrl());
        QVERIFY(dave.login(QStringLiteral("dave"), QStringLiteral("pw-dave")));
        std::vector<std::unique_ptr<Raw>> streams;
        for (int i = 0; i < 8; ++i) {
            streams.push_back(std::make_unique<Raw>(m_port));
            streams.back()->send(request("GET", "/api/v1/events", dave.token()));
            QVERIFY(streams.back()->readUntil(": connected"));
        }
        Raw ninth(m_port);
        ninth.send(request("GET", "/api/v1/events", dave.token()));
        const auto refused = ninth.read();
        QVERIFY(refused);
        QCOMPARE(refused->status, 429);
        QCOMPARE(refused->code(), QStringLiteral("too_many_streams"));
        QVERIFY(refused->head.toLower().contains("retry-after: 30"));

        // A stream whose client went away no longer counts.
        streams.front()->close();
        QTest::qWait(300);
        Raw again(m_port);
        again.send(request("GET", "/api/v1/events", dave.token()));
        QVERIFY(again.readUntil(": connected"));
    }

    void passwordChecksLeaveTheGatewayResponsive()
    {
        // Four sign-ins at once take a few argon2id checks' time; a health check sent after them is answered first,
        // because the checks run on workers and not on the event loop.
        std::vector<std::unique_ptr<Raw>> logins;
        const QByteArray body = R"({"name": "carol", "password": "pw-carol"})";
        for (int i = 0; i < 4; ++i) {
            logins.push_back(std::make_unique<Raw>(m_port));
            logins.back()->send(request("POST", "/api/v1/auth/token", {}, body));
        }
        Raw health(m_port);
        health.send(request("GET", "/healthz"));
        QVERIFY(health.read());
        int answeredBefore = 0;
        for (auto &login : logins)
            answeredBefore += login->hasData() ? 1 : 0;
        QVERIFY2(answeredBefore < 4, "every sign-in was answered before the health check");
        for (auto &login : logins) {
            const auto answer = login->read(10000);
            QVERIFY(answer);
            QCOMPARE(answer->status, 201);
        }
    }

    void theSignInThrottleForgetsAfterItsWindow()
    {
        ApiClient mallory(m_gateway.baseUrl());
        for (int i = 0; i < 5; ++i)
            QVERIFY(!mallory.login(QStringLiteral("bob"), QStringLiteral("guess")));
        const auto throttled = mallory.post(
            QStringLiteral("/api/v1/auth/token"),
            {{QStringLiteral("name"), QStringLiteral("bob")}, {QStringLiteral("password"), QStringLiteral("pw-bob")}});
        QCOMPARE(throttled.status, 429);
        QCOMPARE(throttled.errorCode(), QStringLiteral("throttled"));
        QTest::qWait(2200); // the window is 2 s here
        QVERIFY(mallory.login(QStringLiteral("bob"), QStringLiteral("pw-bob")));
    }

    void theThrottleTableStaysBounded()
    {
        // In-process: many distinct names from many addresses, as a spray across a class list would send.
        QTemporaryDir dir;
        gateway::Store store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("t.db"))).has_value());
        gateway::Accounts accounts(store);
        accounts.setThrottleWindow(std::chrono::seconds(1));
        for (int i = 0; i < 15000; ++i) {
            const gateway::Accounts::LoginAttempt attempt{
                QStringLiteral("u%1").arg(i), QStringLiteral("10.0.%1.%2").arg(i / 250).arg(i % 250), 0, {}};
            accounts.countFailedAttempt(attempt);
        }
        QVERIFY2(accounts.throttleEntries() <= 20000, QByteArray::number(accounts.throttleEntries()).constData());
        QTest::qWait(1100);
        accounts.countFailedAttempt({QStringLiteral("late"), QStringLiteral("10.9.9.9"), 0, {}});
        QCOMPARE(accounts.throttleEntries(), 2); // the old ones are forgotten; "late@…" and "@10.9.9.9" remain
    }

    void aFileCutShortOrARequestBehindADownloadEndsTheConnection()
    {
        QCOMPARE(m_alice->put(QStringLiteral("/api/v1/files/seed.txt"), "the home exists\n").status, 201);
        const QString path = m_gateway.dataDir() + QStringLiteral("/homes/alice/cut.bin");
        constexpr qint64 Size = qint64(256) * 1024 * 1024;
        const auto makeFile = [&] {
            QFile file(path);
            return file.open(QIODevice::WriteOnly) && file.resize(Size); // sparse: quick to make, slow enough to send
        };
        QVERIFY(makeFile());

        // Truncated while it is sent, the file cannot be completed: the connection ends short of the announced length.
        Raw cut(m_port);
        cut.send(request("GET", "/api/v1/files/cut.bin", m_alice->token()));
        QVERIFY(cut.readUntil("\r\n\r\n"));
        QVERIFY(cut.buffer().startsWith("HTTP/1.1 200"));
        QVERIFY(QFile::resize(path, 1024 * 1024));
        QVERIFY(cut.waitClosed(15000));
        QVERIFY2(cut.buffer().size() < Size, QByteArray::number(cut.buffer().size()).constData());

        // A request sent behind a download would be answered into the middle of the file (QHttpServer 6.8 reads on
        // while a file streams): the connection ends instead, and no answer is passed off as part of the body.
        QVERIFY(makeFile());
        Raw behind(m_port);
        behind.send(request("GET", "/api/v1/files/cut.bin", m_alice->token())
                    + request("GET", "/api/v1/me", m_alice->token()));
        QVERIFY(behind.waitClosed(15000));
        QVERIFY(!behind.buffer().contains("\"name\""));

        // One download at a time on a connection works, and the next request after it is answered; the line end
        // some clients send after a request is no request.
        QVERIFY(QFile::resize(path, 64 * 1024));
        Raw alone(m_port);
        alone.send(request("GET", "/api/v1/files/cut.bin", m_alice->token()) + "\r\n");
        auto file = alone.read(10000);
        QVERIFY(file);
        QCOMPARE(file->status, 200);
        QCOMPARE(file->body.size(), 64 * 1024);
        alone.send(request("GET", "/api/v1/me", m_alice->token()));
        auto me = alone.read(10000);
        QVERIFY(me);
        QCOMPARE(me->json.value(u"name").toString(), QStringLiteral("alice"));
        QVERIFY(QFile::remove(path));
    }

    void headIsRefusedWithoutABody()
    {
        // No route answers HEAD, and its answer has no body: the next answer on the connection is read whole.
        Raw raw(m_port);
        raw.send(request("HEAD", "/api/v1/me", m_alice->token()));
        QVERIFY(raw.readUntil("\r\n\r\n"));
        QVERIFY2(raw.buffer().startsWith("HTTP/1.1 405"), raw.buffer().constData());
        const QByteArray head = raw.buffer();
        QVERIFY2(!head.contains("Content-Length:") || head.contains("Content-Length: 0"), head.constData());
        raw.send(request("GET", "/api/v1/me", m_alice->token()));
        QVERIFY(raw.readUntil("\"name\""));
        QVERIFY(raw.buffer().mid(head.size()).startsWith("HTTP/1.1 200"));
    }

    void aStalledArchiveDownloadHoldsTarBackAndEndsIt()
    {
        // A job leaves 150 MB that gzip cannot shrink; the client reads 64 KB of the archive and stops.
        QTemporaryDir work;
        QFile script(work.filePath(QStringLiteral("noise.sh")));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\nhead -c 150M /dev/urandom > noise.bin\n");
        script.close();
        script.setPermissions(script.permissions() | QFileDevice::ExeOwner);
        QProcess tar;
        tar.setWorkingDirectory(work.path());
        tar.start(QStringLiteral("tar"),
                  {QStringLiteral("-czf"), QStringLiteral("noise.tgz"), QStringLiteral("noise.sh")});
        QVERIFY(tar.waitForFinished(10000));
        QFile archive(work.filePath(QStringLiteral("noise.tgz")));
        QVERIFY(archive.open(QIODevice::ReadOnly));
        QCOMPARE(
            m_alice->call("POST", QStringLiteral("/api/v1/files/bin?op=extract"), archive.readAll(), "application/gzip")
                .status,
            201);
        const auto submitted = m_alice->post(QStringLiteral("/api/v1/jobs"),
                                             {{QStringLiteral("type"), QStringLiteral("run")},
                                              {QStringLiteral("system"), QStringLiteral("local")},
                                              {QStringLiteral("executable"), QStringLiteral("bin/noise.sh")}});
        QCOMPARE(submitted.status, 201);
        const qint64 id = submitted.json.value(u"id").toInteger();
        QCOMPARE(m_alice->waitUntilFinal(id).value(u"status").toString(), QStringLiteral("FINISHED"));

        const qint64 rssBefore = test::statusKb(m_gateway.pid(), "VmRSS");
        Raw raw(m_port);
        raw.setReceiveBuffer(64 * 1024);
        raw.send(request("GET", QByteArray("/api/v1/jobs/") + QByteArray::number(id) + "/archive", m_alice->token()));
        QVERIFY(raw.readUntil("\r\n\r\n"));
        QTest::qWait(1500); // tar would have compressed most of it by now, were it not held back
        const QList<qint64> tars = childrenNamed(m_gateway.pid(), "tar");
        QCOMPARE(tars.size(), 1);
        const qint64 rssDuring = test::statusKb(m_gateway.pid(), "VmRSS");
        qInfo("gateway RSS %lld kB before, %lld kB with a stalled 150 MB archive download", rssBefore, rssDuring);
        QVERIFY2(rssDuring - rssBefore < 32 * 1024, QByteArray::number(rssDuring - rssBefore).constData());

        raw.close();
        QTRY_VERIFY_WITH_TIMEOUT(childrenNamed(m_gateway.pid(), "tar").isEmpty(), 5000);
        // And the gateway goes on.
        QVERIFY2(ApiClient(m_gateway.baseUrl()).get(QStringLiteral("/healthz")).status == 200,
                 qPrintable(m_gateway.output().right(2000)));
    }

    void theConnectionCapPerAddressAnswers503()
    {
        test::GatewayProcess gateway;
        QTemporaryDir dir;
        QVERIFY(startWithConfig(gateway, dir, R"({"limits": {"connectionsPerAddress": 3}})"));
        const quint16 port = quint16(gateway.baseUrl().port());
        Raw a(port), b(port), c(port);
        QVERIFY(a.connected() && b.connected() && c.connected());
        QTest::qWait(100);
        Raw fourth(port);
        const auto refused = fourth.read();
        QVERIFY(refused);
        QCOMPARE(refused->status, 503);
        QCOMPARE(refused->code(), QStringLiteral("too_many_connections"));
        a.close();
        QTest::qWait(200);
        Raw again(port);
        again.send(request("GET", "/healthz"));
        const auto answer = again.read();
        QVERIFY(answer);
        QCOMPARE(answer->status, 200);
    }

    void anExpiredTokenEndsItsStream()
    {
        test::GatewayProcess gateway;
        QTemporaryDir dir;
        QVERIFY(startWithConfig(gateway, dir, R"({"tokenHours": 0.001})")); // 3.6 s
        Raw stream(quint16(gateway.baseUrl().port()));
        stream.send(request("GET", "/api/v1/events", gateway.localToken()));
        QVERIFY(stream.readUntil(": connected"));
        QElapsedTimer clock;
        clock.start();
        QVERIFY2(stream.readUntil("\r\n0\r\n\r\n", 8000), stream.buffer().right(200).constData());
        QVERIFY(clock.elapsed() < 4000);
        ApiClient late(gateway.baseUrl(), gateway.localToken());
        QCOMPARE(late.get(QStringLiteral("/api/v1/me")).status, 401);
    }

private:
    QTemporaryDir m_configDir;
    test::GatewayProcess m_gateway;
    quint16 m_port = 0;
    std::unique_ptr<ApiClient> m_admin;
    std::unique_ptr<ApiClient> m_alice;
    std::unique_ptr<ApiClient> m_bob;
};

QTEST_GUILESS_MAIN(TestGatewayLimits)
#include "TestGatewayLimits.moc"
