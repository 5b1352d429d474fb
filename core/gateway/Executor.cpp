#include "gateway/Executor.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace tandem::gateway {

int readRunnerUsage(const ConfinedDir &directory, ExecutionResult &result, int &signal)
{
    const QString name = QStringLiteral(".tandem-rusage.json");
    int exitCode = -1;
    if (auto fd = directory.openForReading(name)) {
        QFile rusage;
        if (rusage.open(fd->release(), QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
            // The job could have written this file itself: read a bounded amount, trust only numbers.
            const QJsonObject usage = QJsonDocument::fromJson(rusage.read(4096)).object();
            result.maxRssKb = usage.value(QStringLiteral("maxRssKb")).toInteger(-1);
            result.cpuMs = usage.value(QStringLiteral("cpuMs")).toInteger(-1);
            signal = usage.value(QStringLiteral("signal")).toInt();
            exitCode = usage.value(QStringLiteral("exitCode")).toInt(-1);
            if (signal > 0)
                exitCode = 128 + signal;
        }
    }
    directory.remove(name);
    return exitCode;
}

} // namespace tandem::gateway
