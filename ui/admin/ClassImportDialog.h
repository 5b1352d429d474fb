#pragma once

#include "api/User.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace tandem {

class GatewayConnection;

// A class from a list (CSV: name[,role[,group[,password]]] per line): pick the file, see what will be made and what
// is refused (with its line and why), make the accounts, and save the generated passwords once, as a file to print
// or hand out. The gateway checks every row; nothing is made for a refused one.
class ClassImportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ClassImportDialog(GatewayConnection *connection, QWidget *parent = nullptr);

    enum Column { Line, Name, Role, Group, Outcome, ColumnCount };

    void chooseFile(); // asks for the file (Dialogs), then checks it
    void check(const QString &csv);
    void create();
    void savePasswords(); // asks where (Dialogs)

    QTreeWidget *rows() const { return m_rows; }
    QLabel *summary() const { return m_summary; }
    QPushButton *createButton() const { return m_create; }
    QPushButton *savePasswordsButton() const { return m_save; }

Q_SIGNALS:
    void checked();
    void created(int accounts);

private:
    void present(const api::ClassImport &result, bool made);

    GatewayConnection *m_connection;
    QLabel *m_file;
    QTreeWidget *m_rows;
    QLabel *m_summary;
    QPushButton *m_choose;
    QPushButton *m_create;
    QPushButton *m_save;
    QString m_csv;
    QList<std::pair<QString, QString>> m_passwords; // name, password: held only until the dialog closes
};

} // namespace tandem
