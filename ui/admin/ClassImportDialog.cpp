#include "admin/ClassImportDialog.h"

#include "client/GatewayApi.h"
#include "common/Dialogs.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tandem {

ClassImportDialog::ClassImportDialog(GatewayConnection *connection, QWidget *parent)
    : QDialog(parent)
    , m_connection(connection)
    , m_file(new QLabel(tr("No list chosen yet."), this))
    , m_rows(new QTreeWidget(this))
    , m_summary(new QLabel(this))
    , m_choose(new QPushButton(tr("Choose a list…"), this))
    , m_create(new QPushButton(tr("Create the accounts"), this))
    , m_save(new QPushButton(tr("Save the passwords…"), this))
{
    setWindowTitle(tr("Add a class from a list"));
    auto *intro = new QLabel(tr("A CSV file with one account per line: <i>name[,role[,group[,password]]]</i>. "
                                "Accounts without a password get one made up, shown once here."),
                             this);
    intro->setWordWrap(true);
    m_file->setWordWrap(true);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_rows->setColumnCount(ColumnCount);
    m_rows->setHeaderLabels({tr("Line"), tr("Name"), tr("Role"), tr("Class"), tr("Result")});
    m_rows->setRootIsDecorated(false);
    m_rows->setUniformRowHeights(true);
    for (int column = Line; column < Outcome; ++column)
        m_rows->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_rows->header()->setSectionResizeMode(Outcome, QHeaderView::Stretch);
    m_create->setEnabled(false);
    m_save->setEnabled(false);
    m_create->setDefault(true);

    connect(m_choose, &QPushButton::clicked, this, &ClassImportDialog::chooseFile);
    connect(m_create, &QPushButton::clicked, this, &ClassImportDialog::create);
    connect(m_save, &QPushButton::clicked, this, &ClassImportDialog::savePasswords);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *top = new QHBoxLayout;
    top->addWidget(m_file, 1);
    top->addWidget(m_choose);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_create);
    bottom->addWidget(m_save);
    bottom->addStretch(1);
    bottom->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(top);
    layout->addWidget(m_rows, 1);
    layout->addWidget(m_summary);
    layout->addLayout(bottom);
    resize(760, 520);
}

void ClassImportDialog::chooseFile()
{
    const QStringList files = Dialogs::instance().openFileNames(this, tr("Choose a class list"), QDir::homePath(),
                                                                tr("Class lists (*.csv *.txt)"));
    if (files.isEmpty())
        return;
    QFile file(files.first());
    if (!file.open(QIODevice::ReadOnly) || file.size() > 1024 * 1024) {
        m_summary->setText(tr("Cannot read %1: %2")
                               .arg(QDir::toNativeSeparators(file.fileName()),
                                    file.isOpen() ? tr("larger than 1 MiB") : file.errorString()));
        return;
    }
    m_file->setText(QDir::toNativeSeparators(file.fileName()));
    check(QString::fromUtf8(file.readAll()));
}

void ClassImportDialog::check(const QString &csv)
{
    m_csv = csv;
    m_create->setEnabled(false);
    m_summary->setText(tr("Checking the list…"));
    AuthApi(*m_connection).importClass(csv, false, this, [this](const Result<api::ClassImport> &result) {
        if (!result) {
            m_summary->setText(tr("The list cannot be checked: %1").arg(result.error().message));
            return;
        }
        present(*result, false);
        Q_EMIT checked();
    });
}

void ClassImportDialog::create()
{
    m_create->setEnabled(false);
    m_choose->setEnabled(false);
    m_summary->setText(tr("Creating the accounts…"));
    AuthApi(*m_connection).importClass(m_csv, true, this, [this](const Result<api::ClassImport> &result) {
        m_choose->setEnabled(true);
        if (!result) {
            // With no answer it is not known what was made: the list is checked again, which shows it.
            m_summary->setText(tr("No answer about the accounts (%1). Choose the list again to see which exist now.")
                                   .arg(result.error().message));
            m_create->setEnabled(true);
            return;
        }
        present(*result, true);
        Q_EMIT created(result->created);
    });
}

void ClassImportDialog::present(const api::ClassImport &result, bool made)
{
    m_rows->clear();
    int good = 0, refused = 0;
    if (made)
        m_passwords.clear();
    for (const api::ClassImportRow &row : result.rows) {
        auto *item = new QTreeWidgetItem(m_rows);
        item->setText(Line, QString::number(row.line));
        item->setTextAlignment(Line, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(Name, row.name);
        item->setText(Role, row.role);
        item->setText(Group, row.group);
        if (!row.error.isEmpty()) {
            ++refused;
            item->setText(Outcome, tr("Refused: %1").arg(row.error));
            item->setForeground(Outcome, QColor(0xb0, 0x1c, 0x1c));
        } else {
            ++good;
            item->setText(Outcome,
                          !made                        ? tr("Will be created")
                              : row.password.isEmpty() ? tr("Created")
                                                       : tr("Created, password made up"));
        }
        if (made && row.created && !row.password.isEmpty())
            m_passwords.append({row.name, row.password});
    }
    if (!made) {
        m_summary->setText(
            tr("%n account(s) will be created.", nullptr, good)
            + (refused ? u' ' + tr("%n line(s) are refused and will be left out.", nullptr, refused) : QString()));
        m_create->setText(tr("Create %n account(s)", nullptr, good));
        m_create->setEnabled(good > 0);
        return;
    }
    m_summary->setText(
        tr("%n account(s) created.", nullptr, result.created)
        + (m_passwords.isEmpty() ? QString()
                                 : u' '
                   + tr("Save the made-up passwords now: they are shown this once, and the gateway keeps "
                        "only their hashes.")));
    m_save->setEnabled(!m_passwords.isEmpty());
}

void ClassImportDialog::savePasswords()
{
    const QString target = Dialogs::instance().saveFileName(this, tr("Save the passwords"),
                                                            QDir::home().filePath(QStringLiteral("passwords.csv")));
    if (target.isEmpty())
        return;
    QByteArray content = "name,password\n";
    for (const auto &[name, password] : std::as_const(m_passwords))
        content += name.toUtf8() + ',' + password.toUtf8() + '\n';
    // Only the instructor reads them: a new file beside the target, owner-only from its creation (never a
    // temporary file others could open first), then renamed over the target.
    const QString partial = target + QStringLiteral(".part");
    QFile::remove(partial);
    QFile out(partial);
    if (!out.open(QIODevice::NewOnly | QIODevice::WriteOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || out.write(content) != content.size() || !out.flush()) {
        out.remove();
        m_summary->setText(tr("Cannot write %1.").arg(QDir::toNativeSeparators(target)));
        return;
    }
    out.close();
    QFile::remove(target);
    if (!QFile::rename(partial, target)) {
        QFile::remove(partial);
        m_summary->setText(tr("Cannot write %1.").arg(QDir::toNativeSeparators(target)));
        return;
    }
    m_summary->setText(
        tr("Saved %n password(s) to %1.", nullptr, int(m_passwords.size())).arg(QDir::toNativeSeparators(target)));
}

} // namespace tandem
