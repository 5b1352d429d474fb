#include "api/Template.h"

#include "api/JsonReader.h"

using namespace Qt::StringLiterals;

namespace tandem::api {

Result<Template> Template::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    Template entry;
    entry.id = read.integer("id"_L1);
    entry.kind = read.enumerated("kind"_L1, &JobSpec::typeFromString, JobSpec::Type::Compile);
    entry.title = read.string("title"_L1);
    entry.description = read.string("description"_L1);
    entry.owner = read.string("owner"_L1);
    entry.group = read.string("group"_L1);
    entry.version = int(read.integer("version"_L1));
    entry.updatedAt = read.dateTime("updatedAt"_L1);
    entry.spec = read.object("spec"_L1);
    entry.files = read.strings("files"_L1);
    entry.folder = read.string("folder"_L1);
    return read.finish(std::move(entry));
}

Result<TemplateCopy> TemplateCopy::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    TemplateCopy copy;
    copy.folder = read.string("folder"_L1);
    const QJsonObject spec = read.object("spec"_L1);
    copy.copied = read.strings("copied"_L1);
    copy.replaced = read.strings("replaced"_L1);
    copy.version = int(read.integer("version"_L1));
    if (!read.ok())
        return read.finish(std::move(copy));
    auto parsed = JobSpec::fromJson(spec);
    if (!parsed)
        return std::unexpected(parsed.error());
    copy.spec = *parsed;
    return copy;
}

} // namespace tandem::api
