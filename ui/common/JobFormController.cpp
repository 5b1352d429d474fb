#include "common/JobFormController.h"

#include "client/GatewayApi.h"
#include "client/GatewayConnection.h"
#include "common/MessageBanner.h"

#include <QLabel>
#include <QPushButton>

namespace tandem {

JobFormController::JobFormController(GatewayConnection *connection, std::function<api::JobSpec()> spec, QLabel *preview,
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
    JobsApi(*m_connection).preview(m_spec(), this, [this, generation](const Result<api::JobPreview> &preview) {
        if (generation != m_previewGeneration)
            return; // the form changed again meanwhile
        m_previewValid = bool(preview);
        if (preview) {
            showErrors({}, {});
            m_preview->setText(preview->commandLine);
        } else {
            m_preview->setText(tr("(not valid yet)"));
            if (!preview.error().field.isEmpty() && m_errorLabels.contains(preview.error().field))
                showErrors(preview.error().field, preview.error().message);
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
    JobsApi(*m_connection).submit(m_spec(), this, [this](const Result<api::Job> &job) {
        m_submitting = false;
        m_submit->setEnabled(m_previewValid);
        if (job) {
            m_banner->showMessage(MessageBanner::Level::Information,
                                  tr("Job %1 submitted: %2").arg(job->id).arg(job->commandLine));
            Q_EMIT submitted(job->toJson());
            return;
        }
        if (m_errorLabels.contains(job.error().field))
            showErrors(job.error().field, job.error().message);
        else
            m_banner->showMessage(MessageBanner::Level::Error, job.error().message);
    });
}

} // namespace tandem
