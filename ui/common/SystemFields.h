#pragma once

#include "api/System.h"

#include <QStringList>

class QComboBox;
class QListWidget;

namespace tandem {

class SystemDirectory;

// The fields the Compile and Run forms both take from the gateway's system list.
namespace SystemFields {

// Lists the systems (unreachable ones marked), keeping the current choice; emits no change signals.
void fillSystems(QComboBox *box, const SystemDirectory &systems);
// Lists the system's modules as checkable items, or says that it has none.
void fillModules(QListWidget *list, const api::System &system);
QStringList checkedModules(const QListWidget *list);
// Why the system takes no jobs now, for the form to show under its field; empty when it takes them.
QString unavailableText(const api::System &system);
void checkModules(QListWidget *list, const QStringList &modules);

} // namespace SystemFields
} // namespace tandem
