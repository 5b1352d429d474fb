#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

namespace tandem::test {

// A file of the source tree (test data, bundled samples), or empty when it cannot be read.
inline QByteArray sourceFile(const QString &relativePath)
{
    QFile file(QStringLiteral(TANDEM_SOURCE_DIR) + u'/' + relativePath);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace tandem::test
