#pragma once

#include "ssh/SftpClient.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace tandem {

// The session's home over SFTP, beside the terminal: browse, upload, download, new folder, rename, delete, and hand
// a file to the Compile form. Every operation is asynchronous; errors show under the list and change nothing.
class SessionFilesPanel : public QWidget
{
    Q_OBJECT

public:
    explicit SessionFilesPanel(QWidget *parent = nullptr);

    void connectTo(const SshKey &key, const SshTarget &target);
    void disconnectFromSession();
    bool isReady() const { return m_client && !m_home.isEmpty(); }
    QString home() const { return m_home; }
    QString currentDirectory() const { return m_directory; }
    QTreeWidget *view() const { return m_view; }
    QLabel *status() const { return m_status; }
    QStringList entryNames() const;
    bool isBusy() const { return !m_pending.isEmpty(); }

    // What the buttons do after asking (tests call these directly).
    void openDirectory(const QString &path);
    void uploadFiles(const QStringList &localPaths);
    void download(const QString &name, const QString &localPath);
    void createFolder(const QString &name);
    void renameEntry(const QString &from, const QString &to);
    void deleteEntry(const QString &name);
    void select(const QString &name);

Q_SIGNALS:
    // A file of the home, relative to it, for the Compile form's sources.
    void useInCompile(const QString &homeRelativePath);
    // After each operation, with an error message or empty; the listing is refreshed afterwards.
    void operationFinished(const QString &error);
    void readyChanged(bool ready);

private:
    void track(int request, const QString &what);
    void refresh();
    void updateButtons();
    QString pathOf(const QString &name) const;
    QString selectedName() const;
    bool selectedIsDirectory() const;

    QPointer<SftpClient> m_client;
    QString m_home;
    QString m_directory;
    QHash<int, QString> m_pending; // request → what it does, for the status line
    int m_listRequest = 0;

    QToolButton *m_up;
    QToolButton *m_refresh;
    QLabel *m_path;
    QTreeWidget *m_view;
    QPushButton *m_upload;
    QPushButton *m_download;
    QPushButton *m_newFolder;
    QPushButton *m_rename;
    QPushButton *m_delete;
    QPushButton *m_compile;
    QProgressBar *m_progress;
    QLabel *m_status;
};

} // namespace tandem
