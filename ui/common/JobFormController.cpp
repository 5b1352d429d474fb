#include "common/JobFormController.h"

#include "client/GatewayApi.h"
#include "client/GatewayConnection.h"
#include "common/MessageBanner.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>

namespace tandem {

JobFormController::JobFormController(GatewayConnection *connection, std::function<api::JobSpec()> spec,
                                     const QString &title, const QString &submitText, const QString &emptyPreview,
                                     MessageBanner *banner, QWidget *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_spec(std::move(spec))
    , m_box(new QGroupBox(title, parent))
    , m_layout(new QFormLayout(m_box))
    , m_preview(new QLabel(m_box))
    , m_submit(new QPushButton(submitText, m_box))
    , m_banner(banner)
{
    m_layout->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setText(emptyPreview);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &JobFormController::requestPreview);
    connect(m_submit, &QPushButton::clicked, this, &JobFormController::submit);
    m_submit->setEnabled(false);
}

void JobFormController::addErrorLine(const QString &field)
{
    auto *errorLabel = new QLabel(m_box);
    errorLabel->setWordWrap(true);
    errorLabel->setStyleSheet(QStringLiteral("color: #b01c1c;"));
    errorLabel->hide();
    m_layout->addRow(QString(), errorLabel);
    m_errorLabels.insert(field, errorLabel);
}

void JobFormController::addField(const QString &label, QWidget *widget, const QString &field)
{
    m_layout->addRow(label, widget);
    addErrorLine(field);
}

void JobFormController::addField(const QString &label, QLayout *layout, const QString &field)
{
    m_layout->addRow(label, layout);
    addErrorLine(field);
}

void JobFormController::addRow(const QString &label, QWidget *widget)
{
    m_layout->addRow(label, widget);
}

void JobFormController::addRow(const QString &label, QLayout *layout)
{
    m_layout->addRow(label, layout);
}

QScrollArea *JobFormController::finish()
{
    m_layout->addRow(tr("This is your command:"), m_preview);
    m_layout->addRow(m_submit);
    auto *scroll = new QScrollArea(m_box->parentWidget());
    scroll->setWidget(m_box);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    return scroll;
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
        const QString text = mine ? message : m_standing.value(it.key());
        it.value()->setText(text);
        it.value()->setVisible(!text.isEmpty());
    }
}

void JobFormController::setStandingError(const QString &field, const QString &message)
{
    if (message.isEmpty())
        m_standing.remove(field);
    else
        m_standing.insert(field, message);
    if (QLabel *label = m_errorLabels.value(field)) {
        label->setText(message);
        label->setVisible(!message.isEmpty());
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
            QString text = preview->commandLine;
            if (preview->tasks) {
                text += u'\n'
                    + (preview->tasksAtOnce > 0
                           ? tr("Runs as %n task(s), at most %1 at a time.", nullptr, *preview->tasks)
                                 .arg(preview->tasksAtOnce)
                           : tr("Runs as %n task(s).", nullptr, *preview->tasks));
            }
            m_preview->setText(text);
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
