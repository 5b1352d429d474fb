#pragma once

#include "Error.h"
#include "gateway/ConnectionGuard.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace tandem::gateway {

// Everything the gateway needs to start, from its config file and command line (the command line wins).
struct GatewayConfig
{
    static constexpr quint16 DefaultPort = 8470;

    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = DefaultPort;
    QString dataDir;
    // From the config file, read once by the command line: execution systems and session limits per role.
    QJsonArray systems;
    QJsonObject sessions;
    QString jobRunner; // tandem-job-run; by default next to the gateway's own executable
    int jobCores = 0; // cores lent to local jobs; 0 = all of this machine's
    qint64 maxJsonBytes = 1024 * 1024;
    qint64 maxUploadBytes = qint64(256) * 1024 * 1024;
    qint64 maxUploadBytesInFlightPerUser = qint64(512) * 1024 * 1024; // 0 = no limit
    ConnectionLimits connectionLimits;
    std::chrono::seconds tokenLifetime{std::chrono::hours(24 * 7)};
    std::chrono::seconds signInWindow{60}; // failed sign-ins are counted (and throttled) over this long
    qint64 quotaBytes = qint64(10) * 1024 * 1024 * 1024; // per user home; 0 = none
    int retentionDays = 0; // expire ended jobs after this many days; 0 = keep
    // The Slurm system whose jobs the interactive sessions are (empty: sessions run on the gateway's machine).
    QString sessionSystem;
    QString tlsCertificate; // PEM; with tlsKey, serve HTTPS
    QString tlsKey;
    bool localUser = true; // create an account for the user running the gateway and write its token file
    // Run jobs and sessions without a sandbox where bubblewrap cannot create namespaces (a single-user workstation).
    bool allowUnsandboxed = false;
    int maxQueuedJobsPerUser = 200; // jobs waiting to start, per user; 0 = no limit
    bool logRequests = false; // one JSON line per request on stderr
    QString localUserName; // defaults to the OS account's name
    QString configFile; // the file these settings came from, if any (hidden from jobs and sessions)

    QString databasePath() const { return dataDir + QStringLiteral("/tandem.db"); }
    QString homesRoot() const { return dataDir + QStringLiteral("/homes"); }
    QString localTokenPath() const { return dataDir + QStringLiteral("/local-token"); }
    // Where uploads are unpacked before they move into a home: the gateway's own, invisible to users.
    QString stagingRoot() const { return dataDir + QStringLiteral("/staging"); }

    // "HOST:PORT", "[V6]:PORT", "HOST" or ":PORT". Port 0 picks a free one.
    static Result<std::pair<QHostAddress, quint16>> parseListen(const QString &text);
    static QString defaultDataDir();
};

} // namespace tandem::gateway
