#include "MainWindow.h"
#include "TourRunner.h"
#include "Version.h"
#include "client/GatewayConnection.h"
#include "common/ConnectionProfiles.h"
#include "common/TokenStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QHostAddress>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

namespace {

// The token the local gateway wrote for this user (its default data directory), so a workstation opens signed in.
QByteArray localToken(const QString &tokenFile)
{
    QString path = tokenFile;
    if (path.isEmpty()) {
        path = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
            + QStringLiteral("/Tandem/tandem-gateway/local-token");
    }
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Tandem"));
    QApplication::setApplicationName(QStringLiteral("tandem"));
    QApplication::setApplicationVersion(tandem::versionString());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Tandem desktop client"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("gateway"), QApplication::translate("main", "Connect to the gateway at <url>."),
                      QApplication::translate("main", "url"), QStringLiteral("http://127.0.0.1:8470")});
    parser.addOption({QStringLiteral("token-file"),
                      QApplication::translate(
                          "main", "Read the access token from <file> (default: the local gateway's token file)."),
                      QApplication::translate("main", "file")});
    parser.addOption(
        {QStringLiteral("screenshot"),
         QApplication::translate("main", "Save a picture of the window to <file> once connected, then quit."),
         QApplication::translate("main", "file")});
    parser.addOption({QStringLiteral("tour"),
                      QApplication::translate("main",
                                              "Compile and run the bundled sample through the window, saving a "
                                              "screenshot of each step into <dir>; exit non-zero on failure."),
                      QApplication::translate("main", "dir")});
    parser.process(app);

    // The gateway: as given, else the profile used last, else the one on this machine.
    QUrl gateway = QUrl::fromUserInput(parser.value(QStringLiteral("gateway")));
    if (!parser.isSet(QStringLiteral("gateway"))) {
        if (const auto profile = tandem::ConnectionProfiles::lastUsed())
            gateway = profile->url;
    }
    tandem::GatewayConnection connection(gateway);
    tandem::TokenStore tokens;
    tandem::MainWindow window(&connection, &tokens);
    window.show();
    // Only a loopback gateway gets the workstation's own token without asking; others use the keychain's, and
    // without one the window asks to sign in.
    QByteArray token;
    if (QHostAddress(gateway.host()).isLoopback() || gateway.host() == u"localhost"
        || parser.isSet(QStringLiteral("token-file")))
        token = localToken(parser.value(QStringLiteral("token-file")));

    if (parser.isSet(QStringLiteral("screenshot"))) {
        const QString file = parser.value(QStringLiteral("screenshot"));
        QObject::connect(&connection, &tandem::GatewayConnection::stateChanged, &window, [&window, file](auto state) {
            if (state == tandem::GatewayConnection::State::Checking)
                return;
            QTimer::singleShot(1000, &window,
                               [&window, file] { QApplication::exit(window.grab().save(file) ? 0 : 1); });
        });
    }
    std::unique_ptr<tandem::TourRunner> tour;
    if (parser.isSet(QStringLiteral("tour"))) {
        tour = std::make_unique<tandem::TourRunner>(&window, &connection, parser.value(QStringLiteral("tour")));
        QObject::connect(tour.get(), &tandem::TourRunner::finished, &app, [&tour](int code, const QString &message) {
            QTextStream(code ? stderr : stdout) << "tandem --tour: " << message << Qt::endl;
            for (const QString &shot : tour->screenshots())
                QTextStream(stdout) << "  " << shot << Qt::endl;
            QApplication::exit(code);
        });
        tour->start();
    }
    if (!token.isEmpty()) {
        connection.setToken(token);
        connection.checkHealth();
    } else {
        tokens.read(gateway.toString(), [&connection](const QByteArray &stored) {
            connection.setToken(stored);
            connection.checkHealth();
        });
    }
    return QApplication::exec();
}
