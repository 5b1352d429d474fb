#include "client/JobHistoryController.h"

#include "client/EventStreamClient.h"
#include "client/GatewayConnection.h"
#include "client/OfflineCache.h"

#include <QDir>
#include <QJsonArray>
#include <QSaveFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tandem {

JobOutputTail::JobOutputTail(GatewayConnection &connection, JobsApi::Stream stream, QObject *parent)
    : QObject(parent)
    , m_jobs(connection)
    , m_stream(stream)
{ }

void JobOutputTail::follow(qint64 jobId)
{
    m_jobId = jobId;
    m_offset = 0;
    m_text.clear();
}

void JobOutputTail::setText(const QString &text)
{
    m_text = text;
    m_offset = text.toUtf8().size();
    if (!text.isEmpty())
        Q_EMIT appended(text);
}

void JobOutputTail::poll()
{
    if (m_jobId == 0)
        return;
    const qint64 id = m_jobId;
    m_jobs.output(id, m_stream, m_offset, this, [this, id](const Result<api::OutputChunk> &chunk) {
        if (!chunk || id != m_jobId || chunk->offset != m_offset)
            return; // another job, or an answer to a read that another one overtook
        m_offset = chunk->nextOffset;
        m_text += chunk->data;
        Q_EMIT appended(chunk->data);
    });
}

JobHistoryController::JobHistoryController(GatewayConnection &connection, EventStreamClient *events,
                                           OfflineCache *cache, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_jobs(connection)
    , m_cache(cache)
    , m_stdout(connection, JobsApi::Stream::Stdout, this)
    , m_stderr(connection, JobsApi::Stream::Stderr, this)
{
    if (events) {
        connect(events, &EventStreamClient::jobEvent, this, &JobHistoryController::onJobEvent);
        connect(events, &EventStreamClient::connectedChanged, this, [this](bool connected) {
            if (connected)
                loadPage({}); // catch up on anything missed while away
        });
    }
    m_tailTimer.setInterval(1000);
    connect(&m_tailTimer, &QTimer::timeout, this, [this] {
        m_stdout.poll();
        m_stderr.poll();
    });
    // Outputs are written through as they grow, so what was watched can be read offline.
    connect(&m_stdout, &JobOutputTail::appended, this, [this](const QString &data) {
        if (m_cache && !data.isEmpty() && !m_offline)
            m_cache->storeFile(m_stdout.jobId(), u"stdout.txt"_s, m_stdout.text().toUtf8());
    });
    connect(&m_stderr, &JobOutputTail::appended, this, [this] {
        if (m_cache && !m_offline)
            m_cache->storeFile(m_stderr.jobId(), u"stderr.txt"_s, m_stderr.text().toUtf8());
    });
}

void JobHistoryController::reload()
{
    m_nextCursor.clear();
    loadPage({});
}

void JobHistoryController::setScope(const QString &scope)
{
    if (scope == m_scope)
        return;
    m_scope = scope;
    m_nextCursor.clear();
    m_loadingPage = false; // a page of the old scope still on its way only adds rows the filter hides
    loadPage({});
}

void JobHistoryController::loadMore()
{
    if (hasMore())
        loadPage(m_nextCursor);
}

void JobHistoryController::loadPage(const QString &cursor)
{
    if (m_loadingPage)
        return;
    m_loadingPage = true;
    JobQuery query;
    query.limit = PageSize;
    query.cursor = cursor;
    query.scope = m_scope;
    m_jobs.list(query, this, [this, cursor](const Result<api::Page<api::JobSummary>> &page) {
        m_loadingPage = false;
        if (!page) {
            Q_EMIT notice(Notice::Warning, page.error().message);
            return;
        }
        arrived(page->items);
        if (m_cache) {
            QList<QJsonObject> rows;
            rows.reserve(page->items.size());
            for (const api::JobSummary &job : page->items)
                rows << job.toJson();
            m_cache->storeJobs(rows);
        }
        if (cursor.isEmpty() && !m_nextCursor.isEmpty())
            return; // a refresh of the first page; the scroll position keeps its own cursor
        m_nextCursor = page->nextCursor;
    });
}

void JobHistoryController::arrived(const QList<api::JobSummary> &jobs)
{
    for (const api::JobSummary &job : jobs)
        m_known.insert(job.id);
    Q_EMIT jobsArrived(jobs);
}

void JobHistoryController::onJobEvent(const api::JobEvent &event)
{
    const qint64 id = event.jobId;
    if (event.removal != api::HistoryEntry::Removal::None) {
        m_known.remove(id);
        if (m_cache)
            m_cache->removeJob(id);
        Q_EMIT jobRemoved(id);
        return;
    }
    const bool known = m_known.contains(id);
    if (known)
        Q_EMIT statusChanged(id, event.status);
    // New jobs, and the end of known ones (times, exit code), are fetched whole.
    if (!known || api::isFinal(event.status) || event.status == api::JobStatus::Running)
        fetch(id);
    if (known && api::isFinal(event.status))
        Q_EMIT jobEnded(id, event.status);
    if (id == m_openId)
        open(id);
}

void JobHistoryController::fetch(qint64 id)
{
    m_jobs.get(id, this, [this](const Result<api::Job> &job) {
        if (!job)
            return;
        arrived({*job});
        if (m_cache)
            m_cache->storeDetail(job->toJson());
    });
}

void JobHistoryController::setOffline(bool offline)
{
    m_offline = offline;
    if (offline)
        m_tailTimer.stop();
}

void JobHistoryController::open(qint64 id)
{
    if (id != m_openId || !m_detail || m_detail->id != id) {
        m_detail.reset();
        m_stdout.follow(id);
        m_stderr.follow(id);
        Q_EMIT outputsReset();
    }
    m_openId = id;
    if (id == 0) {
        m_tailTimer.stop();
        return;
    }
    if (m_offline) {
        openCached(id);
        return;
    }
    m_jobs.get(id, this, [this, id](const Result<api::Job> &job) {
        if (!job || id != m_openId)
            return;
        m_detail = *job;
        if (m_cache)
            m_cache->storeDetail(job->toJson());
        Q_EMIT detailChanged(*job);
        m_jobs.history(id, this, [this, id](const Result<QList<api::HistoryEntry>> &history) {
            if (id != m_openId)
                return;
            if (history && m_cache) {
                QJsonArray steps;
                for (const api::HistoryEntry &step : *history)
                    steps.append(step.toJson());
                m_cache->storeHistory(id, steps);
            }
            Q_EMIT historyChanged(id, history.value_or(QList<api::HistoryEntry>()));
        });
        m_jobs.files(id, this, [this, id](const Result<QList<api::FileEntry>> &files) {
            if (id != m_openId)
                return;
            QStringList names;
            for (const api::FileEntry &entry : files.value_or(QList<api::FileEntry>()))
                names << entry.name;
            std::sort(names.begin(), names.end());
            Q_EMIT filesChanged(id, names);
        });
        m_stdout.poll();
        m_stderr.poll();
        if (api::isFinal(job->status))
            m_tailTimer.stop();
        else
            m_tailTimer.start();
    });
}

void JobHistoryController::openCached(qint64 id)
{
    m_tailTimer.stop();
    m_stdout.follow(id);
    m_stderr.follow(id);
    Q_EMIT outputsReset();
    const std::optional<QJsonObject> record = m_cache ? m_cache->detail(id) : std::nullopt;
    Result<api::Job> job = record ? api::Job::fromJson(*record) : std::unexpected(Error::notFound({}));
    if (!job) {
        m_detail.reset();
        Q_EMIT detailMissing(id);
        return;
    }
    m_detail = *job;
    Q_EMIT detailChanged(*job);
    QList<api::HistoryEntry> history;
    for (const QJsonValue &step : m_cache->history(id)) {
        if (auto entry = api::HistoryEntry::fromJson(step.toObject()))
            history << *entry;
    }
    Q_EMIT historyChanged(id, history);
    m_stdout.setText(QString::fromUtf8(m_cache->file(id, u"stdout.txt"_s).value_or(QByteArray())));
    m_stderr.setText(QString::fromUtf8(m_cache->file(id, u"stderr.txt"_s).value_or(QByteArray())));
    Q_EMIT filesChanged(id, m_cache->fileNames(id));
}

void JobHistoryController::act(qint64 id, Result<api::Job> result, const QString &done)
{
    if (!result) {
        Q_EMIT notice(Notice::Error, result.error().message);
        return;
    }
    const qint64 newId = result->id;
    Q_EMIT notice(Notice::Information, done.arg(newId && newId != id ? newId : id));
    if (newId && newId != id) {
        arrived({*result});
        Q_EMIT selectRequested(newId);
    }
}

void JobHistoryController::cancel(qint64 id)
{
    m_jobs.cancel(id, this, [this, id](Result<api::Job> job) { act(id, std::move(job), tr("Cancelling job %1.")); });
}

void JobHistoryController::resubmit(qint64 id)
{
    m_jobs.resubmit(id, this,
                    [this, id](Result<api::Job> job) { act(id, std::move(job), tr("Job %1 submitted again.")); });
}

void JobHistoryController::remove(qint64 id)
{
    m_jobs.remove(id, this, [this, id](const Result<void> &removed) {
        if (!removed)
            Q_EMIT notice(Notice::Error, removed.error().message);
        else
            Q_EMIT notice(Notice::Information, tr("Job %1 deleted.").arg(id));
    });
}

void JobHistoryController::write(const QString &target, const QByteArray &content)
{
    QSaveFile out(target);
    if (out.open(QIODevice::WriteOnly) && out.write(content) >= 0 && out.commit())
        Q_EMIT notice(Notice::Information, tr("Saved %1.").arg(QDir::toNativeSeparators(target)));
    else
        Q_EMIT notice(Notice::Error, tr("Cannot write %1.").arg(QDir::toNativeSeparators(target)));
}

void JobHistoryController::saveArchive(qint64 id, const QString &file)
{
    m_jobs.archive(id, this, [this, file](const Result<QByteArray> &archive) {
        if (!archive)
            Q_EMIT notice(Notice::Error, archive.error().message);
        else
            write(file, *archive);
    });
}

void JobHistoryController::saveFile(qint64 id, const QString &name, const QString &target)
{
    if (m_offline) {
        const auto cached = m_cache ? m_cache->file(id, name) : std::nullopt;
        if (cached)
            write(target, *cached);
        else
            Q_EMIT notice(Notice::Warning,
                          tr("%1 was not opened while online, so it is not available offline.").arg(name));
        return;
    }
    m_jobs.file(id, name, this, [this, id, name, target](const Result<QByteArray> &content) {
        if (!content) {
            Q_EMIT notice(Notice::Error, content.error().message);
            return;
        }
        if (m_cache)
            m_cache->storeFile(id, name, *content);
        write(target, *content);
    });
}

} // namespace tandem
