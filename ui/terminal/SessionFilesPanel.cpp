#include "terminal/SessionFilesPanel.h"

#include "common/Dialogs.h"

#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tandem {

namespace {

enum Column { Name, Size, Modified };
constexpr int IsDirectoryRole = Qt::UserRole + 1;

// Folders first, then by the column's own order (sizes as numbers).
class EntryItem : public QTreeWidgetItem
{
public:
    using QTreeWidgetItem::QTreeWidgetItem;
    bool operator<(const QTreeWidgetItem &other) const override
    {
        const bool folder = data(Name, IsDirectoryRole).toBool();
        const bool otherFolder = other.data(Name, IsDirectoryRole).toBool();
        if (folder != otherFolder)
            return folder;
        const int column = treeWidget() ? treeWidget()->sortColumn() : Name;
        if (column == Size || column == Modified)
            return data(column, Qt::UserRole).toLongLong() < other.data(column, Qt::UserRole).toLongLong();
        return text(Name).localeAwareCompare(other.text(Name)) < 0;
    }
};

bool isPlainName(const QString &name)
{
    return !name.isEmpty() && name != u"." && name != u".." && !name.contains(u'/');
}

} // namespace

SessionFilesPanel::SessionFilesPanel(QWidget *parent)
    : QWidget(parent)
    , m_up(new QToolButton(this))
    , m_refresh(new QToolButton(this))
    , m_path(new QLabel(this))
    , m_view(new QTreeWidget(this))
    , m_upload(new QPushButton(tr("Upload…"), this))
    , m_download(new QPushButton(tr("Download…"), this))
    , m_newFolder(new QPushButton(tr("New folder…"), this))
    , m_rename(new QPushButton(tr("Rename…"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
    , m_compile(new QPushButton(tr("Use in Compile"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
{
    m_up->setText(tr("Up"));
    m_up->setIcon(QIcon::fromTheme(QStringLiteral("go-up")));
    m_up->setToolTip(tr("The folder above"));
    m_refresh->setText(tr("Refresh"));
    m_refresh->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    m_path->setTextFormat(Qt::PlainText);
    m_path->setMinimumWidth(40);
    m_view->setHeaderLabels({tr("Name"), tr("Size"), tr("Modified")});
    m_view->setRootIsDecorated(false);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(Name, Qt::AscendingOrder);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->setSectionResizeMode(Name, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(Size, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(Modified, QHeaderView::ResizeToContents);
    m_view->header()->setStretchLastSection(false);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_progress->hide();
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_compile->setToolTip(tr("Add the selected file to the Compile form's sources"));

    connect(m_up, &QToolButton::clicked, this, [this] {
        if (m_directory != m_home && !m_directory.isEmpty())
            openDirectory(QFileInfo(m_directory).path());
    });
    connect(m_refresh, &QToolButton::clicked, this, &SessionFilesPanel::refresh);
    connect(m_view, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (item->data(Name, IsDirectoryRole).toBool())
            openDirectory(pathOf(item->text(Name)));
    });
    connect(m_view, &QTreeWidget::itemSelectionChanged, this, &SessionFilesPanel::updateButtons);
    connect(m_upload, &QPushButton::clicked, this, [this] {
        const QStringList files
            = Dialogs::instance().openFileNames(this, tr("Upload to %1").arg(m_directory), QDir::homePath());
        if (!files.isEmpty())
            uploadFiles(files);
    });
    connect(m_download, &QPushButton::clicked, this, [this] {
        const QString name = selectedName();
        const QString downloads = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
        const QString local
            = Dialogs::instance().saveFileName(this, tr("Download %1").arg(name), QDir(downloads).filePath(name));
        if (!local.isEmpty())
            download(name, local);
    });
    connect(m_newFolder, &QPushButton::clicked, this, [this] {
        if (const auto name = Dialogs::instance().text(this, tr("New folder"), tr("Name of the new folder:")))
            createFolder(name->trimmed());
    });
    connect(m_rename, &QPushButton::clicked, this, [this] {
        const QString from = selectedName();
        const auto to = Dialogs::instance().text(this, tr("Rename"), tr("New name for %1:").arg(from), from);
        if (to && to->trimmed() != from)
            renameEntry(from, to->trimmed());
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const QString name = selectedName();
        const QString question = selectedIsDirectory()
            ? tr("Delete the folder %1? Only an empty folder can be deleted.").arg(name)
            : tr("Delete %1? This cannot be undone.").arg(name);
        if (Dialogs::instance().confirm(this, tr("Delete"), question))
            deleteEntry(name);
    });
    connect(m_compile, &QPushButton::clicked, this, [this] {
        const QString path = pathOf(selectedName());
        if (path.startsWith(m_home + u'/'))
            Q_EMIT useInCompile(path.mid(m_home.size() + 1));
    });

    auto *top = new QHBoxLayout;
    top->addWidget(m_up);
    top->addWidget(m_path, 1);
    top->addWidget(m_refresh);
    auto *buttons = new QGridLayout;
    buttons->addWidget(m_upload, 0, 0);
    buttons->addWidget(m_download, 0, 1);
    buttons->addWidget(m_newFolder, 1, 0);
    buttons->addWidget(m_rename, 1, 1);
    buttons->addWidget(m_delete, 2, 0);
    buttons->addWidget(m_compile, 2, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    disconnectFromSession();
}

void SessionFilesPanel::connectTo(const SshKey &key, const SshTarget &target)
{
    delete m_client;
    m_pending.clear();
    m_home.clear();
    auto *client = new SftpClient(key, target, this);
    m_client = client;
    m_status->setText(tr("Connecting…"));
    connect(client, &SftpClient::opened, this, [this](const QString &home) {
        m_home = home;
        m_status->clear();
        openDirectory(home);
        Q_EMIT readyChanged(true);
    });
    connect(client, &SftpClient::failed, this, [this](SshConnection::Failure, const QString &message) {
        m_status->setText(message);
        m_client->deleteLater();
        updateButtons();
    });
    connect(client, &SftpClient::listed, this,
            [this](int request, const QString &directory, const QList<SftpEntry> &entries) {
                if (request != m_listRequest)
                    return; // an older listing
                const QString selected = selectedName();
                m_directory = directory;
                m_path->setText(directory.startsWith(m_home) ? u'~' + directory.mid(m_home.size()) : directory);
                m_path->setToolTip(directory);
                m_view->setSortingEnabled(false);
                m_view->clear();
                const QLocale locale;
                for (const SftpEntry &entry : entries) {
                    auto *item = new EntryItem(m_view);
                    item->setText(Name, entry.name);
                    item->setData(Name, IsDirectoryRole, entry.isDirectory);
                    item->setIcon(Name,
                                  QIcon::fromTheme(entry.isDirectory ? QStringLiteral("folder")
                                                                     : QStringLiteral("text-x-generic")));
                    item->setText(Size, entry.isDirectory ? QString() : locale.formattedDataSize(entry.size));
                    item->setData(Size, Qt::UserRole, entry.isDirectory ? -1 : entry.size);
                    item->setTextAlignment(Size, Qt::AlignRight | Qt::AlignVCenter);
                    item->setText(Modified, locale.toString(entry.modified.toLocalTime(), QLocale::ShortFormat));
                    item->setData(Modified, Qt::UserRole, entry.modified.toSecsSinceEpoch());
                    if (entry.name == selected)
                        item->setSelected(true);
                }
                m_view->setSortingEnabled(true);
                updateButtons();
            });
    connect(client, &SftpClient::progress, this, [this](int request, qint64 done, qint64 total) {
        if (!m_pending.contains(request))
            return;
        m_progress->setRange(0, total > 0 ? 1000 : 0);
        m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
        m_status->setText(tr("%1 — %2 of %3")
                              .arg(m_pending.value(request), QLocale().formattedDataSize(done),
                                   QLocale().formattedDataSize(std::max(total, done))));
    });
    connect(client, &SftpClient::finished, this, [this](int request, const QString &error) {
        if (request == m_listRequest && !error.isEmpty()) {
            m_status->setText(error);
            return;
        }
        if (!m_pending.contains(request))
            return;
        m_pending.remove(request);
        m_progress->setVisible(!m_pending.isEmpty());
        m_status->setText(error);
        if (m_pending.isEmpty())
            refresh();
        Q_EMIT operationFinished(error);
    });
    client->open();
    updateButtons();
}

void SessionFilesPanel::disconnectFromSession()
{
    delete m_client;
    m_home.clear();
    m_pending.clear();
    m_progress->hide();
    m_view->clear();
    m_path->clear();
    m_status->setText(tr("Files appear here while a session is connected."));
    updateButtons();
    Q_EMIT readyChanged(false);
}

QStringList SessionFilesPanel::entryNames() const
{
    QStringList names;
    for (int i = 0; i < m_view->topLevelItemCount(); ++i)
        names.append(m_view->topLevelItem(i)->text(Name));
    return names;
}

QString SessionFilesPanel::pathOf(const QString &name) const
{
    return m_directory + u'/' + name;
}

QString SessionFilesPanel::selectedName() const
{
    const QList<QTreeWidgetItem *> selected = m_view->selectedItems();
    return selected.isEmpty() ? QString() : selected.first()->text(Name);
}

bool SessionFilesPanel::selectedIsDirectory() const
{
    const QList<QTreeWidgetItem *> selected = m_view->selectedItems();
    return !selected.isEmpty() && selected.first()->data(Name, IsDirectoryRole).toBool();
}

void SessionFilesPanel::select(const QString &name)
{
    for (int i = 0; i < m_view->topLevelItemCount(); ++i)
        m_view->topLevelItem(i)->setSelected(m_view->topLevelItem(i)->text(Name) == name);
}

void SessionFilesPanel::updateButtons()
{
    const bool ready = isReady();
    const bool selected = ready && !selectedName().isEmpty();
    m_up->setEnabled(ready && m_directory != m_home);
    m_refresh->setEnabled(ready);
    m_upload->setEnabled(ready);
    m_newFolder->setEnabled(ready);
    m_download->setEnabled(selected && !selectedIsDirectory());
    m_rename->setEnabled(selected);
    m_delete->setEnabled(selected);
    m_compile->setEnabled(selected && !selectedIsDirectory());
}

void SessionFilesPanel::refresh()
{
    if (isReady())
        m_listRequest = m_client->list(m_directory.isEmpty() ? m_home : m_directory);
}

void SessionFilesPanel::openDirectory(const QString &path)
{
    if (!isReady())
        return;
    m_listRequest = m_client->list(path);
}

void SessionFilesPanel::track(int request, const QString &what)
{
    m_pending.insert(request, what);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_status->setText(what);
}

void SessionFilesPanel::uploadFiles(const QStringList &localPaths)
{
    for (const QString &local : localPaths) {
        const QString name = QFileInfo(local).fileName();
        track(m_client->upload(local, pathOf(name)), tr("Uploading %1").arg(name));
    }
}

void SessionFilesPanel::download(const QString &name, const QString &localPath)
{
    track(m_client->download(pathOf(name), localPath), tr("Downloading %1").arg(name));
}

void SessionFilesPanel::createFolder(const QString &name)
{
    if (!isPlainName(name)) {
        m_status->setText(tr("A folder name cannot be empty, \".\" or \"..\", or contain \"/\"."));
        return;
    }
    track(m_client->makeDirectory(pathOf(name)), tr("Creating %1").arg(name));
}

void SessionFilesPanel::renameEntry(const QString &from, const QString &to)
{
    if (!isPlainName(to)) {
        m_status->setText(tr("A name cannot be empty, \".\" or \"..\", or contain \"/\"."));
        return;
    }
    track(m_client->rename(pathOf(from), pathOf(to)), tr("Renaming %1").arg(from));
}

void SessionFilesPanel::deleteEntry(const QString &name)
{
    bool isDirectory = false;
    for (int i = 0; i < m_view->topLevelItemCount(); ++i) {
        if (m_view->topLevelItem(i)->text(Name) == name)
            isDirectory = m_view->topLevelItem(i)->data(Name, IsDirectoryRole).toBool();
    }
    track(m_client->remove(pathOf(name), isDirectory), tr("Deleting %1").arg(name));
}

} // namespace tandem
