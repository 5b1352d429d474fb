#pragma once

#include <QDateTime>
#include <QSet>
#include <QSortFilterProxyModel>

namespace tandem {

// Filtering of the Job History: text (name or id), status, type, system and submission date. Each
// setter invalidates only the row filter, once; the tab debounces typing so a keystroke is not a full pass each.
class JobFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit JobFilterProxyModel(QObject *parent = nullptr);

    void setText(const QString &text);
    void setStatuses(const QSet<QString> &statuses); // empty = all
    void setType(const QString &type); // "" = all
    void setSystem(const QString &system); // "" = all
    void setSubmittedRange(const QDateTime &from, const QDateTime &to);
    // Whose jobs: one owner's ("" = anyone's), and/or one class's (the owner's group; "" = any).
    void setOwner(const QString &owner);
    void setGroup(const QString &group);

    // Sorting is the source model's job; the proxy keeps its order and only filters.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QSet<QString> m_statuses;
    QString m_type;
    QString m_system;
    QString m_owner;
    QString m_group;
    qint64 m_from = 0;
    qint64 m_to = 0;
};

} // namespace tandem
