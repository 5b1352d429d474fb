#pragma once

#include "Error.h"
#include "api/System.h"

#include <QObject>

namespace tandem {

class GatewayConnection;

// The execution systems the gateway offers (queues, compiler presets, launchers, modules), loaded once and shared
// by the Compile and Run forms.
class SystemDirectory : public QObject
{
    Q_OBJECT

public:
    explicit SystemDirectory(GatewayConnection *connection, QObject *parent = nullptr);

    void load();
    const QList<api::System> &systems() const { return m_systems; }
    // The system with this id, or an empty one (no queues, presets or modules) before the list is loaded.
    api::System system(const QString &id) const;
    bool isLoaded() const { return m_loaded; }

Q_SIGNALS:
    void loaded();
    void failed(const tandem::Error &error);

private:
    GatewayConnection *m_connection;
    QList<api::System> m_systems;
    bool m_loaded = false;
};

} // namespace tandem
