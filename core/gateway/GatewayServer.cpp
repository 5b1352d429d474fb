#include "GatewayServer.h"

#include "Version.h"
#include "api/HttpStatus.h"
#include "gateway/Accounts.h"
#include "gateway/ArchiveUpload.h"
#include "gateway/ConnectionGuard.h"
#include "gateway/EventHub.h"
#include "gateway/EventStream.h"
#include "gateway/FileRange.h"
#include "gateway/FilesController.h"
#include "gateway/JobFilesController.h"
#include "gateway/JobService.h"
#include "gateway/JobsController.h"
#include "gateway/LocalExecutor.h"
#include "gateway/LocalSessionBackend.h"
#include "gateway/Sandbox.h"
#include "gateway/SessionService.h"
#include "gateway/SessionsController.h"
#include "gateway/Store.h"
#include "gateway/SystemCatalog.h"
#include "gateway/UserHome.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHttpHeaders>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUrlQuery>
#include <QtConcurrent>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tandem::gateway {

namespace {

constexpr int MaxStreamsPerUser = 8;
constexpr int MaxPendingHashes = 64; // sign-ins and new passwords waiting for a worker; more are answered 503

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

} // namespace

GatewayServer::GatewayServer(GatewayConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_http(std::make_unique<QHttpServer>())
{
    m_hashPool.setMaxThreadCount(std::max(1, QThread::idealThreadCount() / 2));
    m_http->setMissingHandler(this, [this](const QHttpServerRequest &request, QHttpServerResponder &responder) {
        handle(request, responder);
    });
}

GatewayServer::~GatewayServer()
{
    // Streams and jobs hold responders and processes; end them before the store closes. Everything holding a
    // responder goes before the HTTP server: streams, the controllers (with the archives and unpacking uploads they
    // parent), answers waiting for a password check (whose workers finish first).
    qDeleteAll(findChildren<EventStream *>());
    m_sessionsController.reset();
    m_jobsController.reset();
    m_jobFiles.reset();
    m_files.reset();
    m_hashPool.waitForDone();
    qDeleteAll(findChildren<QFutureWatcherBase *>());
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
    // The data directory holds every user's home, the database and tokens: the gateway's OS user alone may enter.
    for (const QString &directory : {m_config.dataDir, m_config.homesRoot()}) {
        auto root = ConfinedDir::openRoot(QFileInfo(directory).absoluteFilePath(), true);
        if (!root)
            return std::unexpected(root.error());
        (void)root->setMode(0700); // best effort, as before: a data directory owned by another account stays as it is
    }
    // One descriptor per queued job and per open stream: use what the system allows, not the default soft limit.
    if (rlimit files{}; ::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &files);
    }
    m_store = std::make_unique<Store>();
    if (auto opened = m_store->open(m_config.databasePath()); !opened)
        return std::unexpected(opened.error());
    ::chmod(QFile::encodeName(m_config.databasePath()).constData(), 0600);
    m_accounts = std::make_unique<Accounts>(*m_store);
    m_accounts->setTokenLifetime(m_config.tokenLifetime);
    m_accounts->setThrottleWindow(m_config.signInWindow);
    m_systems = std::make_unique<SystemCatalog>();
    const int jobCores = m_config.jobCores > 0 ? m_config.jobCores : QThread::idealThreadCount();
    m_systems->add(SystemCatalog::detectLocal(jobCores));
    if (auto loaded = m_systems->load(m_config.systems); !loaded)
        return std::unexpected(loaded.error());
    m_events = std::make_unique<EventHub>();
    LocalExecutorLimits limits;
    limits.cores = jobCores;
    // Jobs and sessions see nothing of the gateway: its data, and the files that hold its secrets and settings.
    limits.hiddenPaths = {QFileInfo(m_config.dataDir).absoluteFilePath(), m_config.tlsCertificate, m_config.tlsKey,
                          m_config.configFile};
    limits.allowUnsandboxed = m_config.allowUnsandboxed;
    QString runner = m_config.jobRunner;
    if (runner.isEmpty())
        runner = QCoreApplication::applicationDirPath() + QStringLiteral("/tandem-job-run");
    m_executor = std::make_unique<LocalExecutor>(runner, limits);
    m_jobs = std::make_unique<JobService>(*m_store, *m_systems, *m_events, m_config.homesRoot(),
                                          JobLimits{m_config.quotaBytes, m_config.maxQueuedJobsPerUser});
    m_jobs->addExecutor(QStringLiteral("local"), m_executor.get());
    m_files = std::make_unique<FilesController>(m_config, *m_jobs);
    m_jobFiles = std::make_unique<JobFilesController>(*m_jobs, [this](const QHttpServerRequest &request) {
        return m_tcp ? m_tcp->socketFor(request.remoteAddress(), request.remotePort()) : nullptr;
    });
    m_jobsController = std::make_unique<JobsController>(*m_jobs, *m_systems, *m_jobFiles);
    m_sessionBackend = std::make_unique<LocalSessionBackend>(limits.hiddenPaths, m_config.allowUnsandboxed);
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
    m_sessionsController = std::make_unique<SessionsController>(*m_sessions);
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

    auto tcp = std::make_unique<GuardedTcpServer>(m_config.connectionLimits,
                                                  [this](const RequestHead &head) { return admit(head); });
    if (!m_config.tlsCertificate.isEmpty() || !m_config.tlsKey.isEmpty()) {
        auto tls = tlsConfiguration();
        if (!tls)
            return std::unexpected(tls.error());
        tcp->setSslConfiguration(*tls);
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
    m_streamCheck.setInterval(std::chrono::seconds(30));
    connect(&m_streamCheck, &QTimer::timeout, this, [this] {
        closeStreams([this](const EventStream &stream) {
            // Revoked, expired, or its user gone; a store that failed for a moment ends nothing.
            auto holder = m_accounts->authenticateId(stream.tokenId());
            return !holder && holder.error().kind != Error::Kind::Internal;
        });
    });
    m_streamCheck.start();
    if (!m_http->bind(tcp.release()))
        return std::unexpected(Error::internal(tr("Cannot attach the HTTP server to its socket.")));
    return {};
}

Result<QSslConfiguration> GatewayServer::tlsConfiguration() const
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
    return configuration;
}

QList<EventStream *> GatewayServer::streams() const
{
    return findChildren<EventStream *>(Qt::FindDirectChildrenOnly);
}

void GatewayServer::closeStreams(const std::function<bool(const EventStream &)> &which)
{
    for (EventStream *stream : streams()) {
        if (which(*stream))
            stream->close();
    }
}

Admission GatewayServer::admit(const RequestHead &head)
{
    // Decided on the head alone, before QHttpServer buffers the body: how large a body this route takes, and for
    // uploads, who sends it and how much they are sending already. Most requests carry a small body or none.
    if (head.contentLength <= m_config.maxJsonBytes)
        return {};
    const QUrl url = QUrl::fromEncoded(head.target);
    const QStringList path = url.path().split(u'/', Qt::SkipEmptyParts);
    const bool isUpload = path.size() >= 3 && path[0] == u"api" && path[2] == u"files"
        && (head.method == "PUT" || QUrlQuery(url).queryItemValue(QStringLiteral("op")) == u"extract");
    const qint64 limit = isUpload ? m_config.maxUploadBytes : m_config.maxJsonBytes;
    if (head.contentLength > limit) {
        return {Refusal{413, "body_too_large", tr("The request body is larger than %1 bytes.").arg(limit), {}}, {}};
    }
    const QByteArray token
        = head.authorization.startsWith("Bearer ") ? head.authorization.mid(7).trimmed() : QByteArray();
    auto user = m_accounts->authenticate(token);
    if (!user)
        return {Refusal{401, user.error().code.toLatin1(), user.error().message, {}}, {}};
    qint64 &inFlight = m_uploadBytesInFlight[user->id];
    if (m_config.maxUploadBytesInFlightPerUser > 0
        && inFlight + head.contentLength > m_config.maxUploadBytesInFlightPerUser) {
        return {Refusal{429, "too_many_uploads",
                        tr("%1 MB of your uploads are still on their way; wait for them before sending more.")
                            .arg(inFlight / (1024 * 1024)),
                        "5"},
                {}};
    }
    inFlight += head.contentLength;
    QPointer<GatewayServer> self(this);
    const qint64 userId = user->id;
    const qint64 bytes = head.contentLength;
    return {std::nullopt, std::shared_ptr<void>(nullptr, [self, userId, bytes](void *) {
                if (!self)
                    return;
                auto it = self->m_uploadBytesInFlight.find(userId);
                if (it != self->m_uploadBytesInFlight.end() && (it.value() -= bytes) <= 0)
                    self->m_uploadBytesInFlight.erase(it);
            })};
}

Result<void> GatewayServer::ensureLocalUser()
{
    // The workstation's own user gets an account and a token in a 0600 file, so the desktop opens without a prompt.
    QString name = m_config.localUserName.isEmpty() ? Sandbox::osUserName() : m_config.localUserName;
    if (!Accounts::isValidName(name))
        name = QStringLiteral("local");
    auto user = m_accounts->findUser(name);
    if (!user)
        user = m_accounts->addUser(name, User::Role::Admin, {}, {});
    if (!user)
        return std::unexpected(user.error());
    // A restart keeps a token that is still valid (the desktop holds it) instead of minting another each time.
    auto dataDir = ConfinedDir::openRoot(QFileInfo(m_config.dataDir).absoluteFilePath());
    if (!dataDir)
        return std::unexpected(dataDir.error());
    QByteArray existing;
    if (auto fd = dataDir->openForReading(QStringLiteral("local-token"))) {
        QFile file;
        if (file.open(fd->release(), QIODevice::ReadOnly, QFileDevice::AutoCloseHandle))
            existing = file.read(1024).trimmed();
    }
    if (auto holder = m_accounts->authenticate(existing); holder && holder->id == user->id)
        return {};
    auto token = m_accounts->issueToken(user->id);
    if (!token)
        return std::unexpected(token.error());
    if (auto written = dataDir->writeFile(QStringLiteral("local-token"), token->token + '\n', 0600); !written)
        return std::unexpected(
            Error::internal(tr("Cannot write %1: %2").arg(m_config.localTokenPath(), written.error().message)));
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
    return api::httpStatus(kind);
}

Reply GatewayServer::json(const QJsonValue &value, int status)
{
    return Reply::json(value, status);
}

Reply GatewayServer::error(const Error &error)
{
    return Reply::error(error);
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

void GatewayServer::send(QHttpServerResponder &responder, const Reply &reply)
{
    reply.send(responder);
}

Reply GatewayServer::busy()
{
    Reply reply = error({Error::Kind::Unavailable,
                         QStringLiteral("busy"),
                         tr("The gateway is checking many passwords at once; try again in a moment."),
                         {}});
    reply.headers.append(std::pair<QByteArray, QByteArray>("Retry-After", "2"));
    return reply;
}

void GatewayServer::later(QHttpServerResponder &responder, std::function<Reply()> work,
                          std::function<Reply(Reply)> then)
{
    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    if (m_pendingHashes >= MaxPendingHashes) {
        send(*held, busy());
        return;
    }
    ++m_pendingHashes;
    auto *watcher = new QFutureWatcher<Reply>(this);
    connect(watcher, &QFutureWatcher<Reply>::finished, this, [this, watcher, held, then = std::move(then)] {
        --m_pendingHashes;
        send(*held, then(watcher->result()));
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(&m_hashPool, std::move(work)));
}

void GatewayServer::handle(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    // The connection guard admitted this request on its head as it parsed it; QHttpServer parsed it too. Should the
    // two disagree about where it ends (its header fields or its body), neither may be trusted with what follows.
    ConnectionGuard *guard = m_tcp ? m_tcp->guardFor(request.remoteAddress(), request.remotePort()) : nullptr;
    if (!guard) {
        // Every connection has a guard; one that cannot be found is not answered by routes.
        send(responder, error(Error::internal(tr("This connection is not tracked by the gateway."))));
        return;
    }
    {
        const std::optional<RequestHead> head = guard->takeAdmitted();
        const QString method = methodName(request.method());
        if (!head || head->contentLength != request.body().size() || head->fields != request.headers().size()
            || (method != u"OTHER" && head->method != method.toLatin1())) {
            qWarning("Dropping a connection from %s: its request was read differently than it was admitted",
                     qPrintable(request.remoteAddress().toString()));
            guard->abortConnection();
            return;
        }
    }
    QElapsedTimer clock;
    clock.start();
    const QString path = request.url().path();
    QStringList segments = path.split(u'/', Qt::SkipEmptyParts);
    bool responded = false;
    QString userName;
    const Reply reply = route(request, segments, responder, responded, userName);
    if (!responded)
        send(responder, reply);

    // Metrics and the structured log use the route's shape, not its ids or any name a client made up, so the label
    // sets stay small whatever paths are asked for.
    static const QSet<QString> routeWords{
        QStringLiteral("api"),      QStringLiteral("v1"),          QStringLiteral("auth"),
        QStringLiteral("login"),    QStringLiteral("renew"),       QStringLiteral("token"),
        QStringLiteral("me"),       QStringLiteral("systems"),     QStringLiteral("users"),
        QStringLiteral("files"),    QStringLiteral("events"),      QStringLiteral("sessions"),
        QStringLiteral("stop"),     QStringLiteral("key"),         QStringLiteral("jobs"),
        QStringLiteral("preview"),  QStringLiteral("history"),     QStringLiteral("cancel"),
        QStringLiteral("resubmit"), QStringLiteral("output"),      QStringLiteral("archive"),
        QStringLiteral("stdout"),   QStringLiteral("stderr"),      QStringLiteral("healthz"),
        QStringLiteral("metrics"),  QStringLiteral("openapi.json")};
    QString shape;
    for (const QString &segment : std::as_const(segments)) {
        bool isNumber = false;
        segment.toLongLong(&isNumber);
        shape += u'/'
            + (isNumber                           ? QStringLiteral("{id}")
                   : routeWords.contains(segment) ? segment
                                                  : QStringLiteral("{name}"));
        if (segment == u"files" || shape.size() > 64)
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

Reply GatewayServer::route(const QHttpServerRequest &request, const QStringList &path, QHttpServerResponder &responder,
                           bool &responded, QString &userName)
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

    // Signing in is the only call without a token. The password check runs on a worker thread.
    if (is(Method::Post, {"api", "v1", "auth", "token"})) {
        const QString name = body.value(QStringLiteral("name")).toString();
        const QString password = body.value(QStringLiteral("password")).toString();
        if (m_pendingHashes >= MaxPendingHashes) // before the attempt counts against the throttle
            return busy();
        auto attempt = m_accounts->beginLogin(name, request.remoteAddress().toString());
        if (!attempt)
            return error(attempt.error());
        userName = name;
        responded = true;
        const QByteArray hash = attempt->hash;
        later(
            responder, [hash, password] { return Reply(Accounts::verifyPassword(hash, password) ? 200 : 401); },
            [this, attempt = *attempt](const Reply &verified) {
                auto issued = m_accounts->finishLogin(attempt, verified.status == 200);
                if (!issued)
                    return error(issued.error());
                return json(QJsonObject{{QStringLiteral("token"), QString::fromLatin1(issued->token)},
                                        {QStringLiteral("expiresAt"), issued->expiresAt.toString(Qt::ISODateWithMs)}},
                            201);
            });
        return {};
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
        const QByteArray old = Accounts::tokenId(bearerToken(request));
        closeStreams([&](const EventStream &stream) { return stream.tokenId() == old; });
        return json(QJsonObject{{QStringLiteral("token"), QString::fromLatin1(issued->token)},
                                {QStringLiteral("expiresAt"), issued->expiresAt.toString(Qt::ISODateWithMs)}},
                    201);
    }
    if (is(Method::Delete, {"api", "v1", "auth", "token"})) {
        if (auto revoked = m_accounts->revoke(bearerToken(request)); !revoked)
            return error(revoked.error());
        const QByteArray old = Accounts::tokenId(bearerToken(request));
        closeStreams([&](const EventStream &stream) { return stream.tokenId() == old; });
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
        const QString name = body.value(QStringLiteral("name")).toString();
        const QString group = body.value(QStringLiteral("group")).toString();
        const QString password = body.value(QStringLiteral("password")).toString();
        const QString view = body.value(QStringLiteral("view")).toString(QStringLiteral("default"));
        if (auto valid = m_accounts->checkNewUser(name, group, view); !valid)
            return error(valid.error());
        responded = true;
        later(
            responder,
            [password] {
                // The hash travels in the body of a placeholder reply; 500 if libsodium ran out of memory.
                if (password.isEmpty())
                    return Reply(200);
                const QByteArray hash = Accounts::hashPassword(password);
                return Reply(hash.isEmpty() ? 500 : 200, hash);
            },
            [this, name, group, view, role = *role](const Reply &hashed) {
                if (hashed.status != 200)
                    return error(Error::internal(tr("Out of memory while hashing the password.")));
                auto created = m_accounts->addUserWithHash(name, role, group, hashed.body, view);
                return created ? json(created->toJson(), 201) : error(created.error());
            });
        return {};
    }
    if (path.size() >= 3 && path[2] == u"files")
        return m_files->handle(request, *user, path.mid(3), responder, responded);

    if (is(Method::Get, {"api", "v1", "events"})) {
        bool ok = false;
        qint64 after = request.value("last-event-id").toLongLong(&ok);
        if (!ok)
            after = query.queryItemValue(QStringLiteral("after")).toLongLong();
        auto missed = m_jobs->eventsAfter(*user, after);
        if (!missed)
            return error(missed.error());
        // Streams end with their connection, so these are live: a client opening more is looping or leaking.
        const QList<EventStream *> all = streams();
        if (std::count_if(all.cbegin(), all.cend(),
                          [&](const EventStream *stream) { return stream->user().id == user->id && stream->isOpen(); })
            >= MaxStreamsPerUser) {
            Reply refused = error({Error::Kind::TooMany,
                                   QStringLiteral("too_many_streams"),
                                   tr("You have %1 event streams open already; close a Tandem window or sign out "
                                      "on another computer.")
                                       .arg(MaxStreamsPerUser),
                                   {}});
            refused.headers.append(std::pair<QByteArray, QByteArray>("Retry-After", "30"));
            return refused;
        }
        auto holder = m_accounts->authenticateId(Accounts::tokenId(bearerToken(request)));
        if (!holder)
            return error(holder.error());
        QAbstractSocket *socket = m_tcp->socketFor(request.remoteAddress(), request.remotePort());
        if (!socket) // a stream must end with its connection
            return error(Error::internal(tr("This connection is not tracked by the gateway.")));
        new EventStream(std::move(responder), socket, *user,
                        {Accounts::tokenId(bearerToken(request)), holder->expiresAt}, *m_events, *missed, this);
        responded = true;
        return {};
    }

    if (path.size() >= 3 && path[2] == u"sessions") {
        if (auto reply = m_sessionsController->handle(method, path, body, *user))
            return *reply;
    }
    if (path.size() >= 3 && path[2] == u"jobs") {
        if (auto reply = m_jobsController->handle(request, path, body, *user, responder, responded))
            return *reply;
    }
    return error(Error::notFound(tr("There is nothing at %1 %2.").arg(methodName(method), request.url().path())));
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
