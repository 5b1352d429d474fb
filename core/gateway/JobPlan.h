#pragma once

#include "Error.h"
#include "api/JobSpec.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

namespace tandem::gateway {

struct System;
class SystemCatalog;
class UserHome;

// A validated job request: everything needed to create the job directory and run it. Built only by
// JobPlan::fromSpec, which refuses bad input with an error naming the field and touches nothing.
struct JobPlan
{
    Q_DECLARE_TR_FUNCTIONS(JobPlan)

public:
    using Type = api::JobSpec::Type;

    struct StagedFile
    {
        QString source; // relative to the user's home, checked to be a regular file there (opened again, confined, to
                        // stage)
        QString destination; // a plain name inside the job directory
    };

    Type type = Type::Compile;
    QString name;
    QString systemId;
    QString queue;
    int nodes = 1;
    int cores = 1;
    int maxMinutes = 10;
    bool quick = false;
    QStringList command; // argv, run in the job directory
    int launcherLength = 0; // how many of command's first words are the launcher (srun -n 4), not the program
    QString output; // compile: the program it builds
    QStringList modules;
    QMap<QString, QString> environment;
    QList<StagedFile> files;
    std::optional<api::JobSpec::ArrayRange> array; // run: a job array (each task with its TANDEM_ARRAY_INDEX)
    QJsonObject spec; // the request as accepted, kept for resubmission

    static constexpr int QuickSeconds = 30;

    // Parses the request into an api::JobSpec, then checks it against the system and the home.
    static Result<JobPlan> fromSpec(const QJsonObject &request, const SystemCatalog &systems, const UserHome &home);
    static Result<JobPlan> fromSpec(const api::JobSpec &spec, const SystemCatalog &systems, const UserHome &home);
    // The command as one line, each argument shell-quoted where needed: what the user sees as "This is your command".
    static QString displayCommand(const QStringList &argv);
    // A bash script that loads the modules, sets the environment and runs the argv exactly.
    QString jobScript(qint64 jobId, const QString &directory) const;
    int timeLimitSeconds() const { return quick ? QuickSeconds : maxMinutes * 60; }
};

} // namespace tandem::gateway
