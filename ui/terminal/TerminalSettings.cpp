#include "terminal/TerminalSettings.h"

#include <qtermwidget.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QSettings>
#include <QSpinBox>

namespace tandem {

TerminalSettings TerminalSettings::load()
{
    TerminalSettings settings;
    settings.font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    QSettings stored;
    stored.beginGroup(QStringLiteral("terminal"));
    settings.colorScheme = stored.value(QStringLiteral("colorScheme"), settings.colorScheme).toString();
    if (const QString font = stored.value(QStringLiteral("font")).toString(); !font.isEmpty())
        settings.font.fromString(font);
    settings.scrollbackLines = stored.value(QStringLiteral("scrollbackLines"), settings.scrollbackLines).toInt();
    return settings;
}

void TerminalSettings::save() const
{
    QSettings stored;
    stored.beginGroup(QStringLiteral("terminal"));
    stored.setValue(QStringLiteral("colorScheme"), colorScheme);
    stored.setValue(QStringLiteral("font"), font.toString());
    stored.setValue(QStringLiteral("scrollbackLines"), scrollbackLines);
}

TerminalSettingsDialog::TerminalSettingsDialog(const TerminalSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_scheme(new QComboBox(this))
    , m_font(new QFontComboBox(this))
    , m_fontSize(new QSpinBox(this))
    , m_scrollback(new QSpinBox(this))
{
    setWindowTitle(tr("Terminal settings"));
    QStringList schemes = QTermWidget::availableColorSchemes();
    schemes.sort(Qt::CaseInsensitive);
    m_scheme->addItems(schemes);
    m_scheme->setCurrentText(settings.colorScheme);
    m_font->setFontFilters(QFontComboBox::MonospacedFonts);
    m_font->setCurrentFont(settings.font);
    m_fontSize->setRange(6, 48);
    m_fontSize->setValue(settings.font.pointSize() > 0 ? settings.font.pointSize() : 10);
    m_fontSize->setSuffix(tr(" pt"));
    m_scrollback->setRange(100, 1000000);
    m_scrollback->setSingleStep(1000);
    m_scrollback->setGroupSeparatorShown(true);
    m_scrollback->setValue(settings.scrollbackLines);
    m_scrollback->setSuffix(tr(" lines"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Colour scheme:"), m_scheme);
    form->addRow(tr("&Font:"), m_font);
    form->addRow(tr("Font &size:"), m_fontSize);
    form->addRow(tr("&Scrollback:"), m_scrollback);
    form->addRow(buttons);
}

TerminalSettings TerminalSettingsDialog::settings() const
{
    TerminalSettings settings;
    settings.colorScheme = m_scheme->currentText();
    settings.font = m_font->currentFont();
    settings.font.setPointSize(m_fontSize->value());
    settings.scrollbackLines = m_scrollback->value();
    return settings;
}

} // namespace tandem
