#include "GatewayProcess.h"
#include "Processes.h"

#include <csignal>

#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QtTest>

namespace tandem::test {

GatewayProcess::GatewayProcess()
{
    m_process.setProgram(QStringLiteral(TANDEM_GATEWAY_BINARY));
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
}

GatewayProcess::GatewayProcess(const QString &dataDir)
    : GatewayProcess()
{
    m_existingDataDir = dataDir;
}

GatewayProcess::~GatewayProcess()
{
    stop();
    // What outlives a gateway (sessions' sshds, local jobs' runners) names its data directory: ended with the test.
    for (const QString &pid : processesWith(dataDir() + u'/'))
        ::kill(pid.toInt(), SIGKILL);
}

quint16 GatewayProcess::unusedLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

bool GatewayProcess::start(const QStringList &extraArguments)
{
    m_output.clear();
    m_process.setArguments(QStringList{QStringLiteral("--data-dir"), dataDir(), QStringLiteral("serve"),
                                       QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}
                           + extraArguments);
    m_process.start();
    if (!m_process.waitForStarted(5000))
        return false;
    // The gateway prints "… listening on http://127.0.0.1:PORT …" once its socket is bound.
    static const QRegularExpression listening(QStringLiteral("listening on (https?://\\S+)"));
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        m_process.waitForReadyRead(100);
        m_output += QString::fromUtf8(m_process.readAllStandardOutput());
        if (const auto match = listening.match(m_output); match.hasMatch()) {
            m_baseUrl = QUrl(match.captured(1));
            return true;
        }
    }
    m_output += QString::fromUtf8(m_process.readAllStandardError());
    qWarning().noquote() << "tandem-gateway did not start:" << m_output;
    return false;
}

void GatewayProcess::kill()
{
    m_process.kill();
    m_process.waitForFinished(5000);
}

QByteArray GatewayProcess::localToken() const
{
    QFile file(dataDir() + QStringLiteral("/local-token"));
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
}

void GatewayProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning) {
        m_output += QString::fromUtf8(m_process.readAllStandardOutput());
        return;
    }
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    m_output += QString::fromUtf8(m_process.readAllStandardOutput());
}

bool writeLoopbackCertificate(const QString &dir)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                   QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-keyout"), dir + QStringLiteral("/key.pem"), QStringLiteral("-out"),
                   dir + QStringLiteral("/cert.pem"), QStringLiteral("-days"), QStringLiteral("1"),
                   QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1")});
    return openssl.waitForFinished(30000) && openssl.exitStatus() == QProcess::NormalExit && openssl.exitCode() == 0;
}

} // namespace tandem::test
