#include "history/JobHistoryTab.h"

#include "api/Routes.h"

#include "api/JobStatus.h"

#include "client/EventStreamClient.h"
#include "client/GatewayConnection.h"
#include "client/GatewayRequest.h"
#include "client/JobArchiveReader.h"
#include "client/OfflineCache.h"
#include "common/MessageBanner.h"
#include "history/JobFilterProxyModel.h"
#include "history/JobHistoryModel.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
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
    , m_connection(connection)
    , m_events(events)
    , m_cache(cache)
    , m_banner(new MessageBanner(this))
    , m_filter(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_type(new QComboBox(this))
    , m_system(new QComboBox(this))
    , m_period(new QComboBox(this))
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
    m_view->setColumnWidth(JobHistoryModel::Status, 130);
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
    m_detailTabs->addTab(filesPane, tr("Files"));

    auto *filters = new QHBoxLayout;
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
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value >= m_view->verticalScrollBar()->maximum() - 5 && !m_nextCursor.isEmpty())
            loadPage(m_nextCursor);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &JobHistoryTab::showDetail);
    connect(m_events, &EventStreamClient::jobEvent, this, &JobHistoryTab::onJobEvent);
    connect(m_events, &EventStreamClient::connectedChanged, this, [this](bool connected) {
        m_live->setText(connected ? tr("● Live") : tr("○ Reconnecting…"));
        m_live->setToolTip(connected ? tr("Job changes are pushed by the gateway as they happen.")
                                     : tr("The event stream is down; Tandem retries with growing pauses."));
        if (connected)
            loadPage({}); // catch up on anything missed while away
    });
    m_live->setText(tr("○ Connecting…"));
    connect(m_stderr, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        // diag:FILE#LINE — the file is in the job directory, a copy of the source that was compiled.
        const QString directory = m_detail.value(QStringLiteral("directory")).toString();
        Q_EMIT openSourceRequested(directory + u'/' + url.path(), url.fragment().toInt());
    });
    connect(m_files, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT outputRequested(m_detail.value(QStringLiteral("directory")).toString() + u'/' + item->text());
    });
    m_tailTimer.setInterval(1000);
    connect(&m_tailTimer, &QTimer::timeout, this, &JobHistoryTab::tail);

    connect(m_cancel, &QPushButton::clicked, this,
            [this] { act("POST", api::routes::jobCancel(selectedJobId()), tr("Cancelling job %1.")); });
    connect(m_resubmit, &QPushButton::clicked, this,
            [this] { act("POST", api::routes::jobResubmit(selectedJobId()), tr("Job %1 submitted again.")); });
    connect(m_delete, &QPushButton::clicked, this,
            [this] { act("DELETE", api::routes::job(selectedJobId()), tr("Job %1 deleted.")); });
    connect(m_edit, &QPushButton::clicked, this,
            [this] { Q_EMIT editRequested(m_detail.value(QStringLiteral("spec")).toObject()); });
    connect(m_archive, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Save job archive"), QDir::home().filePath(QStringLiteral("job-%1.tar.gz").arg(selectedJobId())));
        if (file.isEmpty())
            return;
        m_connection->call(
            "GET", api::routes::jobArchive(selectedJobId()), {}, this, [this, file](const GatewayRequest &reply) {
                QSaveFile out(file);
                if (reply.succeeded() && out.open(QIODevice::WriteOnly) && out.write(reply.body()) >= 0 && out.commit())
                    m_banner->showMessage(MessageBanner::Level::Information,
                                          tr("Saved %1.").arg(QDir::toNativeSeparators(file)));
                else
                    m_banner->showMessage(MessageBanner::Level::Error,
                                          reply.succeeded() ? tr("Cannot write %1.").arg(file) : reply.error().message);
            });
    });
    updateActions();
}

void JobHistoryTab::setOffline(bool offline)
{
    m_offline = offline;
    if (offline) {
        m_live->setText(tr("○ Offline"));
        m_tailTimer.stop();
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
    const QString target = QFileDialog::getSaveFileName(this, tr("Save %1").arg(name), QDir::home().filePath(name));
    if (target.isEmpty())
        return;
    const auto write = [this, target](const QByteArray &content) {
        QSaveFile out(target);
        if (out.open(QIODevice::WriteOnly) && out.write(content) >= 0 && out.commit())
            m_banner->showMessage(MessageBanner::Level::Information,
                                  tr("Saved %1.").arg(QDir::toNativeSeparators(target)));
        else
            m_banner->showMessage(MessageBanner::Level::Error,
                                  tr("Cannot write %1.").arg(QDir::toNativeSeparators(target)));
    };
    if (m_offline) {
        const auto cached = m_cache ? m_cache->file(id, name) : std::nullopt;
        if (cached)
            write(*cached);
        else
            m_banner->showMessage(MessageBanner::Level::Warning,
                                  tr("%1 was not opened while online, so it is not available offline.").arg(name));
        return;
    }
    m_connection->call("GET", api::routes::jobFile(id, name), {}, this,
                       [this, id, name, write](const GatewayRequest &reply) {
                           if (!reply.succeeded()) {
                               m_banner->showMessage(MessageBanner::Level::Error, reply.error().message);
                               return;
                           }
                           if (m_cache)
                               m_cache->storeFile(id, name, reply.body());
                           write(reply.body());
                       });
}

void JobHistoryTab::reload()
{
    m_nextCursor.clear();
    loadPage({});
}

void JobHistoryTab::loadPage(const QString &cursor)
{
    if (m_loadingPage)
        return;
    m_loadingPage = true;
    QString path = api::routes::jobsQuery(QStringLiteral("limit=%1").arg(PageSize));
    if (!cursor.isEmpty())
        path += QStringLiteral("&cursor=") + cursor;
    m_connection->call("GET", path, {}, this, [this, cursor](const GatewayRequest &reply) {
        m_loadingPage = false;
        if (!reply.succeeded()) {
            m_banner->showMessage(MessageBanner::Level::Warning, reply.error().message);
            return;
        }
        const QJsonObject page = reply.json().object();
        QList<QJsonObject> jobs;
        for (const QJsonValue &job : page.value(QStringLiteral("jobs")).toArray())
            jobs << job.toObject();
        m_model->upsert(jobs);
        if (m_cache)
            m_cache->storeJobs(jobs);
        if (cursor.isEmpty() && !m_nextCursor.isEmpty())
            return; // a refresh of the first page; the scroll position keeps its own cursor
        m_nextCursor = page.value(QStringLiteral("nextCursor")).toString();
    });
}

void JobHistoryTab::onJobEvent(const QJsonObject &event)
{
    const qint64 id = event.value(QStringLiteral("jobId")).toInteger();
    const QString status = event.value(QStringLiteral("status")).toString();
    if (status == u"DELETED" || status == u"EXPIRED") {
        m_model->remove(id);
        if (m_cache)
            m_cache->removeJob(id);
        return;
    }
    const bool known = m_model->updateStatus(id, status);
    // New jobs, and the end of known ones (times, exit code), are fetched whole.
    if (!known || JobHistoryModel::isFinal(status) || api::jobStatusFromString(status) == api::JobStatus::Running)
        fetchJob(id);
    if (known && JobHistoryModel::isFinal(status)) {
        const int row = m_model->rowOf(id);
        Q_EMIT jobEnded(id, m_model->index(row, JobHistoryModel::Name).data().toString(), status);
    }
    if (id == selectedJobId())
        showDetail();
}

void JobHistoryTab::fetchJob(qint64 id)
{
    m_connection->call("GET", api::routes::job(id), {}, this, [this](const GatewayRequest &reply) {
        if (!reply.succeeded())
            return;
        m_model->upsert({reply.json().object()});
        if (m_cache)
            m_cache->storeDetail(reply.json().object());
    });
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
        m_connection->call("GET", api::routes::job(id), {}, this, [this, id](const GatewayRequest &reply) {
            if (!reply.succeeded())
                return;
            m_model->upsert({reply.json().object()});
            if (m_model->rowOf(id) >= 0)
                selectJob(id);
        });
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
    const bool final = JobHistoryModel::isFinal(status);
    const bool online = !m_offline;
    m_cancel->setEnabled(online && id > 0 && !final);
    m_resubmit->setEnabled(online && id > 0);
    m_edit->setEnabled(id > 0 && !m_detail.value(QStringLiteral("spec")).toObject().isEmpty());
    m_delete->setEnabled(online && id > 0 && final);
    m_archive->setEnabled(online && id > 0);
}

void JobHistoryTab::renderOverview(const QJsonObject &job, const QJsonArray &history)
{
    QString html = QStringLiteral("<h3>%1 — %2</h3>")
                       .arg(escaped(job.value(QStringLiteral("name")).toString()),
                            escaped(JobHistoryModel::statusLabel(job.value(QStringLiteral("status")).toString())));
    html += QStringLiteral("<p><b>%1</b><br><code>%2</code></p>")
                .arg(tr("Command"), escaped(job.value(QStringLiteral("commandLine")).toString()));
    html += QStringLiteral("<table cellspacing=4>");
    const auto row = [&html](const QString &label, const QString &value) {
        if (!value.isEmpty())
            html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(label, value.toHtmlEscaped());
    };
    row(tr("Job ID"), QString::number(job.value(QStringLiteral("id")).toInteger()));
    row(tr("System"), job.value(QStringLiteral("system")).toString());
    row(tr("Queue"), job.value(QStringLiteral("queue")).toString());
    row(tr("Cores"), QString::number(job.value(QStringLiteral("cores")).toInt()));
    row(tr("Condition"), job.value(QStringLiteral("condition")).toString());
    if (job.value(QStringLiteral("exitCode")).isDouble())
        row(tr("Exit code"), QString::number(job.value(QStringLiteral("exitCode")).toInt()));
    if (job.value(QStringLiteral("maxRssKb")).isDouble())
        row(tr("Peak memory"), QLocale().formattedDataSize(job.value(QStringLiteral("maxRssKb")).toInteger() * 1024));
    if (job.value(QStringLiteral("cpuMs")).isDouble())
        row(tr("CPU time"),
            tr("%1 s").arg(QLocale().toString(job.value(QStringLiteral("cpuMs")).toInteger() / 1000.0, 'f', 2)));
    row(tr("Directory"), QStringLiteral("~/") + job.value(QStringLiteral("directory")).toString());
    html += QStringLiteral("</table><h4>%1</h4><table cellspacing=4>").arg(tr("Timeline"));
    for (const QJsonValue &value : history) {
        const QJsonObject step = value.toObject();
        const QDateTime at
            = QDateTime::fromString(step.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs).toLocalTime();
        html += QStringLiteral("<tr><td>%1</td><td><b>%2</b></td><td>%3</td></tr>")
                    .arg(QLocale().toString(at.time(), QStringLiteral("HH:mm:ss.zzz")),
                         escaped(JobHistoryModel::statusLabel(step.value(QStringLiteral("status")).toString())),
                         escaped(step.value(QStringLiteral("message")).toString()));
    }
    html += QStringLiteral("</table><h4>%1</h4><pre>%2</pre>")
                .arg(tr("Parameters"),
                     escaped(QString::fromUtf8(QJsonDocument(job.value(QStringLiteral("spec")).toObject()).toJson())));
    m_overview->setHtml(html);
}

void JobHistoryTab::renderStderr()
{
    // GCC-style diagnostics become links to the source line: "file.c:12:5: error: …".
    static const QRegularExpression diagnostic(QStringLiteral("^([^\\s:]+):(\\d+):(\\d+): "));
    QString html = QStringLiteral("<pre>");
    const QStringList lines = m_stderrText.split(u'\n');
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

void JobHistoryTab::showCachedDetail(qint64 id)
{
    m_tailTimer.stop();
    const auto job = m_cache ? m_cache->detail(id) : std::nullopt;
    m_detail = job.value_or(QJsonObject());
    updateActions();
    if (!job) {
        m_overview->setHtml(tr("<p>Job %1 was not opened while online, so only its row is kept offline.</p>").arg(id));
        return;
    }
    renderOverview(*job, m_cache->history(id));
    m_stdout->setPlainText(QString::fromUtf8(m_cache->file(id, QStringLiteral("stdout.txt")).value_or(QByteArray())));
    m_stderrText = QString::fromUtf8(m_cache->file(id, QStringLiteral("stderr.txt")).value_or(QByteArray()));
    renderStderr();
    m_files->clear();
    m_files->addItems(m_cache->fileNames(id));
}

void JobHistoryTab::showDetail()
{
    const qint64 id = selectedJobId();
    updateActions();
    if (id == 0) {
        m_tailTimer.stop();
        return;
    }
    if (m_detail.value(QStringLiteral("id")).toInteger() != id) {
        m_stdout->clear();
        m_stderr->clear();
        m_stderrText.clear();
        m_stdoutOffset = m_stderrOffset = 0;
        m_files->clear();
    }
    if (m_offline) {
        showCachedDetail(id);
        return;
    }
    m_connection->call("GET", api::routes::job(id), {}, this, [this, id](const GatewayRequest &job) {
        if (!job.succeeded() || id != selectedJobId())
            return;
        m_detail = job.json().object();
        if (m_cache)
            m_cache->storeDetail(m_detail);
        updateActions();
        m_connection->call("GET", api::routes::jobHistory(id), {}, this, [this, id](const GatewayRequest &history) {
            if (id != selectedJobId())
                return;
            const QJsonArray steps = history.json().object().value(QStringLiteral("history")).toArray();
            if (m_cache)
                m_cache->storeHistory(id, steps);
            renderOverview(m_detail, steps);
        });
        m_connection->call("GET", api::routes::jobFiles(id), {}, this, [this, id](const GatewayRequest &files) {
            if (id != selectedJobId())
                return;
            m_files->clear();
            for (const QJsonValue &entry : files.json().object().value(QStringLiteral("entries")).toArray())
                m_files->addItem(entry.toObject().value(QStringLiteral("name")).toString());
            m_files->sortItems();
        });
        tail();
        if (JobHistoryModel::isFinal(m_detail.value(QStringLiteral("status")).toString()))
            m_tailTimer.stop();
        else
            m_tailTimer.start();
    });
}

void JobHistoryTab::tail()
{
    const qint64 id = selectedJobId();
    if (id == 0)
        return;
    m_connection->call("GET", api::routes::jobOutput(id, u"stdout", m_stdoutOffset), {}, this,
                       [this, id](const GatewayRequest &reply) {
                           if (!reply.succeeded() || id != selectedJobId())
                               return;
                           const QJsonObject chunk = reply.json().object();
                           if (chunk.value(QStringLiteral("offset")).toInteger() != m_stdoutOffset)
                               return;
                           const QString data = chunk.value(QStringLiteral("data")).toString();
                           if (!data.isEmpty()) {
                               m_stdout->moveCursor(QTextCursor::End);
                               m_stdout->insertPlainText(data);
                           }
                           m_stdoutOffset = chunk.value(QStringLiteral("nextOffset")).toInteger();
                           if (m_cache && !data.isEmpty())
                               m_cache->storeFile(id, QStringLiteral("stdout.txt"), m_stdout->toPlainText().toUtf8());
                       });
    m_connection->call("GET", api::routes::jobOutput(id, u"stderr", m_stderrOffset), {}, this,
                       [this, id](const GatewayRequest &reply) {
                           if (!reply.succeeded() || id != selectedJobId())
                               return;
                           const QJsonObject chunk = reply.json().object();
                           if (chunk.value(QStringLiteral("offset")).toInteger() != m_stderrOffset)
                               return;
                           m_stderrText += chunk.value(QStringLiteral("data")).toString();
                           m_stderrOffset = chunk.value(QStringLiteral("nextOffset")).toInteger();
                           renderStderr();
                           if (m_cache)
                               m_cache->storeFile(id, QStringLiteral("stderr.txt"), m_stderrText.toUtf8());
                       });
}

void JobHistoryTab::act(const QByteArray &verb, const QString &path, const QString &done)
{
    const qint64 id = selectedJobId();
    m_connection->call(verb, path, {}, this, [this, id, done](const GatewayRequest &reply) {
        if (!reply.succeeded()) {
            m_banner->showMessage(MessageBanner::Level::Error, reply.error().message);
            return;
        }
        const qint64 newId = reply.json().object().value(QStringLiteral("id")).toInteger();
        m_banner->showMessage(MessageBanner::Level::Information, done.arg(newId && newId != id ? newId : id));
        if (newId && newId != id) {
            m_model->upsert({reply.json().object()});
            selectJob(newId);
        }
    });
}

} // namespace tandem
