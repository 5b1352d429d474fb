#include "common/HomeFileList.h"

#include "client/GatewayApi.h"
#include "client/GatewayConnection.h"
#include "common/Dialogs.h"
#include "common/MessageBanner.h"
#include "common/RemoteFileDialog.h"

#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QVBoxLayout>

namespace tandem {

HomeFileList::HomeFileList(GatewayConnection *connection, MessageBanner *banner, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_banner(banner)
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(tr("Add from home…"), this))
    , m_upload(new QPushButton(tr("Upload…"), this))
    , m_uploadFolder(new QPushButton(tr("Upload folder…"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
{
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setMinimumHeight(70);
    m_list->setMaximumHeight(110);
    m_remove->setEnabled(false);
    connect(m_add, &QPushButton::clicked, this, &HomeFileList::chooseFromHome);
    connect(m_upload, &QPushButton::clicked, this, &HomeFileList::chooseLocalFiles);
    connect(m_uploadFolder, &QPushButton::clicked, this, [this] {
        const QString folder = Dialogs::instance().existingDirectory(this, tr("Upload a folder to your home"));
        if (!folder.isEmpty())
            uploadLocalFolder(folder);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        qDeleteAll(m_list->selectedItems());
        Q_EMIT changed();
    });
    connect(m_list, &QListWidget::itemSelectionChanged, this, [this] {
        m_remove->setEnabled(!m_list->selectedItems().isEmpty());
        if (QListWidgetItem *item = m_list->currentItem())
            Q_EMIT currentPathChanged(item->text());
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_upload);
    buttons->addWidget(m_uploadFolder);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    layout->addLayout(buttons);
}

QStringList HomeFileList::paths() const
{
    QStringList paths;
    for (int i = 0; i < m_list->count(); ++i)
        paths << m_list->item(i)->text();
    return paths;
}

void HomeFileList::addPath(const QString &path)
{
    if (paths().contains(path))
        return;
    m_list->addItem(path);
    m_list->setCurrentRow(m_list->count() - 1);
    Q_EMIT changed();
}

void HomeFileList::setPaths(const QStringList &paths)
{
    m_list->clear();
    m_list->addItems(paths);
    if (!paths.isEmpty())
        m_list->setCurrentRow(0); // show the first file
    Q_EMIT changed();
}

void HomeFileList::chooseFromHome()
{
    auto *dialog = new RemoteFileDialog(m_connection, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RemoteFileDialog::filesChosen, this, [this](const QStringList &chosen) {
        for (const QString &path : chosen)
            addPath(path);
    });
    dialog->open();
}

void HomeFileList::chooseLocalFiles()
{
    const QStringList files = Dialogs::instance().openFileNames(this, tr("Upload files to your home"));
    if (!files.isEmpty())
        uploadLocalFiles(files);
}

void HomeFileList::uploadLocalFolder(const QString &localFolder)
{
    const QFileInfo folder(localFolder);
    auto *tar = new QProcess(this);
    connect(tar, &QProcess::finished, this, [this, tar, folder](int exitCode, QProcess::ExitStatus status) {
        tar->deleteLater();
        if (status != QProcess::NormalExit || exitCode != 0) {
            m_banner->showMessage(
                MessageBanner::Level::Error,
                tr("Cannot pack %1: %2")
                    .arg(folder.fileName(), QString::fromUtf8(tar->readAllStandardError()).trimmed()));
            return;
        }
        const QString remote = QStringLiteral("uploads/") + folder.fileName();
        FilesApi(*m_connection)
            .extractInto(QStringLiteral("uploads"), tar->readAllStandardOutput(), this,
                         [this, remote](const Result<void> &unpacked) {
                             if (!unpacked) {
                                 m_banner->showMessage(
                                     MessageBanner::Level::Error,
                                     tr("Upload of %1 failed: %2").arg(remote, unpacked.error().message));
                                 return;
                             }
                             m_banner->showMessage(
                                 MessageBanner::Level::Information,
                                 tr("Uploaded the folder to ~/%1; add its files with “Add from home…”.").arg(remote));
                             Q_EMIT folderUploaded(remote);
                         });
    });
    // Files and folders only, as the gateway accepts; links are not followed into the archive.
    tar->start(QStringLiteral("tar"),
               {QStringLiteral("-czf"), QStringLiteral("-"), QStringLiteral("-C"), folder.absolutePath(),
                QStringLiteral("--"), folder.fileName()});
}

void HomeFileList::uploadLocalFiles(const QStringList &localPaths)
{
    for (const QString &local : localPaths) {
        QFile file(local);
        if (!file.open(QIODevice::ReadOnly)) {
            m_banner->showMessage(MessageBanner::Level::Error, tr("Cannot read %1: %2").arg(local, file.errorString()));
            continue;
        }
        const QString remote = QStringLiteral("uploads/") + QFileInfo(local).fileName();
        FilesApi(*m_connection)
            .write(remote, file.readAll(), this, [this, remote](const Result<api::FileEntry> &written) {
                if (written)
                    addPath(remote);
                else
                    m_banner->showMessage(MessageBanner::Level::Error,
                                          tr("Upload of %1 failed: %2").arg(remote, written.error().message));
            });
    }
}

} // namespace tandem
