#pragma once

#include <QDirIterator>
#include <QFile>
#include <QStringList>

namespace tandem::test {

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
