#include "common/TemplatePicker.h"

#include "client/GatewayApi.h"
#include "common/Dialogs.h"
#include "common/MessageBanner.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace tandem {

TemplatePicker::TemplatePicker(GatewayConnection *connection, api::JobSpec::Type kind, QWidget *parent)
    : QDialog(parent)
    , m_connection(connection)
    , m_kind(kind)
    , m_list(new QListWidget(this))
    , m_details(new QLabel(this))
    , m_status(new QLabel(tr("Loading the templates…"), this))
    , m_use(new QPushButton(tr("Use this template"), this))
{
    setWindowTitle(kind == api::JobSpec::Type::Compile ? tr("Compile templates") : tr("Run templates"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setMinimumWidth(300);
    m_status->setWordWrap(true);
    m_use->setEnabled(false);
    m_use->setDefault(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_use, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_use, &QPushButton::clicked, this, &TemplatePicker::use);
    connect(m_list, &QListWidget::currentRowChanged, this, &TemplatePicker::showSelected);
    connect(m_list, &QListWidget::itemActivated, this, &TemplatePicker::use);

    auto *panes = new QHBoxLayout;
    panes->addWidget(m_list, 2);
    panes->addWidget(m_details, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(panes, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(720, 420);

    TemplatesApi(*m_connection).list(this, [this](const Result<QList<api::Template>> &templates) {
        if (!templates) {
            m_status->setText(tr("The templates cannot be listed: %1").arg(templates.error().message));
            return;
        }
        for (const api::Template &entry : *templates) {
            if (entry.kind == m_kind)
                m_templates.append(entry);
        }
        for (const api::Template &entry : std::as_const(m_templates))
            m_list->addItem(entry.title);
        m_status->setText(m_templates.isEmpty() ? tr("Your class has no templates of this kind yet.") : QString());
        if (!m_templates.isEmpty())
            m_list->setCurrentRow(0);
        Q_EMIT loaded();
    });
}

void TemplatePicker::showSelected()
{
    const int row = m_list->currentRow();
    m_use->setEnabled(row >= 0);
    if (row < 0)
        return;
    const api::Template &entry = m_templates.at(row);
    m_details->setText(tr("%1\n\nBy %2, version %3 (%4).\nFiles: %5\nCopied into: %6")
                           .arg(entry.description.isEmpty() ? tr("(no text)") : entry.description, entry.owner)
                           .arg(entry.version)
                           .arg(QLocale().toString(entry.updatedAt.toLocalTime(), QLocale::ShortFormat),
                                entry.files.join(QStringLiteral(", ")), entry.folder));
}

void TemplatePicker::use()
{
    const int row = m_list->currentRow();
    if (row >= 0)
        copy(m_templates.at(row), false);
}

void TemplatePicker::copy(const api::Template &chosen, bool overwrite)
{
    m_use->setEnabled(false);
    m_status->setText(tr("Copying the files…"));
    TemplatesApi(*m_connection)
        .copy(chosen.id, overwrite, this, [this, chosen, overwrite](const Result<api::TemplateCopy> &copied) {
            m_use->setEnabled(true);
            if (!copied) {
                // Files of those names are there: replaced only if the user says so.
                if (!overwrite && copied.error().field == u"overwrite") {
                    if (Dialogs::instance().confirm(this, tr("Replace your files?"), copied.error().message))
                        copy(chosen, true);
                    else
                        m_status->setText(tr("Nothing was copied; your files are as they were."));
                    return;
                }
                m_status->setText(tr("The template cannot be copied: %1").arg(copied.error().message));
                return;
            }
            Q_EMIT applied(copied->spec, copied->folder, copied->copied);
            accept();
        });
}

void TemplatePicker::publish(QWidget *parent, GatewayConnection *connection, const api::JobSpec &spec,
                             const QStringList &files, MessageBanner *banner)
{
    const auto title
        = Dialogs::instance().text(parent, tr("Publish as a template"), tr("Title for your class:"), QString());
    if (!title || title->trimmed().isEmpty())
        return;
    const auto description = Dialogs::instance().text(parent, tr("Publish as a template"),
                                                      tr("A short text for your students:"), QString());
    if (!description)
        return;
    TemplatesApi(*connection)
        .publish(*title, *description, spec, files, banner, [banner](const Result<api::Template> &published) {
            if (!published)
                banner->showMessage(MessageBanner::Level::Error,
                                    tr("The template was not published: %1").arg(published.error().message));
            else
                banner->showMessage(MessageBanner::Level::Information,
                                    tr("Published \"%1\" (version %2) to your class %3.")
                                        .arg(published->title)
                                        .arg(published->version)
                                        .arg(published->group));
        });
}

TemplateBar::TemplateBar(GatewayConnection *connection, api::JobSpec::Type kind, MessageBanner *banner, Form form,
                         QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_kind(kind)
    , m_banner(banner)
    , m_form(std::move(form))
    , m_templates(new QPushButton(tr("Templates…"), this))
    , m_publish(new QPushButton(tr("Publish as template…"), this))
{
    m_templates->setToolTip(tr("Start from an exercise your class was given: its files are copied into your home"));
    m_publish->setToolTip(tr("Give this request and its files to your class as a template"));
    m_publish->setVisible(false);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_templates);
    layout->addWidget(m_publish);
    layout->addStretch(1);
    connect(m_templates, &QPushButton::clicked, this, [this] {
        m_picker = new TemplatePicker(m_connection, m_kind, this);
        m_picker->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_picker, &TemplatePicker::applied, this,
                [this](const api::JobSpec &spec, const QString &folder, const QStringList &copied) {
                    m_form.prefill(spec);
                    m_banner->showMessage(MessageBanner::Level::Information,
                                          tr("Copied %n file(s) into %1; the form is filled from the template.",
                                             nullptr, int(copied.size()))
                                              .arg(folder));
                });
        m_picker->show();
    });
    connect(m_publish, &QPushButton::clicked, this,
            [this] { TemplatePicker::publish(this, m_connection, m_form.spec(), m_form.files(), m_banner); });
}

void TemplateBar::setCanPublish(bool can)
{
    m_publish->setVisible(can);
}

} // namespace tandem
