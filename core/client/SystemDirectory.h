#pragma once

#include "Error.h"

#include <QJsonArray>
#include <QJsonObject>
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
    const QJsonArray &systems() const { return m_systems; }
    QJsonObject system(const QString &id) const;
    bool isLoaded() const { return m_loaded; }

Q_SIGNALS:
    void loaded();
    void failed(const tandem::Error &error);

private:
    GatewayConnection *m_connection;
    QJsonArray m_systems;
    bool m_loaded = false;
};

} // namespace tandem
