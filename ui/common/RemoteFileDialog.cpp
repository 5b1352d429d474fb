#include "common/RemoteFileDialog.h"

#include "client/GatewayApi.h"
#include "client/GatewayConnection.h"

#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace tandem {

namespace {
constexpr int IsFolderRole = Qt::UserRole + 1;
}

RemoteFileDialog::RemoteFileDialog(GatewayConnection *connection, QWidget *parent)
    : QDialog(parent)
    , m_connection(connection)
    , m_location(new QLabel(this))
    , m_list(new QListWidget(this))
{
    setWindowTitle(tr("Choose files from your home"));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (!item->data(IsFolderRole).toBool())
            return accept();
        const QString name = item->text();
        if (name == u"..")
            openFolder(m_folder.section(u'/', 0, -2));
        else
            openFolder(m_folder.isEmpty() ? name : m_folder + u'/' + name);
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &RemoteFileDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_location);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(520, 420);
    openFolder(QString());
}

void RemoteFileDialog::openFolder(const QString &folder)
{
    m_folder = folder;
    m_location->setText(tr("Home: /%1").arg(folder));
    m_list->clear();
    FilesApi(*m_connection).list(folder, this, [this](const Result<api::FileListing> &listing) {
        if (!listing) {
            m_location->setText(listing.error().message);
            return;
        }
        if (!m_folder.isEmpty()) {
            auto *up = new QListWidgetItem(style()->standardIcon(QStyle::SP_FileDialogToParent), QStringLiteral(".."),
                                           m_list);
            up->setData(IsFolderRole, true);
        }
        for (const api::FileEntry &entry : listing->entries) {
            if (entry.name.startsWith(u'.'))
                continue;
            const bool folder = entry.type == api::FileEntry::Type::Directory;
            auto *item = new QListWidgetItem(style()->standardIcon(folder ? QStyle::SP_DirIcon : QStyle::SP_FileIcon),
                                             entry.name, m_list);
            item->setData(IsFolderRole, folder);
        }
        m_list->sortItems();
        Q_EMIT folderLoaded();
    });
}

void RemoteFileDialog::accept()
{
    QStringList chosen;
    for (QListWidgetItem *item : m_list->selectedItems()) {
        if (!item->data(IsFolderRole).toBool())
            chosen << (m_folder.isEmpty() ? item->text() : m_folder + u'/' + item->text());
    }
    if (!chosen.isEmpty())
        Q_EMIT filesChosen(chosen);
    QDialog::accept();
}

} // namespace tandem
