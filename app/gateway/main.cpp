#include "Version.h"
#include "gateway/GatewayCommandLine.h"

#include <QCoreApplication>

#include <fcntl.h>

int main(int argc, char *argv[])
{
    // Standard input, output and error are always open (on /dev/null when the gateway was started without them):
    // otherwise the next file it opens would take their number, and a job started with its outputs on 1 and 2
    // would overwrite it.
    for (int fd = 0; fd <= 2; ++fd) {
        if (::fcntl(fd, F_GETFD) == -1)
            ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Tandem"));
    QCoreApplication::setApplicationName(QStringLiteral("tandem-gateway"));
    QCoreApplication::setApplicationVersion(tandem::versionString());
    return tandem::gateway::GatewayCommandLine::run(QCoreApplication::arguments());
}
