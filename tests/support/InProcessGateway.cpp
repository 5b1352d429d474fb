#include "InProcessGateway.h"

#include "client/GatewayRequest.h"
#include "gateway/Accounts.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

namespace tandem::test {

InProcessGateway::InProcessGateway() = default;

InProcessGateway::~InProcessGateway()
{
    m_connection.reset();
    m_server.reset();
}

bool InProcessGateway::start(const QString &name, gateway::User::Role role)
{
    if (!m_data.isValid()) {
        m_error = QStringLiteral("no temporary directory");
        return false;
    }
    gateway::GatewayConfig config;
    config.dataDir = m_data.path();
    config.listenPort = 0;
    config.localUser = false;
    config.jobRunner = QStringLiteral(TANDEM_JOB_RUNNER_BINARY);
    m_server = std::make_unique<gateway::GatewayServer>(config);
    if (auto started = m_server->start(); !started) {
        m_error = started.error().message;
        return false;
    }
    if (auto user = m_server->accounts().addUser(name, role, QStringLiteral("class-a"), QString::fromLatin1(Password));
        !user) {
        m_error = user.error().message;
        return false;
    }
    m_name = name;
    m_connection
        = std::make_unique<GatewayConnection>(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port())));
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("name"), name},
                                                      {QStringLiteral("password"), QString::fromLatin1(Password)}})
                                .toJson(QJsonDocument::Compact);
    GatewayRequest *signIn = m_connection->request("POST", QStringLiteral("api/v1/auth/token"), body);
    QSignalSpy finished(signIn, &GatewayRequest::finished);
    signIn->start();
    if (!finished.wait(15000) || !signIn->succeeded()) {
        m_error = QStringLiteral("sign-in failed: ") + signIn->error().message;
        return false;
    }
    m_connection->setToken(signIn->json().object().value(QStringLiteral("token")).toString().toUtf8());
    return true;
}

QString InProcessGateway::home() const
{
    return m_server->config().homesRoot() + u'/' + m_name;
}

} // namespace tandem::test
