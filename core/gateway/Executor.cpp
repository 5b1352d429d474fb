#include "gateway/Executor.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace tandem::gateway {

QString Executor::exitMessage(int exitCode)
{
    return exitCode > 128 ? tr("Ended by signal %1.").arg(exitCode - 128) : tr("Exited with code %1.").arg(exitCode);
}

bool removeFile(const ConfinedDir &directory, const QString &name)
{
    // A folder the job made under the name stays (a recursive delete of a million entries would hold up every
    // user); a file or a link (never followed) goes.
    const auto entry = directory.entry(name);
    if (!entry || entry->type == ConfinedEntry::Type::Directory)
        return !entry;
    return bool(directory.remove(name));
}

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
            if (signal < 0 || signal > 64) // the job may have written it: only a real signal number counts
                signal = 0;
            if (signal > 0)
                exitCode = 128 + signal;
        }
    }
    removeFile(directory, name);
    return exitCode;
}

} // namespace tandem::gateway
