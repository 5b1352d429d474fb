#pragma once

#include "Error.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace tandem::api {

// A compile or run request (openapi.json's JobSpec). The desktop builds one from its forms; the gateway parses every
// request into one before it looks at systems or files. fromJson() checks the shape — types, unknown fields, shell
// strings where arguments belong, sizes, the flag syntax — and names the field at fault; what a field must be on a
// particular system (queue limits, presets, files in the home) is the gateway's JobPlan to check.
struct JobSpec
{
    Q_DECLARE_TR_FUNCTIONS(JobSpec)

public:
    enum class Type { Compile, Run };
    enum class Mode { Batch, Quick };

    Type type = Type::Compile;
    QString system;
    std::optional<QString> name;
    Mode mode = Mode::Batch;
    std::optional<QString> queue; // the system's default queue when unset
    std::optional<int> nodes;
    std::optional<int> cores;
    std::optional<int> maxMinutes;
    QStringList modules;

    // compile
    QStringList sources; // paths in the user's home
    QStringList extraFiles;
    QString output;
    QString preset;
    std::optional<QStringList> argv; // instead of a preset: a compiler argv
    QStringList flags;
    QStringList libraries; // after the sources and -o: -l…, -L…, -Wl,… (the linker reads left to right)

    // run
    QString executable; // a path in the home
    std::optional<QString> launcher; // "direct" when unset
    QStringList args;
    QStringList inputFiles;
    std::optional<QString> array; // "1-10" or "1-100%5": that many tasks, at most 5 at a time

    // A job array's first and last index and how many run at once (0: as many as the job has cores).
    struct ArrayRange
    {
        int first = 0, last = 0, limit = 0;
        int count() const { return last - first + 1; }
    };
    static std::optional<ArrayRange> parseArray(QStringView text);
    static constexpr int MaxArrayTasks = 1000;

    // Only the fields that are set (lists: not empty), so what a form sends stays what it chose.
    QJsonObject toJson() const;
    static Result<JobSpec> fromJson(const QJsonObject &object);

    static QString typeName(Type type);
    static std::optional<Type> typeFromString(QStringView text);

    friend bool operator==(const JobSpec &, const JobSpec &) = default;
};

// An option as flags and argv take it: starts with '-', no spaces, quotes or shell characters, and not -o (the output
// has its own field).
bool isCompilerFlag(const QString &flag);

} // namespace tandem::api
