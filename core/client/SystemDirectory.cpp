#include "client/SystemDirectory.h"

#include "api/Routes.h"

#include "client/GatewayConnection.h"
#include "client/GatewayRequest.h"

namespace tandem {

SystemDirectory::SystemDirectory(GatewayConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{ }

void SystemDirectory::load()
{
    m_connection->call("GET", api::routes::systems(), {}, this, [this](const GatewayRequest &reply) {
        if (!reply.succeeded()) {
            Q_EMIT failed(reply.error());
            return;
        }
        m_systems = reply.json().object().value(QStringLiteral("systems")).toArray();
        m_loaded = true;
        Q_EMIT loaded();
    });
}

QJsonObject SystemDirectory::system(const QString &id) const
{
    for (const QJsonValue &value : m_systems) {
        if (value.toObject().value(QStringLiteral("id")).toString() == id)
            return value.toObject();
    }
    return {};
}

} // namespace tandem
