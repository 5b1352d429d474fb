#include "GatewayCommandLine.h"

#include "api/ErrorCode.h"

#include "Version.h"
#include "gateway/Accounts.h"
#include "gateway/ClassList.h"
#include "gateway/GatewayServer.h"
#include "gateway/ShutdownSignals.h"
#include "gateway/Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <sodium.h>

namespace tandem::gateway {

namespace {

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

int fail(const Error &error)
{
    err() << "tandem-gateway: " << error.message << Qt::endl;
    return error.kind == Error::Kind::BadRequest ? GatewayCommandLine::UsageError : GatewayCommandLine::Failure;
}

// Applies the config file's settings; the command line, applied afterwards, wins.
Result<void> readConfigFile(const QString &path, GatewayConfig &config)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(Error::make(api::ErrorCode::ConfigUnreadable,
                                           GatewayCommandLine::tr("Cannot read %1: %2").arg(path, file.errorString())));
    QJsonParseError parseError;
    const QJsonObject object = QJsonDocument::fromJson(file.readAll(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return std::unexpected(
            Error::make(api::ErrorCode::ConfigInvalid,
                        GatewayCommandLine::tr("%1 is not valid JSON: %2").arg(path, parseError.errorString())));
    config.systems = object.value(QStringLiteral("systems")).toArray();
    config.sessions = object.value(QStringLiteral("sessions")).toObject();
    if (object.contains(QStringLiteral("listen"))) {
        auto listen = GatewayConfig::parseListen(object.value(QStringLiteral("listen")).toString());
        if (!listen)
            return std::unexpected(listen.error());
        std::tie(config.listenAddress, config.listenPort) = *listen;
    }
    config.jobCores = object.value(QStringLiteral("cores")).toInt(config.jobCores);
    config.localUser = object.value(QStringLiteral("localUser")).toBool(config.localUser);
    config.retentionDays = object.value(QStringLiteral("retentionDays")).toInt(config.retentionDays);
    config.sessionSystem = object.value(QStringLiteral("sessionSystem")).toString();
    config.logRequests = object.value(QStringLiteral("logRequests")).toBool(config.logRequests);
    config.allowUnsandboxed = object.value(QStringLiteral("allowUnsandboxed")).toBool(config.allowUnsandboxed);
    config.maxQueuedJobsPerUser
        = object.value(QStringLiteral("maxQueuedJobsPerUser")).toInt(config.maxQueuedJobsPerUser);
    // Limits on connections and requests, in seconds and megabytes; the defaults suit a training room.
    const QJsonObject limits = object.value(QStringLiteral("limits")).toObject();
    const auto seconds = [&](const char *key, std::chrono::milliseconds &value) {
        if (limits.contains(QLatin1StringView(key)))
            value = std::chrono::milliseconds(qint64(limits.value(QLatin1StringView(key)).toDouble() * 1000));
    };
    seconds("requestHeadSeconds", config.connectionLimits.headTimeout);
    seconds("idleSeconds", config.connectionLimits.idleTimeout);
    if (limits.contains(QStringLiteral("signInWindowSeconds")))
        config.signInWindow = std::chrono::seconds(limits.value(QStringLiteral("signInWindowSeconds")).toInteger());
    if (object.contains(QStringLiteral("tokenHours")))
        config.tokenLifetime
            = std::chrono::seconds(qint64(object.value(QStringLiteral("tokenHours")).toDouble() * 3600));
    config.connectionLimits.maxConnections
        = limits.value(QStringLiteral("connections")).toInt(config.connectionLimits.maxConnections);
    config.connectionLimits.maxConnectionsPerAddress
        = limits.value(QStringLiteral("connectionsPerAddress")).toInt(config.connectionLimits.maxConnectionsPerAddress);
    if (limits.contains(QStringLiteral("uploadMB")))
        config.maxUploadBytes = limits.value(QStringLiteral("uploadMB")).toInteger() * 1024 * 1024;
    if (limits.contains(QStringLiteral("uploadsInFlightMB")))
        config.maxUploadBytesInFlightPerUser
            = limits.value(QStringLiteral("uploadsInFlightMB")).toInteger() * 1024 * 1024;
    if (object.contains(QStringLiteral("quotaMB")))
        config.quotaBytes = object.value(QStringLiteral("quotaMB")).toInteger() * 1024 * 1024;
    config.tlsCertificate = object.value(QStringLiteral("tlsCertificate")).toString(config.tlsCertificate);
    config.tlsKey = object.value(QStringLiteral("tlsKey")).toString(config.tlsKey);
    return {};
}

int serve(const QCommandLineParser &parser, GatewayConfig config)
{
    if (parser.isSet(QStringLiteral("config"))) {
        config.configFile = QFileInfo(parser.value(QStringLiteral("config"))).absoluteFilePath();
        if (auto read = readConfigFile(parser.value(QStringLiteral("config")), config); !read)
            return fail(read.error());
    }
    if (parser.isSet(QStringLiteral("listen"))) {
        auto listen = GatewayConfig::parseListen(parser.value(QStringLiteral("listen")));
        if (!listen)
            return fail(listen.error());
        std::tie(config.listenAddress, config.listenPort) = *listen;
    }
    if (parser.isSet(QStringLiteral("cores"))) {
        bool ok = false;
        config.jobCores = parser.value(QStringLiteral("cores")).toInt(&ok);
        if (!ok || config.jobCores < 1)
            return fail(
                Error::make(api::ErrorCode::InvalidValue, GatewayCommandLine::tr("--cores takes a positive number.")));
    }
    if (parser.isSet(QStringLiteral("no-local-user")))
        config.localUser = false;
    if (parser.isSet(QStringLiteral("allow-unsandboxed")))
        config.allowUnsandboxed = true;
    if (parser.isSet(QStringLiteral("log-requests")))
        config.logRequests = true;
    for (const auto &[option, target] : {std::pair{QStringLiteral("retention-days"), &config.retentionDays}}) {
        if (parser.isSet(option)) {
            bool ok = false;
            *target = parser.value(option).toInt(&ok);
            if (!ok || *target < 0)
                return fail(Error::make(api::ErrorCode::InvalidValue,
                                        GatewayCommandLine::tr("--%1 takes a number of days, 0 or more.").arg(option)));
        }
    }
    if (parser.isSet(QStringLiteral("quota-mb"))) {
        bool ok = false;
        config.quotaBytes = parser.value(QStringLiteral("quota-mb")).toLongLong(&ok) * 1024 * 1024;
        if (!ok || config.quotaBytes < 0)
            return fail(Error::make(api::ErrorCode::InvalidValue,
                                    GatewayCommandLine::tr("--quota-mb takes a number of megabytes, 0 for none.")));
    }
    if (parser.isSet(QStringLiteral("tls-cert")))
        config.tlsCertificate = parser.value(QStringLiteral("tls-cert"));
    if (parser.isSet(QStringLiteral("tls-key")))
        config.tlsKey = parser.value(QStringLiteral("tls-key"));
    const bool tls = !config.tlsCertificate.isEmpty();
    if (!tls && !config.listenAddress.isLoopback() && !parser.isSet(QStringLiteral("allow-remote"))) {
        return fail(
            Error::make(api::ErrorCode::InsecureListen,
                        GatewayCommandLine::tr(
                            "Refusing to serve plain HTTP on %1, which is not a loopback address: tokens and "
                            "passwords would cross the network unencrypted. Give it --tls-cert and --tls-key, or put "
                            "it behind a TLS proxy and pass --allow-remote.")
                            .arg(config.listenAddress.toString())));
    }

    GatewayServer server(config);
    if (auto started = server.start(); !started)
        return fail(started.error());
    ShutdownSignals shutdownSignals;
    QObject::connect(&shutdownSignals, &ShutdownSignals::received, qApp, [](int signal) {
        out() << "tandem-gateway: signal " << signal << ", shutting down" << Qt::endl;
        QCoreApplication::quit();
    });
    out() << "tandem-gateway: " << server.isolation() << Qt::endl;
    // Scripts and tests read this line to learn the port when they asked for port 0.
    out() << "tandem-gateway " << versionString() << " listening on " << (tls ? "https://" : "http://")
          << server.address().toString() << ':' << server.port() << " data " << QDir(config.dataDir).absolutePath()
          << Qt::endl;
    return QCoreApplication::exec() == 0 ? GatewayCommandLine::Success : GatewayCommandLine::Failure;
}

int userCommand(const QCommandLineParser &parser, const GatewayConfig &config, const QStringList &positional)
{
    const QString action = positional.value(1);
    if (!QDir().mkpath(config.dataDir))
        return fail(Error::internal(GatewayCommandLine::tr("Cannot create the data directory %1").arg(config.dataDir)));
    Store store;
    if (auto opened = store.open(config.databasePath()); !opened)
        return fail(opened.error());
    Accounts accounts(store);

    if (action == u"list" && positional.size() == 2) {
        auto users = accounts.users();
        if (!users)
            return fail(users.error());
        for (const User &user : std::as_const(*users))
            out() << user.name << '\t' << User::roleToString(user.role) << '\t' << user.group << Qt::endl;
        return GatewayCommandLine::Success;
    }
    if (action == u"add" && positional.size() == 3) {
        const auto role = User::roleFromString(parser.value(QStringLiteral("role")));
        if (!role)
            return fail(Error::make(api::ErrorCode::InvalidValue,
                                    GatewayCommandLine::tr("--role must be user, instructor or admin.")));
        QString password;
        if (parser.isSet(QStringLiteral("password-stdin"))) {
            QTextStream in(stdin);
            password = in.readLine();
            if (password.isEmpty())
                return fail(Error::make(api::ErrorCode::InvalidValue,
                                        GatewayCommandLine::tr("No password on standard input.")));
        }
        auto user = accounts.addUser(positional[2], *role, parser.value(QStringLiteral("group")), password,
                                     parser.value(QStringLiteral("view")));
        if (!user)
            return fail(user.error());
        out() << GatewayCommandLine::tr("Added %1 (%2).").arg(user->name, User::roleToString(user->role)) << Qt::endl;
        return GatewayCommandLine::Success;
    }
    if (action == u"import" && positional.size() == 3) {
        // name[,role[,group[,password]]] per line; a header line starting with "name" is skipped. Rows without a
        // password get a random one, printed as name,password. All rows are checked before any is added.
        QFile file(positional[2]);
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            return fail(
                Error::make(api::ErrorCode::Unreadable,
                            GatewayCommandLine::tr("Cannot read %1: %2").arg(file.fileName(), file.errorString())));
        const QList<ClassListRow> rows = parseClassList(QTextStream(&file).readAll());
        for (const ClassListRow &row : rows) {
            if (!row.error.isEmpty())
                return fail(
                    Error::make(api::ErrorCode::InvalidRow,
                                GatewayCommandLine::tr("%1:%2: %3").arg(file.fileName()).arg(row.line).arg(row.error)));
            if (accounts.findUser(row.name))
                // Bad input here (exit 2), though the API answers the same code as a conflict.
                return fail(Error{Error::Kind::BadRequest,
                                  api::errorCodeName(api::ErrorCode::UserExists),
                                  GatewayCommandLine::tr("%1:%2: the user %3 exists already.")
                                      .arg(file.fileName())
                                      .arg(row.line)
                                      .arg(row.name),
                                  {}});
        }
        store.transaction();
        for (const ClassListRow &row : rows) {
            if (auto user = accounts.addUser(row.name, row.role, row.group, row.password); !user) {
                store.rollback();
                return fail(user.error());
            }
        }
        if (!store.commit())
            return fail(Error::internal(GatewayCommandLine::tr("Cannot save the accounts.")));
        for (const ClassListRow &row : rows) {
            if (row.generatedPassword)
                out() << row.name << ',' << row.password << Qt::endl;
        }
        err() << GatewayCommandLine::tr("Imported %n account(s).", nullptr, int(rows.size())) << Qt::endl;
        return GatewayCommandLine::Success;
    }
    err() << GatewayCommandLine::tr("Usage: tandem-gateway user add NAME --role ROLE [--group G] [--password-stdin] | "
                                    "user import FILE.csv | user list")
          << Qt::endl;
    return GatewayCommandLine::UsageError;
}

} // namespace

int GatewayCommandLine::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Tandem gateway: accounts, execution systems, batch jobs and interactive sessions over HTTP.\n\n"
           "Commands:\n"
           "  serve                  run the server (the default)\n"
           "  user add NAME --role user|instructor|admin [--group G] [--view V] [--password-stdin]\n"
           "                         add an account; without a password it can only get tokens from an admin\n"
           "  user import FILE.csv   add a class: lines name[,role[,group[,password]]]; missing passwords are\n"
           "                         generated and printed as name,password\n"
           "  user list              list the accounts\n\n"
           "Exit codes: 0 success, 1 failure, 2 usage error or invalid input."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("data-dir"), tr("Keep accounts, jobs and user homes in <dir>."), tr("dir"),
                      GatewayConfig::defaultDataDir()});
    parser.addOption({QStringLiteral("listen"),
                      tr("serve: listen on <address:port> (default 127.0.0.1:%1; port 0 picks a free one).")
                          .arg(GatewayConfig::DefaultPort),
                      tr("address:port")});
    parser.addOption(
        {QStringLiteral("config"), tr("serve: read settings and execution systems from <file> (JSON)."), tr("file")});
    parser.addOption(
        {QStringLiteral("cores"), tr("serve: cores the local executor lends to jobs (default: all)."), tr("n")});
    parser.addOption({QStringLiteral("no-local-user"),
                      tr("serve: do not create an account and token file for the user running the gateway.")});
    parser.addOption({QStringLiteral("allow-unsandboxed"),
                      tr("serve: where bubblewrap cannot create namespaces, run jobs and sessions without a sandbox, "
                         "as the gateway's own user (a single-user workstation only).")});
    parser.addOption({QStringLiteral("allow-remote"),
                      tr("serve: allow plain HTTP on a non-loopback address (behind a TLS proxy).")});
    parser.addOption(
        {QStringLiteral("tls-cert"), tr("serve: serve HTTPS with this PEM certificate (chain)."), tr("file")});
    parser.addOption({QStringLiteral("tls-key"), tr("serve: the PEM private key of --tls-cert."), tr("file")});
    parser.addOption({QStringLiteral("retention-days"),
                      tr("serve: expire jobs that ended more than <days> ago (0 keeps them)."), tr("days")});
    parser.addOption({QStringLiteral("quota-mb"),
                      tr("serve: storage quota per user home in MB (0 for none; default 10240)."), tr("mb")});
    parser.addOption(
        {QStringLiteral("log-requests"), tr("serve: log every request as a JSON line on standard error.")});
    parser.addOption({QStringLiteral("role"), tr("user add: the account's role."), tr("role"), QStringLiteral("user")});
    parser.addOption(
        {QStringLiteral("group"), tr("user add: the class or group the account belongs to."), tr("group")});
    parser.addOption({QStringLiteral("view"), tr("user add: the views shown: limited, default or advanced."),
                      tr("view"), QStringLiteral("default")});
    parser.addOption(
        {QStringLiteral("password-stdin"), tr("user add: read the password from the first line of standard input.")});
    parser.addPositionalArgument(QStringLiteral("command"), tr("serve | user …"), tr("[command]"));
    if (!parser.parse(arguments)) {
        err() << parser.errorText() << Qt::endl;
        return UsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return Success;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        out() << "tandem-gateway " << versionString() << Qt::endl;
        return Success;
    }

    GatewayConfig config;
    config.dataDir = parser.value(QStringLiteral("data-dir"));

    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0, QStringLiteral("serve"));
    if (command == u"serve" && positional.size() <= 1)
        return serve(parser, config);
    if (command == u"user")
        return userCommand(parser, config, positional);
    err() << tr("Unknown command \"%1\". Try --help.").arg(positional.join(u' ')) << Qt::endl;
    return UsageError;
}

} // namespace tandem::gateway
