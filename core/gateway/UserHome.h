#pragma once

#include "Error.h"

#include <QCoreApplication>
#include <QString>

namespace tandem::gateway {

// One user's persistent home on the gateway: what the terminal sees as $HOME and what Compile/Run pick files from.
// Every path a client names is resolved inside it; anything that could leave it is refused.
class UserHome
{
    Q_DECLARE_TR_FUNCTIONS(UserHome)

public:
    explicit UserHome(QString root);

    const QString &root() const { return m_root; }
    Result<void> ensureExists() const;

    // Checks a relative path ("src/main.c") component by component: no absolute paths, no "..", ".", empty or
    // hidden-control-character names. Does not touch the file system.
    static Result<QString> checkRelativePath(const QString &path, const QString &field);
    // Resolves an existing regular file inside the home, following symlinks only if they stay inside.
    Result<QString> existingFile(const QString &path, const QString &field) const;
    // Whether a canonical path (symlinks resolved) is the home or lies inside it; an empty path never does.
    bool contains(const QString &canonicalPath) const;
    // A file or directory name alone (no '/'), safe to create in a job directory.
    static bool isSafeName(const QString &name);

private:
    QString m_root;
};

} // namespace tandem::gateway
