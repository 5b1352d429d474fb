#pragma once

#include "gateway/Accounts.h"

#include <QList>
#include <QString>

namespace tandem::gateway {

// A class as a list of accounts, one per line: name[,role[,group[,password]]]. Empty lines, lines starting with '#'
// and a first line starting with "name" (a header) are skipped. Each row keeps its line number and, when it cannot
// be used, why; a missing password is generated (and marked so, to be handed out once).
struct ClassListRow
{
    int line = 0;
    QString name;
    User::Role role = User::Role::User;
    QString group;
    QString password;
    bool generatedPassword = false;
    QString error; // empty: the row can be created
};

QList<ClassListRow> parseClassList(const QString &text);
// A password for an account made from a list: 16 random characters (libsodium).
QString randomPassword();

} // namespace tandem::gateway
