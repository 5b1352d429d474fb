#pragma once

#include "Error.h"
#include "gateway/ConfinedDir.h"
#include "gateway/ConnectionGuard.h"
#include "gateway/GatewayConfig.h"
#include "gateway/Reply.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpServer;

namespace tandem::gateway {

class Accounts;
class EventHub;
class EventStream;
class FilesController;
class JobFilesController;
class JobsController;
class SessionsController;
class JobService;
class LocalSessionBackend;
class SessionService;
class LocalExecutor;
class Store;
class SystemCatalog;
struct User;

// The gateway: opens the store, builds the services and answers HTTP. Every request goes through handle(), which
// authenticates, routes, maps errors to HTTP statuses in one place, counts and logs.
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

private:
    void handle(const QHttpServerRequest &request, QHttpServerResponder &responder);
    static void send(QHttpServerResponder &responder, const Reply &reply);
    static Reply busy();
    // Answers later: `work` runs on the password pool (argon2id takes tens of milliseconds and 64 MiB), `then` on
    // the event loop with its result.
    void later(QHttpServerResponder &responder, std::function<Reply()> work, std::function<Reply(Reply)> then);
    Reply route(const QHttpServerRequest &request, const QStringList &path, QHttpServerResponder &responder,
                bool &responded, QString &userName);
    static QByteArray bearerToken(const QHttpServerRequest &request);
    Result<User> authenticate(const QHttpServerRequest &request);
    Result<void> ensureLocalUser();
    Result<QSslConfiguration> tlsConfiguration() const;
    Admission admit(const RequestHead &head);
    QByteArray metrics();

    static Reply json(const QJsonValue &value, int status = 200);
    static Reply error(const Error &error);
    static int statusFor(Error::Kind kind);

    GatewayConfig m_config;
    std::unique_ptr<QHttpServer> m_http;
    GuardedTcpServer *m_tcp = nullptr;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Accounts> m_accounts;
    std::unique_ptr<SystemCatalog> m_systems;
    std::unique_ptr<EventHub> m_events;
    std::unique_ptr<LocalExecutor> m_executor;
    std::unique_ptr<JobService> m_jobs;
    std::unique_ptr<LocalSessionBackend> m_sessionBackend;
    std::unique_ptr<SessionService> m_sessions;
    std::unique_ptr<FilesController> m_files;
    std::unique_ptr<JobFilesController> m_jobFiles;
    std::unique_ptr<JobsController> m_jobsController;
    std::unique_ptr<SessionsController> m_sessionsController;

    void closeStreams(const std::function<bool(const EventStream &)> &which);
    QList<EventStream *> streams() const;

    QThreadPool m_hashPool;
    int m_pendingHashes = 0;
    QTimer m_retentionTimer;
    QTimer m_streamCheck; // streams whose token was revoked elsewhere (the command line) or whose user is gone
    QHash<QString, qint64> m_requestCounts; // "METHOD route status" → count
    QHash<QString, double> m_requestSeconds; // "METHOD route" → total seconds
    QHash<qint64, qint64> m_uploadBytesInFlight; // user id → bytes announced by uploads not yet answered
};

} // namespace tandem::gateway
