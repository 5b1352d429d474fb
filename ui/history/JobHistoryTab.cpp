#include "history/JobHistoryTab.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace tandem {

JobHistoryTab::JobHistoryTab(QWidget *parent)
    : QWidget(parent)
    , m_filter(new QLineEdit(this))
    , m_view(new QTableView(this))
    , m_model(new QStandardItemModel(0, 10, this))
{
    m_model->setHorizontalHeaderLabels({tr("Job ID"), tr("Name"), tr("Type"), tr("System"), tr("Status"),
                                        tr("Submitted"), tr("Started"), tr("Ended"), tr("Runtime"), tr("Exit")});
    m_filter->setPlaceholderText(tr("Filter jobs by name, system or status"));
    m_filter->setClearButtonEnabled(true);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSortingEnabled(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
}

} // namespace tandem
