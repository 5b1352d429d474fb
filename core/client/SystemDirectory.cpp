#include "client/SystemDirectory.h"

#include "client/GatewayApi.h"

namespace tandem {

SystemDirectory::SystemDirectory(GatewayConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{ }

void SystemDirectory::load()
{
    SystemsApi(*m_connection).list(this, [this](const Result<QList<api::System>> &systems) {
        if (!systems) {
            Q_EMIT failed(systems.error());
            return;
        }
        m_systems = *systems;
        m_loaded = true;
        Q_EMIT loaded();
    });
}

api::System SystemDirectory::system(const QString &id) const
{
    for (const api::System &system : m_systems) {
        if (system.id == id)
            return system;
    }
    return {};
}

} // namespace tandem
