#include "admin/AdminTab.h"

#include "admin/ClassView.h"

#include "client/GatewayApi.h"
#include "client/GatewayConnection.h"
#include "common/Dialogs.h"
#include "common/MessageBanner.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tandem {

namespace {

enum Column { Owner, Group, Session, State, Age, Idle, Message, ColumnCount };
constexpr int IdRole = Qt::UserRole + 1;
constexpr int SortRole = Qt::UserRole + 2;

// The state a row shows, kept under IdRole of its State column.
api::Session::State stateOf(const QTreeWidgetItem *item)
{
    return api::Session::State(item->data(State, IdRole).toInt());
}

bool isActive(const QTreeWidgetItem *item)
{
    const api::Session::State state = stateOf(item);
    return state == api::Session::State::Starting || state == api::Session::State::Ready;
}

QString duration(qint64 seconds)
{
    if (seconds < 60)
        return AdminTab::tr("%n s", nullptr, int(seconds));
    if (seconds < 3600)
        return AdminTab::tr("%n min", nullptr, int(seconds / 60));
    return AdminTab::tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
}

QString stateLabel(api::Session::State state)
{
    switch (state) {
    case api::Session::State::Starting:
        return AdminTab::tr("Starting");
    case api::Session::State::Ready:
        return AdminTab::tr("Running");
    case api::Session::State::Stopping:
        return AdminTab::tr("Stopping");
    case api::Session::State::Stopped:
        return AdminTab::tr("Stopped");
    case api::Session::State::Failed:
        break;
    }
    return AdminTab::tr("Failed");
}

class SessionItem : public QTreeWidgetItem
{
public:
    using QTreeWidgetItem::QTreeWidgetItem;
    bool operator<(const QTreeWidgetItem &other) const override
    {
        const int column = treeWidget() ? treeWidget()->sortColumn() : Owner;
        const QVariant mine = data(column, SortRole), theirs = other.data(column, SortRole);
        if (mine.isValid() && theirs.isValid())
            return mine.toLongLong() < theirs.toLongLong();
        return text(column).localeAwareCompare(other.text(column)) < 0;
    }
};

} // namespace

AdminTab::AdminTab(GatewayConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_pages(new QTabWidget(this))
    , m_class(new ClassView(connection, this))
    , m_banner(new MessageBanner(this))
    , m_filter(new QLineEdit(this))
    , m_sessions(new QTreeWidget(this))
    , m_summary(new QLabel(this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_stopSelected(new QPushButton(tr("Stop selected"), this))
    , m_stopAll(new QPushButton(tr("Stop all…"), this))
{
    m_banner->hide();
    m_filter->setPlaceholderText(tr("Filter by user, group or state"));
    m_filter->setClearButtonEnabled(true);
    m_sessions->setColumnCount(ColumnCount);
    m_sessions->setHeaderLabels(
        {tr("User"), tr("Group"), tr("Session"), tr("State"), tr("Age"), tr("Idle"), tr("Message")});
    m_sessions->setRootIsDecorated(false);
    m_sessions->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_sessions->setSortingEnabled(true);
    m_sessions->sortByColumn(Owner, Qt::AscendingOrder);
    m_sessions->setUniformRowHeights(true);
    for (int column = Owner; column < Message; ++column)
        m_sessions->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_sessions->header()->setSectionResizeMode(Message, QHeaderView::Stretch);
    m_stopSelected->setToolTip(tr("Stop the selected sessions (Delete)"));
    m_stopSelected->setShortcut(QKeySequence::Delete);

    connect(m_filter, &QLineEdit::textChanged, this, &AdminTab::applyFilter);
    connect(m_sessions, &QTreeWidget::itemSelectionChanged, this, &AdminTab::updateButtons);
    connect(m_refresh, &QPushButton::clicked, this, &AdminTab::reload);
    connect(m_stopSelected, &QPushButton::clicked, this, &AdminTab::stopSelected);
    connect(m_stopAll, &QPushButton::clicked, this, [this] {
        const int count = activeCount();
        if (Dialogs::instance().confirm(
                this, tr("Stop all sessions"),
                tr("Stop all %n running session(s) you can see? Programs running in them end.", nullptr, count)))
            stopAll();
    });
    // Ages and idle times move on; the list is fetched again every few seconds while shown.
    m_refreshTimer.setInterval(std::chrono::seconds(10));
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            reload();
    });
    m_refreshTimer.start();

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Interactive sessions"), this));
    top->addStretch();
    top->addWidget(m_filter, 1);
    top->addWidget(m_refresh);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 1);
    bottom->addWidget(m_stopSelected);
    bottom->addWidget(m_stopAll);
    auto *sessionsPage = new QWidget(this);
    auto *layout = new QVBoxLayout(sessionsPage);
    layout->addWidget(m_banner);
    layout->addLayout(top);
    layout->addWidget(m_sessions, 1);
    layout->addLayout(bottom);
    m_pages->addTab(m_class, tr("Class"));
    m_pages->addTab(sessionsPage, tr("Sessions"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_pages);
    updateButtons();
}

int AdminTab::activeCount() const
{
    int count = 0;
    for (int i = 0; i < m_sessions->topLevelItemCount(); ++i)
        count += isActive(m_sessions->topLevelItem(i)) ? 1 : 0;
    return count;
}

void AdminTab::reload()
{
    SessionsApi(*m_connection).list(this, [this](const Result<QList<api::Session>> &sessions) {
        if (!sessions) {
            m_banner->showMessage(MessageBanner::Level::Error,
                                  tr("Cannot list the sessions: %1").arg(sessions.error().message));
            return;
        }
        QSet<qint64> listed;
        for (const api::Session &session : *sessions) {
            update(session);
            listed.insert(session.id);
        }
        for (int i = m_sessions->topLevelItemCount() - 1; i >= 0; --i) {
            if (!listed.contains(m_sessions->topLevelItem(i)->data(Session, IdRole).toLongLong()))
                delete m_sessions->topLevelItem(i); // forgotten by the gateway
        }
        applyFilter();
        updateButtons();
    });
}

void AdminTab::onSessionEvent(const api::Session &session)
{
    m_class->onSessionEvent(session);
    update(session);
    applyFilter();
    updateButtons();
}

void AdminTab::update(const api::Session &session)
{
    QTreeWidgetItem *item = nullptr;
    for (int i = 0; i < m_sessions->topLevelItemCount() && !item; ++i) {
        if (m_sessions->topLevelItem(i)->data(Session, IdRole).toLongLong() == session.id)
            item = m_sessions->topLevelItem(i);
    }
    if (!item) {
        item = new SessionItem(m_sessions);
        item->setData(Session, IdRole, session.id);
    }
    item->setText(Owner, session.owner);
    item->setText(Group, session.group);
    item->setText(Session, QString::number(session.id));
    item->setData(Session, SortRole, session.id);
    item->setText(State, stateLabel(session.state));
    item->setData(State, IdRole, int(session.state));
    item->setText(Age, duration(session.ageSeconds));
    item->setData(Age, SortRole, session.ageSeconds);
    if (session.idleSeconds) {
        item->setText(Idle, session.connections > 0 ? tr("connected") : duration(*session.idleSeconds));
        item->setData(Idle, SortRole, *session.idleSeconds);
    } else {
        item->setText(Idle, QString());
        item->setData(Idle, SortRole, -1);
    }
    item->setText(Message, session.message);
    const QColor colour
        = session.isActive() ? palette().color(QPalette::Text) : palette().color(QPalette::Disabled, QPalette::Text);
    for (int column = 0; column < ColumnCount; ++column)
        item->setForeground(column, colour);
}

void AdminTab::applyFilter()
{
    const QString text = m_filter->text().trimmed();
    for (int i = 0; i < m_sessions->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_sessions->topLevelItem(i);
        item->setHidden(!text.isEmpty() && !item->text(Owner).contains(text, Qt::CaseInsensitive)
                        && !item->text(Group).contains(text, Qt::CaseInsensitive)
                        && !item->text(State).contains(text, Qt::CaseInsensitive));
    }
}

void AdminTab::updateButtons()
{
    bool anySelectedActive = false;
    for (QTreeWidgetItem *item : m_sessions->selectedItems())
        anySelectedActive = anySelectedActive || isActive(item);
    const int active = activeCount();
    m_stopSelected->setEnabled(anySelectedActive);
    m_stopAll->setEnabled(active > 0);
    m_summary->setText(tr("%n running", nullptr, active) + QStringLiteral(" · ")
                       + tr("%n listed", nullptr, m_sessions->topLevelItemCount()));
}

void AdminTab::stopSelected()
{
    QList<qint64> ids;
    for (QTreeWidgetItem *item : m_sessions->selectedItems()) {
        if (isActive(item))
            ids.append(item->data(Session, IdRole).toLongLong());
    }
    if (!ids.isEmpty())
        stop(ids, false, tr("Stopping %n session(s)…", nullptr, int(ids.size())));
}

void AdminTab::stopAll()
{
    stop({}, true, tr("Stopping all sessions…"));
}

void AdminTab::stop(const QList<qint64> &ids, bool all, const QString &what)
{
    m_stopSelected->setEnabled(false);
    m_stopAll->setEnabled(false);
    m_banner->showMessage(MessageBanner::Level::Information, what);
    SessionsApi(*m_connection).stopMany(ids, all, this, [this](const Result<QList<api::Session>> &stopping) {
        if (!stopping) {
            m_banner->showMessage(MessageBanner::Level::Error,
                                  tr("Nothing was stopped: %1").arg(stopping.error().message));
            updateButtons();
            return;
        }
        for (const api::Session &session : *stopping)
            update(session);
        m_banner->showMessage(
            MessageBanner::Level::Information,
            tr("%n session(s) stopping; the list follows as each one ends.", nullptr, int(stopping->size())));
        updateButtons();
    });
}

} // namespace tandem
