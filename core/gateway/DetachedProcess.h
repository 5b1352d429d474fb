#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace tandem::gateway {

// A process that outlives the gateway (a local job's runner, a session's sshd): started as the leader of a session
// of its own with posix_spawn (not a QProcess, which ends with its owner), recorded as "pid:start time:boot id", found
// again after a restart, and watched through a pidfd, which names one process for good (a PID may be given to another
// once it ended).
namespace DetachedProcess {

// Starts `program` with its standard input on /dev/null, its output and errors on the descriptors given, and
// `keepFd` open under its own number (for bwrap's --bind-fd; -1: none), in `keepFd` as its working directory when
// `chdirToKeepFd`. Returns the PID, or -1 with errno set.
int spawn(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment, int outputFd,
          int errorsFd, int keepFd, bool chdirToKeepFd);
// "pid:start time:boot id" of a running process.
QString identity(int pid);
// A pidfd for the process `identity` names, if that very process still runs (same start time, same boot); -1
// otherwise. `*pid` is its PID then.
int reopen(const QString &identity, int *pid);
int pidfdOpen(int pid);
bool pidfdAlive(int pidfd);
// Sends `signal` through the pidfd (never to a PID that may name another process by now).
bool sendSignal(int pidfd, int signal);

} // namespace DetachedProcess

} // namespace tandem::gateway
