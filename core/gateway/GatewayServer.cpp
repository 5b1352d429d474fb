#include "GatewayServer.h"

#include "Version.h"
#include "gateway/Accounts.h"
#include "gateway/ArchiveUpload.h"
#include "gateway/EventHub.h"
#include "gateway/EventStream.h"
#include "gateway/JobService.h"
#include "gateway/LocalExecutor.h"
#include "gateway/LocalSessionBackend.h"
#include "gateway/SessionService.h"
#include "gateway/Store.h"
#include "gateway/SystemCatalog.h"
#include "gateway/UserHome.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHttpHeaders>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSaveFile>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUrlQuery>

#include <unistd.h>

namespace tandem::gateway {

namespace {

constexpr int MaxStreamsPerUser = 8;

// Answers go out as headers and body in separate writes; with Nagle's algorithm and delayed ACKs a client waits
// ~40 ms for the second one. Every accepted socket gets TCP_NODELAY.
class LowDelayTcpServer : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        addPendingConnection(socket);
    }
};

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    default:
        return QStringLiteral("OTHER");
    }
}

QJsonObject fileEntry(const QFileInfo &info)
{
    return {{QStringLiteral("name"), info.fileName()},
            {QStringLiteral("type"), info.isDir() ? QStringLiteral("directory") : QStringLiteral("file")},
            {QStringLiteral("size"), info.isDir() ? 0 : info.size()},
            {QStringLiteral("modified"), info.lastModified().toUTC().toString(Qt::ISODateWithMs)}};
}

} // namespace

GatewayServer::GatewayServer(GatewayConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_http(std::make_unique<QHttpServer>())
{
    m_http->setMissingHandler(this, [this](const QHttpServerRequest &request, QHttpServerResponder &responder) {
        handle(request, responder);
    });
}

GatewayServer::~GatewayServer()
{
    // Streams and jobs hold responders and processes; end them before the store closes.
    qDeleteAll(findChildren<EventStream *>());
    m_sessions.reset();
    m_sessionBackend.reset();
    m_jobs.reset();
    m_executor.reset();
}

QString GatewayServer::isolation() const
{
    return m_executor ? m_executor->isolation() : QString();
}

Result<void> GatewayServer::start()
{
    if (!QDir().mkpath(m_config.homesRoot()))
        return std::unexpected(Error::internal(tr("Cannot create %1.").arg(m_config.homesRoot())));
    m_store = std::make_unique<Store>();
    if (auto opened = m_store->open(m_config.databasePath()); !opened)
        return std::unexpected(opened.error());
    m_accounts = std::make_unique<Accounts>(*m_store);
    m_systems = std::make_unique<SystemCatalog>();
    const int jobCores = m_config.jobCores > 0 ? m_config.jobCores : QThread::idealThreadCount();
    m_systems->add(SystemCatalog::detectLocal(jobCores));
    if (auto loaded = m_systems->load(m_config.systems); !loaded)
        return std::unexpected(loaded.error());
    m_events = std::make_unique<EventHub>();
    LocalExecutorLimits limits;
    limits.cores = jobCores;
    limits.hiddenPaths = {QFileInfo(m_config.dataDir).absoluteFilePath()};
    QString runner = m_config.jobRunner;
    if (runner.isEmpty())
        runner = QCoreApplication::applicationDirPath() + QStringLiteral("/tandem-job-run");
    m_executor = std::make_unique<LocalExecutor>(runner, limits);
    m_jobs = std::make_unique<JobService>(*m_store, *m_systems, *m_events, m_config.homesRoot());
    m_jobs->addExecutor(QStringLiteral("local"), m_executor.get());
    m_sessionBackend = std::make_unique<LocalSessionBackend>(limits.hiddenPaths);
    SessionPolicies policies;
    if (auto loaded = policies.load(m_config.sessions); !loaded)
        return std::unexpected(loaded.error());
    m_sessions = std::make_unique<SessionService>(
        *m_sessionBackend, *m_events,
        [this](const User &user) {
            const UserHome home = m_jobs->homeOf(user.name);
            home.ensureExists();
            return home.root();
        },
        std::move(policies));
    if (m_config.localUser) {
        if (auto local = ensureLocalUser(); !local)
            return std::unexpected(local.error());
    }
    m_jobs->recover();
    if (m_config.retentionDays > 0) {
        m_jobs->expire(m_config.retentionDays);
        m_retentionTimer.setInterval(std::chrono::hours(1));
        connect(&m_retentionTimer, &QTimer::timeout, this, [this] { m_jobs->expire(m_config.retentionDays); });
        m_retentionTimer.start();
    }

    std::unique_ptr<QTcpServer> tcp;
    if (!m_config.tlsCertificate.isEmpty() || !m_config.tlsKey.isEmpty()) {
        auto tls = tlsServer();
        if (!tls)
            return std::unexpected(tls.error());
        tcp = std::move(*tls);
    } else {
        tcp = std::make_unique<LowDelayTcpServer>();
    }
    if (!tcp->listen(m_config.listenAddress, m_config.listenPort)) {
        return std::unexpected(Error{Error::Kind::Unavailable, QStringLiteral("listen_failed"),
                                     tr("Cannot listen on %1:%2: %3")
                                         .arg(m_config.listenAddress.toString())
                                         .arg(m_config.listenPort)
                                         .arg(tcp->errorString()),
                                     QStringLiteral("listen")});
    }
    m_tcp = tcp.get();
    if (!m_http->bind(tcp.release()))
        return std::unexpected(Error::internal(tr("Cannot attach the HTTP server to its socket.")));
    return {};
}

Result<std::unique_ptr<QTcpServer>> GatewayServer::tlsServer() const
{
    QFile certificateFile(m_config.tlsCertificate);
    QFile keyFile(m_config.tlsKey);
    if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        return std::unexpected(
            Error::badRequest(QStringLiteral("tls_unreadable"),
                              tr("HTTPS needs both a readable certificate and key (--tls-cert, --tls-key).")));
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificateFile.readAll(), QSsl::Pem);
    const QByteArray keyData = keyFile.readAll();
    QSslKey key(keyData, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyData, QSsl::Rsa, QSsl::Pem);
    if (chain.isEmpty() || key.isNull()) {
        return std::unexpected(
            Error::badRequest(QStringLiteral("tls_invalid"), tr("The certificate or key is not valid PEM.")));
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(configuration);
    connect(server.get(), &QSslServer::startedEncryptionHandshake, server.get(),
            [](QSslSocket *socket) { socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); });
    return std::unique_ptr<QTcpServer>(std::move(server));
}

Result<void> GatewayServer::ensureLocalUser()
{
    // The workstation's own user gets an account and a token in a 0600 file, so the desktop opens without a prompt.
    QString name = m_config.localUserName.isEmpty() ? qEnvironmentVariable("USER") : m_config.localUserName;
    if (!Accounts::isValidName(name))
        name = QStringLiteral("local");
    auto user = m_accounts->findUser(name);
    if (!user)
        user = m_accounts->addUser(name, User::Role::Admin, {}, {});
    if (!user)
        return std::unexpected(user.error());
    auto token = m_accounts->issueToken(user->id);
    if (!token)
        return std::unexpected(token.error());
    QSaveFile file(m_config.localTokenPath());
    if (!file.open(QIODevice::WriteOnly))
        return std::unexpected(Error::internal(tr("Cannot write %1.").arg(m_config.localTokenPath())));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(token->token + '\n');
    if (!file.commit())
        return std::unexpected(Error::internal(tr("Cannot write %1.").arg(m_config.localTokenPath())));
    return {};
}

quint16 GatewayServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

QHostAddress GatewayServer::address() const
{
    return m_tcp ? m_tcp->serverAddress() : QHostAddress();
}

int GatewayServer::statusFor(Error::Kind kind)
{
    switch (kind) {
    case Error::Kind::BadRequest:
        return 400;
    case Error::Kind::Unauthorized:
        return 401;
    case Error::Kind::Forbidden:
        return 403;
    case Error::Kind::NotFound:
        return 404;
    case Error::Kind::Conflict:
        return 409;
    case Error::Kind::Gone:
        return 410;
    case Error::Kind::TooLarge:
        return 413;
    case Error::Kind::TooMany:
        return 429;
    case Error::Kind::Unavailable:
        return 503;
    case Error::Kind::Internal:
        return 500;
    }
    return 500;
}

GatewayServer::Reply GatewayServer::json(const QJsonValue &value, int status)
{
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return {status, document.toJson(QJsonDocument::Compact), "application/json"};
}

GatewayServer::Reply GatewayServer::error(const Error &error)
{
    return json(error.toJson(), statusFor(error.kind));
}

QByteArray GatewayServer::bearerToken(const QHttpServerRequest &request)
{
    const QByteArray header = request.value("authorization");
    return header.startsWith("Bearer ") ? header.mid(7).trimmed() : QByteArray();
}

Result<User> GatewayServer::authenticate(const QHttpServerRequest &request)
{
    return m_accounts->authenticate(bearerToken(request));
}

void GatewayServer::handle(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    QElapsedTimer clock;
    clock.start();
    const QString path = request.url().path();
    QStringList segments = path.split(u'/', Qt::SkipEmptyParts);
    bool responded = false;
    QString userName;
    const Reply reply = route(request, segments, responder, responded, userName);
    if (!responded) {
        QHttpHeaders headers;
        for (const auto &[name, value] : reply.headers)
            headers.append(name, value);
        if (reply.device) {
            headers.append(QHttpHeaders::WellKnownHeader::ContentType, reply.contentType);
            responder.write(reply.device, headers, QHttpServerResponder::StatusCode(reply.status));
        } else if (reply.status == 204) {
            responder.write(headers, QHttpServerResponder::StatusCode::NoContent); // no body, so no content type
        } else {
            headers.append(QHttpHeaders::WellKnownHeader::ContentType, reply.contentType);
            responder.write(reply.body, headers, QHttpServerResponder::StatusCode(reply.status));
        }
    }

    // Metrics and the structured log use the route's shape, not its ids, to keep label sets small.
    QString shape;
    for (const QString &segment : std::as_const(segments)) {
        bool isNumber = false;
        segment.toLongLong(&isNumber);
        shape += u'/' + (isNumber ? QStringLiteral("{id}") : segment);
        if (segment == u"files")
            break;
    }
    const QString method = methodName(request.method());
    // Answers given later (streams, quick jobs, archives) are counted as 200 when they start.
    const int status = responded ? 200 : reply.status;
    m_requestCounts[method + u' ' + shape + u' ' + QString::number(status)] += 1;
    m_requestSeconds[method + u' ' + shape] += clock.nsecsElapsed() / 1e9;
    if (m_config.logRequests) {
        const QJsonObject log{{QStringLiteral("ts"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                              {QStringLiteral("method"), method},
                              {QStringLiteral("path"), path},
                              {QStringLiteral("status"), status},
                              {QStringLiteral("ms"), clock.nsecsElapsed() / 1e6},
                              {QStringLiteral("user"), userName},
                              {QStringLiteral("remote"), request.remoteAddress().toString()}};
        fprintf(stderr, "%s\n", QJsonDocument(log).toJson(QJsonDocument::Compact).constData());
    }
}

GatewayServer::Reply GatewayServer::route(const QHttpServerRequest &request, const QStringList &path,
                                          QHttpServerResponder &responder, bool &responded, QString &userName)
{
    using Method = QHttpServerRequest::Method;
    const Method method = request.method();
    const auto is = [&](Method m, std::initializer_list<const char *> parts) {
        if (method != m || path.size() != qsizetype(parts.size()))
            return false;
        qsizetype i = 0;
        for (const char *part : parts) {
            if (qstrcmp(part, "*") != 0 && path[i] != QLatin1StringView(part))
                return false;
            ++i;
        }
        return true;
    };

    if (is(Method::Get, {"healthz"}))
        return json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                {QStringLiteral("version"), versionString()}});
    if (is(Method::Get, {"metrics"}))
        return {200, metrics(), "text/plain; version=0.0.4"};
    if (is(Method::Get, {"api", "v1", "openapi.json"})) {
        QFile file(QStringLiteral(":/tandem/openapi.json"));
        if (file.open(QIODevice::ReadOnly))
            return {200, file.readAll(), "application/json"};
        return error(Error::notFound(tr("The OpenAPI document is not built in.")));
    }
    if (path.size() < 2 || path[0] != u"api" || path[1] != u"v1")
        return error(Error::notFound(tr("There is nothing at %1.").arg(request.url().path())));

    const bool hasBody = method == Method::Post || method == Method::Put;
    const bool isUpload = path.size() >= 3 && path[2] == u"files"
        && (method == Method::Put || QUrlQuery(request.url()).queryItemValue(QStringLiteral("op")) == u"extract");
    const qint64 bodyLimit = isUpload ? m_config.maxUploadBytes : m_config.maxJsonBytes;
    if (hasBody && request.body().size() > bodyLimit) {
        return error({Error::Kind::TooLarge,
                      QStringLiteral("body_too_large"),
                      tr("The request body is larger than %1 bytes.").arg(bodyLimit),
                      {}});
    }
    QJsonObject body;
    if (hasBody && !isUpload && !request.body().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
        if (document.isNull() || !document.isObject()) {
            return error(Error::badRequest(QStringLiteral("malformed_json"),
                                           document.isNull() ? tr("The body is not valid JSON: %1 at byte %2.")
                                                                   .arg(parseError.errorString())
                                                                   .arg(parseError.offset)
                                                             : tr("The body must be a JSON object.")));
        }
        body = document.object();
    }

    // Signing in is the only call without a token.
    if (is(Method::Post, {"api", "v1", "auth", "token"})) {
        const QString name = body.value(QStringLiteral("name")).toString();
        auto issued = m_accounts->login(name, body.value(QStringLiteral("password")).toString(),
                                        request.remoteAddress().toString());
        if (!issued)
            return error(issued.error());
        userName = name;
        return json(QJsonObject{{QStringLiteral("token"), QString::fromLatin1(issued->token)},
                                {QStringLiteral("expiresAt"), issued->expiresAt.toString(Qt::ISODateWithMs)}},
                    201);
    }

    auto user = authenticate(request);
    if (!user)
        return error(user.error());
    userName = user->name;
    const QUrlQuery query(request.url());

    if (is(Method::Post, {"api", "v1", "auth", "renew"})) {
        auto issued = m_accounts->issueToken(user->id);
        if (!issued)
            return error(issued.error());
        m_accounts->revoke(bearerToken(request));
        return json(QJsonObject{{QStringLiteral("token"), QString::fromLatin1(issued->token)},
                                {QStringLiteral("expiresAt"), issued->expiresAt.toString(Qt::ISODateWithMs)}},
                    201);
    }
    if (is(Method::Delete, {"api", "v1", "auth", "token"})) {
        if (auto revoked = m_accounts->revoke(bearerToken(request)); !revoked)
            return error(revoked.error());
        return Reply(204);
    }
    if (is(Method::Get, {"api", "v1", "me"}))
        return json(user->toJson());
    if (is(Method::Get, {"api", "v1", "systems"})) {
        QJsonArray systems;
        for (const System &system : m_systems->systems()) {
            QJsonObject entry = system.toJson();
            entry.insert(QStringLiteral("available"), m_jobs->canRun(system.scheduler));
            if (system.scheduler == u"local")
                entry.insert(QStringLiteral("isolation"), m_executor->isolation());
            systems.append(entry);
        }
        return json(QJsonObject{{QStringLiteral("systems"), systems}});
    }
    if (is(Method::Get, {"api", "v1", "users"}) || is(Method::Post, {"api", "v1", "users"})) {
        if (user->role != User::Role::Admin)
            return error(
                {Error::Kind::Forbidden, QStringLiteral("forbidden"), tr("Only administrators manage accounts."), {}});
        if (method == Method::Get) {
            auto users = m_accounts->users();
            if (!users)
                return error(users.error());
            QJsonArray list;
            for (const User &u : std::as_const(*users))
                list.append(u.toJson());
            return json(QJsonObject{{QStringLiteral("users"), list}});
        }
        const auto role = User::roleFromString(body.value(QStringLiteral("role")).toString(QStringLiteral("user")));
        if (!role)
            return error(Error::badRequest(QStringLiteral("invalid_value"),
                                           tr("role must be user, instructor or admin."), QStringLiteral("role")));
        auto created = m_accounts->addUser(body.value(QStringLiteral("name")).toString(), *role,
                                           body.value(QStringLiteral("group")).toString(),
                                           body.value(QStringLiteral("password")).toString(),
                                           body.value(QStringLiteral("view")).toString(QStringLiteral("default")));
        if (!created)
            return error(created.error());
        return json(created->toJson(), 201);
    }
    if (path.size() >= 3 && path[2] == u"files")
        return filesRoute(request, *user, path.mid(3), responder, responded);

    if (is(Method::Get, {"api", "v1", "events"})) {
        bool ok = false;
        qint64 after = request.value("last-event-id").toLongLong(&ok);
        if (!ok)
            after = query.queryItemValue(QStringLiteral("after")).toLongLong();
        auto missed = m_jobs->eventsAfter(*user, after);
        if (!missed)
            return error(missed.error());
        // A client that reconnects often leaves dead streams behind; keep the newest few per user.
        QList<EventStream *> mine;
        for (EventStream *stream : findChildren<EventStream *>(Qt::FindDirectChildrenOnly)) {
            if (stream->user().id == user->id)
                mine << stream;
        }
        while (mine.size() >= MaxStreamsPerUser) {
            EventStream *oldest = mine.takeFirst();
            oldest->close();
            delete oldest;
        }
        new EventStream(std::move(responder), *user, *m_events, *missed, this);
        responded = true;
        return {};
    }

    if (is(Method::Post, {"api", "v1", "sessions"})) {
        auto session = m_sessions->start(*user, body.value(QStringLiteral("publicKey")).toString().toUtf8());
        return session ? json(*session, 202) : error(session.error());
    }
    if (is(Method::Get, {"api", "v1", "sessions"}))
        return json(QJsonObject{{QStringLiteral("sessions"), m_sessions->list(*user)}});
    if (is(Method::Post, {"api", "v1", "sessions", "stop"})) {
        const bool all = body.value(QStringLiteral("all")).toBool(false);
        const QJsonValue idsValue = body.value(QStringLiteral("ids"));
        QList<qint64> ids;
        bool valid = all != idsValue.isArray();
        for (const QJsonValue &value : idsValue.toArray()) {
            valid = valid && value.isDouble() && value.toDouble() == double(value.toInteger()) && value.toInteger() > 0;
            ids.append(value.toInteger());
        }
        if (!valid)
            return error(Error::badRequest(QStringLiteral("invalid_selection"),
                                           tr("Give either \"ids\", a list of session ids, or \"all\": true."),
                                           QStringLiteral("ids")));
        auto stopping = m_sessions->stopMany(*user, ids, all);
        return stopping ? json(QJsonObject{{QStringLiteral("sessions"), *stopping}}, 202) : error(stopping.error());
    }
    if (path.size() == 5 && path[2] == u"sessions" && path[4] == u"key" && method == Method::Post) {
        bool isId = false;
        const qint64 id = path[3].toLongLong(&isId);
        auto session = isId
            ? m_sessions->replaceKey(*user, id, body.value(QStringLiteral("publicKey")).toString().toUtf8())
            : Result<QJsonObject>(std::unexpected(Error::notFound(tr("There is no session %1.").arg(path[3]))));
        return session ? json(*session) : error(session.error());
    }
    if (path.size() == 4 && path[2] == u"sessions") {
        bool isId = false;
        const qint64 id = path[3].toLongLong(&isId);
        if (isId && method == Method::Get) {
            auto session = m_sessions->get(*user, id);
            return session ? json(*session) : error(session.error());
        }
        if (isId && method == Method::Delete) {
            auto session = m_sessions->stop(*user, id);
            return session ? json(*session, 202) : error(session.error());
        }
        return error(Error::notFound(tr("There is no session %1.").arg(path[3])));
    }
    if (is(Method::Post, {"api", "v1", "jobs"})) {
        auto job = m_jobs->submit(*user, body);
        if (!job)
            return error(job.error());
        const qint64 id = job->value(QStringLiteral("id")).toInteger();
        if (body.value(QStringLiteral("mode")).toString() == u"quick"
            && !JobService::isFinal(job->value(QStringLiteral("status")).toString())) {
            // Quick: answer when the job ends (it is capped at 30 s), with its outcome.
            auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
            auto connection = std::make_shared<QMetaObject::Connection>();
            const User owner = *user;
            *connection = connect(
                m_jobs.get(), &JobService::jobEnded, this, [this, shared, connection, id, owner](qint64 ended) {
                    if (ended != id)
                        return;
                    disconnect(*connection);
                    auto finished = m_jobs->get(owner, id);
                    shared->write(
                        QJsonDocument(finished ? *finished : finished.error().toJson()).toJson(QJsonDocument::Compact),
                        "application/json", QHttpServerResponder::StatusCode::Ok);
                });
            responded = true;
            return {};
        }
        return json(*job, 201);
    }
    if (is(Method::Post, {"api", "v1", "jobs", "preview"})) {
        auto plan = JobPlan::fromSpec(body, *m_systems, m_jobs->homeOf(user->name));
        if (!plan)
            return error(plan.error());
        return json(QJsonObject{{QStringLiteral("command"), QJsonArray::fromStringList(plan->command)},
                                {QStringLiteral("commandLine"), JobPlan::displayCommand(plan->command)},
                                {QStringLiteral("queue"), plan->queue},
                                {QStringLiteral("cores"), plan->cores},
                                {QStringLiteral("nodes"), plan->nodes},
                                {QStringLiteral("timeLimitSeconds"), plan->timeLimitSeconds()}});
    }
    if (is(Method::Get, {"api", "v1", "jobs"})) {
        auto page = m_jobs->list(*user, query);
        return page ? Reply(200, *page) : error(page.error());
    }
    if (path.size() >= 4 && path[2] == u"jobs") {
        bool isId = false;
        const qint64 id = path[3].toLongLong(&isId);
        if (!isId)
            return error(Error::notFound(tr("There is no job %1.").arg(path[3])));
        if (is(Method::Get, {"api", "v1", "jobs", "*"})) {
            auto job = m_jobs->get(*user, id);
            return job ? json(*job) : error(job.error());
        }
        if (is(Method::Get, {"api", "v1", "jobs", "*", "history"})) {
            auto history = m_jobs->history(*user, id);
            return history ? json(QJsonObject{{QStringLiteral("history"), *history}}) : error(history.error());
        }
        if (is(Method::Post, {"api", "v1", "jobs", "*", "cancel"})) {
            auto job = m_jobs->cancel(*user, id);
            return job ? json(*job, 202) : error(job.error());
        }
        if (is(Method::Post, {"api", "v1", "jobs", "*", "resubmit"})) {
            auto job = m_jobs->resubmit(*user, id);
            return job ? json(*job, 201) : error(job.error());
        }
        if (is(Method::Delete, {"api", "v1", "jobs", "*"})) {
            auto removed = m_jobs->remove(*user, id);
            return removed ? Reply(204) : error(removed.error());
        }
        if (path.size() >= 5 && (path[4] == u"files" || path[4] == u"output" || path[4] == u"archive")
            && method == Method::Get)
            return jobFilesRoute(request, *user, id, path.mid(4), responder, responded);
    }
    return error(Error::notFound(tr("There is nothing at %1 %2.").arg(methodName(method), request.url().path())));
}

GatewayServer::Reply GatewayServer::jobFilesRoute(const QHttpServerRequest &request, const User &user, qint64 jobId,
                                                  const QStringList &rest, QHttpServerResponder &responder,
                                                  bool &responded)
{
    auto directory = m_jobs->directory(user, jobId);
    if (!directory)
        return error(directory.error());
    if (rest[0] == u"archive" && rest.size() == 1) {
        // The whole job directory as .tar.gz, streamed from tar as it compresses (argv, never a shell).
        const QFileInfo info(*directory);
        auto *tar = new QProcess(this);
        tar->setProgram(QStringLiteral("tar"));
        tar->setArguments({QStringLiteral("-czf"), QStringLiteral("-"), QStringLiteral("-C"), info.absolutePath(),
                           QStringLiteral("--"), info.fileName()});
        tar->setStandardErrorFile(QProcess::nullDevice());
        auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
        responded = true;
        QHttpHeaders headers;
        headers.append(QHttpHeaders::WellKnownHeader::ContentType, "application/gzip");
        headers.append(QHttpHeaders::WellKnownHeader::ContentDisposition,
                       "attachment; filename=\"" + info.fileName().toUtf8() + ".tar.gz\"");
        shared->writeBeginChunked(headers);
        connect(tar, &QProcess::readyReadStandardOutput, tar,
                [tar, shared] { shared->writeChunk(tar->readAllStandardOutput()); });
        connect(tar, &QProcess::finished, tar, [tar, shared] {
            shared->writeEndChunked(tar->readAllStandardOutput());
            tar->deleteLater();
        });
        tar->start();
        return {};
    }
    if (rest[0] == u"output") {
        // Live tail: the bytes of stdout or stderr from an offset, and where to continue.
        if (rest.size() != 2 || (rest[1] != u"stdout" && rest[1] != u"stderr"))
            return error(Error::notFound(tr("Outputs are stdout and stderr.")));
        const qint64 offset = QUrlQuery(request.url()).queryItemValue(QStringLiteral("offset")).toLongLong();
        QFile file(*directory + u'/' + rest[1] + QStringLiteral(".txt"));
        QByteArray data;
        if (file.open(QIODevice::ReadOnly) && file.seek(qMax<qint64>(0, offset)))
            data = file.read(1024 * 1024);
        auto job = m_jobs->get(user, jobId);
        const bool ended = job && JobService::isFinal(job->value(QStringLiteral("status")).toString());
        return json(QJsonObject{{QStringLiteral("data"), QString::fromUtf8(data)},
                                {QStringLiteral("offset"), offset},
                                {QStringLiteral("nextOffset"), offset + data.size()},
                                {QStringLiteral("complete"), ended && file.atEnd()}});
    }
    if (rest.size() == 1) {
        QJsonArray entries;
        QDirIterator it(*directory, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot);
        while (it.hasNext())
            entries.append(fileEntry(it.nextFileInfo()));
        return json(QJsonObject{{QStringLiteral("entries"), entries}});
    }
    if (rest.size() != 2 || !UserHome::isSafeName(rest[1]))
        return error(Error::notFound(tr("No such output file.")));
    if (!QFileInfo(*directory + u'/' + rest[1]).isFile())
        return error(Error::notFound(tr("No output file %1 in job %2.").arg(rest[1]).arg(jobId)));
    return fileReply(request, *directory + u'/' + rest[1]);
}

GatewayServer::Reply GatewayServer::fileReply(const QHttpServerRequest &request, const QString &path)
{
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly))
        return error(Error::internal(tr("Cannot read %1.").arg(QFileInfo(path).fileName())));
    const qint64 size = file->size();
    Reply reply(200, {}, "application/octet-stream");
    reply.headers.append(std::pair<QByteArray, QByteArray>("Accept-Ranges", "bytes"));
    // One byte range ("bytes=A-B", "bytes=A-", "bytes=-N"), as resumable downloads send.
    const QByteArray range = request.value("range");
    if (range.startsWith("bytes=") && !range.contains(',')) {
        const QList<QByteArray> bounds = range.mid(6).split('-');
        bool firstOk = false, lastOk = false;
        qint64 first = bounds.value(0).toLongLong(&firstOk);
        qint64 last = bounds.value(1).toLongLong(&lastOk);
        if (!firstOk && lastOk) { // suffix: the last N bytes
            first = qMax<qint64>(0, size - last);
            last = size - 1;
        } else if (firstOk && !lastOk) {
            last = size - 1;
        }
        if (bounds.size() != 2 || (!firstOk && !lastOk) || first > last || first >= size) {
            Reply unsatisfiable = error({Error::Kind::BadRequest,
                                         QStringLiteral("range_not_satisfiable"),
                                         tr("The requested range is outside the file."),
                                         {}});
            unsatisfiable.status = 416;
            unsatisfiable.headers.append(
                std::pair<QByteArray, QByteArray>("Content-Range", "bytes */" + QByteArray::number(size)));
            return unsatisfiable;
        }
        last = qMin(last, size - 1);
        file->seek(first);
        reply.status = 206;
        reply.body = file->read(last - first + 1);
        reply.headers.append(std::pair<QByteArray, QByteArray>(
            "Content-Range",
            "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/' + QByteArray::number(size)));
        return reply;
    }
    reply.device = file.release();
    return reply;
}

qint64 GatewayServer::usage(const QString &directory) const
{
    qint64 total = 0;
    QDirIterator it(directory, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext())
        total += it.nextFileInfo().size();
    return total;
}

GatewayServer::Reply GatewayServer::filesRoute(const QHttpServerRequest &request, const User &user,
                                               const QStringList &path, QHttpServerResponder &responder,
                                               bool &responded)
{
    using Method = QHttpServerRequest::Method;
    const UserHome home = m_jobs->homeOf(user.name);
    if (auto exists = home.ensureExists(); !exists)
        return error(exists.error());
    const QString relative = path.join(u'/');
    QString absolute = home.root();
    if (!path.isEmpty()) {
        auto checked = UserHome::checkRelativePath(relative, QStringLiteral("path"));
        if (!checked)
            return error(checked.error());
        absolute += u'/' + *checked;
    }
    // Whatever exists along the way must stay inside the home once symlinks are resolved.
    QFileInfo probe(absolute);
    while (!probe.exists() && probe.absoluteFilePath() != home.root())
        probe = QFileInfo(probe.absolutePath());
    if (!home.contains(probe.canonicalFilePath()))
        return error(Error::badRequest(QStringLiteral("invalid_path"),
                                       tr("\"%1\" points outside your home.").arg(relative), QStringLiteral("path")));

    const QFileInfo info(absolute);
    switch (request.method()) {
    case Method::Get: {
        if (info.isDir()) {
            QJsonArray entries;
            QDirIterator it(absolute, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
            while (it.hasNext())
                entries.append(fileEntry(it.nextFileInfo()));
            return json(QJsonObject{{QStringLiteral("path"), relative}, {QStringLiteral("entries"), entries}});
        }
        if (!info.isFile())
            return error(Error::notFound(tr("There is no file \"%1\" in your home.").arg(relative)));
        return fileReply(request, absolute);
    }
    case Method::Put: {
        if (path.isEmpty() || info.isDir())
            return error(Error::badRequest(QStringLiteral("invalid_path"), tr("Name the file to write."),
                                           QStringLiteral("path")));
        if (m_config.quotaBytes > 0) {
            const qint64 after = usage(home.root()) - (info.isFile() ? info.size() : 0) + request.body().size();
            if (after > m_config.quotaBytes) {
                return error({Error::Kind::TooLarge, QStringLiteral("quota_exceeded"),
                              tr("This upload would use %1 MB of your %2 MB quota.")
                                  .arg(after / (1024 * 1024))
                                  .arg(m_config.quotaBytes / (1024 * 1024)),
                              QStringLiteral("path")});
            }
        }
        if (!QDir().mkpath(info.absolutePath()))
            return error(Error::internal(tr("Cannot create the folder for %1.").arg(relative)));
        QSaveFile file(absolute);
        if (!file.open(QIODevice::WriteOnly) || file.write(request.body()) < 0 || !file.commit())
            return error(Error::internal(tr("Cannot write %1.").arg(relative)));
        return json(fileEntry(QFileInfo(absolute)), 201);
    }
    case Method::Post: {
        const QString op = QUrlQuery(request.url()).queryItemValue(QStringLiteral("op"));
        if (op == u"extract") {
            // Several files and folders at once: the body is a .tar or .tar.gz unpacked into this folder.
            if (info.exists() && !info.isDir())
                return error(Error::badRequest(QStringLiteral("invalid_path"),
                                               tr("%1 is a file, not a folder.").arg(relative),
                                               QStringLiteral("path")));
            auto *upload = new ArchiveUpload(request.body(), home.root(), absolute, m_config.quotaBytes,
                                             usage(home.root()), this);
            auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
            responded = true;
            connect(upload, &ArchiveUpload::finished, this, [upload, shared] {
                upload->deleteLater();
                const auto &result = upload->result();
                const Error failure = result ? Error() : result.error();
                const QJsonObject body = result ? QJsonObject{{QStringLiteral("entries"), *result}} : failure.toJson();
                shared->write(QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json",
                              QHttpServerResponder::StatusCode(result ? 201 : statusFor(failure.kind)));
            });
            upload->start();
            return {};
        }
        if (op == u"mkdir") {
            if (info.exists())
                return error(Error::conflict(QStringLiteral("exists"), tr("%1 exists already.").arg(relative)));
            if (!QDir().mkpath(absolute))
                return error(Error::internal(tr("Cannot create %1.").arg(relative)));
            return json(fileEntry(QFileInfo(absolute)), 201);
        }
        if (op == u"move") {
            auto target = UserHome::checkRelativePath(
                QUrlQuery(request.url()).queryItemValue(QStringLiteral("to"), QUrl::FullyDecoded),
                QStringLiteral("to"));
            if (!target)
                return error(target.error());
            const QString destination = home.root() + u'/' + *target;
            const QString destinationParent = QFileInfo(QFileInfo(destination).absolutePath()).canonicalFilePath();
            if (path.isEmpty() || !info.exists())
                return error(Error::notFound(tr("There is no \"%1\" in your home.").arg(relative)));
            if (!home.contains(destinationParent))
                return error(Error::badRequest(QStringLiteral("invalid_path"),
                                               tr("The destination folder does not exist in your home."),
                                               QStringLiteral("to")));
            if (QFileInfo::exists(destination))
                return error(Error::conflict(QStringLiteral("exists"), tr("%1 exists already.").arg(*target)));
            if (!QDir().rename(absolute, destination))
                return error(Error::internal(tr("Cannot move %1 to %2.").arg(relative, *target)));
            return json(fileEntry(QFileInfo(destination)));
        }
        return error(Error::badRequest(QStringLiteral("invalid_value"), tr("op must be mkdir, move or extract."),
                                       QStringLiteral("op")));
    }
    case Method::Delete: {
        if (path.isEmpty())
            return error(Error::badRequest(QStringLiteral("invalid_path"), tr("Your home itself cannot be deleted."),
                                           QStringLiteral("path")));
        if (!info.exists() && !info.isSymLink())
            return error(Error::notFound(tr("There is no \"%1\" in your home.").arg(relative)));
        const bool removed
            = info.isDir() && !info.isSymLink() ? QDir(absolute).removeRecursively() : QFile::remove(absolute);
        if (!removed)
            return error(Error::internal(tr("Cannot delete %1.").arg(relative)));
        return Reply(204);
    }
    default:
        return error(Error::notFound(tr("Unsupported method on files.")));
    }
}

QByteArray GatewayServer::metrics()
{
    QByteArray out;
    out += "# HELP tandem_jobs Jobs in the store by status.\n# TYPE tandem_jobs gauge\n";
    auto q = m_store->exec(QStringLiteral("SELECT status, COUNT(*) FROM jobs WHERE deleted = 0 GROUP BY status"));
    while (q && q->next())
        out += "tandem_jobs{status=\"" + q->value(0).toString().toUtf8() + "\"} "
            + QByteArray::number(q->value(1).toLongLong()) + '\n';
    out += "# HELP tandem_http_requests_total HTTP requests by method, route and status.\n"
           "# TYPE tandem_http_requests_total counter\n";
    for (auto it = m_requestCounts.cbegin(); it != m_requestCounts.cend(); ++it) {
        const QStringList parts = it.key().split(u' ');
        out += "tandem_http_requests_total{method=\"" + parts[0].toUtf8() + "\",route=\"" + parts[1].toUtf8()
            + "\",status=\"" + parts[2].toUtf8() + "\"} " + QByteArray::number(it.value()) + '\n';
    }
    out += "# HELP tandem_http_request_seconds_sum Time spent answering, by method and route.\n"
           "# TYPE tandem_http_request_seconds_sum counter\n";
    for (auto it = m_requestSeconds.cbegin(); it != m_requestSeconds.cend(); ++it) {
        const QStringList parts = it.key().split(u' ');
        out += "tandem_http_request_seconds_sum{method=\"" + parts[0].toUtf8() + "\",route=\"" + parts[1].toUtf8()
            + "\"} " + QByteArray::number(it.value(), 'f', 6) + '\n';
    }
    return out;
}

} // namespace tandem::gateway
