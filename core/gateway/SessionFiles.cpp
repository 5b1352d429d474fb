#include "gateway/SessionFiles.h"

#include <QFile>
#include <QProcess>
#include <QSaveFile>

namespace tandem::gateway {

namespace {

QString runSync(const QString &program, const QStringList &arguments, bool *ok)
{
    // Only for ssh-keygen on a fresh key: milliseconds, before the session's process exists.
    QProcess process;
    process.start(program, arguments);
    *ok = process.waitForFinished(10000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    return QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace

Result<QString> SessionFiles::write(const QString &dir, const QString &inside, qint64 sessionId,
                                    const QString &userName, const QByteArray &publicKey, const QString &listen,
                                    quint16 port)
{
    bool ok = false;
    runSync(QStringLiteral("ssh-keygen"),
            {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"), QString(),
             QStringLiteral("-C"), QStringLiteral("tandem-session-%1").arg(sessionId), QStringLiteral("-f"),
             dir + QStringLiteral("/host_key")},
            &ok);
    if (!ok)
        return std::unexpected(Error::internal(tr("Cannot make the session's host key (ssh-keygen).")));
    const QString fingerprint = runSync(QStringLiteral("ssh-keygen"),
                                        {QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("sha256"),
                                         QStringLiteral("-f"), dir + QStringLiteral("/host_key.pub")},
                                        &ok)
                                    .section(u' ', 1, 1);
    if (!ok || !fingerprint.startsWith(QStringLiteral("SHA256:")))
        return std::unexpected(Error::internal(tr("Cannot read the session's host key fingerprint.")));

    QFile keys(dir + QStringLiteral("/authorized_keys"));
    if (!keys.open(QIODevice::WriteOnly) || keys.write(publicKey.trimmed() + '\n') < 0)
        return std::unexpected(Error::internal(tr("Cannot write the session's authorized_keys.")));
    keys.close();
    // sshd chowns a login's PTY to the group "tty", which the sandbox's user namespace does not map: show it a group
    // file without that line, and sshd keeps the user's own group.
    QFile groups(QStringLiteral("/etc/group"));
    QFile filtered(dir + QStringLiteral("/group"));
    if (groups.open(QIODevice::ReadOnly) && filtered.open(QIODevice::WriteOnly)) {
        for (const QByteArray &line : groups.readAll().split('\n')) {
            if (!line.startsWith("tty:") && !line.isEmpty())
                filtered.write(line + '\n');
        }
    }
    filtered.close();

    // The login: a command runs as asked (sftp-server included); an interactive login joins its persistent tmux
    // session, one per terminal tab (TANDEM_TAB, digits only), so a dropped connection or a restarted desktop finds
    // the same shell with its programs and screen. tmux's server lives in the sandbox's private /tmp.
    QFile login(dir + QStringLiteral("/login"));
    QFile tmuxConfig(dir + QStringLiteral("/tmux.conf"));
    if (!login.open(QIODevice::WriteOnly) || !tmuxConfig.open(QIODevice::WriteOnly))
        return std::unexpected(Error::internal(tr("Cannot write the session's login files.")));
    login.write(QStringLiteral("#!/bin/sh\n"
                               "if [ -n \"$SSH_ORIGINAL_COMMAND\" ]; then\n"
                               "  exec \"${SHELL:-/bin/sh}\" -c \"$SSH_ORIGINAL_COMMAND\"\n"
                               "fi\n"
                               "if [ -t 0 ] && command -v tmux >/dev/null; then\n"
                               "  case \"$TANDEM_TAB\" in ''|*[!0-9]*) TANDEM_TAB=1 ;; esac\n"
                               "  exec tmux -u -f %1/tmux.conf new-session -A -s \"tab$TANDEM_TAB\"\n"
                               "fi\n"
                               "exec \"${SHELL:-/bin/sh}\" -l\n")
                    .arg(inside)
                    .toUtf8());
    login.setPermissions(QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    login.close();
    // No status bar and no alternate screen, so the session looks like a plain terminal whose scrollback keeps
    // what scrolled by; no escape delay, so Esc in vi is immediate.
    tmuxConfig.write("set -g status off\n"
                     "set -g history-limit 10000\n"
                     "set -g default-terminal tmux-256color\n"
                     "set -g escape-time 0\n"
                     "set -g window-size latest\n"
                     "set -ga terminal-overrides ',xterm*:smcup@:rmcup@'\n");
    tmuxConfig.close();

    QFile config(dir + QStringLiteral("/sshd_config"));
    if (!config.open(QIODevice::WriteOnly))
        return std::unexpected(Error::internal(tr("Cannot write the session's sshd configuration.")));
    config.write(
        QStringLiteral("%1ListenAddress %5\nHostKey %2/host_key\nAuthorizedKeysFile %2/authorized_keys\n"
                       "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\nPermitRootLogin no\n"
                       "PerSourcePenalties no\nPidFile none\nStrictModes no\nAllowUsers %3\nPrintMotd no\n"
                       "SetEnv TANDEM_SESSION=%4\nAcceptEnv TANDEM_TAB\nForceCommand %2/login\n"
                       "Subsystem sftp /usr/lib/openssh/sftp-server\nClientAliveInterval 30\n"
                       // errors only: a flood of connections to its port must not fill the gateway's disk
                       "LogLevel ERROR\n")
            .arg(port > 0 ? QStringLiteral("Port %1\n").arg(port) : QString())
            .arg(inside, userName)
            .arg(sessionId)
            .arg(listen)
            .toUtf8());
    config.close();

    return fingerprint;
}

bool SessionFiles::replaceKey(const QString &dir, const QByteArray &publicKey)
{
    // sshd reads the file at each login; written aside and renamed, a login never sees half a key.
    QSaveFile keys(dir + QStringLiteral("/authorized_keys"));
    return keys.open(QIODevice::WriteOnly) && keys.write(publicKey.trimmed() + '\n') > 0 && keys.commit();
}

} // namespace tandem::gateway
