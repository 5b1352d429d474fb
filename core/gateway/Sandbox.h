#pragma once

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace tandem::gateway {

// What jobs and sessions run in: a bubblewrap sandbox that shows them a read-only system and nothing of the
// gateway — not its data directory (other users' homes, the database, tokens), not the gateway's OS user's home,
// not /home, not /run/user (no session bus: `systemd-run --user` finds nothing), not its environment. Probed once
// at start-up; when bubblewrap cannot create namespaces here, jobs and sessions are refused unless the operator
// opted in to running them unsandboxed (a single-user workstation).
class Sandbox
{
    Q_DECLARE_TR_FUNCTIONS(Sandbox)

public:
    Sandbox(QStringList hiddenPaths, bool allowUnsandboxed);

    // bubblewrap works here.
    bool isAvailable() const { return !m_bwrap.isEmpty(); }
    // Jobs and sessions may run: sandboxed, or unsandboxed by the operator's explicit choice.
    bool mayRun() const { return isAvailable() || m_allowUnsandboxed; }
    const QString &bwrap() const { return m_bwrap; }
    // Why bubblewrap does not work here (empty when it does).
    const QString &problem() const { return m_problem; }
    // The refusal a job or session gets when it may not run.
    QString refusal() const;

    // bwrap's arguments before the program: read-only system, private /tmp and /dev/shm, PID, IPC and UTS
    // namespaces, the gateway's places masked by empty read-only folders, then the job's or session's own `binds`
    // (which may lie inside a masked place). `network` false adds a network namespace of its own (loopback only).
    QStringList arguments(bool network, const QStringList &binds = {}) const;
    // The places every sandbox masks besides the gateway's own: homes and runtime folders of all accounts, and
    // Slurm's credentials (the munge socket, slurmd's and slurmstepd's sockets).
    static QStringList sharedPlaces();
    // A sandbox whose masks are decided where it runs (a cluster's node), since what exists there cannot be checked
    // from here. nodeArguments() is as arguments(), with the masks and their read-only remounts left as two
    // placeholders; nodePrologue() is the bash that finds, on that machine, which of `places` exist and fills them
    // in; withNodeMasks() turns the placeholders of a command line (JobPlan::displayCommand) into its arrays.
    // Places in `bound` are masked but not remounted read-only (a bind replaces them: a session's home).
    static QStringList nodeArguments(bool network, const QStringList &binds);
    // (Its tests are builtins called as such: a function of the same name from the environment cannot stand in.)
    static QString nodePrologue(QStringList places, const QStringList &bound = {});
    static QString withNodeMasks(QString commandLine);
    // What a node's sandbox masks for a gateway whose own places are `hiddenPaths` (by their names and real names),
    // with the shared places and the gateway's OS account's home.
    static QStringList nodePlaces(const QStringList &hiddenPaths);
    // The environment a job or session starts with: an allow-list, nothing of the gateway's own.
    static QProcessEnvironment environment(const QString &home, const QString &userName);
    // The gateway's OS account from the account database (getpwuid), not from $USER or $HOME.
    static QString osUserName();
    static QString osUserHome();

private:
    static QStringList baseArguments();
    static QStringList namespaceArguments(bool network);

    QString m_bwrap;
    QString m_problem;
    QStringList m_hidden;
    bool m_allowUnsandboxed = false;
};

} // namespace tandem::gateway
