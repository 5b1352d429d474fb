#include "run/RunTab.h"

#include "common/MessageBanner.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tandem {

RunTab::RunTab(QWidget *parent)
    : QWidget(parent)
    , m_banner(new MessageBanner(this))
    , m_system(new QComboBox(this))
    , m_launcher(new QComboBox(this))
    , m_queue(new QComboBox(this))
    , m_nodes(new QSpinBox(this))
    , m_cores(new QSpinBox(this))
    , m_minutes(new QSpinBox(this))
    , m_executable(new QLineEdit(this))
    , m_arguments(new QLineEdit(this))
    , m_modules(new QLineEdit(this))
    , m_quick(new QRadioButton(tr("Quick (waits for the result, at most 30 seconds)"), this))
    , m_batch(new QRadioButton(tr("Batch (queued; you are notified when it ends)"), this))
    , m_preview(new QLabel(this))
    , m_submit(new QPushButton(tr("Submit run job"), this))
{
    m_system->setPlaceholderText(tr("Connect to a gateway to list its systems"));
    m_launcher->addItems({tr("direct"), QStringLiteral("mpirun"), QStringLiteral("srun"), QStringLiteral("ibrun")});
    m_nodes->setRange(1, 1);
    m_cores->setRange(1, 1);
    m_minutes->setRange(1, 1);
    m_minutes->setSuffix(tr(" min"));
    m_executable->setPlaceholderText(tr("a compiled program from a finished compile job, or any file in your home"));
    m_arguments->setPlaceholderText(tr("arguments passed to the program"));
    m_modules->setPlaceholderText(tr("modules to load, separated by spaces"));
    m_batch->setChecked(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setText(tr("(the command appears here once a system and an executable are chosen)"));
    m_submit->setEnabled(false);

    auto *mode = new QVBoxLayout;
    mode->addWidget(m_quick);
    mode->addWidget(m_batch);

    auto *box = new QGroupBox(tr("Run"), this);
    auto *form = new QFormLayout(box);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("System:"), m_system);
    form->addRow(tr("Launcher:"), m_launcher);
    form->addRow(tr("Queue:"), m_queue);
    form->addRow(tr("Nodes:"), m_nodes);
    form->addRow(tr("Cores:"), m_cores);
    form->addRow(tr("Time limit:"), m_minutes);
    form->addRow(tr("Executable:"), m_executable);
    form->addRow(tr("Arguments:"), m_arguments);
    form->addRow(tr("Modules:"), m_modules);
    form->addRow(tr("Mode:"), mode);
    form->addRow(tr("This is your command:"), m_preview);
    form->addRow(m_submit);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(box);
    layout->addStretch(1);
}

} // namespace tandem
