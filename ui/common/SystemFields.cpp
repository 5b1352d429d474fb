#include "common/SystemFields.h"

#include "client/SystemDirectory.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QListWidget>

namespace tandem::SystemFields {

void fillSystems(QComboBox *box, const SystemDirectory &systems)
{
    const QString current = box->currentData().toString();
    QSignalBlocker blocker(box);
    box->clear();
    for (const api::System &system : systems.systems()) {
        QString label = system.name;
        if (!system.available)
            label = QCoreApplication::translate("SystemFields", "%1 (not reachable)").arg(label);
        box->addItem(label, system.id);
        // Why it is not reachable, where the user looks for it: on the entry itself.
        if (!system.unavailableReason.isEmpty())
            box->setItemData(box->count() - 1, system.unavailableReason, Qt::ToolTipRole);
    }
    const int index = box->findData(current);
    box->setCurrentIndex(index >= 0 ? index : 0);
}

void fillModules(QListWidget *list, const api::System &system)
{
    QSignalBlocker blocker(list);
    list->clear();
    for (const QString &module : system.modules) {
        auto *item = new QListWidgetItem(module, list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    list->setEnabled(list->count() > 0);
    if (list->count() == 0)
        list->addItem(QCoreApplication::translate("SystemFields", "This system offers no modules."));
}

QString unavailableText(const api::System &system)
{
    if (system.available || system.id.isEmpty())
        return {};
    return system.unavailableReason.isEmpty()
        ? QCoreApplication::translate("SystemFields", "This system does not take jobs now.")
        : QCoreApplication::translate("SystemFields", "This system does not take jobs now: %1")
              .arg(system.unavailableReason);
}

QStringList checkedModules(const QListWidget *list)
{
    QStringList modules;
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->checkState() == Qt::Checked)
            modules << list->item(i)->text();
    }
    return modules;
}

void checkModules(QListWidget *list, const QStringList &modules)
{
    for (int i = 0; i < list->count(); ++i) {
        QListWidgetItem *item = list->item(i);
        if (item->flags() & Qt::ItemIsUserCheckable)
            item->setCheckState(modules.contains(item->text()) ? Qt::Checked : Qt::Unchecked);
    }
}

} // namespace tandem::SystemFields
