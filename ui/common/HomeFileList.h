#pragma once

#include <QWidget>

class QListWidget;
class QPushButton;

namespace tandem {

class GatewayConnection;
class MessageBanner;

// Files picked from the user's home on the gateway — the same home the terminal sees — for a job's sources or
// inputs: add from the home, upload local files (they land in ~/uploads), remove.
class HomeFileList : public QWidget
{
    Q_OBJECT

public:
    HomeFileList(GatewayConnection *connection, MessageBanner *banner, QWidget *parent = nullptr);

    QStringList paths() const;
    void addPath(const QString &path);
    void setPaths(const QStringList &paths);
    // Uploads local files into ~/uploads and adds them once stored.
    void uploadLocalFiles(const QStringList &localPaths);
    // Uploads a whole local folder into ~/uploads/<folder>: packed with tar, unpacked by the gateway, all or nothing.
    void uploadLocalFolder(const QString &localFolder);
    QListWidget *list() const { return m_list; }

Q_SIGNALS:
    void folderUploaded(const QString &remoteFolder);
    void changed();
    void currentPathChanged(const QString &path);

private:
    void chooseFromHome();
    void chooseLocalFiles();

    GatewayConnection *m_connection;
    MessageBanner *m_banner;
    QListWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_upload;
    QPushButton *m_uploadFolder;
    QPushButton *m_remove;
};

} // namespace tandem
