#include "history/JobHistoryModel.h"

#include "api/JobStatus.h"

#include <QApplication>
#include <QColor>
#include <QIcon>
#include <QLocale>
#include <QStyle>

#include <algorithm>
#include <limits>
#include <numeric>

namespace tandem {

namespace {

constexpr qint64 Epoch = 1577836800; // 2020-01-01T00:00:00Z, in seconds since 1970

qint32 storedTime(const QJsonValue &value)
{
    if (!value.isString())
        return 0;
    const qint64 seconds = QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toSecsSinceEpoch();
    return qint32(std::clamp<qint64>(seconds - Epoch, 1, std::numeric_limits<qint32>::max()));
}

qint64 msecs(qint32 stored)
{
    return stored == 0 ? 0 : (stored + Epoch) * 1000;
}

QString formatTime(qint64 ms)
{
    if (ms == 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        return {};
    if (ms < 1000)
        return QCoreApplication::translate("JobHistoryModel", "%1 ms").arg(ms);
    const qint64 s = ms / 1000;
    if (s < 60)
        return QCoreApplication::translate("JobHistoryModel", "%1 s").arg(QLocale().toString(ms / 1000.0, 'f', 1));
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600)
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

JobHistoryModel::JobHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    intern(QString());
}

QString JobHistoryModel::statusLabel(const QString &status)
{
    using api::JobStatus;
    switch (api::jobStatusFromString(status).value_or(JobStatus(-1))) {
    case JobStatus::Pending:
        return tr("Pending");
    case JobStatus::StagingInputs:
        return tr("Staging inputs");
    case JobStatus::Queued:
        return tr("Queued");
    case JobStatus::Running:
        return tr("Running");
    case JobStatus::Archiving:
        return tr("Archiving");
    case JobStatus::Finished:
        return tr("Finished");
    case JobStatus::Failed:
        return tr("Failed");
    case JobStatus::Cancelled:
        return tr("Cancelled");
    }
    return status; // from a newer gateway: shown as it came
}

quint16 JobHistoryModel::intern(const QString &value)
{
    auto it = m_stringIds.constFind(value);
    if (it != m_stringIds.constEnd())
        return *it;
    const quint16 id = quint16(m_strings.size());
    m_strings.append(value);
    m_stringsUtf8.append(value.toUtf8());
    m_stringIds.insert(value, id);
    return id;
}

void JobHistoryModel::fill(Row &row, const QJsonObject &job)
{
    row.id = job.value(QStringLiteral("id")).toInteger();
    const QByteArray name = job.value(QStringLiteral("name")).toString().toUtf8();
    if (name != nameOf(row)) { // a renamed job appends its new name; the old bytes stay unused
        row.nameOffset = quint32(m_names.size());
        row.nameLength = quint32(name.size());
        m_names.append(name);
    }
    row.type = intern(job.value(QStringLiteral("type")).toString());
    row.system = intern(job.value(QStringLiteral("system")).toString());
    row.status = intern(job.value(QStringLiteral("status")).toString());
    row.owner = intern(job.value(QStringLiteral("owner")).toString());
    if (const QJsonValue group = job.value(QStringLiteral("group")); group.isString())
        m_groupOfOwner.insert(row.owner, intern(group.toString()));
    if (const QJsonObject tasks = job.value(QStringLiteral("tasks")).toObject(); !tasks.isEmpty())
        m_tasksOf.insert(row.id, {tasks.value(u"total").toInt(), tasks.value(u"failed").toInt()});
    row.submitted = storedTime(job.value(QStringLiteral("submittedAt")));
    row.started = storedTime(job.value(QStringLiteral("startedAt")));
    row.ended = storedTime(job.value(QStringLiteral("endedAt")));
    const QJsonValue runtime = job.value(QStringLiteral("runtimeMs"));
    row.runtimeMs = runtime.isDouble() ? runtime.toInteger() : -1;
    const QJsonValue exit = job.value(QStringLiteral("exitCode"));
    row.exitCode = exit.isDouble() ? qint32(exit.toInt()) : INT32_MIN;
}

void JobHistoryModel::upsert(const QList<api::JobSummary> &jobs)
{
    QList<QJsonObject> rows;
    rows.reserve(jobs.size());
    for (const api::JobSummary &job : jobs)
        rows << job.toJson();
    upsert(rows);
}

void JobHistoryModel::upsert(const QList<QJsonObject> &jobs)
{
    QList<Row> fresh;
    for (const QJsonObject &job : jobs) {
        const qint64 id = job.value(QStringLiteral("id")).toInteger();
        const int slot = m_slotById.value(id, -1);
        if (slot >= 0) {
            fill(m_rows[slot], job);
            const int row = m_position.at(slot);
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        } else {
            Row row;
            fill(row, job);
            fresh.append(std::move(row));
        }
    }
    if (fresh.isEmpty())
        return;
    // One insertion for the whole batch: views and proxies then update once, not per row.
    const int first = int(m_order.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    m_rows.reserve(m_rows.size() + fresh.size());
    for (Row &row : fresh) {
        const int slot = int(m_rows.size());
        m_slotById.insert(row.id, slot);
        m_rows.append(std::move(row));
        m_position.append(int(m_order.size()));
        m_order.append(slot);
    }
    endInsertRows();
    if (m_sortColumn >= 0)
        sort(m_sortColumn, m_sortOrder); // keep the chosen order as pages arrive
}

QStringList JobHistoryModel::owners() const
{
    QSet<quint16> seen;
    for (const int slot : m_order)
        seen.insert(m_rows.at(slot).owner);
    QStringList names;
    for (const quint16 id : seen) {
        if (!m_strings.at(id).isEmpty())
            names << m_strings.at(id);
    }
    names.sort(Qt::CaseInsensitive);
    return names;
}

int JobHistoryModel::rowOf(qint64 jobId) const
{
    const int slot = m_slotById.value(jobId, -1);
    return slot < 0 ? -1 : m_position.at(slot);
}

void JobHistoryModel::sort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
    if (column < 0 || column >= ColumnCount)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList persistent = persistentIndexList();
    QList<qint64> persistentIds;
    persistentIds.reserve(persistent.size());
    for (const QModelIndex &index : persistent)
        persistentIds.append(jobIdAt(index.row()));

    // Sort slots, not rows: numeric columns compare 16-byte (key, slot) pairs; the rows themselves never move.
    const bool descending = order == Qt::DescendingOrder;
    const qsizetype n = m_order.size();
    QList<int> permutation = m_order; // slots, in the order to be sorted
    const auto numericKey = [column](const Row &row) -> qint64 {
        switch (column) {
        case Submitted:
            return row.submitted;
        case Started:
            return row.started;
        case Ended:
            return row.ended;
        case Runtime:
            return row.runtimeMs;
        case Exit:
            return row.exitCode;
        default:
            return row.id;
        }
    };
    if (column == Name || column == Owner || column == Type || column == System || column == Status) {
        const auto text = [this, column](const Row &row) -> QByteArrayView {
            if (column == Name)
                return nameOf(row);
            const quint16 id = column == Owner ? row.owner
                : column == Type               ? row.type
                : column == System             ? row.system
                                               : row.status;
            return QByteArrayView(m_stringsUtf8.at(id));
        };
        std::sort(permutation.begin(), permutation.end(), [&](int x, int y) {
            const Row &a = m_rows.at(x);
            const Row &b = m_rows.at(y);
            const QByteArrayView ta = text(a), tb = text(b);
            const int c = qstrnicmp(ta.data(), ta.size(), tb.data(), tb.size());
            if (c != 0)
                return descending ? c > 0 : c < 0;
            return descending ? a.id > b.id : a.id < b.id; // ties by id: a total order
        });
    } else {
        QList<std::pair<qint64, int>> keys(n);
        for (int i = 0; i < n; ++i)
            keys[i] = {numericKey(m_rows.at(m_order.at(i))), m_order.at(i)};
        std::sort(keys.begin(), keys.end(), [&](const auto &a, const auto &b) {
            if (a.first != b.first)
                return descending ? a.first > b.first : a.first < b.first;
            const qint64 ida = m_rows.at(a.second).id, idb = m_rows.at(b.second).id;
            return descending ? ida > idb : ida < idb;
        });
        for (int i = 0; i < n; ++i)
            permutation[i] = keys[i].second;
    }
    m_order = std::move(permutation);
    for (int row = 0; row < n; ++row)
        m_position[m_order.at(row)] = row;

    QModelIndexList moved;
    moved.reserve(persistent.size());
    for (qsizetype i = 0; i < persistent.size(); ++i)
        moved.append(index(rowOf(persistentIds[i]), persistent[i].column()));
    changePersistentIndexList(persistent, moved);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

bool JobHistoryModel::updateStatus(qint64 jobId, const QString &status)
{
    const int slot = m_slotById.value(jobId, -1);
    if (slot < 0)
        return false;
    m_rows[slot].status = intern(status);
    const int row = m_position.at(slot);
    Q_EMIT dataChanged(index(row, Status), index(row, Status));
    return true;
}

void JobHistoryModel::remove(qint64 jobId)
{
    const int slot = m_slotById.value(jobId, -1);
    if (slot < 0)
        return;
    const int row = m_position.at(slot);
    beginRemoveRows({}, row, row);
    m_order.removeAt(row);
    m_position[slot] = -1; // the slot stays, empty
    m_slotById.remove(jobId);
    for (int i = row; i < m_order.size(); ++i)
        m_position[m_order.at(i)] = i;
    endRemoveRows();
}

void JobHistoryModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_order.clear();
    m_position.clear();
    m_slotById.clear();
    m_names.clear();
    m_tasksOf.clear();
    endResetModel();
}

QString JobHistoryModel::statusAt(int row) const
{
    return m_strings.at(m_rows.at(m_order.at(row)).status);
}

int JobHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int JobHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Row &row = m_rows.at(m_order.at(index.row()));
    const QString &status = m_strings.at(row.status);
    switch (role) {
    case JobIdRole:
        return row.id;
    case StatusRole:
        return status;
    case TypeRole:
        return m_strings.at(row.type);
    case SystemRole:
        return m_strings.at(row.system);
    case SubmittedRole:
        return msecs(row.submitted);
    case OwnerRole:
        return m_strings.at(row.owner);
    case GroupRole:
        return m_strings.at(m_groupOfOwner.value(row.owner));
    case SortRole:
        switch (index.column()) {
        case Id:
            return row.id;
        case Name:
            return QString::fromUtf8(nameOf(row));
        case Owner:
            return m_strings.at(row.owner);
        case Type:
            return m_strings.at(row.type);
        case System:
            return m_strings.at(row.system);
        case Status:
            return status;
        case Submitted:
            return msecs(row.submitted);
        case Started:
            return msecs(row.started);
        case Ended:
            return msecs(row.ended);
        case Runtime:
            return row.runtimeMs;
        case Exit:
            return row.exitCode;
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id:
            return row.id;
        case Name:
            return QString::fromUtf8(nameOf(row));
        case Owner:
            return m_strings.at(row.owner);
        case Type:
            return m_strings.at(row.type) == u"compile" ? tr("Compile") : tr("Run");
        case System:
            return m_strings.at(row.system);
        case Status:
            if (const auto tasks = m_tasksOf.constFind(row.id); tasks != m_tasksOf.cend()) {
                return tasks->second > 0
                    ? tr("%1 (%2 of %3 tasks failed)").arg(statusLabel(status)).arg(tasks->second).arg(tasks->first)
                    : tr("%1 (all %2 tasks)").arg(statusLabel(status)).arg(tasks->first);
            }
            return statusLabel(status);
        case Submitted:
            return formatTime(msecs(row.submitted));
        case Started:
            return formatTime(msecs(row.started));
        case Ended:
            return formatTime(msecs(row.ended));
        case Runtime:
            return formatDuration(row.runtimeMs);
        case Exit:
            return row.exitCode == INT32_MIN ? QVariant() : QVariant(row.exitCode);
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == Status) {
            QStyle::StandardPixmap icon = QStyle::SP_MediaPause;
            const auto known = api::jobStatusFromString(status);
            if (known == api::JobStatus::Running)
                icon = QStyle::SP_MediaPlay;
            else if (known == api::JobStatus::Finished)
                icon = QStyle::SP_DialogApplyButton;
            else if (known == api::JobStatus::Failed)
                icon = QStyle::SP_MessageBoxCritical;
            else if (known == api::JobStatus::Cancelled)
                icon = QStyle::SP_DialogCancelButton;
            return QApplication::style()->standardIcon(icon);
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Status) {
            const auto known = api::jobStatusFromString(status);
            if (known == api::JobStatus::Failed)
                return QColor(0xb0, 0x1c, 0x1c);
            if (known == api::JobStatus::Finished)
                return QColor(0x1d, 0x7a, 0x2e);
            if (known == api::JobStatus::Running)
                return QColor(0x1a, 0x5f, 0xb4);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Id || index.column() == Runtime || index.column() == Exit)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant JobHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id:
        return tr("Job ID");
    case Name:
        return tr("Name");
    case Owner:
        return tr("Owner");
    case Type:
        return tr("Type");
    case System:
        return tr("System");
    case Status:
        return tr("Status");
    case Submitted:
        return tr("Submitted");
    case Started:
        return tr("Started");
    case Ended:
        return tr("Ended");
    case Runtime:
        return tr("Runtime");
    case Exit:
        return tr("Exit");
    }
    return {};
}

} // namespace tandem
