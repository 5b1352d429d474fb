#pragma once

#include <QDir>
#include <QString>
#include <QWidget>

namespace tandem::test {

// Saves what a widget shows as build/screenshots/<name>.png, for people to look at; false if it could not be saved.
inline bool saveScreenshot(QWidget &widget, const QString &name)
{
    const QString dir = QStringLiteral(TANDEM_BUILD_DIR) + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return widget.grab().save(dir + u'/' + name + QStringLiteral(".png"));
}

} // namespace tandem::test
