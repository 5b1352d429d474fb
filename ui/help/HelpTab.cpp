#include "help/HelpTab.h"

#include "code/CodeViewer.h"

#include <QFile>
#include <QHBoxLayout>
#include <QSplitter>
#include <QTextBrowser>

namespace tandem {

HelpTab::HelpTab(QWidget *parent)
    : QWidget(parent)
    , m_viewer(new CodeViewer(this))
{
    auto *text = new QTextBrowser(this);
    text->setOpenExternalLinks(true);
    text->setSource(QUrl(QStringLiteral("qrc:/tandem/help/quickstart.html")));

    QFile sample(QStringLiteral(":/tandem/samples/hello_mpi_omp.c"));
    if (sample.open(QIODevice::ReadOnly))
        m_viewer->setCode(QStringLiteral("hello_mpi_omp.c"), QString::fromUtf8(sample.readAll()));

    auto *splitter = new QSplitter(this);
    splitter->addWidget(text);
    splitter->addWidget(m_viewer);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(splitter);
}

} // namespace tandem
