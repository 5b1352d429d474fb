#include "GatewayRequest.h"

#include "api/ErrorCode.h"

#include "api/HttpStatus.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace tandem {

GatewayRequest::GatewayRequest(QNetworkAccessManager *network, QByteArray verb, const QUrl &url, QByteArray body,
                               QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_request(url)
    , m_verb(std::move(verb))
    , m_requestBody(std::move(body))
{
    m_request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("tandem"));
    if (!m_requestBody.isEmpty())
        m_request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    m_timer.setSingleShot(true);
    m_timer.setInterval(std::chrono::seconds(30));
    connect(&m_timer, &QTimer::timeout, this, &GatewayRequest::onTimeout);
}

void GatewayRequest::setBearerToken(const QByteArray &token)
{
    m_request.setRawHeader("Authorization", "Bearer " + token);
}

void GatewayRequest::setTimeout(std::chrono::milliseconds timeout)
{
    m_timer.setInterval(timeout);
}

void GatewayRequest::start()
{
    m_reply = m_network->sendCustomRequest(m_request, m_verb, m_requestBody);
    connect(m_reply, &QNetworkReply::finished, this, &GatewayRequest::onReplyFinished);
    m_timer.start();
}

void GatewayRequest::onTimeout()
{
    m_timedOut = true;
    if (m_reply)
        m_reply->abort(); // finished() follows from the reply
}

void GatewayRequest::onReplyFinished()
{
    m_timer.stop();
    QNetworkReply *reply = m_reply;
    reply->deleteLater();
    m_httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_body = reply->readAll();

    if (m_timedOut) {
        m_error = Error::make(api::ErrorCode::Timeout,
                              tr("The gateway at %1 did not answer in time.").arg(m_request.url().authority()));
    } else if (m_httpStatus == 0) {
        m_error = Error::make(
            api::ErrorCode::Network,
            tr("Cannot reach the gateway at %1: %2").arg(m_request.url().authority(), reply->errorString()));
    } else {
        QJsonParseError parseError;
        m_json = QJsonDocument::fromJson(m_body, &parseError);
        if (m_httpStatus >= 200 && m_httpStatus < 300) {
            m_succeeded = true;
        } else if (m_json.isObject() && m_json.object().contains(QStringLiteral("error"))) {
            m_error = Error::fromJson(m_json.object(), api::errorKind(m_httpStatus));
        } else {
            m_error = {api::errorKind(m_httpStatus),
                       QStringLiteral("http_%1").arg(m_httpStatus),
                       tr("The gateway answered %1 %2.")
                           .arg(m_httpStatus)
                           .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString()),
                       {}};
        }
    }
    Q_EMIT finished();
}

} // namespace tandem
