#include "api/Files.h"

#include "api/JsonReader.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace tandem::api {

namespace {

constexpr std::pair<FileEntry::Type, QLatin1StringView> TypeNames[] = {
    {FileEntry::Type::File, "file"_L1},
    {FileEntry::Type::Directory, "directory"_L1},
    {FileEntry::Type::Link, "link"_L1},
    {FileEntry::Type::Other, "other"_L1},
};

} // namespace

QString fileTypeName(FileEntry::Type type)
{
    for (const auto &[value, name] : TypeNames) {
        if (value == type)
            return name;
    }
    return {};
}

std::optional<FileEntry::Type> fileTypeFromString(QStringView text)
{
    for (const auto &[value, name] : TypeNames) {
        if (text == name)
            return value;
    }
    return std::nullopt;
}

QJsonObject FileEntry::toJson() const
{
    return {
        {u"name"_s, name}, {u"type"_s, fileTypeName(type)}, {u"size"_s, size}, {u"modified"_s, isoDateTime(modified)}};
}

Result<FileEntry> FileEntry::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    FileEntry entry;
    entry.name = read.string("name"_L1);
    entry.type = read.enumerated("type"_L1, &fileTypeFromString, Type::Other);
    entry.size = read.integer("size"_L1);
    entry.modified = read.dateTime("modified"_L1);
    return read.finish(std::move(entry));
}

QJsonObject FileListing::toJson() const
{
    QJsonArray array;
    for (const FileEntry &entry : entries)
        array.append(entry.toJson());
    QJsonObject object{{u"entries"_s, array}};
    if (!path.isEmpty())
        object.insert(u"path"_s, path);
    return object;
}

Result<FileListing> FileListing::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    FileListing listing;
    listing.path = read.optionalString("path"_L1);
    listing.entries = read.objects<FileEntry>("entries"_L1);
    return read.finish(std::move(listing));
}

QJsonObject OutputChunk::toJson() const
{
    return {{u"data"_s, data}, {u"offset"_s, offset}, {u"nextOffset"_s, nextOffset}, {u"complete"_s, complete}};
}

Result<OutputChunk> OutputChunk::fromJson(const QJsonObject &object, const QString &prefix)
{
    JsonReader read(object, prefix);
    OutputChunk chunk;
    chunk.data = read.string("data"_L1);
    chunk.offset = read.integer("offset"_L1);
    chunk.nextOffset = read.integer("nextOffset"_L1);
    chunk.complete = read.boolean("complete"_L1);
    return read.finish(std::move(chunk));
}

} // namespace tandem::api
