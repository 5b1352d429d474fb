#include "gateway/UserHome.h"

#include <QDir>
#include <QFileInfo>

namespace tandem::gateway {

UserHome::UserHome(QString root)
    : m_root(std::move(root))
{ }

Result<void> UserHome::ensureExists() const
{
    if (!QDir().mkpath(m_root))
        return std::unexpected(Error::internal(tr("Cannot create the home directory %1.").arg(m_root)));
    return {};
}

bool UserHome::isSafeName(const QString &name)
{
    if (name.isEmpty() || name.size() > 255 || name == u"." || name == u"..")
        return false;
    for (const QChar c : name) {
        if (c == u'/' || c == u'\\' || c.category() == QChar::Other_Control || c == QChar(0x7f))
            return false;
    }
    return true;
}

Result<QString> UserHome::checkRelativePath(const QString &path, const QString &field)
{
    const auto refuse = [&](const QString &why) {
        return std::unexpected(Error::badRequest(
            QStringLiteral("invalid_path"), tr("\"%1\" is not a path inside your home: %2").arg(path, why), field));
    };
    if (path.isEmpty())
        return refuse(tr("it is empty"));
    if (path.startsWith(u'/') || path.startsWith(u'~'))
        return refuse(tr("absolute paths are not allowed; name files relative to your home"));
    if (path.size() > 4096)
        return refuse(tr("it is too long"));
    const QStringList parts = path.split(u'/');
    for (const QString &part : parts) {
        if (part == u"..")
            return refuse(tr("\"..\" is not allowed"));
        if (!isSafeName(part))
            return refuse(tr("it contains an empty, \".\" or control-character component"));
    }
    return parts.join(u'/');
}

bool UserHome::contains(const QString &canonicalPath) const
{
    const QString root = QFileInfo(m_root).canonicalFilePath();
    return !canonicalPath.isEmpty() && !root.isEmpty()
        && (canonicalPath == root || canonicalPath.startsWith(root + u'/'));
}

Result<QString> UserHome::existingFile(const QString &path, const QString &field) const
{
    auto relative = checkRelativePath(path, field);
    if (!relative)
        return std::unexpected(relative.error());
    const QFileInfo info(m_root + u'/' + *relative);
    const QString canonical = info.canonicalFilePath(); // empty when missing; resolves every symlink
    if (canonical.isEmpty() || !info.isFile()) {
        return std::unexpected(Error::badRequest(QStringLiteral("file_not_found"),
                                                 tr("There is no file \"%1\" in your home.").arg(path), field));
    }
    if (!contains(canonical)) {
        return std::unexpected(
            Error::badRequest(QStringLiteral("invalid_path"), tr("\"%1\" points outside your home.").arg(path), field));
    }
    return canonical;
}

} // namespace tandem::gateway
