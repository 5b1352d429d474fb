#include "common/SystemFields.h"

#include "JsonArrays.h"
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
    for (const QJsonValue &value : systems.systems()) {
        const QJsonObject system = value.toObject();
        QString label = system.value(QStringLiteral("name")).toString();
        if (!system.value(QStringLiteral("available")).toBool(true))
            label = QCoreApplication::translate("SystemFields", "%1 (not reachable)").arg(label);
        box->addItem(label, system.value(QStringLiteral("id")).toString());
    }
    const int index = box->findData(current);
    box->setCurrentIndex(index >= 0 ? index : 0);
}

void fillModules(QListWidget *list, const QJsonObject &system)
{
    QSignalBlocker blocker(list);
    list->clear();
    for (const QString &module : toStringList(system.value(QStringLiteral("modules")))) {
        auto *item = new QListWidgetItem(module, list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    list->setEnabled(list->count() > 0);
    if (list->count() == 0)
        list->addItem(QCoreApplication::translate("SystemFields", "This system offers no modules."));
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
