#include "api/JobSpec.h"

#include "api/ErrorCode.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace tandem::api {

namespace {

using Fail = std::unexpected<Error>;

Fail fieldError(const QString &field, ErrorCode code, const QString &message)
{
    return Fail(Error::make(code, message, field));
}

// An optional array of strings; a plain string where an array belongs is the classic shell-string mistake.
Result<QStringList> stringArray(const QJsonObject &spec, const QString &field, int maxItems)
{
    const QJsonValue value = spec.value(field);
    if (value.isUndefined() || value.isNull())
        return QStringList();
    if (value.isString()) {
        return fieldError(
            field, ErrorCode::ShellString,
            JobSpec::tr("%1 must be an array with one argument per element, not a shell string.").arg(field));
    }
    if (!value.isArray())
        return fieldError(field, ErrorCode::InvalidType, JobSpec::tr("%1 must be an array of strings.").arg(field));
    const QJsonArray array = value.toArray();
    if (array.size() > maxItems)
        return fieldError(field, ErrorCode::TooMany,
                          JobSpec::tr("%1 holds more than %2 items.").arg(field).arg(maxItems));
    QStringList list;
    list.reserve(array.size());
    for (const QJsonValue &item : array) {
        if (!item.isString())
            return fieldError(field, ErrorCode::InvalidType, JobSpec::tr("%1 must hold only strings.").arg(field));
        const QString text = item.toString();
        if (text.contains(QChar(0)) || text.size() > 4096)
            return fieldError(field, ErrorCode::InvalidValue,
                              JobSpec::tr("An item of %1 is too long or holds a NUL.").arg(field));
        list << text;
    }
    return list;
}

Result<std::optional<int>> wholeNumber(const QJsonObject &spec, const QString &field)
{
    const QJsonValue value = spec.value(field);
    if (value.isUndefined() || value.isNull())
        return std::optional<int>();
    if (!value.isDouble())
        return fieldError(field, ErrorCode::InvalidType, JobSpec::tr("%1 must be a whole number.").arg(field));
    const double number = value.toDouble();
    if (qAbs(number) > 1e9) // before any conversion; the queue's own limits are checked against the system
        return fieldError(field, ErrorCode::OutOfRange, JobSpec::tr("%1 is out of range.").arg(field));
    if (number != double(qint64(number)))
        return fieldError(field, ErrorCode::InvalidType, JobSpec::tr("%1 must be a whole number.").arg(field));
    return std::optional<int>(int(number));
}

Result<std::optional<QString>> optionalText(const QJsonObject &spec, const QString &field)
{
    const QJsonValue value = spec.value(field);
    if (value.isUndefined() || value.isNull())
        return std::optional<QString>();
    if (!value.isString())
        return fieldError(field, ErrorCode::InvalidType, JobSpec::tr("%1 must be a string.").arg(field));
    return std::optional<QString>(value.toString());
}

void insertList(QJsonObject &object, const QString &key, const QStringList &list)
{
    if (!list.isEmpty())
        object.insert(key, QJsonArray::fromStringList(list));
}

} // namespace

std::optional<JobSpec::ArrayRange> JobSpec::parseArray(QStringView text)
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("(\\d{1,7})-(\\d{1,7})(?:%(\\d{1,4}))?")));
    const QRegularExpressionMatch match = pattern.matchView(text);
    if (!match.hasMatch())
        return std::nullopt;
    ArrayRange range{match.captured(1).toInt(), match.captured(2).toInt(),
                     match.hasCaptured(3) ? match.captured(3).toInt() : 0};
    if (range.last < range.first || range.count() > MaxArrayTasks || (match.hasCaptured(3) && range.limit < 1))
        return std::nullopt;
    return range;
}

bool isCompilerFlag(const QString &flag)
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("-[A-Za-z0-9_=.,+:/@-]*")));
    // -o… would name another output than the job's (the compiler takes the last -o): that has its own field.
    return pattern.match(flag).hasMatch() && !flag.startsWith(QStringLiteral("-o"));
}

QString JobSpec::typeName(Type type)
{
    return type == Type::Compile ? QStringLiteral("compile") : QStringLiteral("run");
}

std::optional<JobSpec::Type> JobSpec::typeFromString(QStringView text)
{
    if (text == u"compile")
        return Type::Compile;
    if (text == u"run")
        return Type::Run;
    return std::nullopt;
}

QJsonObject JobSpec::toJson() const
{
    QJsonObject object{{QStringLiteral("type"), typeName(type)}, {QStringLiteral("system"), system}};
    if (name)
        object.insert(QStringLiteral("name"), *name);
    if (mode == Mode::Quick)
        object.insert(QStringLiteral("mode"), QStringLiteral("quick"));
    if (queue)
        object.insert(QStringLiteral("queue"), *queue);
    if (nodes)
        object.insert(QStringLiteral("nodes"), *nodes);
    if (cores)
        object.insert(QStringLiteral("cores"), *cores);
    if (maxMinutes)
        object.insert(QStringLiteral("maxMinutes"), *maxMinutes);
    insertList(object, QStringLiteral("modules"), modules);
    if (type == Type::Compile) {
        insertList(object, QStringLiteral("sources"), sources);
        insertList(object, QStringLiteral("extraFiles"), extraFiles);
        if (!output.isEmpty())
            object.insert(QStringLiteral("output"), output);
        if (argv)
            object.insert(QStringLiteral("argv"), QJsonArray::fromStringList(*argv));
        else if (!preset.isEmpty())
            object.insert(QStringLiteral("preset"), preset);
        insertList(object, QStringLiteral("flags"), flags);
        insertList(object, QStringLiteral("libraries"), libraries);
    } else {
        if (!executable.isEmpty())
            object.insert(QStringLiteral("executable"), executable);
        if (launcher)
            object.insert(QStringLiteral("launcher"), *launcher);
        insertList(object, QStringLiteral("args"), args);
        insertList(object, QStringLiteral("inputFiles"), inputFiles);
        if (array)
            object.insert(QStringLiteral("array"), *array);
    }
    return object;
}

Result<JobSpec> JobSpec::fromJson(const QJsonObject &object)
{
    static const QSet<QString> commonFields{
        QStringLiteral("type"),  QStringLiteral("name"),    QStringLiteral("system"),
        QStringLiteral("mode"),  QStringLiteral("modules"), QStringLiteral("queue"),
        QStringLiteral("nodes"), QStringLiteral("cores"),   QStringLiteral("maxMinutes")};
    static const QSet<QString> compileFields{QStringLiteral("sources"),   QStringLiteral("extraFiles"),
                                             QStringLiteral("output"),    QStringLiteral("preset"),
                                             QStringLiteral("argv"),      QStringLiteral("flags"),
                                             QStringLiteral("libraries"), QStringLiteral("command")};
    static const QSet<QString> runFields{QStringLiteral("executable"), QStringLiteral("launcher"),
                                         QStringLiteral("args"),       QStringLiteral("inputFiles"),
                                         QStringLiteral("array"),      QStringLiteral("command")};

    JobSpec spec;
    const QString type = object.value(QStringLiteral("type")).toString();
    const std::optional<Type> parsedType = typeFromString(type);
    if (!parsedType)
        return fieldError(QStringLiteral("type"), ErrorCode::InvalidValue, tr("type must be \"compile\" or \"run\"."));
    spec.type = *parsedType;

    const QSet<QString> &typeFields = spec.type == Type::Compile ? compileFields : runFields;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!commonFields.contains(it.key()) && !typeFields.contains(it.key()))
            return fieldError(it.key(), ErrorCode::UnknownField,
                              tr("%1 is not a field of a %2 job.").arg(it.key(), type));
    }
    if (object.contains(QStringLiteral("command"))) {
        return fieldError(
            QStringLiteral("command"), ErrorCode::ShellString,
            tr("Jobs do not take a command line. Choose a compiler preset (or argv) and flags, or an executable, "
               "launcher and args: each is passed as one argument, never through a shell."));
    }

    spec.system = object.value(QStringLiteral("system")).toString();
    const QJsonValue mode = object.value(QStringLiteral("mode"));
    if (mode == QJsonValue(u"quick"_s))
        spec.mode = Mode::Quick;
    else if (!mode.isUndefined() && !mode.isNull() && mode != QJsonValue(u"batch"_s))
        return fieldError(QStringLiteral("mode"), ErrorCode::InvalidValue, tr("mode must be \"batch\" or \"quick\"."));

    // Each step either fills its field or leaves the error to return.
    std::optional<Error> failure;
    const auto read = [&failure](auto result, auto &into) {
        if (failure)
            return;
        if (!result)
            failure = result.error();
        else
            into = *std::move(result);
    };
    read(optionalText(object, QStringLiteral("name")), spec.name);
    read(optionalText(object, QStringLiteral("queue")), spec.queue);
    read(wholeNumber(object, QStringLiteral("nodes")), spec.nodes);
    read(wholeNumber(object, QStringLiteral("cores")), spec.cores);
    read(wholeNumber(object, QStringLiteral("maxMinutes")), spec.maxMinutes);
    read(stringArray(object, QStringLiteral("modules"), 32), spec.modules);
    if (spec.type == Type::Compile) {
        read(stringArray(object, QStringLiteral("sources"), 64), spec.sources);
        read(stringArray(object, QStringLiteral("extraFiles"), 256), spec.extraFiles);
        std::optional<QString> output, preset;
        read(optionalText(object, QStringLiteral("output")), output);
        read(optionalText(object, QStringLiteral("preset")), preset);
        spec.output = output.value_or(QString());
        spec.preset = preset.value_or(QString());
        if (object.contains(QStringLiteral("argv"))) {
            QStringList argv;
            read(stringArray(object, QStringLiteral("argv"), 16), argv);
            spec.argv = argv;
        }
        read(stringArray(object, QStringLiteral("flags"), 64), spec.flags);
        read(stringArray(object, QStringLiteral("libraries"), 64), spec.libraries);
        for (const auto &[field, options] : {std::pair{QStringLiteral("flags"), &spec.flags},
                                             std::pair{QStringLiteral("libraries"), &spec.libraries}}) {
            for (const QString &flag : std::as_const(*options)) {
                if (!failure && flag.startsWith(QStringLiteral("-o"))) {
                    failure = Error::make(
                        ErrorCode::InvalidFlag,
                        tr("\"%1\": the program's name goes in the output field, not in -o.").arg(flag), field);
                } else if (!failure && !isCompilerFlag(flag)) {
                    failure = Error::make(
                        ErrorCode::InvalidFlag,
                        tr("\"%1\" is not a compiler option: options start with '-' and hold no spaces or quotes.")
                            .arg(flag),
                        field);
                }
            }
        }
    } else {
        // The program is one path; an array of one is taken too.
        const QJsonValue executable = object.value(QStringLiteral("executable"));
        if (executable.isString()) {
            spec.executable = executable.toString();
        } else {
            QStringList one;
            read(stringArray(object, QStringLiteral("executable"), 1), one);
            spec.executable = one.value(0);
        }
        read(optionalText(object, QStringLiteral("launcher")), spec.launcher);
        read(stringArray(object, QStringLiteral("args"), 256), spec.args);
        read(stringArray(object, QStringLiteral("inputFiles"), 256), spec.inputFiles);
        read(optionalText(object, QStringLiteral("array")), spec.array);
        if (!failure && spec.array && !parseArray(*spec.array)) {
            failure
                = Error::make(ErrorCode::InvalidValue,
                              tr("array is a range of task indexes, \"1-10\", optionally with how many run at once, "
                                 "\"1-100%5\"; at most %1 tasks.")
                                  .arg(MaxArrayTasks),
                              QStringLiteral("array"));
        }
    }
    if (failure)
        return Fail(*failure);
    return spec;
}

} // namespace tandem::api
