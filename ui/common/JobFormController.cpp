#include "common/JobFormController.h"

#include "api/Routes.h"

#include "client/GatewayConnection.h"
#include "client/GatewayRequest.h"
#include "common/MessageBanner.h"

#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>

namespace tandem {

JobFormController::JobFormController(GatewayConnection *connection, std::function<QJsonObject()> spec, QLabel *preview,
                                     QPushButton *submit, MessageBanner *banner, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_spec(std::move(spec))
    , m_preview(preview)
    , m_submit(submit)
    , m_banner(banner)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &JobFormController::requestPreview);
    connect(m_submit, &QPushButton::clicked, this, &JobFormController::submit);
    m_submit->setEnabled(false);
}

void JobFormController::addField(const QString &field, QLabel *errorLabel)
{
    errorLabel->setWordWrap(true);
    errorLabel->setStyleSheet(QStringLiteral("color: #b01c1c;"));
    errorLabel->hide();
    m_errorLabels.insert(field, errorLabel);
}

QString JobFormController::fieldError(const QString &field) const
{
    QLabel *label = m_errorLabels.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

void JobFormController::schedulePreview()
{
    m_debounce.start();
}

void JobFormController::showErrors(const QString &field, const QString &message)
{
    for (auto it = m_errorLabels.cbegin(); it != m_errorLabels.cend(); ++it) {
        const bool mine = it.key() == field;
        it.value()->setText(mine ? message : QString());
        it.value()->setVisible(mine);
    }
}

void JobFormController::requestPreview()
{
    const int generation = ++m_previewGeneration;
    const QByteArray body = QJsonDocument(m_spec()).toJson(QJsonDocument::Compact);
    m_connection->call("POST", api::routes::jobPreview(), body, this, [this, generation](const GatewayRequest &reply) {
        if (generation != m_previewGeneration)
            return; // the form changed again meanwhile
        m_previewValid = reply.succeeded();
        if (reply.succeeded()) {
            showErrors({}, {});
            m_preview->setText(reply.json().object().value(QStringLiteral("commandLine")).toString());
        } else {
            m_preview->setText(tr("(not valid yet)"));
            if (!reply.error().field.isEmpty() && m_errorLabels.contains(reply.error().field))
                showErrors(reply.error().field, reply.error().message);
            else
                showErrors({}, {});
        }
        m_submit->setEnabled(m_previewValid && !m_submitting);
        Q_EMIT previewUpdated();
    });
}

void JobFormController::submit()
{
    m_attempted = true;
    m_submitting = true;
    m_submit->setEnabled(false);
    const QByteArray body = QJsonDocument(m_spec()).toJson(QJsonDocument::Compact);
    m_connection->call("POST", api::routes::jobs(), body, this, [this](const GatewayRequest &reply) {
        m_submitting = false;
        m_submit->setEnabled(m_previewValid);
        if (reply.succeeded()) {
            m_banner->showMessage(MessageBanner::Level::Information,
                                  tr("Job %1 submitted: %2")
                                      .arg(reply.json().object().value(QStringLiteral("id")).toInteger())
                                      .arg(reply.json().object().value(QStringLiteral("commandLine")).toString()));
            Q_EMIT submitted(reply.json().object());
            return;
        }
        if (m_errorLabels.contains(reply.error().field))
            showErrors(reply.error().field, reply.error().message);
        else
            m_banner->showMessage(MessageBanner::Level::Error, reply.error().message);
    });
}

} // namespace tandem
