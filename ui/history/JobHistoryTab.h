#pragma once

#include "api/Job.h"
#include "api/User.h"

#include <QJsonObject>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableView;
class QTextBrowser;

namespace tandem {

class EventStreamClient;
class GatewayConnection;
class JobHistoryController;
class JobFilterProxyModel;
class JobHistoryModel;
class MessageBanner;
class OfflineCache;

// The live table of jobs with a detail pane. Rows come from the gateway page by page as the user scrolls and are
// updated in place from the pushed event stream; the detail shows parameters, the command, the status timeline,
// stdout and stderr (tailing while the job runs; compiler diagnostics are links to the source line) and outputs.
class JobHistoryTab : public QWidget
{
    Q_OBJECT

public:
    // `cache` (may be null) keeps what is seen for offline review.
    JobHistoryTab(GatewayConnection *connection, EventStreamClient *events, OfflineCache *cache,
                  QWidget *parent = nullptr);

    void reload();
    // Who looks: instructors and admins get the Owner column, the scope (mine, the class, everyone) and the
    // student filter; others' jobs open read-only.
    void setViewer(const QString &name, api::User::Role role, const QString &group);
    // One member's jobs (from the Class view): the widest scope this viewer has, that owner chosen.
    void showJobsOf(const QString &owner);
    QComboBox *scopeFilter() const { return m_scope; }
    QComboBox *ownerFilter() const { return m_owner; }
    QLabel *readOnlyLabel() const { return m_readOnly; }
    // Whether the selected job is someone else's (shown read-only).
    bool isOthersJob() const;
    // Offline: rows and details come from the cache, actions that need the gateway are disabled.
    void setOffline(bool offline);
    // The systems offered in the filter (from the gateway's list).
    void setSystems(const QList<std::pair<QString, QString>> &idsAndNames);
    QComboBox *systemFilter() const { return m_system; }
    QComboBox *periodFilter() const { return m_period; }
    QPushButton *saveFileButton() const { return m_saveFile; }
    bool isOffline() const { return m_offline; }
    // Reviews job archives (.tar.gz from the gateway) with no gateway at all; returns how many jobs were read.
    void importArchives(const QStringList &paths);
    void selectJob(qint64 id);
    qint64 selectedJobId() const;

    QTableView *view() const { return m_view; }
    JobHistoryModel *model() const { return m_model; }
    JobFilterProxyModel *proxy() const { return m_proxy; }
    QLineEdit *filterEdit() const { return m_filter; }
    QTextBrowser *overview() const { return m_overview; }
    QPlainTextEdit *stdoutView() const { return m_stdout; }
    QTextBrowser *stderrView() const { return m_stderr; }
    QListWidget *files() const { return m_files; }
    QTabWidget *detailTabs() const { return m_detailTabs; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *resubmitButton() const { return m_resubmit; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *deleteButton() const { return m_delete; }
    QPushButton *archiveShownButton() const { return m_archiveShown; }
    // The jobs the table shows (as filtered) into one archive, each under its owner's folder.
    void saveShownJobs(const QString &file);

    JobHistoryController *controller() const { return m_controller; }

Q_SIGNALS:
    void archivesImported(int jobs);
    void shownJobsSaved(int jobs, const QStringList &problems);
    void jobEnded(qint64 id, const QString &name, const QString &status);
    // A compiler diagnostic was clicked: a file of the home, and the line.
    void openSourceRequested(const QString &path, int line);
    // "Edit and resubmit": the job's request, for the Compile or Run form.
    void editRequested(const tandem::api::JobSpec &spec);
    void outputRequested(const QString &path);
    // A file of someone else's job (a student's), read through the job: its name in the job's folder, and a line.
    void jobFileRequested(qint64 jobId, const QString &name, int line);

private:
    void connectController();
    void showDetail();
    void renderOverview(const api::Job &job, const QList<api::HistoryEntry> &history);
    void renderStderr();
    void updateActions();
    void saveSelectedFile();
    void applyScope();
    void refreshOwners(int first, int last);

    JobHistoryController *m_controller;
    EventStreamClient *m_events;
    OfflineCache *m_cache;
    bool m_offline = false;
    MessageBanner *m_banner;
    QLineEdit *m_filter;
    QComboBox *m_status;
    QComboBox *m_type;
    QComboBox *m_system;
    QComboBox *m_period;
    QComboBox *m_scope;
    QComboBox *m_owner;
    QLabel *m_readOnly;
    QString m_userName;
    api::User::Role m_role = api::User::Role::User;
    QString m_group;
    QPushButton *m_saveFile;
    QLabel *m_live;
    QTableView *m_view;
    JobHistoryModel *m_model;
    JobFilterProxyModel *m_proxy;
    QTabWidget *m_detailTabs;
    QTextBrowser *m_overview;
    QPlainTextEdit *m_stdout;
    QTextBrowser *m_stderr;
    QListWidget *m_files;
    QPushButton *m_cancel;
    QPushButton *m_resubmit;
    QPushButton *m_edit;
    QPushButton *m_delete;
    QPushButton *m_archive;
    QPushButton *m_archiveShown;
    GatewayConnection *m_connection;
    QTimer m_filterDelay;
};

} // namespace tandem
