#include "gateway/UserHome.h"

#include "api/ErrorCode.h"

namespace tandem::gateway {

UserHome::UserHome(QString root)
    : m_root(std::move(root))
{ }

Result<ConfinedDir> UserHome::open() const
{
    return ConfinedDir::openRoot(m_root, true);
}

Result<void> UserHome::ensureExists() const
{
    auto home = open();
    if (!home)
        return std::unexpected(home.error());
    return {};
}

Result<QString> UserHome::existingFile(const QString &path, const QString &field) const
{
    auto relative = checkRelativePath(path, field);
    if (!relative)
        return std::unexpected(relative.error());
    auto home = open();
    if (!home)
        return std::unexpected(home.error());
    auto entry = home->entry(*relative);
    if (entry && entry->type == ConfinedEntry::Type::File)
        return *relative;
    if (entry && entry->type == ConfinedEntry::Type::Link) {
        return std::unexpected(Error::make(
            api::ErrorCode::InvalidPath,
            tr("\"%1\" is a symbolic link; Tandem never follows links, so name the file itself.").arg(path), field));
    }
    if (!entry && entry.error().is(api::ErrorCode::LinkRefused)) {
        return std::unexpected(
            Error::make(api::ErrorCode::InvalidPath,
                        tr("\"%1\" passes through a symbolic link; Tandem never follows links.").arg(path), field));
    }
    return std::unexpected(
        Error::make(api::ErrorCode::FileNotFound, tr("There is no file \"%1\" in your home.").arg(path), field));
}

} // namespace tandem::gateway
