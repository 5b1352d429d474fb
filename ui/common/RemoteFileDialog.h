#pragma once

#include <QDialog>

class QLabel;
class QListWidget;

namespace tandem {

class GatewayConnection;

// Browses the user's home on the gateway and picks files from it.
class RemoteFileDialog : public QDialog
{
    Q_OBJECT

public:
    explicit RemoteFileDialog(GatewayConnection *connection, QWidget *parent = nullptr);

    void openFolder(const QString &folder);
    QString folder() const { return m_folder; }
    QListWidget *list() const { return m_list; }

Q_SIGNALS:
    void filesChosen(const QStringList &paths);
    void folderLoaded();

private:
    void accept() override;

    GatewayConnection *m_connection;
    QLabel *m_location;
    QListWidget *m_list;
    QString m_folder;
};

} // namespace tandem
