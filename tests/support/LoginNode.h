#pragma once

#include "support/SshKeyFile.h"

#include <QDir>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <memory>

namespace tandem::test {

// A cluster's login node for a test: a real OpenSSH sshd, run unprivileged as the test's own user on a free loopback
// port with a host key of its own, that lets in only the gateway's key (made here too). Started and stopped by PID.
// Commands run there as the test's user, as they would for a community account; the Slurm cluster of the same test
// is reachable from there.
class LoginNode
{
public:
    LoginNode();
    ~LoginNode();

    // Starts sshd (again, on the same port and with the same keys, after stop()).
    bool start();
    // Stops sshd and ends every connection to it, as a node going down would.
    void stop();
    QString error() const { return m_error; }

    quint16 port() const { return m_port; }
    QString userName() const;
    QString hostKeyFingerprint() const { return m_fingerprint; } // "SHA256:…"
    QString keyFile() const { return m_gatewayKey.privateKeyPath(); }
    // Where the gateway puts the jobs' folders there.
    QString root() const { return m_dir.filePath(QStringLiteral("cluster")); }
    // A known_hosts file with this node's entry ("[127.0.0.1]:port ssh-ed25519 …"), written on first use.
    QString knownHostsFile();
    // Lets another key in too (a user's own account there: the same OS account here, known by its key).
    bool authorize(const QString &publicLine);
    // What sshd logged ("Accepted publickey for … ED25519 SHA256:…").
    QString log() const;
    // The SHA-256 fingerprint of a public key file, as ssh-keygen -l prints it.
    static QString fingerprintOf(const QString &publicKeyFile);
    // The "login" part of a Slurm system's config entry, with `runner` as the nodes' tandem-job-run.
    QJsonObject login(const QString &runner) const;

private:
    bool prepare();

    // In the build tree, like the Slurm cluster's files: the jobs' sandboxes do not mask it as they mask /tmp.
    QTemporaryDir m_dir{QDir::current().absoluteFilePath(QStringLiteral("login-XXXXXX"))};
    SshKeyFile m_gatewayKey;
    quint16 m_port = 0;
    QString m_fingerprint;
    QString m_hostPublicLine;
    std::unique_ptr<QProcess> m_sshd;
    QString m_error;
};

} // namespace tandem::test
