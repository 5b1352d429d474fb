#pragma once

#include "Error.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

#include <optional>

namespace tandem::api {

// A queue (Slurm: partition) of a system and its limits (openapi.json's Queue).
struct Queue
{
    QString name;
    int maxNodes = 1;
    int coresPerNode = 1;
    int maxMinutes = 1;
    bool isDefault = false;

    QJsonObject toJson() const;
    static Result<Queue> fromJson(const QJsonObject &object, const QString &prefix = {});
    friend bool operator==(const Queue &, const Queue &) = default;
};

// A programming model's compiler on a system, e.g. {"mpi", "MPI", ["mpicc"]}.
struct CompilePreset
{
    QString id;
    QString name;
    QStringList command;

    QJsonObject toJson() const;
    static Result<CompilePreset> fromJson(const QJsonObject &object, const QString &prefix = {});
    friend bool operator==(const CompilePreset &, const CompilePreset &) = default;
};

// How a program is started: "direct", or a launcher argv with {cores} and {nodes}.
struct Launcher
{
    QString id;
    QStringList command;

    QJsonObject toJson() const;
    static Result<Launcher> fromJson(const QJsonObject &object, const QString &prefix = {});
    friend bool operator==(const Launcher &, const Launcher &) = default;
};

// An execution system as the gateway offers it (openapi.json's System).
struct System
{
    enum class Scheduler { Local, Slurm };

    QString id;
    QString name;
    Scheduler scheduler = Scheduler::Local;
    QList<Queue> queues;
    QList<CompilePreset> compilePresets;
    QList<Launcher> launchers;
    QStringList modules;
    QMap<QString, QString> environment;
    std::optional<bool> network;
    bool available = false;
    QString isolation; // how jobs are sandboxed, or why not
    QString unavailableReason; // why jobs are refused now

    const Queue *queue(const QString &name) const;
    const Queue *defaultQueue() const;

    QJsonObject toJson() const;
    static Result<System> fromJson(const QJsonObject &object, const QString &prefix = {});
    friend bool operator==(const System &, const System &) = default;
};

QString schedulerName(System::Scheduler scheduler);
std::optional<System::Scheduler> schedulerFromString(QStringView text);

} // namespace tandem::api
