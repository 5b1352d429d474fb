#include "common/ConnectionProfiles.h"

#include <QSettings>

namespace tandem {

QList<ConnectionProfile> ConnectionProfiles::load()
{
    QSettings settings;
    QList<ConnectionProfile> profiles;
    const int count = settings.beginReadArray(QStringLiteral("profiles"));
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        profiles.append({settings.value(QStringLiteral("name")).toString(),
                         settings.value(QStringLiteral("url")).toUrl(),
                         settings.value(QStringLiteral("user")).toString()});
    }
    settings.endArray();
    return profiles;
}

void ConnectionProfiles::save(const QList<ConnectionProfile> &profiles)
{
    QSettings settings;
    settings.remove(QStringLiteral("profiles"));
    settings.beginWriteArray(QStringLiteral("profiles"), int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), profiles[i].name);
        settings.setValue(QStringLiteral("url"), profiles[i].url);
        settings.setValue(QStringLiteral("user"), profiles[i].userName);
    }
    settings.endArray();
}

void ConnectionProfiles::setLastUsed(const QString &name)
{
    QSettings().setValue(QStringLiteral("lastProfile"), name);
}

std::optional<ConnectionProfile> ConnectionProfiles::lastUsed()
{
    const QString name = QSettings().value(QStringLiteral("lastProfile")).toString();
    for (const ConnectionProfile &profile : load()) {
        if (profile.name == name)
            return profile;
    }
    return std::nullopt;
}

namespace {

// "https://host" and "https://host/" are one gateway (QUrl::StripTrailingSlash keeps a lone "/").
QString gatewayKey(const QUrl &url)
{
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    return url.scheme().toLower() + QStringLiteral("://") + url.host().toLower() + u':'
        + QString::number(url.port(url.scheme() == u"https" ? 443 : 80)) + path;
}

} // namespace

std::optional<ConnectionProfile> ConnectionProfiles::find(const QUrl &url)
{
    for (const ConnectionProfile &profile : load()) {
        if (gatewayKey(profile.url) == gatewayKey(url))
            return profile;
    }
    return std::nullopt;
}

} // namespace tandem
