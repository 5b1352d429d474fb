#include "compile/CompileTab.h"

#include "JsonArrays.h"
#include "api/Routes.h"

#include "client/GatewayConnection.h"
#include "client/GatewayRequest.h"
#include "client/SystemDirectory.h"
#include "code/CodeViewer.h"
#include "code/FindBar.h"
#include "common/HomeFileList.h"
#include "common/JobFormController.h"
#include "common/MessageBanner.h"
#include "common/SystemFields.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace tandem {

namespace {

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

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
    , m_output(new QLineEdit(this))
    , m_modules(new QListWidget(this))
    , m_preview(new QLabel(this))
    , m_submit(new QPushButton(tr("Submit compile job"), this))
    , m_viewer(new CodeViewer(this))
    , m_viewerTitle(new QLabel(this))
{
    m_system->setPlaceholderText(tr("Loading the gateway's systems…"));
    m_flags->setPlaceholderText(tr("e.g. -O2 -Wall"));
    m_output->setPlaceholderText(tr("name of the program to build"));
    m_modules->setMaximumHeight(70);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setText(tr("(choose a system, sources and an output name)"));

    m_form = new JobFormController(connection, [this] { return spec(); }, m_preview, m_submit, m_banner, this);
    auto *formBox = new QGroupBox(tr("Compile"), this);
    auto *form = new QFormLayout(formBox);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    const auto addRow = [&](const QString &label, QWidget *field, const QString &name) {
        form->addRow(label, field);
        auto *error = new QLabel(formBox);
        form->addRow(QString(), error);
        m_form->addField(name, error);
    };
    addRow(tr("System:"), m_system, QStringLiteral("system"));
    addRow(tr("Programming model:"), m_model, QStringLiteral("preset"));
    addRow(tr("Compiler flags:"), m_flags, QStringLiteral("flags"));
    addRow(tr("Source files:"), m_sources, QStringLiteral("sources"));
    addRow(tr("Other files (headers, data):"), m_extra, QStringLiteral("extraFiles"));
    addRow(tr("Output name:"), m_output, QStringLiteral("output"));
    addRow(tr("Modules:"), m_modules, QStringLiteral("modules"));
    form->addRow(tr("This is your command:"), m_preview);
    form->addRow(m_submit);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(formBox);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

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
    layout->addWidget(splitter, 1);

    connect(m_system, &QComboBox::currentIndexChanged, this, &CompileTab::onSystemChanged);
    connect(m_model, &QComboBox::currentIndexChanged, m_form, &JobFormController::schedulePreview);
    connect(m_flags, &QLineEdit::textChanged, m_form, &JobFormController::schedulePreview);
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

void CompileTab::onSystemsLoaded()
{
    SystemFields::fillSystems(m_system, *m_systems);
    onSystemChanged();
}

void CompileTab::onSystemChanged()
{
    const QJsonObject system = m_systems->system(m_system->currentData().toString());
    const QString preset = m_model->currentData().toString();
    {
        QSignalBlocker blocker(m_model);
        m_model->clear();
        for (const QJsonValue &value : system.value(QStringLiteral("compilePresets")).toArray()) {
            const QJsonObject entry = value.toObject();
            m_model->addItem(
                QStringLiteral("%1 — %2").arg(entry.value(QStringLiteral("name")).toString(),
                                              toStringList(entry.value(QStringLiteral("command"))).join(u' ')),
                entry.value(QStringLiteral("id")).toString());
        }
        const int index = m_model->findData(preset);
        m_model->setCurrentIndex(index >= 0 ? index : 0);
    }
    SystemFields::fillModules(m_modules, system);
    if (!m_pendingPrefill.isEmpty()) {
        const QJsonObject pending = std::exchange(m_pendingPrefill, {});
        prefill(pending);
    }
    m_form->schedulePreview();
}

QJsonObject CompileTab::spec() const
{
    const QStringList modules = SystemFields::checkedModules(m_modules);
    QJsonObject spec{{QStringLiteral("type"), QStringLiteral("compile")},
                     {QStringLiteral("system"), m_system->currentData().toString()},
                     {QStringLiteral("preset"), m_model->currentData().toString()},
                     // Flags are typed as a command line; they are split like one and sent one argument each.
                     {QStringLiteral("flags"), toArray(QProcess::splitCommand(m_flags->text()))},
                     {QStringLiteral("sources"), toArray(m_sources->paths())},
                     {QStringLiteral("output"), m_output->text().trimmed()}};
    if (!m_extra->paths().isEmpty())
        spec.insert(QStringLiteral("extraFiles"), toArray(m_extra->paths()));
    if (!modules.isEmpty())
        spec.insert(QStringLiteral("modules"), toArray(modules));
    return spec;
}

void CompileTab::prefill(const QJsonObject &spec)
{
    const int system = m_system->findData(spec.value(QStringLiteral("system")).toString());
    if (system < 0) {
        m_pendingPrefill = spec; // systems not loaded yet
        return;
    }
    m_system->setCurrentIndex(system);
    m_model->setCurrentIndex(qMax(0, m_model->findData(spec.value(QStringLiteral("preset")).toString())));
    QStringList flags;
    for (const QString &flag : toStringList(spec.value(QStringLiteral("flags"))))
        flags << (flag.contains(u' ') ? u'"' + flag + u'"' : flag);
    m_flags->setText(flags.join(u' '));
    m_sources->setPaths(toStringList(spec.value(QStringLiteral("sources"))));
    m_extra->setPaths(toStringList(spec.value(QStringLiteral("extraFiles"))));
    m_output->setText(spec.value(QStringLiteral("output")).toString());
    SystemFields::checkModules(m_modules, toStringList(spec.value(QStringLiteral("modules"))));
    m_form->schedulePreview();
}

void CompileTab::openSource(const QString &path, int line)
{
    m_viewerTitle->setText(tr("Loading %1…").arg(path));
    const int generation = ++m_openGeneration;
    m_connection->call("GET", api::routes::files(path), {}, this,
                       [this, path, line, generation](const GatewayRequest &reply) {
                           if (generation != m_openGeneration)
                               return; // another file was asked for meanwhile; the last request wins
                           if (!reply.succeeded()) {
                               m_viewerTitle->setText(reply.error().message);
                               return;
                           }
                           m_viewerTitle->setText(path);
                           m_viewer->setCode(path, QString::fromUtf8(reply.body()));
                           if (line > 0)
                               m_viewer->goToLine(line);
                       });
}

} // namespace tandem
