#include "SlurmCluster.h"
#include "Processes.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

#include <pwd.h>
#include <unistd.h>

namespace tandem::test {

SlurmCluster::SlurmCluster() = default;

SlurmCluster::~SlurmCluster()
{
    stop();
}

QProcessEnvironment SlurmCluster::environment() const
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"));
    env.insert(QStringLiteral("SLURM_CONF"), conf());
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    return env;
}

bool SlurmCluster::startDaemon(std::unique_ptr<QProcess> &process, const QString &program, const QStringList &arguments)
{
    process = std::make_unique<QProcess>();
    process->setProcessEnvironment(environment());
    process->setWorkingDirectory(m_dir.path());
    process->setStandardOutputFile(m_dir.filePath(QStringLiteral("log/%1.out").arg(program)));
    process->setStandardErrorFile(m_dir.filePath(QStringLiteral("log/%1.out").arg(program)), QIODevice::Append);
    process->start(QStringLiteral("/usr/sbin/") + program, arguments);
    if (!process->waitForStarted(5000)) {
        m_error = QStringLiteral("%1 did not start: %2").arg(program, process->errorString());
        return false;
    }
    return true;
}

bool SlurmCluster::start()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory");
        return false;
    }
    for (const char *sub : {"state", "spool", "log", "run"})
        QDir(m_dir.path()).mkpath(QString::fromLatin1(sub));
    // munged wants every directory on the way to its socket searchable by all (a QTemporaryDir is 0700).
    const auto searchable = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
        | QFileDevice::ExeGroup | QFileDevice::ExeOther;
    QFile::setPermissions(m_dir.path(), searchable);
    QFile::setPermissions(m_dir.filePath(QStringLiteral("run")), searchable);
    m_controllerPort = freeLoopbackPort();
    m_nodePort = freeLoopbackPort();
    const QString dir = m_dir.path();

    // munge's key: 1 KB of random bytes, readable only by its owner (munged checks).
    QFile key(m_dir.filePath(QStringLiteral("munge.key")));
    QFile random(QStringLiteral("/dev/urandom"));
    if (!key.open(QIODevice::WriteOnly) || !random.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("cannot write the munge key");
        return false;
    }
    key.write(random.read(1024));
    key.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    key.close();

    const QString user = userName();
    QFile config(conf());
    if (!config.open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("cannot write slurm.conf");
        return false;
    }
    config.write(QStringLiteral(R"(ClusterName=tandemtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=%1
SlurmdPort=%2
SlurmUser=%3
SlurmdUser=%3
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=%4/run/munge.socket
StateSaveLocation=%4/state
SlurmdSpoolDir=%4/spool
SlurmctldPidFile=%4/run/slurmctld.pid
SlurmdPidFile=%4/run/slurmd.pid
SlurmctldLogFile=%4/log/slurmctld.log
SlurmdLogFile=%4/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=sched_interval=1,batch_sched_delay=0,sched_min_interval=0
EnforcePartLimits=ALL
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=%4/log/jobcomp.log
MinJobAge=600
ReturnToService=2
MpiDefault=none
SlurmdParameters=config_overrides
KillWait=2
NodeName=localhost NodeAddr=127.0.0.1 CPUs=8 RealMemory=1000 State=UNKNOWN
PartitionName=normal Nodes=localhost Default=YES MaxTime=INFINITE State=UP
PartitionName=development Nodes=localhost MaxTime=00:30:00 DefaultTime=00:10:00 State=UP
)")
                     .arg(m_controllerPort)
                     .arg(m_nodePort)
                     .arg(user, dir)
                     .toUtf8());
    config.close();
    QFile cgroup(m_dir.filePath(QStringLiteral("cgroup.conf")));
    if (cgroup.open(QIODevice::WriteOnly))
        cgroup.write("CgroupPlugin=disabled\n");
    cgroup.close();

    if (!startDaemon(m_munge, QStringLiteral("munged"),
                     {QStringLiteral("-F"), QStringLiteral("--key-file=") + key.fileName(),
                      QStringLiteral("--socket=") + dir + QStringLiteral("/run/munge.socket"),
                      QStringLiteral("--pid-file=") + dir + QStringLiteral("/run/munged.pid"),
                      QStringLiteral("--log-file=") + dir + QStringLiteral("/log/munged.log"),
                      QStringLiteral("--seed-file=") + dir + QStringLiteral("/run/munge.seed")}))
        return false;
    // munged is ready once its socket exists.
    QDeadlineTimer ready(10000);
    while (!QFile::exists(dir + QStringLiteral("/run/munge.socket")) && !ready.hasExpired()
           && m_munge->state() == QProcess::Running)
        QThread::msleep(20);
    if (!QFile::exists(dir + QStringLiteral("/run/munge.socket"))) {
        QFile log(m_dir.filePath(QStringLiteral("log/munged.out")));
        log.open(QIODevice::ReadOnly);
        m_error = QStringLiteral("munged did not start: ") + QString::fromUtf8(log.readAll().right(1500));
        return false;
    }
    if (!startController())
        return false;
    if (!startDaemon(m_node, QStringLiteral("slurmd"),
                     {QStringLiteral("-D"), QStringLiteral("-N"), QStringLiteral("localhost")}))
        return false;
    return waitForNode();
}

bool SlurmCluster::startController()
{
    return startDaemon(m_controller, QStringLiteral("slurmctld"), {QStringLiteral("-D"), QStringLiteral("-i")});
}

void SlurmCluster::stopController()
{
    stopProcess(m_controller);
}

bool SlurmCluster::waitForNode()
{
    QDeadlineTimer deadline(30000);
    QByteArray state;
    while (!deadline.hasExpired()) {
        state = run(QStringLiteral("sinfo"), {QStringLiteral("-h"), QStringLiteral("-o"), QStringLiteral("%T")})
                    .trimmed();
        if (state.startsWith("idle") || state.startsWith("mixed") || state.startsWith("allocated"))
            return true;
        QThread::msleep(200);
    }
    m_error = QStringLiteral("the node did not come up (sinfo: %1)").arg(QString::fromUtf8(state));
    for (const char *name :
         {"munged.out", "munged.log", "slurmctld.out", "slurmctld.log", "slurmd.out", "slurmd.log"}) {
        QFile log(m_dir.filePath(QStringLiteral("log/") + QLatin1StringView(name)));
        if (log.open(QIODevice::ReadOnly))
            m_error += QStringLiteral("\n--- %1:\n%2")
                           .arg(QLatin1StringView(name), QString::fromUtf8(log.readAll().right(1500)));
    }
    return false;
}

void SlurmCluster::stop()
{
    // Jobs first (their steps are slurmd's children), then the daemons, each by its own PID.
    if (m_controller && m_node)
        run(QStringLiteral("scancel"), {QStringLiteral("--user=") + userName()});
    stopProcess(m_node);
    stopProcess(m_controller);
    stopProcess(m_munge);
}

QByteArray SlurmCluster::run(const QString &program, const QStringList &arguments, int *exitCode) const
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(program, arguments);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
    }
    if (exitCode)
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return process.readAllStandardOutput();
}

QJsonObject SlurmCluster::system(const QString &id) const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), QStringLiteral("Test cluster")},
        {QStringLiteral("scheduler"), QStringLiteral("slurm")},
        {QStringLiteral("queues"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("normal")},
                                {QStringLiteral("maxNodes"), 1},
                                {QStringLiteral("coresPerNode"), 8},
                                {QStringLiteral("maxMinutes"), 120},
                                {QStringLiteral("default"), true}},
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("development")},
                                {QStringLiteral("maxNodes"), 1},
                                {QStringLiteral("coresPerNode"), 8},
                                {QStringLiteral("maxMinutes"), 30}}}},
        {QStringLiteral("compilePresets"),
         QJsonObject{{QStringLiteral("mpi-c"), QJsonArray{QStringLiteral("mpicc")}},
                     {QStringLiteral("serial-c"), QJsonArray{QStringLiteral("gcc")}}}},
        {QStringLiteral("launchers"),
         QJsonObject{{QStringLiteral("direct"), QJsonArray{}},
                     {QStringLiteral("bash"), QJsonArray{QStringLiteral("/bin/bash")}},

                     {QStringLiteral("srun"),
                      QJsonArray{QStringLiteral("srun"), QStringLiteral("--mpi=pmix"), QStringLiteral("-n"),
                                 QStringLiteral("{cores}")}}}},
        // MPI's tasks, each in a sandbox of its own, reach each other over the network
        {QStringLiteral("network"), true},
        {QStringLiteral("slurm"),
         QJsonObject{{QStringLiteral("conf"), conf()},
                     {QStringLiteral("pollMilliseconds"), 250},
                     // the munge socket: no job may reach it (it would start Slurm jobs as this account)
                     {QStringLiteral("hidden"),
                      QJsonArray{m_dir.filePath(QStringLiteral("run")), m_dir.filePath(QStringLiteral("spool"))}}}}};
}

bool SlurmCluster::writeGatewayConfig(const QString &file, const QJsonArray &systems, QJsonObject settings)
{
    settings.insert(QStringLiteral("systems"), systems);
    QFile config(file);
    return config.open(QIODevice::WriteOnly) && config.write(QJsonDocument(settings).toJson()) > 0;
}

} // namespace tandem::test
