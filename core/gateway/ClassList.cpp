#include "gateway/ClassList.h"

#include <QCoreApplication>
#include <QSet>

#include <sodium.h>

namespace tandem::gateway {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ClassList)
};

} // namespace

QString randomPassword()
{
    unsigned char bytes[12];
    randombytes_buf(bytes, sizeof bytes);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(bytes), sizeof bytes)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QList<ClassListRow> parseClassList(const QString &text)
{
    QList<ClassListRow> rows;
    QSet<QString> names;
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith(u'#') || (i == 0 && line.startsWith(QStringLiteral("name"))))
            continue;
        const QStringList fields = line.split(u',');
        ClassListRow row;
        row.line = int(i) + 1;
        row.name = fields.value(0).trimmed();
        const QString role = fields.value(1).trimmed();
        row.group = fields.value(2).trimmed();
        row.password = fields.value(3);
        const auto parsedRole = User::roleFromString(role.isEmpty() ? QStringLiteral("user") : role);
        if (fields.size() > 4)
            row.error = Text::tr("expected name[,role[,group[,password]]]: there are %1 fields.").arg(fields.size());
        else if (!Accounts::isValidName(row.name))
            row.error = Text::tr("\"%1\" is not a valid account name (lower-case letters, digits, '_', '.', '-').")
                            .arg(row.name);
        else if (!parsedRole)
            row.error = Text::tr("the role must be user, instructor or admin, not \"%1\".").arg(role);
        else if (names.contains(row.name))
            row.error = Text::tr("%1 is listed twice.").arg(row.name);
        if (parsedRole)
            row.role = *parsedRole;
        names.insert(row.name);
        if (row.password.isEmpty()) {
            row.password = randomPassword();
            row.generatedPassword = true;
        }
        rows.append(row);
    }
    return rows;
}

} // namespace tandem::gateway
