#include "support/SshKeyFile.h"

#include <QFile>
#include <QProcess>

namespace tandem::test {

SshKeyFile::SshKeyFile()
{
    QProcess keygen;
    keygen.start(QStringLiteral("ssh-keygen"),
                 {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                  QString(), QStringLiteral("-f"), privateKeyPath()});
    if (!m_directory.isValid() || !keygen.waitForFinished(30000) || keygen.exitCode() != 0)
        return;
    QFile publicKey(privateKeyPath() + QStringLiteral(".pub"));
    if (publicKey.open(QIODevice::ReadOnly))
        m_publicLine = QString::fromUtf8(publicKey.readAll()).trimmed();
}

QStringList SshKeyFile::loginArguments(const QString &host, quint16 port, const QString &userName) const
{
    return {QStringLiteral("-i"),  privateKeyPath(),
            QStringLiteral("-p"),  QString::number(port),
            QStringLiteral("-o"),  QStringLiteral("BatchMode=yes"),
            QStringLiteral("-o"),  QStringLiteral("StrictHostKeyChecking=no"),
            QStringLiteral("-o"),  QStringLiteral("UserKnownHostsFile=/dev/null"),
            QStringLiteral("-o"),  QStringLiteral("LogLevel=ERROR"),
            userName + u'@' + host};
}

} // namespace tandem::test
