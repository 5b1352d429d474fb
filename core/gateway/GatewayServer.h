#pragma once

#include "Error.h"
#include "gateway/ConfinedDir.h"
#include "gateway/ConnectionGuard.h"
#include "gateway/GatewayConfig.h"
#include "gateway/Reply.h"
#include "gateway/Router.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpServer;

namespace tandem::gateway {

class Accounts;
class AuthController;
class PasswordWork;
class UsersController;
class TemplateService;
class EventHub;
class EventsController;
class FilesController;
class JobFilesController;
class JobsController;
class SessionsController;
class JobService;
class SessionBackend;
class SessionService;
class LocalExecutor;
class SlurmExecutor;
class Store;
class SystemCatalog;
struct User;

// The gateway: opens the store, builds the services and the controllers, and listens. Every request goes through
// handle(): the router finds its row, route() reads the body and authenticates as the row asks, the handler answers
// (an error becomes its HTTP status in one place), and the request is counted and logged.
class GatewayServer : public QObject
{
    Q_OBJECT

public:
    explicit GatewayServer(GatewayConfig config, QObject *parent = nullptr);
    ~GatewayServer() override;

    // Opens the store and the services, recovers jobs from a previous run, then listens.
    Result<void> start();
    quint16 port() const;
    QHostAddress address() const;
    const GatewayConfig &config() const { return m_config; }
    Accounts &accounts() { return *m_accounts; }
    JobService &jobs() { return *m_jobs; }
    QString isolation() const;
    // Every route the gateway answers, in the order they are matched.
    const Router &router() const { return m_router; }

private:
    void handle(const QHttpServerRequest &request, QHttpServerResponder &responder);
    // Reads the body and authenticates as the route asks, then runs its handler.
    Result<Reply> route(RouteContext &context, const Router::Route *route);
    void addRoutes();
    static bool isUpload(const Router::Route *route, const QUrl &url);
    static Router::Method routerMethod(const QByteArray &method);
    Result<User> authenticate(const QHttpServerRequest &request);
    Result<void> ensureLocalUser();
    Result<QSslConfiguration> tlsConfiguration() const;
    Admission admit(const RequestHead &head);
    QByteArray metrics();
    static QString instanceId(const ConfinedDir &data);

    GatewayConfig m_config;
    std::unique_ptr<QHttpServer> m_http;
    GuardedTcpServer *m_tcp = nullptr;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Accounts> m_accounts;
    std::unique_ptr<SystemCatalog> m_systems;
    std::unique_ptr<EventHub> m_events;
    std::unique_ptr<LocalExecutor> m_executor;
    std::vector<std::unique_ptr<SlurmExecutor>> m_slurm; // one per Slurm system
    std::unique_ptr<JobService> m_jobs;
    std::unique_ptr<SessionBackend> m_sessionBackend;
    std::unique_ptr<SessionService> m_sessions;
    std::unique_ptr<FilesController> m_files;
    std::unique_ptr<JobFilesController> m_jobFiles;
    std::unique_ptr<JobsController> m_jobsController;
    std::unique_ptr<TemplateService> m_templates;
    std::unique_ptr<SessionsController> m_sessionsController;
    std::unique_ptr<PasswordWork> m_passwords;
    std::unique_ptr<AuthController> m_auth;
    std::unique_ptr<UsersController> m_users;
    std::unique_ptr<EventsController> m_eventsController;
    Router m_router;

    QTimer m_retentionTimer;
    QHash<QString, qint64> m_requestCounts; // "METHOD route status" → count
    QHash<QString, double> m_requestSeconds; // "METHOD route" → total seconds
    QHash<qint64, qint64> m_uploadBytesInFlight; // user id → bytes announced by uploads not yet answered
};

} // namespace tandem::gateway
