#pragma once

#include <QDirIterator>
#include <QFile>
#include <QMultiHash>
#include <QProcess>
#include <QStringList>
#include <QTcpServer>

#include <memory>

#include <pwd.h>
#include <unistd.h>

namespace tandem::test {

// A TCP port on loopback that nothing listens on now (for a daemon a test starts).
inline quint16 freeLoopbackPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

// The account the test runs as, by its name in the account database.
inline QString userName()
{
    const passwd *entry = ::getpwuid(::getuid());
    return entry ? QString::fromLocal8Bit(entry->pw_name) : QString::number(::getuid());
}

// Every process below `pid` (children, their children…), read from /proc.
inline QList<qint64> descendantsOf(qint64 pid)
{
    QMultiHash<qint64, qint64> children;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString dir = it.next();
        bool isPid = false;
        const qint64 child = it.fileName().toLongLong(&isPid);
        QFile stat(dir + QStringLiteral("/stat"));
        if (!isPid || !stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray state = stat.readAll();
        const qsizetype close = state.lastIndexOf(')');
        if (close > 0) // "pid (name) S ppid …"
            children.insert(state.mid(close + 2).split(' ').value(1).toLongLong(), child);
    }
    QList<qint64> found;
    QList<qint64> next{pid};
    while (!next.isEmpty()) {
        const QList<qint64> below = children.values(next.takeLast());
        found += below;
        next += below;
    }
    return found;
}

// Stops a daemon the test started: SIGTERM to its PID, SIGKILL if it has not ended within 15 s.
inline void stopProcess(std::unique_ptr<QProcess> &process)
{
    if (!process)
        return;
    if (process->state() != QProcess::NotRunning) {
        process->terminate();
        if (!process->waitForFinished(15000)) {
            process->kill();
            process->waitForFinished(5000);
        }
    }
    process.reset();
}

// Processes whose command line holds `marker`, seen from outside any sandbox (zombies, already dead, left out).
inline QStringList processesWith(const QString &marker)
{
    QStringList found;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString dir = it.next();
        bool isPid = false;
        it.fileName().toInt(&isPid);
        if (!isPid)
            continue;
        QFile cmdline(dir + QStringLiteral("/cmdline"));
        QFile stat(dir + QStringLiteral("/stat"));
        if (!cmdline.open(QIODevice::ReadOnly) || !stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = cmdline.readAll();
        const QByteArray state = stat.readAll();
        const qsizetype close = state.lastIndexOf(')');
        if (line.contains(marker.toUtf8()) && close > 0 && state.mid(close + 2, 1) != "Z")
            found << it.fileName();
    }
    return found;
}

} // namespace tandem::test
