#pragma once

#include <QString>
#include <QStringList>

#include <optional>

class QWidget;

namespace tandem {

// Every modal question the desktop asks — files to open or save, a folder, a yes/no, a line of text, the About box —
// goes through Dialogs::instance(), so a test answers it in place of the window (install() a subclass) and every
// path behind a dialog, the cancelled one included, can be driven. The default shows Qt's own dialogs.
class Dialogs
{
public:
    virtual ~Dialogs();

    // Empty when cancelled.
    virtual QStringList openFileNames(QWidget *parent, const QString &caption, const QString &directory = {},
                                      const QString &filter = {});
    virtual QString saveFileName(QWidget *parent, const QString &caption, const QString &path);
    virtual QString existingDirectory(QWidget *parent, const QString &caption);
    virtual bool confirm(QWidget *parent, const QString &title, const QString &question);
    // Nothing when cancelled.
    virtual std::optional<QString> text(QWidget *parent, const QString &title, const QString &label,
                                        const QString &initial = {});
    virtual void about(QWidget *parent, const QString &title, const QString &text);

    static Dialogs &instance();
    // Takes over the questions until another is installed; nullptr brings Qt's dialogs back. Not owned.
    static void install(Dialogs *dialogs);
};

} // namespace tandem
