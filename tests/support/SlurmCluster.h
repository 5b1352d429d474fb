#pragma once

#include <QDir>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <memory>

namespace tandem::test {

// A real one-node Slurm cluster for a test: munged, slurmctld and slurmd, all run unprivileged as the test's own
// user (SlurmUser and SlurmdUser are that user, the munge socket and every spool, state and log file live in a
// temporary directory, the ports are free ones), each in the foreground as a child of the test and stopped by its
// PID. Jobs run as the test's user, as they would for a community account. The node claims 8 CPUs so that several
// test jobs run at once on a 2-core machine.
class SlurmCluster
{
public:
    SlurmCluster();
    ~SlurmCluster();

    // Starts the three daemons and waits until the node takes jobs; false (with the reason in error()) if not.
    bool start();
    void stop();
    // The controller alone, for a test of the controller going away mid-run (state is kept across).
    void stopController();
    bool startController();

    QString error() const { return m_error; }
    QString directory() const { return m_dir.path(); }
    QString conf() const { return m_dir.filePath(QStringLiteral("slurm.conf")); }
    // Runs a Slurm command (sbatch, squeue, scontrol…) against this cluster; its standard output, or empty.
    QByteArray run(const QString &program, const QStringList &arguments, int *exitCode = nullptr) const;
    // A gateway system entry for this cluster: partitions "normal" (default) and "development", mpicc and srun.
    QJsonObject system(const QString &id) const;
    // Writes a gateway config file with these systems and any other settings; false if it cannot.
    static bool writeGatewayConfig(const QString &file, const QJsonArray &systems, QJsonObject settings = {});

private:
    bool startDaemon(std::unique_ptr<QProcess> &process, const QString &program, const QStringList &arguments);
    bool waitForNode();
    QProcessEnvironment environment() const;

    // In the working directory (the build tree), not /tmp: jobs see it as the nodes of a real cluster see
    // /etc/slurm, so that what keeps them from Slurm is its hidden munge socket alone.
    QTemporaryDir m_dir{QDir::current().absoluteFilePath(QStringLiteral("slurm-XXXXXX"))};
    quint16 m_controllerPort = 0;
    quint16 m_nodePort = 0;
    std::unique_ptr<QProcess> m_munge;
    std::unique_ptr<QProcess> m_controller;
    std::unique_ptr<QProcess> m_node;
    QString m_error;
};

} // namespace tandem::test
