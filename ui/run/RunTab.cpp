#include "run/RunTab.h"

#include "api/JobStatus.h"
#include "client/GatewayApi.h"
#include "client/GatewayConnection.h"
#include "client/SystemDirectory.h"
#include "common/HomeFileList.h"
#include "common/JobFormController.h"
#include "common/MessageBanner.h"
#include "common/RemoteFileDialog.h"
#include "common/SystemFields.h"
#include "common/TemplatePicker.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tandem {

namespace { } // namespace

RunTab::RunTab(GatewayConnection *connection, SystemDirectory *systems, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_systems(systems)
    , m_banner(new MessageBanner(this))
    , m_system(new QComboBox(this))
    , m_launcher(new QComboBox(this))
    , m_queue(new QComboBox(this))
    , m_queueLimits(new QLabel(this))
    , m_nodes(new QSpinBox(this))
    , m_cores(new QSpinBox(this))
    , m_minutes(new QSpinBox(this))
    , m_compiled(new QComboBox(this))
    , m_executable(new QLineEdit(this))
    , m_arguments(new QLineEdit(this))
    , m_inputs(new HomeFileList(connection, m_banner, this))
    , m_modules(new QListWidget(this))
    , m_quick(new QRadioButton(tr("Quick: wait for the result (at most 30 seconds)"), this))
    , m_batch(new QRadioButton(tr("Batch: queue it; you are notified when it ends"), this))
{
    m_system->setPlaceholderText(tr("Loading the gateway's systems…"));
    m_minutes->setSuffix(tr(" min"));
    m_compiled->setPlaceholderText(tr("Programs built by your compile jobs"));
    m_executable->setPlaceholderText(tr("path in your home, e.g. jobs/…/hello"));
    m_arguments->setPlaceholderText(tr("arguments passed to the program"));
    m_queueLimits->setWordWrap(true);
    m_modules->setMaximumHeight(60);
    m_batch->setChecked(true);

    m_form = new JobFormController(
        connection, [this] { return spec(); }, tr("Run"), tr("Submit run job"), tr("(choose a system and a program)"),
        m_banner, this);
    auto *choose = new QPushButton(tr("Choose…"), this);
    auto *program = new QHBoxLayout;
    program->addWidget(m_executable, 1);
    program->addWidget(choose);
    auto *mode = new QVBoxLayout;
    mode->addWidget(m_quick);
    mode->addWidget(m_batch);

    m_form->addField(tr("System:"), m_system, QStringLiteral("system"));
    m_form->addField(tr("Launcher:"), m_launcher, QStringLiteral("launcher"));
    m_form->addField(tr("Queue:"), m_queue, QStringLiteral("queue"));
    m_form->addRow(QString(), m_queueLimits);
    m_form->addField(tr("Nodes:"), m_nodes, QStringLiteral("nodes"));
    m_form->addField(tr("Cores:"), m_cores, QStringLiteral("cores"));
    m_form->addField(tr("Time limit:"), m_minutes, QStringLiteral("maxMinutes"));
    m_form->addRow(tr("Compiled program:"), m_compiled);
    m_form->addField(tr("Program:"), program, QStringLiteral("executable"));
    m_form->addField(tr("Arguments:"), m_arguments, QStringLiteral("args"));
    m_form->addField(tr("Input files:"), m_inputs, QStringLiteral("inputFiles"));
    m_array = new QLineEdit(this);
    m_array->setPlaceholderText(tr("e.g. 1-10, or 1-100%5 for at most 5 at a time; empty for one task"));
    m_array->setToolTip(tr("A job array: the program runs once for each index, which it finds in "
                           "TANDEM_ARRAY_INDEX; each task writes stdout-INDEX.txt and stderr-INDEX.txt."));
    m_form->addField(tr("Array of tasks:"), m_array, QStringLiteral("array"));
    connect(m_array, &QLineEdit::textChanged, m_form, &JobFormController::schedulePreview);
    m_form->addField(tr("Modules:"), m_modules, QStringLiteral("modules"));
    m_form->addRow(tr("Mode:"), mode);
    QScrollArea *scroll = m_form->finish();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    m_templates = new TemplateBar(connection, api::JobSpec::Type::Run, m_banner,
                                  {[this] { return spec(); },
                                   [this] {
                                       QStringList files = m_inputs->paths();
                                       if (!m_executable->text().trimmed().isEmpty())
                                           files.prepend(m_executable->text().trimmed());
                                       return files;
                                   },
                                   [this](const api::JobSpec &chosen) { prefill(chosen); }},
                                  this);
    layout->addWidget(m_templates);
    layout->addWidget(scroll, 1);

    connect(choose, &QPushButton::clicked, this, [this] {
        auto *dialog = new RemoteFileDialog(m_connection, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &RemoteFileDialog::filesChosen, this,
                [this](const QStringList &files) { m_executable->setText(files.value(0)); });
        dialog->open();
    });
    connect(m_compiled, &QComboBox::activated, this,
            [this] { m_executable->setText(m_compiled->currentData().toString()); });
    connect(m_system, &QComboBox::currentIndexChanged, this, &RunTab::onSystemChanged);
    connect(m_queue, &QComboBox::currentIndexChanged, this, &RunTab::onQueueChanged);
    for (QSpinBox *box : {m_nodes, m_cores, m_minutes})
        connect(box, &QSpinBox::valueChanged, m_form, &JobFormController::schedulePreview);
    connect(m_nodes, &QSpinBox::valueChanged, this, &RunTab::onQueueChanged);
    connect(m_launcher, &QComboBox::currentIndexChanged, m_form, &JobFormController::schedulePreview);
    connect(m_executable, &QLineEdit::textChanged, m_form, &JobFormController::schedulePreview);
    connect(m_arguments, &QLineEdit::textChanged, m_form, &JobFormController::schedulePreview);
    connect(m_inputs, &HomeFileList::changed, m_form, &JobFormController::schedulePreview);
    connect(m_modules, &QListWidget::itemChanged, m_form, &JobFormController::schedulePreview);
    connect(m_quick, &QRadioButton::toggled, m_form, &JobFormController::schedulePreview);
    connect(m_form, &JobFormController::submitted, this, &RunTab::submitted);
    connect(m_systems, &SystemDirectory::loaded, this, &RunTab::onSystemsLoaded);
    if (m_systems->isLoaded())
        onSystemsLoaded();
}

QPushButton *RunTab::submitButton() const
{
    return m_form->submitButton();
}

QLabel *RunTab::preview() const
{
    return m_form->preview();
}

void RunTab::onSystemsLoaded()
{
    SystemFields::fillSystems(m_system, *m_systems);
    onSystemChanged();
    refreshCompiledPrograms();
}

void RunTab::onSystemChanged()
{
    const api::System system = m_systems->system(m_system->currentData().toString());
    {
        QSignalBlocker launchers(m_launcher);
        m_launcher->clear();
        for (const api::Launcher &launcher : system.launchers)
            m_launcher->addItem(launcher.id == u"direct" ? tr("direct (no launcher)") : launcher.id, launcher.id);
        QSignalBlocker queues(m_queue);
        m_queue->clear();
        int defaultQueue = 0;
        for (const api::Queue &queue : system.queues) {
            if (queue.isDefault)
                defaultQueue = m_queue->count();
            m_queue->addItem(queue.name, queue.name);
        }
        m_queue->setCurrentIndex(defaultQueue);
        SystemFields::fillModules(m_modules, system);
    }
    m_form->setStandingError(QStringLiteral("system"), SystemFields::unavailableText(system));
    onQueueChanged();
    if (m_pendingPrefill)
        prefill(*std::exchange(m_pendingPrefill, std::nullopt));
}

void RunTab::onQueueChanged()
{
    // The spin boxes cannot go past what the queue allows, so most limit errors never reach the gateway.
    const api::System system = m_systems->system(m_system->currentData().toString());
    const api::Queue *queue = system.queue(m_queue->currentData().toString());
    const int maxNodes = qMax(1, queue ? queue->maxNodes : 1);
    const int perNode = qMax(1, queue ? queue->coresPerNode : 1);
    const int maxMinutes = qMax(1, queue ? queue->maxMinutes : 1);
    m_nodes->setRange(1, maxNodes);
    m_cores->setRange(1, m_nodes->value() * perNode);
    m_minutes->setRange(1, maxMinutes);
    if (m_minutes->value() == m_minutes->minimum() && !m_queue->signalsBlocked())
        m_minutes->setValue(qMin(10, maxMinutes));
    m_queueLimits->setText(tr("Queue limits: up to %1 node(s), %2 cores per node, %3 minutes.")
                               .arg(maxNodes)
                               .arg(perNode)
                               .arg(maxMinutes));
    m_form->schedulePreview();
}

void RunTab::refreshCompiledPrograms()
{
    JobQuery query;
    query.type = api::JobSpec::Type::Compile;
    query.status = api::JobStatus::Finished;
    query.limit = 100;
    JobsApi(*m_connection).list(query, this, [this](const Result<api::Page<api::JobSummary>> &page) {
        if (!page)
            return;
        const QString current = m_compiled->currentData().toString();
        QSignalBlocker blocker(m_compiled);
        m_compiled->clear();
        for (const api::JobSummary &job : page->items) {
            if (job.output.isEmpty())
                continue;
            m_compiled->addItem(tr("%1 (job %2)").arg(job.output).arg(job.id),
                                QString(job.directory + u'/' + job.output));
        }
        m_compiled->setCurrentIndex(m_compiled->findData(current));
    });
}

api::JobSpec RunTab::spec() const
{
    api::JobSpec spec;
    spec.type = api::JobSpec::Type::Run;
    spec.system = m_system->currentData().toString();
    spec.launcher = m_launcher->currentData().toString();
    spec.queue = m_queue->currentText();
    spec.nodes = m_nodes->value();
    spec.cores = m_cores->value();
    spec.maxMinutes = m_minutes->value();
    spec.executable = m_executable->text().trimmed();
    spec.args = QProcess::splitCommand(m_arguments->text());
    spec.mode = m_quick->isChecked() ? api::JobSpec::Mode::Quick : api::JobSpec::Mode::Batch;
    spec.inputFiles = m_inputs->paths();
    if (const QString array = m_array->text().trimmed(); !array.isEmpty())
        spec.array = array;
    spec.modules = SystemFields::checkedModules(m_modules);
    return spec;
}

void RunTab::prefill(const api::JobSpec &spec)
{
    const int system = m_system->findData(spec.system);
    if (system < 0) {
        m_pendingPrefill = spec;
        return;
    }
    m_system->setCurrentIndex(system);
    m_launcher->setCurrentIndex(qMax(0, m_launcher->findData(spec.launcher.value_or(QStringLiteral("direct")))));
    if (spec.queue)
        m_queue->setCurrentIndex(qMax(0, m_queue->findText(*spec.queue)));
    m_nodes->setValue(spec.nodes.value_or(1));
    m_cores->setValue(spec.cores.value_or(1));
    m_minutes->setValue(spec.maxMinutes.value_or(10));
    m_executable->setText(spec.executable);
    QStringList args;
    for (const QString &arg : spec.args)
        args << (arg.contains(u' ') || arg.isEmpty() ? u'"' + arg + u'"' : arg);
    m_arguments->setText(args.join(u' '));
    m_inputs->setPaths(spec.inputFiles);
    m_array->setText(spec.array.value_or(QString()));
    SystemFields::checkModules(m_modules, spec.modules);
    (spec.mode == api::JobSpec::Mode::Quick ? m_quick : m_batch)->setChecked(true);
    m_form->schedulePreview();
}

} // namespace tandem
