#include "gateway/Sandbox.h"

#include "gateway/JobPlan.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <algorithm>

#include <pwd.h>
#include <unistd.h>

namespace tandem::gateway {

namespace {

// Placeholders in a node sandbox's arguments, replaced by the arrays nodePrologue() fills.
const QString MasksWord = QStringLiteral("TANDEM_NODE_MASKS");
const QString ReadOnlyWord = QStringLiteral("TANDEM_NODE_READ_ONLY");

const passwd *account()
{
    return ::getpwuid(::getuid());
}

} // namespace

QString Sandbox::osUserName()
{
    const passwd *entry = account();
    return entry && entry->pw_name ? QString::fromLocal8Bit(entry->pw_name) : QString::number(::getuid());
}

QString Sandbox::osUserHome()
{
    const passwd *entry = account();
    return entry && entry->pw_dir ? QString::fromLocal8Bit(entry->pw_dir) : QString();
}

Sandbox::Sandbox(QStringList hiddenPaths, bool allowUnsandboxed)
    : m_allowUnsandboxed(allowUnsandboxed)
{
    // The gateway's own places (by their names and real names: a link to one must not show it), its OS account's
    // home, then what every account has: those that exist here.
    for (const QString &place : nodePlaces(hiddenPaths)) {
        if (QFileInfo::exists(place))
            m_hidden << place;
    }
    m_hidden.removeDuplicates();
    // A parent masked before its child: bwrap applies them in order, so the child's tmpfs lands on the parent's (the
    // OS account's home stays an empty read-only folder inside an empty /home: a write there fails, it never lands).
    std::sort(m_hidden.begin(), m_hidden.end(), [](const QString &a, const QString &b) { return a.size() < b.size(); });

    const QString bwrap = QStandardPaths::findExecutable(QStringLiteral("bwrap"));
    if (bwrap.isEmpty()) {
        m_problem = tr("bubblewrap (bwrap) is not installed");
        return;
    }
    QProcess probe;
    probe.setProcessEnvironment(environment(QStringLiteral("/"), osUserName()));
    probe.start(bwrap, arguments(false) + QStringList{QStringLiteral("--"), QStringLiteral("true")});
    if (probe.waitForFinished(10000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0) {
        m_bwrap = bwrap;
    } else {
        m_problem = tr("bubblewrap cannot create namespaces here (%1)")
                        .arg(QString::fromUtf8(probe.readAllStandardError()).trimmed());
    }
}

QStringList Sandbox::sharedPlaces()
{
    return {QStringLiteral("/home"), QStringLiteral("/run/user"), QStringLiteral("/root"), QStringLiteral("/var/tmp"),
            QStringLiteral("/media"), QStringLiteral("/mnt"), QStringLiteral("/srv"),
            QStringLiteral("/run/docker.sock"),
            // Slurm's credentials: with the munge socket, a job could start Slurm jobs and steps
            // as the account the gateway submits with, outside any sandbox
            QStringLiteral("/run/munge"), QStringLiteral("/var/run/munge"),
            // and its node daemons' sockets (auth/slurm's, and every step's slurmstepd, which trusts any process of
            // the job's account)
            QStringLiteral("/run/slurm"), QStringLiteral("/run/slurmd"), QStringLiteral("/var/run/slurm"),
            QStringLiteral("/var/spool/slurmd"), QStringLiteral("/var/spool/slurm")};
}

QStringList Sandbox::baseArguments()
{
    // The private /tmp and /dev/shm are memory: bounded, so one job cannot take the machine's.
    const QString scratch = QString::number(qint64(1) << 30);
    return {QStringLiteral("--ro-bind"),
            QStringLiteral("/"),
            QStringLiteral("/"),
            QStringLiteral("--dev"),
            QStringLiteral("/dev"),
            QStringLiteral("--proc"),
            QStringLiteral("/proc"),
            QStringLiteral("--size"),
            scratch,
            QStringLiteral("--tmpfs"),
            QStringLiteral("/tmp"),
            QStringLiteral("--size"),
            scratch,
            QStringLiteral("--tmpfs"),
            QStringLiteral("/dev/shm")};
}

QStringList Sandbox::namespaceArguments(bool network)
{
    QStringList args{QStringLiteral("--unshare-pid"), QStringLiteral("--unshare-ipc"), QStringLiteral("--unshare-uts"),
                     QStringLiteral("--die-with-parent")};
    if (!network)
        args << QStringLiteral("--unshare-net");
    return args;
}

QStringList Sandbox::nodeArguments(bool network, const QStringList &binds)
{
    return baseArguments() + QStringList{MasksWord} + binds + QStringList{ReadOnlyWord} + namespaceArguments(network);
}

QString Sandbox::nodePrologue(QStringList places, const QStringList &bound)
{
    places.removeAll(QString());
    places.removeDuplicates();
    // A place inside another masked one is hidden with it (and its mount point would show there).
    places.removeIf([&places](const QString &place) {
        return std::any_of(places.cbegin(), places.cend(), [&place](const QString &other) {
            return place != other && place.startsWith(other.endsWith(u'/') ? other : other + u'/');
        });
    });
    // A parent before its child, as in arguments().
    std::sort(places.begin(), places.end(), [](const QString &a, const QString &b) { return a.size() < b.size(); });
    // A folder becomes an empty read-only one, a file an empty one; what does not exist there is left alone.
    QString prologue = QStringLiteral("tandem_masks=()\ntandem_readonly=()\n"
                                      "tandem_mask() {\n"
                                      "  if builtin [ -d \"$1\" ]; then\n"
                                      "    tandem_masks+=(--size 1048576 --tmpfs \"$1\")\n"
                                      "    builtin [ -n \"$2\" ] || tandem_readonly+=(--remount-ro \"$1\")\n"
                                      "  elif builtin [ -e \"$1\" ]; then\n"
                                      "    tandem_masks+=(--ro-bind /dev/null \"$1\")\n"
                                      "  fi\n"
                                      "}\n");
    for (const QString &place : std::as_const(places)) {
        QStringList call{QStringLiteral("tandem_mask"), place};
        if (bound.contains(place))
            call << QStringLiteral("bound");
        prologue += JobPlan::displayCommand(call) + u'\n';
    }
    return prologue;
}

QString Sandbox::withNodeMasks(QString commandLine)
{
    // The first of each: a program's own words come after the sandbox's, and stay as they are.
    const qsizetype masks = commandLine.indexOf(MasksWord);
    if (masks >= 0)
        commandLine.replace(masks, MasksWord.size(), QStringLiteral("\"${tandem_masks[@]}\""));
    const qsizetype readOnly = commandLine.indexOf(ReadOnlyWord);
    if (readOnly >= 0)
        commandLine.replace(readOnly, ReadOnlyWord.size(), QStringLiteral("\"${tandem_readonly[@]}\""));
    return commandLine;
}

QStringList Sandbox::nodePlaces(const QStringList &hiddenPaths)
{
    QStringList places = sharedPlaces();
    for (const QString &path : hiddenPaths) {
        if (path.isEmpty())
            continue;
        places << QFileInfo(path).absoluteFilePath();
        const QString real = QFileInfo(path).canonicalFilePath();
        if (!real.isEmpty())
            places << real;
    }
    const QString osHome = osUserHome();
    if (!osHome.isEmpty() && osHome != u"/")
        places << osHome;
    return places;
}

QString Sandbox::refusal() const
{
    return tr("%1, and this gateway runs nothing unsandboxed: an operator may allow that on a single-user "
              "workstation with --allow-unsandboxed.")
        .arg(m_problem);
}

QStringList Sandbox::arguments(bool network, const QStringList &binds) const
{
    QStringList args = baseArguments();
    for (const QString &hidden : m_hidden) {
        if (QFileInfo(hidden).isDir())
            args << QStringLiteral("--size") << QString::number(1 << 20) << QStringLiteral("--tmpfs") << hidden;
        else // a file of the gateway's (its TLS key, its config): an empty one in its place
            args << QStringLiteral("--ro-bind") << QStringLiteral("/dev/null") << hidden;
    }
    args << binds;
    // Read-only once the binds have their mount points: a write there fails instead of vanishing with the sandbox.
    // A masked place that a bind replaced (a session's home bound where the OS account's home was) stays as bound.
    QStringList bound;
    for (qsizetype i = 0; i + 2 < binds.size(); ++i) {
        if (binds[i].startsWith(QStringLiteral("--")) && binds[i].contains(QStringLiteral("bind")))
            bound << binds[i + 2];
    }
    for (const QString &hidden : m_hidden) {
        if (!bound.contains(hidden) && QFileInfo(hidden).isDir())
            args << QStringLiteral("--remount-ro") << hidden;
    }
    return args + namespaceArguments(network);
}

QProcessEnvironment Sandbox::environment(const QString &home, const QString &userName)
{
    // Nothing is inherited but what a program needs to behave normally: no gateway variables, no tokens, no
    // session bus address.
    const QProcessEnvironment gateway = QProcessEnvironment::systemEnvironment();
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"),
               gateway.value(QStringLiteral("PATH"), QStringLiteral("/usr/local/bin:/usr/bin:/bin")));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("USER"), userName);
    env.insert(QStringLiteral("LOGNAME"), userName);
    env.insert(QStringLiteral("SHELL"), QStringLiteral("/bin/bash"));
    env.insert(QStringLiteral("TMPDIR"), QStringLiteral("/tmp"));
    for (const QString &name : {QStringLiteral("LANG"), QStringLiteral("LC_ALL"), QStringLiteral("TZ")}) {
        if (gateway.contains(name))
            env.insert(name, gateway.value(name));
    }
    return env;
}

} // namespace tandem::gateway
