#include "common/Dialogs.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>

namespace tandem {

namespace {

Dialogs *installed = nullptr;

} // namespace

Dialogs::~Dialogs() = default;

QStringList Dialogs::openFileNames(QWidget *parent, const QString &caption, const QString &directory,
                                   const QString &filter)
{
    return QFileDialog::getOpenFileNames(parent, caption, directory, filter);
}

QString Dialogs::saveFileName(QWidget *parent, const QString &caption, const QString &path)
{
    return QFileDialog::getSaveFileName(parent, caption, path);
}

QString Dialogs::existingDirectory(QWidget *parent, const QString &caption)
{
    return QFileDialog::getExistingDirectory(parent, caption);
}

bool Dialogs::confirm(QWidget *parent, const QString &title, const QString &question)
{
    // Questions name files and accounts from elsewhere: shown as they are, never as markup.
    QMessageBox box(QMessageBox::Question, title, question, QMessageBox::Yes | QMessageBox::No, parent);
    box.setTextFormat(Qt::PlainText);
    return box.exec() == QMessageBox::Yes;
}

std::optional<QString> Dialogs::text(QWidget *parent, const QString &title, const QString &label,
                                     const QString &initial)
{
    bool ok = false;
    const QString answer = QInputDialog::getText(parent, title, label, QLineEdit::Normal, initial, &ok);
    return ok ? std::optional<QString>(answer) : std::nullopt;
}

void Dialogs::about(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::about(parent, title, text);
}

Dialogs &Dialogs::instance()
{
    static Dialogs qtDialogs;
    return installed ? *installed : qtDialogs;
}

void Dialogs::install(Dialogs *dialogs)
{
    installed = dialogs;
}

} // namespace tandem
