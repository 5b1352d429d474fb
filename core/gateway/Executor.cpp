#include "gateway/Executor.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace tandem::gateway {

void readRunnerUsage(const ConfinedDir &directory, ExecutionResult &result, int &signal)
{
    const QString name = QStringLiteral(".tandem-rusage.json");
    if (auto fd = directory.openForReading(name)) {
        QFile rusage;
        if (rusage.open(fd->release(), QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
            // The job could have written this file itself: read a bounded amount, trust only numbers.
            const QJsonObject usage = QJsonDocument::fromJson(rusage.read(4096)).object();
            result.maxRssKb = usage.value(QStringLiteral("maxRssKb")).toInteger(-1);
            result.cpuMs = usage.value(QStringLiteral("cpuMs")).toInteger(-1);
            signal = usage.value(QStringLiteral("signal")).toInt();
        }
    }
    directory.remove(name);
}

} // namespace tandem::gateway
