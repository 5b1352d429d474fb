#pragma once

#include "api/Job.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace tandem {

// The Job History table: one row per job, kept compact so that a million rows stay within memory (strings that
// repeat — type, system, status, condition — are stored once). Rows are updated in place by id, so selection and
// scroll position survive pushed updates; sorting and filtering live in JobFilterProxyModel.
class JobHistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Id, Name, Owner, Type, System, Status, Submitted, Started, Ended, Runtime, Exit, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1,
        JobIdRole,
        StatusRole,
        TypeRole,
        SystemRole,
        SubmittedRole,
        OwnerRole,
        GroupRole // the owner's class
    };

    explicit JobHistoryModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    // Sorts the rows themselves with typed comparisons (much faster than a proxy comparing QVariants at a million
    // rows); persistent indexes, and so selections, follow their rows.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Inserts new jobs and updates known ones from the gateway's job JSON (summary or full).
    void upsert(const QList<QJsonObject> &jobs);
    void upsert(const QList<api::JobSummary> &jobs); // as the gateway lists them
    // A pushed status change; returns false when the job is not loaded (the caller may fetch it).
    bool updateStatus(qint64 jobId, const QString &status);
    void remove(qint64 jobId);
    void clear();

    int rowOf(qint64 jobId) const;
    qint64 jobIdAt(int row) const { return m_rows.at(m_order.at(row)).id; }
    QString statusAt(int row) const;
    QString ownerAt(int row) const { return m_strings.at(m_rows.at(m_order.at(row)).owner); }
    // Everyone who owns a loaded job, sorted (the history's student filter).
    QStringList owners() const;

    // The label shown for a status, translated; the colour and icon come with it so that colour is never alone.
    static QString statusLabel(const QString &status);

private:
    // 48 bytes, ordered so that no padding creeps in (a static_assert below keeps it so).
    struct Row
    {
        qint64 id = 0;
        qint64 runtimeMs = -1;
        quint32 nameOffset = 0; // into m_names (UTF-8): no allocation per row
        quint32 nameLength = 0;
        // Seconds since 2020-01-01 UTC (0 = none): a minute-resolution table needs no more, and a million rows
        // save 12 MB over milliseconds.
        qint32 submitted = 0;
        qint32 started = 0;
        qint32 ended = 0;
        qint32 exitCode = INT32_MIN;
        quint16 type = 0, system = 0, status = 0, owner = 0;
    };
    static_assert(sizeof(Row) == 48);

    quint16 intern(const QString &value);
    void fill(Row &row, const QJsonObject &job);
    QByteArrayView nameOf(const Row &row) const
    {
        return QByteArrayView(m_names).sliced(row.nameOffset, row.nameLength);
    }

    // Rows stay in their slot for good; sorting permutes m_order (view row → slot) and its inverse m_position
    // (slot → view row, -1 once removed), which is far cheaper than moving rows and rehashing ids.
    QList<Row> m_rows;
    QList<int> m_order;
    QList<int> m_position;
    QByteArray m_names;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QHash<qint64, int> m_slotById;
    QStringList m_strings; // interned values; index 0 is ""
    QList<QByteArray> m_stringsUtf8; // the same, for sorting
    QHash<QString, quint16> m_stringIds;
    QHash<quint16, quint16> m_groupOfOwner; // an account is in one class: kept per owner, not per row
    QHash<qint64, std::pair<int, int>> m_tasksOf; // job arrays only: tasks in all, and of those failed
};

} // namespace tandem
