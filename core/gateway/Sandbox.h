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
    // bwrap's arguments for a sandbox on another machine (a cluster's node), where what exists cannot be checked from
    // here: as arguments(), with the masks and their read-only remounts given as the words `masks` and `readOnly`,
    // which the script that runs bwrap there expands to what it found (see SlurmExecutor).
    static QStringList nodeArguments(bool network, const QStringList &binds, const QString &masks,
                                     const QString &readOnly);
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
