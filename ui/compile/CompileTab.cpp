#include "compile/CompileTab.h"

#include "client/GatewayApi.h"
#include "client/GatewayConnection.h"
#include "client/SystemDirectory.h"
#include "code/CodeViewer.h"
#include "code/FindBar.h"
#include "common/HomeFileList.h"
#include "common/JobFormController.h"
#include "common/MessageBanner.h"
#include "common/SystemFields.h"
#include "common/TemplatePicker.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace tandem {

CompileTab::CompileTab(GatewayConnection *connection, SystemDirectory *systems, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_systems(systems)
    , m_banner(new MessageBanner(this))
    , m_system(new QComboBox(this))
    , m_model(new QComboBox(this))
    , m_flags(new QLineEdit(this))
    , m_sources(new HomeFileList(connection, m_banner, this))
    , m_extra(new HomeFileList(connection, m_banner, this))
    , m_libraries(new QLineEdit(this))
    , m_output(new QLineEdit(this))
    , m_modules(new QListWidget(this))
    , m_viewer(new CodeViewer(this))
    , m_viewerTitle(new QLabel(this))
{
    m_system->setPlaceholderText(tr("Loading the gateway's systems…"));
    m_flags->setPlaceholderText(tr("e.g. -O2 -Wall"));
    m_libraries->setPlaceholderText(tr("e.g. -lm -L/opt/lib"));
    m_libraries->setToolTip(tr("Libraries and link options, placed after the sources on the command line, where "
                               "the linker looks for them."));
    m_output->setPlaceholderText(tr("name of the program to build"));
    m_modules->setMaximumHeight(70);

    m_form = new JobFormController(
        connection, [this] { return spec(); }, tr("Compile"), tr("Submit compile job"),
        tr("(choose a system, sources and an output name)"), m_banner, this);
    m_form->addField(tr("System:"), m_system, QStringLiteral("system"));
    m_form->addField(tr("Programming model:"), m_model, QStringLiteral("preset"));
    m_form->addField(tr("Compiler flags:"), m_flags, QStringLiteral("flags"));
    m_form->addField(tr("Source files:"), m_sources, QStringLiteral("sources"));
    m_form->addField(tr("Other files (headers, data):"), m_extra, QStringLiteral("extraFiles"));
    m_form->addField(tr("Libraries:"), m_libraries, QStringLiteral("libraries"));
    m_form->addField(tr("Output name:"), m_output, QStringLiteral("output"));
    m_form->addField(tr("Modules:"), m_modules, QStringLiteral("modules"));
    QScrollArea *scroll = m_form->finish();

    auto *viewerPane = new QWidget(this);
    auto *viewerLayout = new QVBoxLayout(viewerPane);
    viewerLayout->setContentsMargins(0, 0, 0, 0);
    m_viewerTitle->setText(tr("Select a source file to read it here."));
    viewerLayout->addWidget(m_viewerTitle);
    viewerLayout->addWidget(m_viewer, 1);
    viewerLayout->addWidget(new FindBar(m_viewer, viewerPane));

    auto *splitter = new QSplitter(this);
    splitter->addWidget(scroll);
    splitter->addWidget(viewerPane);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    m_templates = new TemplateBar(connection, api::JobSpec::Type::Compile, m_banner,
                                  {[this] { return spec(); }, [this] { return m_sources->paths() + m_extra->paths(); },
                                   [this](const api::JobSpec &chosen) { prefill(chosen); }},
                                  this);
    layout->addWidget(m_templates);
    layout->addWidget(splitter, 1);

    connect(m_system, &QComboBox::currentIndexChanged, this, &CompileTab::onSystemChanged);
    connect(m_model, &QComboBox::currentIndexChanged, m_form, &JobFormController::schedulePreview);
    connect(m_flags, &QLineEdit::textChanged, m_form, &JobFormController::schedulePreview);
    connect(m_libraries, &QLineEdit::textChanged, m_form, &JobFormController::schedulePreview);
    connect(m_output, &QLineEdit::textChanged, m_form, &JobFormController::schedulePreview);
    connect(m_sources, &HomeFileList::changed, m_form, &JobFormController::schedulePreview);
    connect(m_extra, &HomeFileList::changed, m_form, &JobFormController::schedulePreview);
    connect(m_modules, &QListWidget::itemChanged, m_form, &JobFormController::schedulePreview);
    connect(m_sources, &HomeFileList::changed, this, [this] {
        // The first source names the program until the user names it.
        if (m_output->text().isEmpty() && !m_sources->paths().isEmpty())
            m_output->setText(QFileInfo(m_sources->paths().first()).completeBaseName());
    });
    connect(m_sources, &HomeFileList::currentPathChanged, this, [this](const QString &path) { openSource(path); });
    connect(m_extra, &HomeFileList::currentPathChanged, this, [this](const QString &path) { openSource(path); });
    connect(m_form, &JobFormController::submitted, this, &CompileTab::submitted);
    connect(m_systems, &SystemDirectory::loaded, this, &CompileTab::onSystemsLoaded);
    if (m_systems->isLoaded())
        onSystemsLoaded();
}

QPushButton *CompileTab::submitButton() const
{
    return m_form->submitButton();
}

QLabel *CompileTab::preview() const
{
    return m_form->preview();
}

void CompileTab::onSystemsLoaded()
{
    SystemFields::fillSystems(m_system, *m_systems);
    onSystemChanged();
}

void CompileTab::onSystemChanged()
{
    const api::System system = m_systems->system(m_system->currentData().toString());
    const QString preset = m_model->currentData().toString();
    {
        QSignalBlocker blocker(m_model);
        m_model->clear();
        for (const api::CompilePreset &entry : system.compilePresets)
            m_model->addItem(QStringLiteral("%1 — %2").arg(entry.name, entry.command.join(u' ')), entry.id);
        const int index = m_model->findData(preset);
        m_model->setCurrentIndex(index >= 0 ? index : 0);
    }
    SystemFields::fillModules(m_modules, system);
    m_form->setStandingError(QStringLiteral("system"), SystemFields::unavailableText(system));
    if (m_pendingPrefill)
        prefill(*std::exchange(m_pendingPrefill, std::nullopt));
    m_form->schedulePreview();
}

api::JobSpec CompileTab::spec() const
{
    api::JobSpec spec;
    spec.type = api::JobSpec::Type::Compile;
    spec.system = m_system->currentData().toString();
    spec.preset = m_model->currentData().toString();
    // Flags are typed as a command line; they are split like one and sent one argument each.
    spec.flags = QProcess::splitCommand(m_flags->text());
    spec.libraries = QProcess::splitCommand(m_libraries->text());
    spec.sources = m_sources->paths();
    spec.extraFiles = m_extra->paths();
    spec.output = m_output->text().trimmed();
    spec.modules = SystemFields::checkedModules(m_modules);
    return spec;
}

void CompileTab::prefill(const api::JobSpec &spec)
{
    const int system = m_system->findData(spec.system);
    if (system < 0) {
        m_pendingPrefill = spec; // systems not loaded yet
        return;
    }
    m_system->setCurrentIndex(system);
    m_model->setCurrentIndex(qMax(0, m_model->findData(spec.preset)));
    const auto commandLine = [](const QStringList &options) {
        QStringList quoted;
        for (const QString &option : options)
            quoted << (option.contains(u' ') ? u'"' + option + u'"' : option);
        return quoted.join(u' ');
    };
    m_flags->setText(commandLine(spec.flags));
    m_libraries->setText(commandLine(spec.libraries));
    m_sources->setPaths(spec.sources);
    m_extra->setPaths(spec.extraFiles);
    m_output->setText(spec.output);
    SystemFields::checkModules(m_modules, spec.modules);
    m_form->schedulePreview();
}

void CompileTab::openSource(const QString &path, int line)
{
    m_viewerTitle->setText(tr("Loading %1…").arg(path));
    const int generation = ++m_openGeneration;
    FilesApi(*m_connection).read(path, this, [this, path, line, generation](const Result<QByteArray> &content) {
        if (generation != m_openGeneration)
            return; // another file was asked for meanwhile; the last request wins
        if (!content) {
            m_viewerTitle->setText(content.error().message);
            return;
        }
        m_viewerTitle->setText(path);
        m_viewer->setCode(path, QString::fromUtf8(*content));
        if (line > 0)
            m_viewer->goToLine(line);
    });
}

} // namespace tandem
