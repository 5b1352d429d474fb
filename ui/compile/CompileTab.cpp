#include "compile/CompileTab.h"

#include "code/CodeViewer.h"
#include "common/MessageBanner.h"

#include <QComboBox>
#include <QFile>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace tandem {

CompileTab::CompileTab(QWidget *parent)
    : QWidget(parent)
    , m_banner(new MessageBanner(this))
    , m_system(new QComboBox(this))
    , m_model(new QComboBox(this))
    , m_flags(new QLineEdit(this))
    , m_sources(new QListWidget(this))
    , m_output(new QLineEdit(this))
    , m_modules(new QLineEdit(this))
    , m_preview(new QLabel(this))
    , m_submit(new QPushButton(tr("Submit compile job"), this))
    , m_viewer(new CodeViewer(this))
{
    m_system->setPlaceholderText(tr("Connect to a gateway to list its systems"));
    m_model->addItems(
        {tr("Serial C"), tr("Serial C++"), tr("MPI C"), tr("MPI C++"), tr("OpenMP C"), tr("OpenMP C++"), tr("CUDA")});
    m_flags->setPlaceholderText(tr("e.g. -O2 -Wall"));
    m_output->setPlaceholderText(tr("name of the program to build"));
    m_modules->setPlaceholderText(tr("modules to load, separated by spaces"));
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setText(tr("(the command appears here once a system and sources are chosen)"));
    m_submit->setEnabled(false);
    m_sources->setMinimumHeight(80);

    auto *formBox = new QGroupBox(tr("Compile"), this);
    auto *form = new QFormLayout(formBox);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("System:"), m_system);
    form->addRow(tr("Programming model:"), m_model);
    form->addRow(tr("Compiler flags:"), m_flags);
    form->addRow(tr("Source files:"), m_sources);
    form->addRow(tr("Output name:"), m_output);
    form->addRow(tr("Modules:"), m_modules);
    form->addRow(tr("This is your command:"), m_preview);
    form->addRow(m_submit);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(formBox);
    splitter->addWidget(m_viewer);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);

    QFile sample(QStringLiteral(":/tandem/samples/hello_mpi_omp.c"));
    if (sample.open(QIODevice::ReadOnly)) {
        m_sources->addItem(QStringLiteral("hello_mpi_omp.c"));
        m_viewer->setCode(QStringLiteral("hello_mpi_omp.c"), QString::fromUtf8(sample.readAll()));
    }
}

} // namespace tandem
