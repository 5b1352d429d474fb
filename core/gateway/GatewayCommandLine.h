#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace tandem::gateway {

// The `tandem-gateway` command line: parses the arguments, runs the command and returns the process exit code.
// Exit codes: 0 success, 1 runtime failure, 2 usage error.
class GatewayCommandLine
{
    Q_DECLARE_TR_FUNCTIONS(GatewayCommandLine)

public:
    enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

    static int run(const QStringList &arguments);
};

} // namespace tandem::gateway
