#pragma once

#include "Error.h"
#include "api/System.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace tandem::gateway {

struct Queue
{
    QString name;
    int maxNodes = 1;
    int coresPerNode = 1;
    int maxMinutes = 60;
    bool isDefault = false;
};

// A cluster's login node, where the gateway runs Slurm's commands over SSH (one connection for all of the system's
// jobs) and stages each job's files by SFTP.
struct LoginNode
{
    QString host;
    int port = 22;
    QString user; // the community account all jobs run as
    QString keyFile; // the gateway's private key for it (OpenSSH format, no passphrase)
    // The host key: its SHA-256 fingerprint, else the host's entry in a known_hosts file. Never learnt on first use.
    QString hostKey;
    QString knownHosts;
    // Where the jobs' folders go there: <root>/<user>/<job's folder>; relative to the account's home unless absolute.
    QString root = QStringLiteral("tandem");
    // tandem-job-run as the nodes see it: every job runs in its sandbox there, as on a Slurm system reached directly;
    // and bubblewrap there (found on the nodes' PATH unless given).
    QString runner;
    QString bwrap = QStringLiteral("bwrap");
    // Tandem users with a login of their own there (the IPT gateway's community account is the default).
    struct Account
    {
        QString user;
        QString keyFile;
    };
    QMap<QString, Account> accounts;

    bool isSet() const { return !host.isEmpty(); }
};

// How the gateway reaches a Slurm system's controller (scheduler "slurm").
struct SlurmAccess
{
    QString conf; // SLURM_CONF for sbatch, squeue and scancel; empty: Slurm's default
    QString binDir; // where those commands are; empty: PATH
    int pollMilliseconds = 1000; // one squeue for all of the system's jobs this often
    // The queues are Slurm's partitions with their limits (scontrol show partition), read again now and then,
    // instead of the config's; defaultQueue names the default one (Slurm's JSON does not say), else the first.
    bool queuesFromSlurm = false;
    QString defaultQueue;
    // Places no job or session may see, beyond /run/munge: where this system's munge socket is when elsewhere.
    QStringList hidden;
    // Set: Slurm is reached on this login node over SSH rather than on the gateway's machine.
    LoginNode login;
};

// One execution system: where jobs run, with what compilers and launchers.
struct System
{
    QString id;
    QString displayName;
    QString scheduler; // "local" or "slurm"
    QList<Queue> queues;
    // Programming model id ("serial-c", "mpi-c", "openmp-cxx", "cuda", …) → compiler argv prefix.
    QMap<QString, QStringList> compilePresets;
    // Launcher id ("direct", "mpirun", "srun", "ibrun") → argv prefix; "{cores}" and "{nodes}" are substituted.
    QMap<QString, QStringList> launchers;
    QStringList modules;
    QMap<QString, QString> environment;
    bool network = false; // jobs may open network connections (otherwise they run in their own network namespace)
    SlurmAccess slurm;

    const Queue *queue(const QString &name) const;
    const Queue *defaultQueue() const;
    // As the API shows it; available and isolation are for the caller to say.
    api::System toApi() const;
    static Result<System> fromJson(const QJsonObject &object);
};

// The systems jobs can target: the detected `local` system plus those from the config file.
class SystemCatalog
{
    Q_DECLARE_TR_FUNCTIONS(SystemCatalog)

public:
    // The embedded `local` system, offering only the compilers and launchers found on PATH.
    static System detectLocal(int cores);
    // Adds the config file's systems (a system of the same id replaces it); stops at the first invalid one.
    Result<void> load(const QJsonArray &systems);
    void add(System system);
    // A system's queues as its scheduler gives them now.
    void setQueues(const QString &id, const QList<Queue> &queues);

    const System *find(const QString &id) const;
    const QList<System> &systems() const { return m_systems; }

private:
    QList<System> m_systems;
};

// The display names of the programming models, in the order the forms list them.
QList<std::pair<QString, QString>> programmingModels();

} // namespace tandem::gateway
