#pragma once

#include "api/Session.h"
#include "api/User.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace tandem {

class GatewayConnection;
class MessageBanner;

// A training room at a glance, for its instructor (and admins, for any class): each member with their session's
// state, how many jobs they have and how many are still going, and their last job with its status. Pushed events
// keep it current: a session's state changes its row at once, a job's change brings the class's figures again.
class ClassView : public QWidget
{
    Q_OBJECT

public:
    explicit ClassView(GatewayConnection *connection, QWidget *parent = nullptr);

    enum Column { Member, Session, Jobs, Active, LastJob, LastStatus, ColumnCount };

    // Who looks: instructors see their class; admins choose one (their own group first).
    void setViewer(api::User::Role role, const QString &group);
    void reload();
    void onJobEvent();
    void onSessionEvent(const tandem::api::Session &session);

    QTreeWidget *members() const { return m_members; }
    QLineEdit *classEdit() const { return m_class; }
    QPushButton *openHistoryButton() const { return m_openHistory; }
    QPushButton *importButton() const { return m_import; }
    QLabel *summary() const { return m_summary; }
    // The row of a member; null if they are not in the class shown.
    QTreeWidgetItem *row(const QString &name) const;

Q_SIGNALS:
    // "Open history": the member's jobs in the Job History tab.
    void historyRequested(const QString &member);

private:
    void present(const api::ClassSummary &summary);
    void showSession(QTreeWidgetItem *item, const QString &state);
    void reloadSessions();

    GatewayConnection *m_connection;
    MessageBanner *m_banner;
    QLineEdit *m_class;
    QTreeWidget *m_members;
    QLabel *m_summary;
    QPushButton *m_refresh;
    QPushButton *m_openHistory;
    QPushButton *m_import;
    QTimer m_jobsChanged; // a burst of job events is one reload
    QHash<QString, QString> m_sessionOf; // member → their active session's state, as last pushed or listed
    bool m_loading = false;
    bool m_reloadAgain = false;
};

} // namespace tandem
