#include "MainWindow.h"
#include "Version.h"
#include "client/GatewayConnection.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

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
    parser.addOption(
        {QStringLiteral("screenshot"),
         QApplication::translate("main", "Save a picture of the window to <file> once connected, then quit."),
         QApplication::translate("main", "file")});
    parser.process(app);

    tandem::GatewayConnection connection(QUrl::fromUserInput(parser.value(QStringLiteral("gateway"))));
    tandem::MainWindow window(&connection);
    window.show();

    if (parser.isSet(QStringLiteral("screenshot"))) {
        const QString file = parser.value(QStringLiteral("screenshot"));
        QObject::connect(&connection, &tandem::GatewayConnection::stateChanged, &window, [&window, file](auto state) {
            if (state == tandem::GatewayConnection::State::Checking)
                return;
            QTimer::singleShot(300, &window, [&window, file] {
                const bool saved = window.grab().save(file);
                QApplication::exit(saved ? 0 : 1);
            });
        });
    }
    connection.checkHealth();
    return QApplication::exec();
}
