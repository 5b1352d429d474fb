#include "gateway/DetachedProcess.h"

#include <QFile>

#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace tandem::gateway::DetachedProcess {

namespace {

// The start time of a process (field 22 of /proc/PID/stat, in clock ticks since boot): with the PID it names one
// process, never a later one that was given the same PID. Empty when there is no such process (or only a zombie).
QByteArray startTime(int pid)
{
    // The kernel's file, not a user's: read as it is.
    const QByteArray path = "/proc/" + QByteArray::number(pid) + "/stat";
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    char buffer[1024];
    const ssize_t size = ::read(fd, buffer, sizeof buffer);
    ::close(fd);
    if (size <= 0)
        return {};
    const QByteArray line(buffer, size);
    const qsizetype close = line.lastIndexOf(')'); // the command name may hold spaces and parentheses
    if (close < 0)
        return {};
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    // After the name: state is field 3, start time field 22.
    if (fields.size() < 20 || fields[0] == "Z")
        return {};
    return fields[19];
}

// This boot of the machine: a PID and start time name one process only within it.
QByteArray bootId()
{
    static const QByteArray id = [] {
        const int fd = ::open("/proc/sys/kernel/random/boot_id", O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return QByteArray();
        char buffer[64];
        const ssize_t size = ::read(fd, buffer, sizeof buffer);
        ::close(fd);
        return size > 0 ? QByteArray(buffer, size).trimmed() : QByteArray();
    }();
    return id;
}

} // namespace

int spawn(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment, int outputFd,
          int errorsFd, int keepFd, bool chdirToKeepFd)
{
    QList<QByteArray> argvBytes{QFile::encodeName(program)};
    for (const QString &argument : arguments)
        argvBytes << argument.toLocal8Bit();
    QList<QByteArray> envBytes;
    for (const QString &name : environment.keys())
        envBytes << (name + u'=' + environment.value(name)).toLocal8Bit();
    QList<char *> argv, envp;
    for (QByteArray &argument : argvBytes)
        argv << argument.data();
    argv << nullptr;
    for (QByteArray &variable : envBytes)
        envp << variable.data();
    envp << nullptr;

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, outputFd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, errorsFd, STDERR_FILENO);
    if (keepFd >= 0) // the same number: open across exec, for bwrap's --bind-fd
        posix_spawn_file_actions_adddup2(&actions, keepFd, keepFd);
    if (keepFd >= 0 && chdirToKeepFd) // unsandboxed by the operator's choice: the job directory, by its descriptor
        posix_spawn_file_actions_addfchdir_np(&actions, keepFd);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid = -1;
    const int failed = posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(), envp.data());
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    if (failed != 0) {
        errno = failed;
        return -1;
    }
    return pid;
}

// pidfds through syscall(): Debian 13's <sys/pidfd.h> declares them without C linkage for C++.
int pidfdOpen(int pid)
{
    return int(::syscall(SYS_pidfd_open, pid, 0));
}

bool pidfdAlive(int pidfd)
{
    return sendSignal(pidfd, 0);
}

bool sendSignal(int pidfd, int signal)
{
    return ::syscall(SYS_pidfd_send_signal, pidfd, signal, nullptr, 0) == 0;
}

QString identity(int pid)
{
    return QStringLiteral("%1:%2:%3").arg(pid).arg(QString::fromLatin1(startTime(pid)), QString::fromLatin1(bootId()));
}

int reopen(const QString &identity, int *pid)
{
    const QStringList parts = identity.split(u':');
    bool isNumber = false;
    *pid = parts.size() == 3 ? parts[0].toInt(&isNumber) : 0;
    if (!isNumber || *pid <= 0)
        return -1;
    // The pidfd first, then the check: an open pidfd names this process for good, whatever the PID becomes.
    const int pidfd = pidfdOpen(*pid);
    // Empty parts (a process already gone when it was recorded, a zombie now) name nothing.
    if (pidfd >= 0 && !parts[1].isEmpty() && !parts[2].isEmpty() && startTime(*pid) == parts[1].toLatin1()
        && bootId() == parts[2].toLatin1())
        return pidfd;
    if (pidfd >= 0)
        ::close(pidfd);
    return -1;
}

} // namespace tandem::gateway::DetachedProcess
