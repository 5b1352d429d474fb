#pragma once

#include "common/ConnectionProfiles.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace tandem {

// Chooses, adds and removes connection profiles; "Connect" hands the chosen one back.
class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConnectDialog(QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *userEdit() const { return m_user; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *connectButton() const { return m_connect; }
    QPushButton *removeButton() const { return m_remove; }
    QLabel *problem() const { return m_problem; }

Q_SIGNALS:
    void connectRequested(const tandem::ConnectionProfile &profile);

private:
    void reload();
    void saveProfile();
    void removeProfile();

    QList<ConnectionProfile> m_profiles;
    QListWidget *m_list;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QLineEdit *m_user;
    QLabel *m_problem;
    QPushButton *m_save;
    QPushButton *m_remove;
    QPushButton *m_connect;
};

} // namespace tandem
