#pragma once

#include "Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace tandem::gateway {

// The files of one session's sshd, in the gateway's own folder for it (never a user's): a host key of its own, an
// authorized_keys with only the client's key, the group file sshd needs in a user namespace, the login that joins
// the tab's tmux session, tmux's settings and sshd_config. Shared by the local and the Slurm session backends.
class SessionFiles
{
    Q_DECLARE_TR_FUNCTIONS(SessionFiles)

public:
    // Writes them into `dir` (which exists), as the session sees them at `inside`; sshd listens on `listen` at
    // `port` (0: given on sshd's command line). Returns the host key's fingerprint ("SHA256:…").
    static Result<QString> write(const QString &dir, const QString &inside, qint64 sessionId, const QString &userName,
                                 const QByteArray &publicKey, const QString &listen, quint16 port);
    // Replaces the one key the session accepts: written aside and renamed, so a login never sees half a key.
    static bool replaceKey(const QString &dir, const QByteArray &publicKey);
};

} // namespace tandem::gateway
