#include "Version.h"
#include "gateway/GatewayCommandLine.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Tandem"));
    QCoreApplication::setApplicationName(QStringLiteral("tandem-gateway"));
    QCoreApplication::setApplicationVersion(tandem::versionString());
    return tandem::gateway::GatewayCommandLine::run(QCoreApplication::arguments());
}
