#include "GatewayServer.h"

#include "Version.h"
#include "api/ErrorCode.h"
#include "api/HttpStatus.h"
#include "api/Routes.h"
#include "gateway/Accounts.h"
#include "gateway/ArchiveUpload.h"
#include "gateway/AuthController.h"
#include "gateway/ConnectionGuard.h"
#include "gateway/EventHub.h"
#include "gateway/EventsController.h"
#include "gateway/FileRange.h"
#include "gateway/FilesController.h"
#include "gateway/JobFilesController.h"
#include "gateway/JobService.h"
#include "gateway/JobsController.h"
#include "gateway/LocalExecutor.h"
#include "gateway/LocalSessionBackend.h"
#include "gateway/PasswordWork.h"
#include "gateway/Sandbox.h"
#include "gateway/SessionService.h"
#include "gateway/SessionsController.h"
#include "gateway/SlurmExecutor.h"
#include "gateway/SlurmSessionBackend.h"
#include "gateway/Store.h"
#include "gateway/SystemCatalog.h"
#include "gateway/TemplateService.h"
#include "gateway/UserHome.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
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
#include <QUuid>
#include <QtConcurrent>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tandem::gateway {

namespace { } // namespace

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
    // Streams and jobs hold responders and processes; end them before the store closes. Everything holding a
    // responder goes before the HTTP server: streams, the controllers (with the archives and unpacking uploads they
    // parent), answers waiting for a password check (whose workers finish first).
    m_eventsController.reset();
    m_sessionsController.reset();
    m_templates.reset();
    m_jobsController.reset();
    m_jobFiles.reset();
    m_files.reset();
    m_users.reset();
    m_auth.reset();
    m_passwords.reset();
    m_sessions.reset();
    m_sessionBackend.reset();
    m_jobs.reset();
    m_slurm.clear();
    m_executor.reset();
}

QString GatewayServer::instanceId(const ConfinedDir &data)
{
    // This gateway's own name in the comment tag of its Slurm jobs, made once and kept with its data.
    const QString name = QStringLiteral("instance-id");
    if (auto fd = data.openForReading(name)) {
        QFile file;
        if (file.open(fd->release(), QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
            const QString id = QString::fromLatin1(file.read(64)).trimmed();
            if (!id.isEmpty())
                return id;
        }
    }
    const QString id = QUuid::createUuid().toString(QUuid::Id128).left(12);
    (void)data.writeFile(name, id.toLatin1() + '\n', 0600);
    return id;
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
    for (const System &system : m_systems->systems()) {
        limits.hiddenPaths += system.slurm.hidden;
        // The key that logs in to a login node (and what pins its host key): a job or session here with it could
        // log in there as the community account, outside any sandbox.
        limits.hiddenPaths << system.slurm.login.keyFile << system.slurm.login.knownHosts;
        for (const LoginNode::Account &account : system.slurm.login.accounts)
            limits.hiddenPaths << account.keyFile;
    }
    QString runner = m_config.jobRunner;
    if (runner.isEmpty())
        runner = QCoreApplication::applicationDirPath() + QStringLiteral("/tandem-job-run");
    m_executor = std::make_unique<LocalExecutor>(runner, limits);
    m_jobs = std::make_unique<JobService>(*m_store, *m_systems, *m_events, m_config.homesRoot(),
                                          JobLimits{m_config.quotaBytes, m_config.maxQueuedJobsPerUser});
    m_jobs->addExecutor(QStringLiteral("local"), m_executor.get());
    // The gateway's spool for Slurm's own output and this gateway's instance id, made once when a Slurm system or
    // Slurm sessions need them, and shared by all of them.
    std::optional<std::pair<std::shared_ptr<const ConfinedDir>, QString>> spoolAndInstance;
    const auto slurmSpool
        = [this, &spoolAndInstance]() -> Result<std::pair<std::shared_ptr<const ConfinedDir>, QString>> {
        if (spoolAndInstance)
            return *spoolAndInstance;
        auto data = ConfinedDir::openRoot(QFileInfo(m_config.dataDir).absoluteFilePath());
        auto spool = data ? data->makeDirectories(QStringLiteral("slurm-spool")) : std::unexpected(data.error());
        if (!spool)
            return std::unexpected(spool.error());
        spoolAndInstance.emplace(std::make_shared<const ConfinedDir>(std::move(*spool)), instanceId(*data));
        return *spoolAndInstance;
    };
    for (const System &system : m_systems->systems()) {
        if (system.scheduler != u"slurm")
            continue;
        auto spool = slurmSpool();
        if (!spool)
            return std::unexpected(spool.error());
        SlurmExecutorSetup setup;
        setup.runner = runner;
        setup.spool = spool->first;
        setup.instance = spool->second;
        setup.hiddenPaths = limits.hiddenPaths;
        setup.spaceLeft = [this](const QString &userName) { return m_jobs->spaceLeft(userName); };
        auto executor = std::make_unique<SlurmExecutor>(system, setup);
        connect(
            executor.get(), &SlurmExecutor::queuesRead, this,
            [this](const QString &systemId, const QList<Queue> &queues) { m_systems->setQueues(systemId, queues); });
        m_jobs->addSystemExecutor(system.id, executor.get());
        m_slurm.push_back(std::move(executor));
    }
    m_files = std::make_unique<FilesController>(m_config, *m_jobs);
    m_jobFiles = std::make_unique<JobFilesController>(*m_jobs, [this](const QHttpServerRequest &request) {
        return m_tcp ? m_tcp->socketFor(request.remoteAddress(), request.remotePort()) : nullptr;
    });
    m_jobsController = std::make_unique<JobsController>(*m_jobs, *m_systems);
    m_templates = std::make_unique<TemplateService>(
        *m_store, [jobs = m_jobs.get()](const QString &name) { return jobs->homeOf(name); });
    const QString sessionsDir = QFileInfo(m_config.dataDir).absoluteFilePath() + QStringLiteral("/sessions");
    if (m_config.sessionSystem.isEmpty()) {
        m_sessionBackend
            = std::make_unique<LocalSessionBackend>(sessionsDir, runner, limits.hiddenPaths, m_config.allowUnsandboxed);
    } else {
        // Sessions as jobs of a Slurm system the gateway reaches directly (a login node's nodes are not reachable
        // from the desktops as a rule).
        const auto slurm = std::find_if(m_slurm.begin(), m_slurm.end(), [this](const auto &executor) {
            return executor->systemId() == m_config.sessionSystem && !executor->system().slurm.login.isSet();
        });
        if (slurm == m_slurm.end())
            return std::unexpected(Error::make(
                api::ErrorCode::ConfigInvalid,
                tr("sessionSystem: %1 is not a Slurm system the gateway reaches directly.").arg(m_config.sessionSystem),
                QStringLiteral("sessionSystem")));
        auto spool = slurmSpool();
        if (!spool)
            return std::unexpected(spool.error());
        SlurmSessionSetup setup;
        setup.stateDir = sessionsDir;
        setup.runner = runner;
        setup.spool = spool->first;
        setup.instance = spool->second;
        setup.hiddenPaths = limits.hiddenPaths;
        m_sessionBackend = std::make_unique<SlurmSessionBackend>(**slurm, setup);
    }
    SessionPolicies policies;
    if (auto loaded = policies.load(m_config.sessions); !loaded)
        return std::unexpected(loaded.error());
    m_sessions = std::make_unique<SessionService>(
        *m_store, *m_sessionBackend, *m_events,
        [this](const User &user) {
            const UserHome home = m_jobs->homeOf(user.name);
            home.ensureExists();
            return home.root();
        },
        std::move(policies));
    m_sessionsController = std::make_unique<SessionsController>(*m_sessions);
    m_passwords = std::make_unique<PasswordWork>();
    m_auth = std::make_unique<AuthController>(*m_accounts, *m_passwords);
    m_eventsController = std::make_unique<EventsController>(
        *m_accounts, *m_jobs, *m_events, [this](const QHttpServerRequest &request) {
            return m_tcp ? m_tcp->socketFor(request.remoteAddress(), request.remotePort()) : nullptr;
        });
    connect(m_auth.get(), &AuthController::tokenEnded, m_eventsController.get(), &EventsController::tokenEnded);
    m_users = std::make_unique<UsersController>(*m_accounts, *m_passwords);
    addRoutes();
    if (m_config.localUser) {
        if (auto local = ensureLocalUser(); !local)
            return std::unexpected(local.error());
    }
    m_jobs->recover();
    m_sessions->recover();
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
        return std::unexpected(Error::make(api::ErrorCode::ListenFailed,
                                           tr("Cannot listen on %1:%2: %3")
                                               .arg(m_config.listenAddress.toString())
                                               .arg(m_config.listenPort)
                                               .arg(tcp->errorString()),
                                           QStringLiteral("listen")));
    }
    m_tcp = tcp.get();
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
            Error::make(api::ErrorCode::TlsUnreadable,
                        tr("HTTPS needs both a readable certificate and key (--tls-cert, --tls-key).")));
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificateFile.readAll(), QSsl::Pem);
    const QByteArray keyData = keyFile.readAll();
    QSslKey key(keyData, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyData, QSsl::Rsa, QSsl::Pem);
    if (chain.isEmpty() || key.isNull()) {
        return std::unexpected(Error::make(api::ErrorCode::TlsInvalid, tr("The certificate or key is not valid PEM.")));
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    return configuration;
}

Admission GatewayServer::admit(const RequestHead &head)
{
    // Decided on the head alone, before QHttpServer buffers the body: how large a body this route takes, and for
    // uploads, who sends it and how much they are sending already. Most requests carry a small body or none.
    if (head.contentLength <= m_config.maxJsonBytes)
        return {};
    const QUrl url = QUrl::fromEncoded(head.target);
    const std::optional<Router::Match> match
        = m_router.match(routerMethod(head.method), url.path().split(u'/', Qt::SkipEmptyParts));
    const qint64 limit
        = isUpload(match ? match->route : nullptr, url) ? m_config.maxUploadBytes : m_config.maxJsonBytes;
    if (head.contentLength > limit) {
        return {
            Refusal{413, api::ErrorCode::BodyTooLarge, tr("The request body is larger than %1 bytes.").arg(limit), {}},
            {}};
    }
    auto user = m_accounts->authenticate(bearerToken(head.authorization));
    if (!user)
        return {Refusal{401,
                        api::errorCodeFromString(user.error().code).value_or(api::ErrorCode::Unauthorized),
                        user.error().message,
                        {}},
                {}};
    qint64 &inFlight = m_uploadBytesInFlight[user->id];
    if (m_config.maxUploadBytesInFlightPerUser > 0
        && inFlight + head.contentLength > m_config.maxUploadBytesInFlightPerUser) {
        return {Refusal{429, api::ErrorCode::TooManyUploads,
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

Result<User> GatewayServer::authenticate(const QHttpServerRequest &request)
{
    return m_accounts->authenticate(bearerToken(request));
}

void GatewayServer::handle(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    // The connection guard admitted this request on its head as it parsed it; QHttpServer parsed it too. Should the
    // two disagree about where it ends (its header fields or its body), neither may be trusted with what follows.
    ConnectionGuard *guard = m_tcp ? m_tcp->guardFor(request.remoteAddress(), request.remotePort()) : nullptr;
    if (!guard) {
        // Every connection has a guard; one that cannot be found is not answered by routes.
        Reply::error(Error::internal(tr("This connection is not tracked by the gateway."))).send(responder);
        return;
    }
    {
        const std::optional<RequestHead> head = guard->takeAdmitted();
        const QString method = Router::methodName(request.method());
        if (!head || head->contentLength != request.body().size() || head->fields != request.headers().size()
            || (method != u"OTHER" && head->method != method.toLatin1())) {
            qWarning("Dropping a connection from %s: its request was read differently than it was admitted",
                     qPrintable(request.remoteAddress().toString()));
            guard->abortConnection();
            return;
        }
    }
    if (request.method() == Router::Method::Head) {
        // No route answers HEAD; and an answer to it must have no body, or the client would read that body as the
        // start of the next answer on the connection.
        Reply refused(405, {}, {});
        refused.headers.append(std::pair<QByteArray, QByteArray>("Allow", "GET, POST, PUT, DELETE"));
        refused.send(responder);
        return;
    }
    QElapsedTimer clock;
    clock.start();
    const QStringList path = request.url().path().split(u'/', Qt::SkipEmptyParts);
    const std::optional<Router::Match> match = m_router.match(request.method(), path);
    RouteContext context{request, responder, path, match ? match->params : QHash<QString, QString>{}, {}, {}};
    const Result<Reply> reply = route(context, match ? match->route : nullptr);
    // A file streams on after its responder is gone, and QHttpServer then reads the next request at once; answers
    // that keep their responder (archives, event streams, sign-ins, quick jobs) make it wait by themselves.
    if (reply && reply->device)
        guard->holdWhileStreaming(reply->device);
    if (reply) {
        if (auto *file = qobject_cast<FileRangeDevice *>(reply->device)) {
            // At once, inside QHttpServer's read: a moment later it has answered the next pipelined request into
            // what the client still takes for this body.
            connect(file, &FileRangeDevice::cutShort, guard, &ConnectionGuard::abortConnection);
        }
    }
    if (!context.responded)
        (reply ? *reply : Reply::error(reply.error())).send(responder);

    // Metrics and the structured log use the route's pattern, not its ids or any name a client made up, so the
    // label sets stay small whatever paths are asked for.
    QString shape = match ? u'/' + match->route->pattern : QStringLiteral("/{unknown}");
    if (shape.endsWith(u"/{path}"))
        shape.chop(7);
    const QString method = Router::methodName(request.method());
    // Answers given later (streams, quick jobs, archives) are counted as 200 when they start.
    const int status = context.responded ? 200 : reply ? reply->status : api::httpStatus(reply.error().kind);
    m_requestCounts[method + u' ' + shape + u' ' + QString::number(status)] += 1;
    m_requestSeconds[method + u' ' + shape] += clock.nsecsElapsed() / 1e9;
    if (m_config.logRequests) {
        const QJsonObject log{{QStringLiteral("ts"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                              {QStringLiteral("method"), method},
                              {QStringLiteral("path"), request.url().path()},
                              {QStringLiteral("status"), status},
                              {QStringLiteral("ms"), clock.nsecsElapsed() / 1e6},
                              {QStringLiteral("user"), context.user.name},
                              {QStringLiteral("remote"), request.remoteAddress().toString()}};
        fprintf(stderr, "%s\n", QJsonDocument(log).toJson(QJsonDocument::Compact).constData());
    }
}

bool GatewayServer::isUpload(const Router::Route *route, const QUrl &url)
{
    // Raw bytes for the home, not JSON: a file put, or an archive unpacked into a folder.
    return route && (route->pattern == api::patterns::Files || route->pattern == api::patterns::FilesPath)
        && (route->method == Router::Method::Put
            || (route->method == Router::Method::Post
                && QUrlQuery(url).queryItemValue(QStringLiteral("op")) == u"extract"));
}

Router::Method GatewayServer::routerMethod(const QByteArray &method)
{
    for (Router::Method known : {Router::Method::Get, Router::Method::Put, Router::Method::Post, Router::Method::Delete,
                                 Router::Method::Head}) {
        if (Router::methodName(known).toLatin1() == method)
            return known;
    }
    return Router::Method::Unknown;
}

Result<Reply> GatewayServer::route(RouteContext &context, const Router::Route *route)
{
    const QHttpServerRequest &request = context.request;
    const Router::Method method = request.method();
    const auto nothingHere = [&] {
        return std::unexpected(
            Error::notFound(tr("There is nothing at %1 %2.").arg(Router::methodName(method), request.url().path())));
    };
    if (!route) {
        // Outside the API nothing more is said; inside it, only to a caller who signed in.
        if (context.path.mid(0, 2).join(u'/') != api::patterns::ApiRoot)
            return std::unexpected(Error::notFound(tr("There is nothing at %1.").arg(request.url().path())));
        if (auto user = authenticate(request); !user)
            return std::unexpected(user.error());
        return nothingHere();
    }

    const bool hasBody = method == Router::Method::Post || method == Router::Method::Put;
    const bool upload = isUpload(route, request.url());
    const qint64 bodyLimit = upload ? m_config.maxUploadBytes : m_config.maxJsonBytes;
    if (hasBody && request.body().size() > bodyLimit)
        return std::unexpected(
            Error::make(api::ErrorCode::BodyTooLarge, tr("The request body is larger than %1 bytes.").arg(bodyLimit)));
    if (hasBody && !upload && !request.body().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
        if (document.isNull() || !document.isObject()) {
            return std::unexpected(Error::make(api::ErrorCode::MalformedJson,
                                               document.isNull() ? tr("The body is not valid JSON: %1 at byte %2.")
                                                                       .arg(parseError.errorString())
                                                                       .arg(parseError.offset)
                                                                 : tr("The body must be a JSON object.")));
        }
        context.body = document.object();
    }
    if (route->access == Router::Access::SignedIn) {
        auto user = authenticate(request);
        if (!user)
            return std::unexpected(user.error());
        context.user = *std::move(user);
    }
    return route->handler(context);
}

void GatewayServer::addRoutes()
{
    using Method = Router::Method;
    using Access = Router::Access;
    m_router.add(
        Method::Get, api::patterns::Health,
        [](RouteContext &) -> Result<Reply> {
            return Reply::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                           {QStringLiteral("version"), versionString()}});
        },
        Access::Anyone);
    m_router.add(
        Method::Get, api::patterns::Metrics,
        [this](RouteContext &) -> Result<Reply> { return Reply{200, metrics(), "text/plain; version=0.0.4"}; },
        Access::Anyone);
    m_router.add(
        Method::Get, api::patterns::OpenApi,
        [](RouteContext &) -> Result<Reply> {
            QFile file(QStringLiteral(":/tandem/openapi.json"));
            if (!file.open(QIODevice::ReadOnly))
                return std::unexpected(Error::notFound(tr("The OpenAPI document is not built in.")));
            return Reply{200, file.readAll(), "application/json"};
        },
        Access::Anyone);
    m_router.add(Method::Get, api::patterns::Systems, [this](RouteContext &) -> Result<Reply> {
        QJsonArray systems;
        for (const System &system : m_systems->systems()) {
            api::System shown = system.toApi();
            if (const Executor *executor = m_jobs->executorFor(system.id)) {
                shown.isolation = executor->isolation();
                shown.unavailableReason = executor->refusal();
                shown.available = shown.unavailableReason.isEmpty();
            } else {
                shown.unavailableReason
                    = tr("This gateway has no way to reach the %1 scheduler.").arg(system.scheduler);
            }
            systems.append(shown.toJson());
        }
        return Reply::json(QJsonObject{{QStringLiteral("systems"), systems}});
    });
    m_eventsController->addRoutes(m_router);
    m_auth->addRoutes(m_router);
    m_users->addRoutes(m_router);
    m_files->addRoutes(m_router);
    m_jobsController->addRoutes(m_router);
    m_templates->addRoutes(m_router);
    m_jobFiles->addRoutes(m_router);
    m_sessionsController->addRoutes(m_router);
}

QByteArray GatewayServer::metrics()
{
    QByteArray out;
    out += "# HELP tandem_jobs Jobs in the store by status.\n# TYPE tandem_jobs gauge\n";
    const QList<std::pair<QString, qint64>> counts = m_jobs->countsByStatus();
    for (const auto &[status, count] : counts)
        out += "tandem_jobs{status=\"" + status.toUtf8() + "\"} " + QByteArray::number(count) + '\n';
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
    if (!m_slurm.empty()) {
        out += "# HELP tandem_scheduler_queries_total Job listings asked of each system's scheduler (squeue).\n"
               "# TYPE tandem_scheduler_queries_total counter\n";
        for (const auto &executor : m_slurm) {
            out += "tandem_scheduler_queries_total{system=\"" + executor->systemId().toUtf8() + "\"} "
                + QByteArray::number(executor->queries()) + '\n';
        }
    }
    return out;
}

} // namespace tandem::gateway
