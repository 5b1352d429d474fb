#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QUrl>

namespace tandem::test {

// A blocking-looking REST client for tests: each call runs the event loop until the reply arrives, so the gateway
// under test (another process) and any in-process objects keep working meanwhile.
class ApiClient
{
public:
    struct Response
    {
        int status = 0;
        QByteArray body;
        QJsonObject json;
        QByteArray contentType;
        QString errorField() const
        {
            return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString();
        }
        QString errorCode() const
        {
            return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
        }
    };

    ApiClient(QUrl baseUrl, QByteArray token = {});

    void setToken(const QByteArray &token) { m_token = token; }
    void setBaseUrl(const QUrl &baseUrl) { m_baseUrl = baseUrl; }
    // Benchmarks time requests without the (client-side) contract check.
    void setContractChecks(bool enabled) { m_checkContract = enabled; }
    Response call(const QByteArray &verb, const QString &path, const QByteArray &body = {},
                  const QByteArray &contentType = "application/json", int timeoutMs = 60000);
    Response get(const QString &path) { return call("GET", path); }
    Response post(const QString &path, const QJsonObject &json);
    Response put(const QString &path, const QByteArray &data)
    {
        return call("PUT", path, data, "application/octet-stream");
    }

    // Sends the request line exactly as given, bypassing the URL normalisation of QUrl (for "..", "%2e%2e").
    Response rawGet(const QByteArray &pathAsIs);

    // An account, made by this (admin) client through the API; the status tells whether it was created (201).
    Response createUser(const QString &name, const QString &password, const QString &role = QStringLiteral("user"),
                        const QString &group = {});
    // Signs in and keeps the token.
    bool login(const QString &name, const QString &password);
    // Polls the job until it reaches a final status or the timeout passes; returns the last job JSON.
    QJsonObject waitUntilFinal(qint64 jobId, int timeoutMs = 60000);
    QJsonObject waitForStatus(qint64 jobId, const QString &status, int timeoutMs = 30000);
    // The system's entry in GET /api/v1/systems (empty when it is not listed).
    QJsonObject system(const QString &id);

    QUrl url(const QString &path) const;
    const QByteArray &token() const { return m_token; }

private:
    void checkContract(const QByteArray &verb, const QString &path, const Response &response) const;

    QUrl m_baseUrl;
    QByteArray m_token;
    bool m_checkContract = true;
    QNetworkAccessManager m_network;
};

} // namespace tandem::test
