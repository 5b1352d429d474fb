#pragma once

#include <QDialog>
#include <QFont>
#include <QString>

class QComboBox;
class QFontComboBox;
class QSpinBox;

namespace tandem {

// What the terminal looks like: colour scheme, font and how many lines of scrollback each tab keeps. Stored in
// the application's settings; shared by every terminal tab.
struct TerminalSettings
{
    QString colorScheme = QStringLiteral("BreezeModified");
    QFont font;
    int scrollbackLines = 10000;

    static TerminalSettings load();
    void save() const;
};

class TerminalSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit TerminalSettingsDialog(const TerminalSettings &settings, QWidget *parent = nullptr);
    TerminalSettings settings() const;

private:
    QComboBox *m_scheme;
    QFontComboBox *m_font;
    QSpinBox *m_fontSize;
    QSpinBox *m_scrollback;
};

} // namespace tandem
