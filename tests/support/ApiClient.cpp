#include "ApiClient.h"

#include "api/JobStatus.h"

#include "OpenApiContract.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTimer>
#include <QtTest>

namespace tandem::test {

ApiClient::ApiClient(QUrl baseUrl, QByteArray token)
    : m_baseUrl(std::move(baseUrl))
    , m_token(std::move(token))
{ }

QUrl ApiClient::url(const QString &path) const
{
    QUrl url = m_baseUrl;
    const qsizetype question = path.indexOf(u'?');
    url.setPath(question < 0 ? path : path.left(question));
    if (question >= 0)
        url.setQuery(path.mid(question + 1));
    return url;
}

ApiClient::Response ApiClient::call(const QByteArray &verb, const QString &path, const QByteArray &body,
                                    const QByteArray &contentType, int timeoutMs)
{
    QNetworkRequest request(url(path));
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    if (!body.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    Response response;
    if (!reply->isFinished()) {
        reply->abort();
        qWarning() << "request timed out:" << verb << path;
    }
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    response.contentType = reply->rawHeader("Content-Type");
    response.json = QJsonDocument::fromJson(response.body).object();
    reply->deleteLater();
    checkContract(verb, url(path).path(), response);
    return response;
}

ApiClient::Response ApiClient::createUser(const QString &name, const QString &password, const QString &role,
                                          const QString &group)
{
    QJsonObject body{
        {QStringLiteral("name"), name}, {QStringLiteral("password"), password}, {QStringLiteral("role"), role}};
    if (!group.isEmpty())
        body.insert(QStringLiteral("group"), group);
    return post(QStringLiteral("/api/v1/users"), body);
}

ApiClient::Response ApiClient::post(const QString &path, const QJsonObject &json)
{
    return call("POST", path, QJsonDocument(json).toJson(QJsonDocument::Compact));
}

ApiClient::Response ApiClient::rawGet(const QByteArray &pathAsIs)
{
    QTcpSocket socket;
    socket.connectToHost(m_baseUrl.host(), quint16(m_baseUrl.port()));
    Response response;
    if (!socket.waitForConnected(5000))
        return response;
    socket.write("GET " + pathAsIs + " HTTP/1.1\r\nHost: " + m_baseUrl.host().toLatin1() + "\r\nAuthorization: Bearer "
                 + m_token + "\r\nConnection: close\r\n\r\n");
    QByteArray raw;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(5000))
        raw += socket.readAll();
    raw += socket.readAll();
    // "HTTP/1.1 400 Bad Request\r\n…\r\n\r\nBODY"
    response.status = raw.mid(9, 3).toInt();
    response.body = raw.mid(raw.indexOf("\r\n\r\n") + 4);
    response.json = QJsonDocument::fromJson(response.body).object();
    const qsizetype typeAt = raw.indexOf("Content-Type: ");
    response.contentType = typeAt < 0 ? QByteArray() : raw.mid(typeAt + 14, raw.indexOf("\r\n", typeAt) - typeAt - 14);
    checkContract("GET", QString::fromUtf8(pathAsIs), response);
    return response;
}

void ApiClient::checkContract(const QByteArray &verb, const QString &path, const Response &response) const
{
    if (!m_checkContract)
        return;
    // Every response a test receives must be one the OpenAPI document describes.
    if (response.status == 0)
        return; // no answer at all; the test's own checks report it
    const QString problem
        = OpenApiContract::instance().check(verb, path, response.status, response.contentType, response.body);
    if (!problem.isEmpty())
        QTest::qFail(qPrintable(QStringLiteral("OpenAPI contract: ") + problem), __FILE__, __LINE__);
}

bool ApiClient::login(const QString &name, const QString &password)
{
    m_token.clear();
    const Response response = post(QStringLiteral("/api/v1/auth/token"),
                                   {{QStringLiteral("name"), name}, {QStringLiteral("password"), password}});
    if (response.status != 201)
        return false;
    m_token = response.json.value(QStringLiteral("token")).toString().toLatin1();
    return !m_token.isEmpty();
}

QJsonObject ApiClient::waitUntilFinal(qint64 jobId, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QJsonObject job;
    while (!deadline.hasExpired()) {
        job = get(QStringLiteral("/api/v1/jobs/%1").arg(jobId)).json;
        if (api::isFinalStatus(job.value(QStringLiteral("status")).toString()))
            return job;
        QTest::qWait(50);
    }
    return job;
}

QJsonObject ApiClient::waitForStatus(qint64 jobId, const QString &status, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QJsonObject job;
    while (!deadline.hasExpired()) {
        job = get(QStringLiteral("/api/v1/jobs/%1").arg(jobId)).json;
        if (job.value(QStringLiteral("status")).toString() == status)
            return job;
        QTest::qWait(50);
    }
    return job;
}

QJsonObject ApiClient::system(const QString &id)
{
    for (const QJsonValue &system : get(QStringLiteral("/api/v1/systems")).json[u"systems"].toArray()) {
        if (system[u"id"].toString() == id)
            return system.toObject();
    }
    return {};
}

} // namespace tandem::test
