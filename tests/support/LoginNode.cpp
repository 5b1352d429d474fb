#include "support/LoginNode.h"
#include "support/Processes.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QTcpSocket>
#include <QThread>

#include <signal.h>

namespace tandem::test {

LoginNode::LoginNode() = default;

LoginNode::~LoginNode()
{
    stop();
}

QString LoginNode::userName() const
{
    return test::userName();
}

bool LoginNode::start()
{
    if (m_port == 0 && !prepare())
        return false;
    m_sshd = std::make_unique<QProcess>();
    m_sshd->setStandardOutputFile(m_dir.filePath(QStringLiteral("sshd.log")), QIODevice::Append);
    m_sshd->setStandardErrorFile(m_dir.filePath(QStringLiteral("sshd.log")), QIODevice::Append);
    m_sshd->start(QStringLiteral("/usr/sbin/sshd"),
                  {QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"),
                   m_dir.filePath(QStringLiteral("sshd_config"))});
    if (!m_sshd->waitForStarted(5000)) {
        m_error = QStringLiteral("sshd did not start: ") + m_sshd->errorString();
        return false;
    }
    // Ready once it accepts connections.
    QDeadlineTimer ready(10000);
    while (!ready.hasExpired() && m_sshd->state() == QProcess::Running) {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, m_port);
        if (probe.waitForConnected(200))
            return true;
        QThread::msleep(50);
    }
    QFile log(m_dir.filePath(QStringLiteral("sshd.log")));
    log.open(QIODevice::ReadOnly);
    m_error = QStringLiteral("sshd does not listen: ") + QString::fromUtf8(log.readAll());
    return false;
}

bool LoginNode::prepare()
{
    if (!m_dir.isValid() || !m_gatewayKey.isValid()) {
        m_error = QStringLiteral("no temporary directory or gateway key");
        return false;
    }
    QDir(m_dir.path()).mkpath(QStringLiteral("cluster"));
    const QString hostKey = m_dir.filePath(QStringLiteral("host_key"));
    QProcess keygen;
    keygen.start(QStringLiteral("ssh-keygen"),
                 {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                  QString(), QStringLiteral("-f"), hostKey});
    if (!keygen.waitForFinished(30000) || keygen.exitCode() != 0) {
        m_error = QStringLiteral("ssh-keygen failed: ") + QString::fromUtf8(keygen.readAllStandardError());
        return false;
    }
    m_fingerprint = fingerprintOf(hostKey + QStringLiteral(".pub"));
    QFile publicKey(hostKey + QStringLiteral(".pub"));
    if (publicKey.open(QIODevice::ReadOnly))
        m_hostPublicLine = QString::fromUtf8(publicKey.readAll()).trimmed().section(u' ', 0, 1);
    QFile authorized(m_dir.filePath(QStringLiteral("authorized_keys")));
    if (!m_fingerprint.startsWith(u"SHA256:") || !authorized.open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("no host key fingerprint or authorized_keys");
        return false;
    }
    authorized.write(m_gatewayKey.publicLine().toUtf8() + '\n');
    authorized.close();

    m_port = freeLoopbackPort();
    QFile config(m_dir.filePath(QStringLiteral("sshd_config")));
    if (!config.open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("cannot write sshd_config");
        return false;
    }
    config.write(QStringLiteral("Port %1\nListenAddress 127.0.0.1\nHostKey %2\nAuthorizedKeysFile %3\n"
                                "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
                                "PerSourcePenalties no\nPidFile none\nStrictModes no\nAllowUsers %4\nPrintMotd no\n"
                                "Subsystem sftp internal-sftp\nMaxSessions 50\nMaxStartups 50\n")
                     .arg(m_port)
                     .arg(hostKey, authorized.fileName(), userName())
                     .toUtf8());
    config.close();
    return true;
}

void LoginNode::stop()
{
    if (!m_sshd)
        return;
    // The node goes down with every connection to it: sshd's children (one per connection) first.
    for (const qint64 child : descendantsOf(m_sshd->processId()))
        ::kill(pid_t(child), SIGKILL);
    stopProcess(m_sshd);
}

QString LoginNode::fingerprintOf(const QString &publicKeyFile)
{
    QProcess keygen;
    keygen.start(
        QStringLiteral("ssh-keygen"),
        {QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("sha256"), QStringLiteral("-f"), publicKeyFile});
    keygen.waitForFinished(30000);
    return QString::fromUtf8(keygen.readAllStandardOutput()).section(u' ', 1, 1);
}

bool LoginNode::authorize(const QString &publicLine)
{
    QFile authorized(m_dir.filePath(QStringLiteral("authorized_keys")));
    return authorized.open(QIODevice::Append) && authorized.write(publicLine.toUtf8() + '\n') > 0;
}

QString LoginNode::log() const
{
    QFile file(m_dir.filePath(QStringLiteral("sshd.log")));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QString LoginNode::knownHostsFile()
{
    const QString path = m_dir.filePath(QStringLiteral("known_hosts"));
    QFile file(path);
    if (!file.exists() && file.open(QIODevice::WriteOnly))
        file.write(QStringLiteral("[127.0.0.1]:%1 %2\n").arg(m_port).arg(m_hostPublicLine).toUtf8());
    return path;
}

QJsonObject LoginNode::login(const QString &runner) const
{
    return {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
            {QStringLiteral("port"), int(m_port)},
            {QStringLiteral("user"), userName()},
            {QStringLiteral("keyFile"), keyFile()},
            {QStringLiteral("hostKey"), m_fingerprint},
            {QStringLiteral("root"), root()},
            {QStringLiteral("runner"), runner}};
}

} // namespace tandem::test
