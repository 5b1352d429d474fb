#include "admin/ClassView.h"

#include "admin/ClassImportDialog.h"

#include "client/GatewayApi.h"
#include "client/GatewayConnection.h"
#include "common/MessageBanner.h"
#include "history/JobHistoryModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tandem {

namespace {

constexpr int NameRole = Qt::UserRole + 1;

QString sessionLabel(const QString &state)
{
    if (state == u"READY")
        return ClassView::tr("Connected or ready");
    if (state == u"STARTING")
        return ClassView::tr("Starting");
    if (state == u"STOPPING")
        return ClassView::tr("Stopping");
    return ClassView::tr("None");
}

// Numbers sort as numbers.
class MemberItem : public QTreeWidgetItem
{
public:
    using QTreeWidgetItem::QTreeWidgetItem;
    bool operator<(const QTreeWidgetItem &other) const override
    {
        const int column = treeWidget() ? treeWidget()->sortColumn() : 0;
        if (column == ClassView::Jobs || column == ClassView::Active)
            return text(column).toLongLong() < other.text(column).toLongLong();
        return QTreeWidgetItem::operator<(other);
    }
};

} // namespace

ClassView::ClassView(GatewayConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_banner(new MessageBanner(this))
    , m_class(new QLineEdit(this))
    , m_members(new QTreeWidget(this))
    , m_summary(new QLabel(this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_openHistory(new QPushButton(tr("Open their jobs"), this))
    , m_import(new QPushButton(tr("Add students from a list…"), this))
{
    m_banner->hide();
    m_class->setPlaceholderText(tr("class (group)"));
    m_class->setReadOnly(true);
    m_members->setColumnCount(ColumnCount);
    m_members->setHeaderLabels({tr("Member"), tr("Session"), tr("Jobs"), tr("Active"), tr("Last job"), tr("Status")});
    m_members->setRootIsDecorated(false);
    m_members->setSortingEnabled(true);
    m_members->sortByColumn(Member, Qt::AscendingOrder);
    m_members->setUniformRowHeights(true);
    for (int column = Member; column < LastJob; ++column)
        m_members->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_members->header()->setSectionResizeMode(LastJob, QHeaderView::Stretch);
    m_members->header()->setSectionResizeMode(LastStatus, QHeaderView::ResizeToContents);
    m_openHistory->setEnabled(false);

    m_jobsChanged.setSingleShot(true);
    m_jobsChanged.setInterval(400);
    connect(&m_jobsChanged, &QTimer::timeout, this, &ClassView::reload);
    connect(m_refresh, &QPushButton::clicked, this, [this] {
        reload();
        reloadSessions();
    });
    connect(m_class, &QLineEdit::editingFinished, this, &ClassView::reload);
    connect(m_members, &QTreeWidget::itemSelectionChanged, this,
            [this] { m_openHistory->setEnabled(!m_members->selectedItems().isEmpty()); });
    const auto open = [this] {
        if (!m_members->selectedItems().isEmpty())
            Q_EMIT historyRequested(m_members->selectedItems().first()->data(Member, NameRole).toString());
    };
    connect(m_openHistory, &QPushButton::clicked, this, open);
    connect(m_import, &QPushButton::clicked, this, [this] {
        auto *dialog = new ClassImportDialog(m_connection, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &ClassImportDialog::created, this, &ClassView::reload);
        dialog->show();
    });
    connect(m_members, &QTreeWidget::itemActivated, this, open);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Class:"), this));
    top->addWidget(m_class);
    top->addStretch(1);
    top->addWidget(m_import);
    top->addWidget(m_refresh);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 1);
    bottom->addWidget(m_openHistory);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(top);
    layout->addWidget(m_members, 1);
    layout->addLayout(bottom);
}

void ClassView::setViewer(api::User::Role role, const QString &group)
{
    // Admins may look at any class; an instructor's is theirs.
    m_class->setReadOnly(role != api::User::Role::Admin);
    m_class->setText(group);
    if (role != api::User::Role::User && !group.isEmpty()) {
        reload();
        reloadSessions();
    }
}

QTreeWidgetItem *ClassView::row(const QString &name) const
{
    for (int i = 0; i < m_members->topLevelItemCount(); ++i) {
        if (m_members->topLevelItem(i)->data(Member, NameRole).toString() == name)
            return m_members->topLevelItem(i);
    }
    return nullptr;
}

void ClassView::reload()
{
    const QString group = m_class->text().trimmed();
    if (group.isEmpty())
        return;
    if (m_loading) {
        m_reloadAgain = true; // once this answer is in
        return;
    }
    m_loading = true;
    AuthApi(*m_connection).classSummary(group, this, [this](const Result<api::ClassSummary> &summary) {
        m_loading = false;
        if (!summary)
            m_banner->showMessage(MessageBanner::Level::Error,
                                  tr("Cannot show the class: %1").arg(summary.error().message));
        else
            present(*summary);
        if (std::exchange(m_reloadAgain, false))
            reload();
    });
}

void ClassView::reloadSessions()
{
    SessionsApi(*m_connection).list(this, [this](const Result<QList<api::Session>> &sessions) {
        if (!sessions)
            return;
        m_sessionOf.clear();
        for (const api::Session &session : *sessions) {
            if (session.isActive())
                m_sessionOf.insert(session.owner, api::sessionStateName(session.state));
        }
        for (int i = 0; i < m_members->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = m_members->topLevelItem(i);
            showSession(item, m_sessionOf.value(item->data(Member, NameRole).toString()));
        }
    });
}

void ClassView::onJobEvent()
{
    if (isVisible() || m_members->topLevelItemCount() > 0)
        m_jobsChanged.start();
}

void ClassView::onSessionEvent(const api::Session &session)
{
    const QString state = session.isActive() ? api::sessionStateName(session.state) : QString();
    if (state.isEmpty())
        m_sessionOf.remove(session.owner);
    else
        m_sessionOf.insert(session.owner, state);
    if (QTreeWidgetItem *item = row(session.owner))
        showSession(item, state);
}

void ClassView::showSession(QTreeWidgetItem *item, const QString &state)
{
    item->setText(Session, sessionLabel(state));
}

void ClassView::present(const api::ClassSummary &summary)
{
    m_banner->hide();
    const QString selected = m_members->selectedItems().isEmpty()
        ? QString()
        : m_members->selectedItems().first()->data(Member, NameRole).toString();
    m_members->setSortingEnabled(false);
    m_members->clear();
    qint64 active = 0;
    int students = 0;
    for (const api::ClassMember &member : summary.members) {
        auto *item = new MemberItem(m_members);
        item->setData(Member, NameRole, member.name);
        item->setText(Member,
                      member.role == api::User::Role::User
                          ? member.name
                          : tr("%1 (%2)").arg(member.name, api::roleName(member.role)));
        item->setText(Jobs, QString::number(member.jobs));
        item->setText(Active, QString::number(member.activeJobs));
        if (member.lastJobId) {
            item->setText(LastJob,
                          tr("%1 (job %2, %3)")
                              .arg(member.lastJobName)
                              .arg(*member.lastJobId)
                              .arg(QLocale().toString(member.lastJobSubmittedAt.toLocalTime(), QLocale::ShortFormat)));
            item->setText(LastStatus, JobHistoryModel::statusLabel(member.lastJobStatus));
        } else {
            item->setText(LastJob, tr("no jobs yet"));
        }
        for (int column : {Jobs, Active})
            item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
        showSession(item, m_sessionOf.value(member.name));
        if (member.name == selected)
            item->setSelected(true);
        active += member.activeJobs;
        students += member.role == api::User::Role::User ? 1 : 0;
    }
    m_members->setSortingEnabled(true);
    m_summary->setText(tr("%n student(s)", nullptr, students) + QStringLiteral(" · ")
                       + tr("%n job(s) running or waiting", nullptr, int(active)));
}

} // namespace tandem
