#pragma once

#include "client/GatewayConnection.h"
#include "gateway/GatewayServer.h"

#include <QTemporaryDir>

#include <memory>

namespace tandem::test {

// A GatewayServer in the test's own process on a loopback port (no spawned gateway), with a fresh data directory,
// the real job runner, and a connection for one user signed in over HTTP. For unit tests of routes and of the
// desktop's request classes.
class InProcessGateway
{
public:
    InProcessGateway();
    ~InProcessGateway();

    // Starts the server and signs `name` in (an account with this role is created first); false with a message on
    // failure.
    bool start(const QString &name = QStringLiteral("ada"), gateway::User::Role role = gateway::User::Role::User);
    QString errorString() const { return m_error; }

    gateway::GatewayServer &server() { return *m_server; }
    GatewayConnection &connection() { return *m_connection; }
    QString home() const; // the signed-in user's home on disk

    static constexpr auto Password = "s3cret-enough";

private:
    QTemporaryDir m_data;
    std::unique_ptr<gateway::GatewayServer> m_server;
    std::unique_ptr<GatewayConnection> m_connection;
    QString m_name;
    QString m_error;
};

} // namespace tandem::test
