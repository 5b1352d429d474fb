#include "history/JobHistoryTab.h"

#include "api/JobStatus.h"
#include "client/EventStreamClient.h"
#include "client/GatewayConnection.h"
#include "client/JobArchiveReader.h"
#include "client/JobArchiveWriter.h"
#include "client/JobHistoryController.h"
#include "client/OfflineCache.h"
#include "common/Dialogs.h"
#include "common/MessageBanner.h"
#include "history/JobFilterProxyModel.h"
#include "history/JobHistoryModel.h"

#include <QComboBox>
#include <QDir>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace tandem {

namespace {

constexpr int PageSize = 200;

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

JobHistoryTab::JobHistoryTab(GatewayConnection *connection, EventStreamClient *events, OfflineCache *cache,
                             QWidget *parent)
    : QWidget(parent)
    , m_controller(new JobHistoryController(*connection, events, cache, this))
    , m_events(events)
    , m_cache(cache)
    , m_banner(new MessageBanner(this))
    , m_filter(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_type(new QComboBox(this))
    , m_system(new QComboBox(this))
    , m_period(new QComboBox(this))
    , m_scope(new QComboBox(this))
    , m_owner(new QComboBox(this))
    , m_readOnly(new QLabel(this))
    , m_saveFile(new QPushButton(tr("Save file…"), this))
    , m_live(new QLabel(this))
    , m_view(new QTableView(this))
    , m_model(new JobHistoryModel(this))
    , m_proxy(new JobFilterProxyModel(this))
    , m_detailTabs(new QTabWidget(this))
    , m_overview(new QTextBrowser(this))
    , m_stdout(new QPlainTextEdit(this))
    , m_stderr(new QTextBrowser(this))
    , m_files(new QListWidget(this))
    , m_cancel(new QPushButton(tr("Cancel job"), this))
    , m_resubmit(new QPushButton(tr("Resubmit"), this))
    , m_edit(new QPushButton(tr("Edit and resubmit…"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
    , m_archive(new QPushButton(tr("Download archive…"), this))
    , m_archiveShown(new QPushButton(tr("Archive the jobs shown…"), this))
    , m_connection(connection)
{
    m_filter->setPlaceholderText(tr("Filter by name or job ID"));
    m_filter->setClearButtonEnabled(true);
    m_status->addItem(tr("All states"), QStringList());
    m_status->addItem(tr("Active"),
                      QStringList{api::statusName(api::JobStatus::Pending),
                                  api::statusName(api::JobStatus::StagingInputs),
                                  api::statusName(api::JobStatus::Queued), api::statusName(api::JobStatus::Running),
                                  api::statusName(api::JobStatus::Archiving)});
    m_status->addItem(tr("Finished"), QStringList{api::statusName(api::JobStatus::Finished)});
    m_status->addItem(tr("Failed"), QStringList{api::statusName(api::JobStatus::Failed)});
    m_status->addItem(tr("Cancelled"), QStringList{api::statusName(api::JobStatus::Cancelled)});
    m_type->addItem(tr("Compile and run"), QString());
    m_type->addItem(tr("Compile"), QStringLiteral("compile"));
    m_type->addItem(tr("Run"), QStringLiteral("run"));
    m_system->addItem(tr("All systems"), QString());
    m_period->addItem(tr("Any time"), 0);
    m_period->addItem(tr("Today"), 1);
    m_period->addItem(tr("Last 7 days"), 7);
    m_period->addItem(tr("Last 30 days"), 30);

    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(JobHistoryModel::Id, Qt::DescendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    // Uniform rows: the view never measures a hundred thousand rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(JobHistoryModel::Id, 70);
    m_view->setColumnWidth(JobHistoryModel::Name, 200);
    m_view->setColumnWidth(JobHistoryModel::Status, 190); // "Failed (1 of 5 tasks failed)" for an array
    // Wide enough for a short date and time in this locale, plus the sort indicator.
    const int timeWidth = m_view->fontMetrics().horizontalAdvance(
                              QLocale().toString(QDateTime(QDate(2026, 12, 28), QTime(23, 59)), QLocale::ShortFormat))
        + 28;
    for (int column : {JobHistoryModel::Submitted, JobHistoryModel::Started, JobHistoryModel::Ended})
        m_view->setColumnWidth(column, timeWidth);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_stdout->setReadOnly(true);
    m_stdout->setFont(fixed);
    m_stdout->setMaximumBlockCount(20000);
    m_stderr->setFont(fixed);
    m_stderr->setOpenLinks(false);
    m_overview->setOpenLinks(false);
    m_detailTabs->addTab(m_overview, tr("Overview"));
    m_detailTabs->addTab(m_stdout, tr("Output"));
    m_detailTabs->addTab(m_stderr, tr("Errors"));
    auto *filesPane = new QWidget(this);
    auto *filesLayout = new QVBoxLayout(filesPane);
    filesLayout->setContentsMargins(0, 0, 0, 0);
    filesLayout->addWidget(m_files, 1);
    auto *filesButtons = new QHBoxLayout;
    filesButtons->addWidget(m_saveFile);
    filesButtons->addStretch(1);
    filesLayout->addLayout(filesButtons);
    m_saveFile->setEnabled(false);
    connect(m_saveFile, &QPushButton::clicked, this, &JobHistoryTab::saveSelectedFile);
    connect(m_files, &QListWidget::currentItemChanged, this,
            [this](QListWidgetItem *item) { m_saveFile->setEnabled(item != nullptr); });
    m_detailTabs->addTab(filesPane, tr("Files"));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_scope);
    filters->addWidget(m_owner);
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_status);
    filters->addWidget(m_type);
    filters->addWidget(m_system);
    filters->addWidget(m_period);
    filters->addWidget(m_live);
    auto *actions = new QHBoxLayout;
    for (QPushButton *button : {m_cancel, m_resubmit, m_edit, m_delete, m_archive})
        actions->addWidget(button);
    actions->addStretch(1);
    actions->addWidget(m_readOnly);
    actions->addWidget(m_archiveShown);
    m_archiveShown->setToolTip(tr("All the jobs the table shows now, each in its owner's folder, as one archive to "
                                  "review offline (File › Open job archive…)"));
    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addLayout(actions);
    detailLayout->addWidget(m_detailTabs, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);

    // Typing restarts a short timer: one filter pass per pause, not one per keystroke.
    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(150);
    connect(m_filter, &QLineEdit::textChanged, &m_filterDelay, qOverload<>(&QTimer::start));
    connect(&m_filterDelay, &QTimer::timeout, this, [this] { m_proxy->setText(m_filter->text().trimmed()); });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        const QStringList statuses = m_status->currentData().toStringList();
        m_proxy->setStatuses(QSet<QString>(statuses.begin(), statuses.end()));
    });
    connect(m_type, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setType(m_type->currentData().toString()); });
    // Until the gateway says who looks, the history is one person's: no scope, no owners.
    m_scope->setVisible(false);
    m_owner->setVisible(false);
    m_readOnly->setVisible(false);
    m_view->setColumnHidden(JobHistoryModel::Owner, true);
    m_scope->setToolTip(tr("Whose jobs to list"));
    m_owner->setToolTip(tr("Only one student's jobs"));
    m_owner->addItem(tr("All students"), QString());
    connect(m_scope, &QComboBox::currentIndexChanged, this, &JobHistoryTab::applyScope);
    connect(m_owner, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setOwner(m_owner->currentData().toString()); });
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { refreshOwners(first, last); });
    for (auto changed : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, changed, this, &JobHistoryTab::updateActions);
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value >= m_view->verticalScrollBar()->maximum() - 5)
            m_controller->loadMore();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &JobHistoryTab::showDetail);
    connect(m_events, &EventStreamClient::connectedChanged, this, [this](bool connected) {
        m_live->setText(connected ? tr("● Live") : tr("○ Reconnecting…"));
        m_live->setToolTip(connected ? tr("Job changes are pushed by the gateway as they happen.")
                                     : tr("The event stream is down; Tandem retries with growing pauses."));
    });
    m_live->setText(tr("○ Connecting…"));
    connect(m_stderr, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        // diag:FILE#LINE — the file is in the job directory, a copy of the source that was compiled.
        if (!m_controller->detail())
            return;
        // Someone else's job: its files are in their home, read through the job; offline, from what was kept.
        if (isOthersJob() || m_offline)
            return Q_EMIT jobFileRequested(m_controller->detail()->id, url.path(), url.fragment().toInt());
        Q_EMIT openSourceRequested(m_controller->detail()->directory + u'/' + url.path(), url.fragment().toInt());
    });
    connect(m_files, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (!m_controller->detail())
            return;
        if (isOthersJob() || m_offline)
            Q_EMIT jobFileRequested(m_controller->detail()->id, item->text(), 0);
        else
            Q_EMIT outputRequested(m_controller->detail()->directory + u'/' + item->text());
    });
    connectController();

    connect(m_cancel, &QPushButton::clicked, this, [this] { m_controller->cancel(selectedJobId()); });
    connect(m_resubmit, &QPushButton::clicked, this, [this] { m_controller->resubmit(selectedJobId()); });
    connect(m_delete, &QPushButton::clicked, this, [this] { m_controller->remove(selectedJobId()); });
    connect(m_edit, &QPushButton::clicked, this, [this] {
        // The request as the gateway accepted it; one it would no longer accept is not offered for editing.
        if (!m_controller->detail())
            return;
        if (auto spec = api::JobSpec::fromJson(m_controller->detail()->spec))
            Q_EMIT editRequested(*spec);
        else
            m_banner->showMessage(MessageBanner::Level::Warning, spec.error().message);
    });
    connect(m_archive, &QPushButton::clicked, this, [this] {
        const QString file = Dialogs::instance().saveFileName(
            this, tr("Save job archive"), QDir::home().filePath(QStringLiteral("job-%1.tar.gz").arg(selectedJobId())));
        if (file.isEmpty())
            return;
        m_controller->saveArchive(selectedJobId(), file);
    });
    connect(m_archiveShown, &QPushButton::clicked, this, [this] {
        const QString file = Dialogs::instance().saveFileName(this, tr("Save the jobs shown as one archive"),
                                                              QDir::home().filePath(QStringLiteral("jobs.tar.gz")));
        if (!file.isEmpty())
            saveShownJobs(file);
    });
    updateActions();
}

void JobHistoryTab::saveShownJobs(const QString &file)
{
    QList<JobArchiveWriter::Entry> jobs;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        jobs.append(
            {index.data(JobHistoryModel::JobIdRole).toLongLong(), index.data(JobHistoryModel::OwnerRole).toString()});
    }
    auto *writer = new JobArchiveWriter(*m_connection, this);
    m_archiveShown->setEnabled(false);
    connect(writer, &JobArchiveWriter::progress, this, [this](int done, int total) {
        m_banner->showMessage(MessageBanner::Level::Information,
                              tr("Putting the jobs in one archive: %1 of %2…").arg(done).arg(total));
    });
    connect(writer, &JobArchiveWriter::finished, this, [this, writer, file](int written, const QStringList &problems) {
        writer->deleteLater();
        updateActions();
        if (problems.isEmpty())
            m_banner->showMessage(MessageBanner::Level::Information,
                                  tr("Saved %n job(s) to %1.", nullptr, written).arg(QDir::toNativeSeparators(file)));
        else
            m_banner->showMessage(MessageBanner::Level::Warning,
                                  tr("Saved %n job(s); some could not be put in the archive: %1", nullptr, written)
                                      .arg(problems.join(QStringLiteral("; "))));
        Q_EMIT shownJobsSaved(written, problems);
    });
    writer->write(jobs, file);
}

void JobHistoryTab::setOffline(bool offline)
{
    m_offline = offline;
    m_controller->setOffline(offline);
    if (offline) {
        m_live->setText(tr("○ Offline"));
        // Whatever was seen before is browsable; rows already shown stay as they are.
        if (m_cache)
            m_model->upsert(m_cache->jobs());
    }
    updateActions();
}

void JobHistoryTab::importArchives(const QStringList &paths)
{
    auto *reader = new JobArchiveReader(this);
    connect(reader, &JobArchiveReader::jobRead, this,
            [this](const QJsonObject &job, const QJsonArray &history, const QHash<QString, QByteArray> &files) {
                m_model->upsert({job});
                if (!m_cache)
                    return;
                m_cache->storeDetail(job);
                m_cache->storeHistory(job.value(QStringLiteral("id")).toInteger(), history);
                for (auto it = files.cbegin(); it != files.cend(); ++it)
                    m_cache->storeFile(job.value(QStringLiteral("id")).toInteger(), it.key(), it.value());
            });
    connect(reader, &JobArchiveReader::finished, this, [this, reader](int jobs, const QStringList &problems) {
        reader->deleteLater();
        if (problems.isEmpty())
            m_banner->showMessage(MessageBanner::Level::Information,
                                  tr("Imported %n job(s) from the archives.", nullptr, jobs));
        else
            m_banner->showMessage(MessageBanner::Level::Warning,
                                  tr("Imported %n job(s); some archives could not be read: %1", nullptr, jobs)
                                      .arg(problems.join(QStringLiteral(" "))));
        Q_EMIT archivesImported(jobs);
    });
    reader->read(paths);
}

void JobHistoryTab::setSystems(const QList<std::pair<QString, QString>> &idsAndNames)
{
    const QString current = m_system->currentData().toString();
    QSignalBlocker blocker(m_system);
    while (m_system->count() > 1)
        m_system->removeItem(1);
    for (const auto &[id, name] : idsAndNames)
        m_system->addItem(name, id);
    m_system->setCurrentIndex(qMax(0, m_system->findData(current)));
}

void JobHistoryTab::saveSelectedFile()
{
    const qint64 id = selectedJobId();
    const QString name = m_files->currentItem() ? m_files->currentItem()->text() : QString();
    if (id == 0 || name.isEmpty())
        return;
    // A name the job chose: not proposed as it is in the home (a student can name a file .bashrc).
    QString proposed = name;
    while (proposed.startsWith(u'.'))
        proposed.remove(0, 1);
    const QString target = Dialogs::instance().saveFileName(
        this, tr("Save %1").arg(name), QDir::home().filePath(QStringLiteral("job-%1-%2").arg(id).arg(proposed)));
    if (target.isEmpty())
        return;
    m_controller->saveFile(id, name, target);
}

void JobHistoryTab::reload()
{
    m_controller->reload();
}

void JobHistoryTab::connectController()
{
    connect(m_controller, &JobHistoryController::jobsArrived, this,
            [this](const QList<api::JobSummary> &jobs) { m_model->upsert(jobs); });
    connect(m_controller, &JobHistoryController::statusChanged, this,
            [this](qint64 id, api::JobStatus status) { m_model->updateStatus(id, api::statusName(status)); });
    connect(m_controller, &JobHistoryController::jobRemoved, this, [this](qint64 id) { m_model->remove(id); });
    connect(m_controller, &JobHistoryController::jobEnded, this, [this](qint64 id, api::JobStatus status) {
        const int row = m_model->rowOf(id);
        Q_EMIT jobEnded(id, m_model->index(row, JobHistoryModel::Name).data().toString(), api::statusName(status));
    });
    connect(m_controller, &JobHistoryController::selectRequested, this, &JobHistoryTab::selectJob);
    connect(m_controller, &JobHistoryController::notice, this,
            [this](JobHistoryController::Notice level, const QString &text) {
                m_banner->showMessage(level == JobHistoryController::Notice::Error ? MessageBanner::Level::Error
                                          : level == JobHistoryController::Notice::Warning
                                          ? MessageBanner::Level::Warning
                                          : MessageBanner::Level::Information,
                                      text);
            });
    connect(m_controller, &JobHistoryController::outputsReset, this, [this] {
        m_stdout->clear();
        m_stderr->clear();
        m_files->clear();
    });
    connect(m_controller, &JobHistoryController::detailChanged, this, [this] { updateActions(); });
    connect(m_controller, &JobHistoryController::detailMissing, this, [this](qint64 id) {
        updateActions();
        m_overview->setHtml(tr("<p>Job %1 was not opened while online, so only its row is kept offline.</p>").arg(id));
    });
    connect(m_controller, &JobHistoryController::historyChanged, this,
            [this](qint64, const QList<api::HistoryEntry> &history) {
                if (m_controller->detail())
                    renderOverview(*m_controller->detail(), history);
            });
    connect(m_controller, &JobHistoryController::filesChanged, this, [this](qint64, const QStringList &names) {
        m_files->clear();
        m_files->addItems(names);
    });
    connect(&m_controller->stdoutTail(), &JobOutputTail::appended, this, [this](const QString &data) {
        if (data.isEmpty())
            return;
        m_stdout->moveCursor(QTextCursor::End);
        m_stdout->insertPlainText(data);
    });
    connect(&m_controller->stderrTail(), &JobOutputTail::appended, this, [this] { renderStderr(); });
}

qint64 JobHistoryTab::selectedJobId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(JobHistoryModel::JobIdRole).toLongLong();
}

void JobHistoryTab::selectJob(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0) {
        // Not loaded yet: fetch it, then select.
        auto selectOnce = std::make_shared<QMetaObject::Connection>();
        *selectOnce = connect(
            m_controller, &JobHistoryController::jobsArrived, this,
            [this, id, selectOnce](const QList<api::JobSummary> &jobs) {
                if (std::none_of(jobs.cbegin(), jobs.cend(), [id](const api::JobSummary &job) { return job.id == id; }))
                    return;
                disconnect(*selectOnce);
                if (m_model->rowOf(id) >= 0)
                    selectJob(id);
            });
        m_controller->fetch(id);
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void JobHistoryTab::updateActions()
{
    const qint64 id = selectedJobId();
    const int row = m_model->rowOf(id);
    const QString status = row >= 0 ? m_model->statusAt(row) : QString();
    const bool final = api::isFinalStatus(status);
    const bool online = !m_offline;
    // Someone else's job is read-only: instructors may still stop a student's running job and admins delete one,
    // as the gateway allows; only the owner resubmits (the files are in their home).
    const bool others = isOthersJob();
    const bool admin = m_role == api::User::Role::Admin;
    m_cancel->setEnabled(online && id > 0 && !final);
    m_resubmit->setEnabled(online && id > 0 && !others);
    m_edit->setEnabled(id > 0 && !others && m_controller->detail() && m_controller->detail()->id == id
                       && !m_controller->detail()->spec.isEmpty());
    m_delete->setEnabled(online && id > 0 && final && (!others || admin));
    m_archive->setEnabled(online && id > 0);
    m_archiveShown->setEnabled(online && m_proxy->rowCount() > 0);
    m_readOnly->setVisible(others);
    if (others)
        m_readOnly->setText(tr("Read only: a job of %1").arg(m_model->ownerAt(row)));
}

bool JobHistoryTab::isOthersJob() const
{
    const int row = m_model->rowOf(selectedJobId());
    if (row < 0 || m_userName.isEmpty())
        return false;
    const QString owner = m_model->ownerAt(row);
    return !owner.isEmpty() && owner != m_userName;
}

void JobHistoryTab::setViewer(const QString &name, api::User::Role role, const QString &group)
{
    m_userName = name;
    m_role = role;
    m_group = group;
    const bool manages = role != api::User::Role::User;
    // Whose a job is shows once there are jobs of more than one person (refreshOwners); a workstation's only user
    // never sees the column.
    {
        QSignalBlocker blocker(m_scope);
        m_scope->clear();
        m_scope->addItem(tr("My jobs"), QStringLiteral("mine"));
        if (!group.isEmpty())
            m_scope->addItem(tr("My class (%1)").arg(group), QStringLiteral("class"));
        if (role == api::User::Role::Admin)
            m_scope->addItem(tr("Everyone"), QStringLiteral("all"));
        // Instructors start with their class, admins with everyone.
        m_scope->setCurrentIndex(std::max(
            0, m_scope->findData(role == api::User::Role::Admin ? QStringLiteral("all") : QStringLiteral("class"))));
    }
    m_scope->setVisible(manages);
    applyScope();
    updateActions();
}

void JobHistoryTab::showJobsOf(const QString &owner)
{
    const int widest = m_scope->findData(QStringLiteral("all")) >= 0 ? m_scope->findData(QStringLiteral("all"))
                                                                     : m_scope->findData(QStringLiteral("class"));
    if (widest >= 0)
        m_scope->setCurrentIndex(widest);
    if (m_owner->findData(owner) < 0)
        m_owner->addItem(owner, owner); // no job of theirs loaded yet
    m_owner->setCurrentIndex(m_owner->findData(owner));
}

void JobHistoryTab::applyScope()
{
    const QString scope = m_role == api::User::Role::User ? QString() : m_scope->currentData().toString();
    m_proxy->setOwner(scope == u"mine" ? m_userName : m_owner->currentData().toString());
    m_proxy->setGroup(scope == u"class" ? m_group : QString());
    m_owner->setVisible(scope != u"mine" && m_owner->count() > 2);
    if (scope == u"mine") {
        QSignalBlocker blocker(m_owner);
        m_owner->setCurrentIndex(0);
    }
    m_controller->setScope(scope);
}

void JobHistoryTab::refreshOwners(int first, int last)
{
    // Owners are only added (in order): one chosen from the Class view stays even before a job of theirs loads.
    // Only the rows just inserted are looked at.
    QSignalBlocker blocker(m_owner);
    QSet<QString> seen;
    for (int row = first; row <= last; ++row)
        seen.insert(m_model->ownerAt(row));
    for (const QString &owner : std::as_const(seen)) {
        if (owner.isEmpty() || m_owner->findData(owner) >= 0)
            continue;
        int at = 1;
        while (at < m_owner->count() && m_owner->itemData(at).toString().compare(owner, Qt::CaseInsensitive) < 0)
            ++at;
        m_owner->insertItem(at, owner, owner);
    }
    // Jobs of several people (a class archive opened offline, whoever looks): whose each is shows, and one can pick.
    if (m_owner->count() > 2 && m_view->isColumnHidden(JobHistoryModel::Owner)) {
        m_view->setColumnHidden(JobHistoryModel::Owner, false);
        m_view->setColumnWidth(JobHistoryModel::Owner, 110);
    }
    if (m_owner->count() > 2 && m_scope->currentData().toString() != u"mine")
        m_owner->setVisible(true);
}

void JobHistoryTab::renderOverview(const api::Job &job, const QList<api::HistoryEntry> &history)
{
    QString html = QStringLiteral("<h3>%1 — %2</h3>")
                       .arg(escaped(job.name), escaped(JobHistoryModel::statusLabel(api::statusName(job.status))));
    // While it waits or runs, the latest word about it first: why it waits (Slurm's pending reason), that the
    // scheduler does not answer.
    if (!api::isFinalStatus(api::statusName(job.status)) && !history.isEmpty() && !history.last().message.isEmpty())
        html += QStringLiteral("<p><i>%1</i></p>").arg(escaped(history.last().message));
    html += QStringLiteral("<p><b>%1</b><br><code>%2</code></p>").arg(tr("Command"), escaped(job.commandLine));
    html += QStringLiteral("<table cellspacing=4>");
    const auto row = [&html](const QString &label, const QString &value) {
        if (!value.isEmpty())
            html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(label, value.toHtmlEscaped());
    };
    row(tr("Job ID"), QString::number(job.id));
    if (m_role != api::User::Role::User)
        row(tr("Owner"), job.group.isEmpty() ? job.owner : tr("%1 (class %2)").arg(job.owner, job.group));
    row(tr("System"), job.system);
    row(tr("Scheduler's job ID"), job.schedulerJobId);
    row(tr("Queue"), job.queue);
    row(tr("Cores"), QString::number(job.cores));
    row(tr("Condition"), api::conditionName(job.condition));
    if (job.exitCode)
        row(tr("Exit code"), QString::number(*job.exitCode));
    if (job.maxRssKb)
        row(tr("Peak memory"), QLocale().formattedDataSize(*job.maxRssKb * 1024));
    if (job.cpuMs)
        row(tr("CPU time"), tr("%1 s").arg(QLocale().toString(*job.cpuMs / 1000.0, 'f', 2)));
    row(tr("Directory"), QStringLiteral("~/") + job.directory);
    if (!job.tasks.isEmpty()) {
        // A job array: each task, how it ended, and its own outputs (in the Files tab).
        html += QStringLiteral("</table><h4>%1</h4><table cellspacing=4>")
                    .arg(tr("Tasks: %1 of %2 failed").arg(job.tasksFailed).arg(job.tasksTotal));
        html += QStringLiteral("<tr><th align=left>%1</th><th align=left>%2</th><th align=left>%3</th></tr>")
                    .arg(tr("Index"), tr("Exit status"), tr("Outputs"));
        for (const auto &[index, exitCode] : job.tasks) {
            html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>stdout-%1.txt, stderr-%1.txt</td></tr>")
                        .arg(index)
                        .arg(exitCode == 0      ? tr("0 (finished)")
                                 : exitCode < 0 ? tr("did not end (the job was stopped)")
                                                : tr("%1 (failed)").arg(exitCode));
        }
    }
    html += QStringLiteral("</table><h4>%1</h4><table cellspacing=4>").arg(tr("Timeline"));
    for (const api::HistoryEntry &step : history) {
        html += QStringLiteral("<tr><td>%1</td><td><b>%2</b></td><td>%3</td></tr>")
                    .arg(QLocale().toString(step.at.toLocalTime().time(), QStringLiteral("HH:mm:ss.zzz")),
                         escaped(JobHistoryModel::statusLabel(step.statusText())), escaped(step.message));
    }
    html += QStringLiteral("</table><h4>%1</h4><pre>%2</pre>")
                .arg(tr("Parameters"), escaped(QString::fromUtf8(QJsonDocument(job.spec).toJson())));
    if (!job.batchScript.isEmpty()) {
        // Wrapped: its launch line is long, and the pane should not scroll sideways for it.
        html += QStringLiteral("<h4>%1</h4><pre style=\"white-space: pre-wrap\">%2</pre>")
                    .arg(tr("Batch script given to the scheduler"), escaped(job.batchScript));
    }
    m_overview->setHtml(html);
}

void JobHistoryTab::renderStderr()
{
    // GCC-style diagnostics become links to the source line: "file.c:12:5: error: …".
    static const QRegularExpression diagnostic(QStringLiteral("^([^\\s:]+):(\\d+):(\\d+): "));
    QString html = QStringLiteral("<pre>");
    const QStringList lines = m_controller->stderrTail().text().split(u'\n');
    for (const QString &line : lines) {
        const auto match = diagnostic.match(line);
        if (match.hasMatch()) {
            html += QStringLiteral("<a href=\"diag:%1#%2\">%3</a>%4\n")
                        .arg(match.captured(1).toHtmlEscaped(), match.captured(2), match.captured(0).toHtmlEscaped(),
                             line.mid(match.capturedLength()).toHtmlEscaped());
        } else {
            html += line.toHtmlEscaped() + u'\n';
        }
    }
    m_stderr->setHtml(html + QStringLiteral("</pre>"));
}

void JobHistoryTab::showDetail()
{
    updateActions();
    m_controller->open(selectedJobId());
}

} // namespace tandem
