#pragma once

#include "Error.h"
#include "gateway/ConfinedDir.h"

#include <QCoreApplication>
#include <QString>

namespace tandem::gateway {

// One user's persistent home on the gateway: what the terminal sees as $HOME and what Compile/Run pick files from.
// Every path a client names is resolved inside it by the confined file layer; links are never followed.
class UserHome
{
    Q_DECLARE_TR_FUNCTIONS(UserHome)

public:
    explicit UserHome(QString root);

    const QString &root() const { return m_root; }
    // The home's directory, made (mode 0700) when missing.
    Result<ConfinedDir> open() const;
    Result<void> ensureExists() const;

    // Checks a relative path ("src/main.c") component by component: no absolute paths, no "..", ".", empty or
    // hidden-control-character names. Does not touch the file system.
    static Result<QString> checkRelativePath(const QString &path, const QString &field)
    {
        return ConfinedDir::checkRelativePath(path, field);
    }
    // An existing regular file inside the home (not a link, nor through one): its checked relative path.
    Result<QString> existingFile(const QString &path, const QString &field) const;
    // A file or directory name alone (no '/'), safe to create in a job directory.
    static bool isSafeName(const QString &name) { return ConfinedDir::isSafeName(name); }

private:
    QString m_root;
};

} // namespace tandem::gateway
