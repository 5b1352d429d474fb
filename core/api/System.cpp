#include "api/System.h"

#include "api/JsonReader.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace tandem::api {

QJsonObject Queue::toJson() const
{
    return {{u"name"_s, name},
            {u"maxNodes"_s, maxNodes},
            {u"coresPerNode"_s, coresPerNode},
            {u"maxMinutes"_s, maxMinutes},
            {u"default"_s, isDefault}};
}

Result<Queue> Queue::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    Queue queue;
    queue.name = read.string("name"_L1);
    queue.maxNodes = int(read.integer("maxNodes"_L1));
    queue.coresPerNode = int(read.integer("coresPerNode"_L1));
    queue.maxMinutes = int(read.integer("maxMinutes"_L1));
    queue.isDefault = read.boolean("default"_L1);
    return read.finish(std::move(queue));
}

QJsonObject CompilePreset::toJson() const
{
    return {{u"id"_s, id}, {u"name"_s, name}, {u"command"_s, QJsonArray::fromStringList(command)}};
}

Result<CompilePreset> CompilePreset::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    CompilePreset preset;
    preset.id = read.string("id"_L1);
    preset.name = read.string("name"_L1);
    preset.command = read.strings("command"_L1);
    return read.finish(std::move(preset));
}

QJsonObject Launcher::toJson() const
{
    return {{u"id"_s, id}, {u"command"_s, QJsonArray::fromStringList(command)}};
}

Result<Launcher> Launcher::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    Launcher launcher;
    launcher.id = read.string("id"_L1);
    launcher.command = read.strings("command"_L1);
    return read.finish(std::move(launcher));
}

QString schedulerName(System::Scheduler scheduler)
{
    return scheduler == System::Scheduler::Slurm ? u"slurm"_s : u"local"_s;
}

std::optional<System::Scheduler> schedulerFromString(QStringView text)
{
    if (text == u"local")
        return System::Scheduler::Local;
    if (text == u"slurm")
        return System::Scheduler::Slurm;
    return std::nullopt;
}

const Queue *System::queue(const QString &name) const
{
    for (const Queue &candidate : queues) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

const Queue *System::defaultQueue() const
{
    for (const Queue &candidate : queues) {
        if (candidate.isDefault)
            return &candidate;
    }
    return queues.isEmpty() ? nullptr : &queues.first();
}

QJsonObject System::toJson() const
{
    QJsonArray queueArray, presetArray, launcherArray;
    for (const Queue &entry : queues)
        queueArray.append(entry.toJson());
    for (const CompilePreset &entry : compilePresets)
        presetArray.append(entry.toJson());
    for (const Launcher &entry : launchers)
        launcherArray.append(entry.toJson());
    QJsonObject env;
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), it.value());
    QJsonObject object{{u"id"_s, id},
                       {u"name"_s, name},
                       {u"scheduler"_s, schedulerName(scheduler)},
                       {u"queues"_s, queueArray},
                       {u"compilePresets"_s, presetArray},
                       {u"launchers"_s, launcherArray},
                       {u"modules"_s, QJsonArray::fromStringList(modules)},
                       {u"environment"_s, env},
                       {u"available"_s, available}};
    if (network)
        object.insert(u"network"_s, *network);
    if (!isolation.isEmpty())
        object.insert(u"isolation"_s, isolation);
    if (!unavailableReason.isEmpty())
        object.insert(u"unavailableReason"_s, unavailableReason);
    return object;
}

Result<System> System::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    System system;
    system.id = read.string("id"_L1);
    system.name = read.string("name"_L1);
    system.scheduler = read.enumerated("scheduler"_L1, &schedulerFromString, Scheduler::Local);
    system.queues = read.objects<Queue>("queues"_L1);
    system.compilePresets = read.objects<CompilePreset>("compilePresets"_L1);
    system.launchers = read.objects<Launcher>("launchers"_L1);
    system.modules = read.strings("modules"_L1);
    const QJsonObject env = read.object("environment"_L1);
    for (auto it = env.begin(); it != env.end(); ++it)
        system.environment.insert(it.key(), it.value().toString());
    if (read.ok() && object.value("network"_L1).isBool())
        system.network = object.value("network"_L1).toBool();
    system.available = read.boolean("available"_L1);
    system.isolation = read.optionalString("isolation"_L1);
    system.unavailableReason = read.optionalString("unavailableReason"_L1);
    return read.finish(std::move(system));
}

} // namespace tandem::api
