#pragma once

#include <QFile>

namespace tandem::test {

// A memory figure in kB from /proc/PID/status ("VmRSS" resident, "VmHWM" its peak); -1 if unknown. A pid of 0 is
// this process.
inline qint64 statusKb(qint64 pid, const QByteArray &field)
{
    QFile status(pid == 0 ? QStringLiteral("/proc/self/status") : QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// This process's resident memory in kB, for benchmarks; -1 if unknown.
inline qint64 residentKb()
{
    return statusKb(0, "VmRSS");
}

} // namespace tandem::test
