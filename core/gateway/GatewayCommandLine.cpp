#include "GatewayCommandLine.h"

#include "Version.h"
#include "gateway/GatewayServer.h"
#include "gateway/ShutdownSignals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

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

int serve(const QCommandLineParser &parser, GatewayConfig config)
{
    if (parser.isSet(QStringLiteral("listen"))) {
        auto listen = GatewayConfig::parseListen(parser.value(QStringLiteral("listen")));
        if (!listen) {
            err() << listen.error().message << Qt::endl;
            return GatewayCommandLine::UsageError;
        }
        std::tie(config.listenAddress, config.listenPort) = *listen;
    }
    if (!QDir().mkpath(config.dataDir)) {
        err() << GatewayCommandLine::tr("Cannot create the data directory %1").arg(config.dataDir) << Qt::endl;
        return GatewayCommandLine::Failure;
    }

    GatewayServer server(config);
    if (auto started = server.start(); !started) {
        err() << started.error().message << Qt::endl;
        return GatewayCommandLine::Failure;
    }
    ShutdownSignals shutdownSignals;
    QObject::connect(&shutdownSignals, &ShutdownSignals::received, qApp, [](int signal) {
        out() << "tandem-gateway: signal " << signal << ", shutting down" << Qt::endl;
        QCoreApplication::quit();
    });
    // Scripts and tests read this line to learn the port when they asked for port 0.
    out() << "tandem-gateway " << versionString() << " listening on http://" << server.address().toString() << ':'
          << server.port() << " data " << QDir(config.dataDir).absolutePath() << Qt::endl;

    return QCoreApplication::exec() == 0 ? GatewayCommandLine::Success : GatewayCommandLine::Failure;
}

} // namespace

int GatewayCommandLine::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Tandem gateway: accounts, execution systems, batch jobs and interactive sessions over HTTP.\n\n"
           "Commands:\n"
           "  serve    run the server (the default)\n\n"
           "Exit codes: 0 success, 1 failure, 2 usage error."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("data-dir"), tr("Keep accounts, jobs and user homes in <dir>."), tr("dir"),
                      GatewayConfig::defaultDataDir()});
    parser.addOption({QStringLiteral("listen"),
                      tr("Listen on <address:port> (default 127.0.0.1:%1; port 0 picks a free one).")
                          .arg(GatewayConfig::DefaultPort),
                      tr("address:port")});
    parser.addPositionalArgument(QStringLiteral("command"), tr("serve"), tr("[command]"));
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
    err() << GatewayCommandLine::tr("Unknown command \"%1\". Try --help.").arg(positional.join(u' ')) << Qt::endl;
    return UsageError;
}

} // namespace tandem::gateway
