#include "history/JobFilterProxyModel.h"

#include "history/JobHistoryModel.h"

namespace tandem {

JobFilterProxyModel::JobFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void JobFilterProxyModel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateRowsFilter();
}

void JobFilterProxyModel::setStatuses(const QSet<QString> &statuses)
{
    m_statuses = statuses;
    invalidateRowsFilter();
}

void JobFilterProxyModel::setType(const QString &type)
{
    m_type = type;
    invalidateRowsFilter();
}

void JobFilterProxyModel::setSystem(const QString &system)
{
    m_system = system;
    invalidateRowsFilter();
}

void JobFilterProxyModel::setSubmittedRange(const QDateTime &from, const QDateTime &to)
{
    m_from = from.isValid() ? from.toMSecsSinceEpoch() : 0;
    m_to = to.isValid() ? to.toMSecsSinceEpoch() : 0;
    invalidateRowsFilter();
}

void JobFilterProxyModel::setOwner(const QString &owner)
{
    m_owner = owner;
    invalidateRowsFilter();
}

void JobFilterProxyModel::setGroup(const QString &group)
{
    m_group = group;
    invalidateRowsFilter();
}

bool JobFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    // Without filters every row passes; the proxy then maps a million rows without asking the model anything.
    if (m_text.isEmpty() && m_statuses.isEmpty() && m_type.isEmpty() && m_system.isEmpty() && !m_from && !m_to
        && m_owner.isEmpty() && m_group.isEmpty())
        return true;
    const QAbstractItemModel *model = sourceModel();
    const QModelIndex row = model->index(sourceRow, 0);
    if (!m_statuses.isEmpty() && !m_statuses.contains(row.data(JobHistoryModel::StatusRole).toString()))
        return false;
    if (!m_type.isEmpty() && row.data(JobHistoryModel::TypeRole).toString() != m_type)
        return false;
    if (!m_system.isEmpty() && row.data(JobHistoryModel::SystemRole).toString() != m_system)
        return false;
    if (!m_owner.isEmpty() && row.data(JobHistoryModel::OwnerRole).toString() != m_owner)
        return false;
    if (!m_group.isEmpty() && row.data(JobHistoryModel::GroupRole).toString() != m_group)
        return false;
    if (m_from || m_to) {
        const qint64 submitted = row.data(JobHistoryModel::SubmittedRole).toLongLong();
        if ((m_from && submitted < m_from) || (m_to && submitted >= m_to))
            return false;
    }
    if (m_text.isEmpty())
        return true;
    if (QString::number(row.data(JobHistoryModel::JobIdRole).toLongLong()) == m_text)
        return true;
    return model->index(sourceRow, JobHistoryModel::Name).data().toString().contains(m_text, Qt::CaseInsensitive);
}

void JobFilterProxyModel::sort(int column, Qt::SortOrder order)
{
    if (sourceModel())
        sourceModel()->sort(column, order);
}

} // namespace tandem
