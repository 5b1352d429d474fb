#pragma once

#include "api/Job.h"
#include "client/GatewayApi.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <optional>

namespace tandem {

class EventStreamClient;
class GatewayConnection;
class OfflineCache;

// One output of a job (stdout or stderr), read from where the last read ended. Answers that arrive for an older
// offset (two polls crossing) are dropped, so nothing is shown twice.
class JobOutputTail : public QObject
{
    Q_OBJECT

public:
    JobOutputTail(GatewayConnection &connection, JobsApi::Stream stream, QObject *parent = nullptr);

    void follow(qint64 jobId); // from the start of this job's output
    void poll();
    // What was read elsewhere (the offline cache) stands for what the tail has read.
    void setText(const QString &text);
    qint64 jobId() const { return m_jobId; }
    const QString &text() const { return m_text; }

Q_SIGNALS:
    void appended(const QString &data);

private:
    JobsApi m_jobs;
    JobsApi::Stream m_stream;
    qint64 m_jobId = 0;
    qint64 m_offset = 0;
    QString m_text;
};

// The job history's state and traffic, for the Job History tab to show: pages of jobs, pushed events merged in,
// the open job's detail, timeline, files and output tails, the actions on a job, and every answer written through
// to the offline cache. Offline, the same signals carry what the cache kept.
class JobHistoryController : public QObject
{
    Q_OBJECT

public:
    static constexpr int PageSize = 50;
    enum class Notice { Information, Warning, Error };

    // `cache` may be null.
    JobHistoryController(GatewayConnection &connection, EventStreamClient *events, OfflineCache *cache,
                         QObject *parent = nullptr);

    void reload(); // the first page again
    // Whose jobs the pages bring (JobQuery::scope): "mine", "class" or "all"; reloads when it changes.
    void setScope(const QString &scope);
    const QString &scope() const { return m_scope; }
    void loadMore(); // the page after the last one loaded, if there is one
    bool hasMore() const { return !m_nextCursor.isEmpty(); }
    void fetch(qint64 id); // one job whole: a new one, or the end of a known one

    // The detail of one job (0: none): the job, then its timeline and files, and its outputs tailed while it runs.
    void open(qint64 id);
    void setOffline(bool offline);
    qint64 openJobId() const { return m_openId; }
    const std::optional<api::Job> &detail() const { return m_detail; }
    JobOutputTail &stdoutTail() { return m_stdout; }
    JobOutputTail &stderrTail() { return m_stderr; }

    void cancel(qint64 id);
    void resubmit(qint64 id);
    void remove(qint64 id);
    void saveArchive(qint64 id, const QString &file);
    void saveFile(qint64 id, const QString &name, const QString &target);

Q_SIGNALS:
    void jobsArrived(const QList<tandem::api::JobSummary> &jobs);
    void statusChanged(qint64 id, tandem::api::JobStatus status);
    void jobRemoved(qint64 id);
    void jobEnded(qint64 id, tandem::api::JobStatus status);
    void detailChanged(const tandem::api::Job &job);
    void detailMissing(qint64 id); // offline, and the job was never opened online
    void historyChanged(qint64 id, const QList<tandem::api::HistoryEntry> &history);
    void filesChanged(qint64 id, const QStringList &names);
    void outputsReset(); // another job was opened: the output views start empty
    void selectRequested(qint64 id); // a job was submitted again: show the new one
    void notice(tandem::JobHistoryController::Notice level, const QString &text);

private:
    void loadPage(const QString &cursor);
    void onJobEvent(const api::JobEvent &event);
    void openCached(qint64 id);
    void arrived(const QList<api::JobSummary> &jobs);
    void act(qint64 id, Result<api::Job> result, const QString &done);
    void write(const QString &target, const QByteArray &content);

    GatewayConnection &m_connection;
    JobsApi m_jobs;
    OfflineCache *m_cache;
    bool m_offline = false;
    QString m_nextCursor;
    QString m_scope;
    bool m_loadingPage = false;
    QSet<qint64> m_known; // jobs handed out in jobsArrived
    qint64 m_openId = 0;
    std::optional<api::Job> m_detail;
    JobOutputTail m_stdout;
    JobOutputTail m_stderr;
    QTimer m_tailTimer;
};

} // namespace tandem
