#pragma once

#include <QStringList>
#include <QTemporaryDir>

namespace tandem::test {

// An ed25519 key pair made by ssh-keygen in a temporary directory, for OpenSSH's own ssh and sftp in tests and
// benchmarks, and the arguments that log in with it without the user's known_hosts, agent or prompts.
class SshKeyFile
{
public:
    SshKeyFile();

    bool isValid() const { return !m_publicLine.isEmpty(); }
    QString privateKeyPath() const { return m_directory.filePath(QStringLiteral("id")); }
    QString publicLine() const { return m_publicLine; } // "ssh-ed25519 AAAA… comment"
    // ssh's options and destination (sftp takes the same, with -P for the port).
    QStringList loginArguments(const QString &host, quint16 port, const QString &userName) const;

private:
    QTemporaryDir m_directory;
    QString m_publicLine;
};

} // namespace tandem::test
