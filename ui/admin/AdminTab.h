#pragma once

#include "api/Session.h"

#include <QList>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace tandem {

class ClassView;
class GatewayConnection;
class MessageBanner;

// For admins (every user's sessions) and instructors (their group's): the interactive sessions with state, age and
// idle time, and stopping one, several or all at once. A stop request returns at once; the rows follow the states
// the gateway pushes as each session ends.
class AdminTab : public QWidget
{
    Q_OBJECT

public:
    explicit AdminTab(GatewayConnection *connection, QWidget *parent = nullptr);

    QTreeWidget *sessions() const { return m_sessions; }
    ClassView *classView() const { return m_class; }
    QTabWidget *pages() const { return m_pages; }
    MessageBanner *banner() const { return m_banner; }
    QPushButton *stopSelectedButton() const { return m_stopSelected; }
    QPushButton *stopAllButton() const { return m_stopAll; }
    int activeCount() const;

    void reload();
    void onSessionEvent(const tandem::api::Session &session);
    // What the buttons do once confirmed (tests call these).
    void stopSelected();
    void stopAll();

private:
    void update(const api::Session &session);
    void stop(const QList<qint64> &ids, bool all, const QString &what);
    void applyFilter();
    void updateButtons();

    GatewayConnection *m_connection;
    QTabWidget *m_pages;
    ClassView *m_class;
    MessageBanner *m_banner;
    QLineEdit *m_filter;
    QTreeWidget *m_sessions;
    QLabel *m_summary;
    QPushButton *m_refresh;
    QPushButton *m_stopSelected;
    QPushButton *m_stopAll;
    QTimer m_refreshTimer;
};

} // namespace tandem
