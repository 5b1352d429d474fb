#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QUrl>

namespace tandem {

// Saved gateways: a name, the gateway's address and the user name to sign in with. Kept in the desktop's settings;
// tokens are not here but in the keychain, keyed by the address.
struct ConnectionProfile
{
    QString name;
    QUrl url;
    QString userName;
};

} // namespace tandem

Q_DECLARE_METATYPE(tandem::ConnectionProfile)

namespace tandem {

class ConnectionProfiles
{
public:
    static QList<ConnectionProfile> load();
    static void save(const QList<ConnectionProfile> &profiles);
    static void setLastUsed(const QString &name);
    static std::optional<ConnectionProfile> lastUsed();
    static std::optional<ConnectionProfile> find(const QUrl &url);
};

} // namespace tandem
