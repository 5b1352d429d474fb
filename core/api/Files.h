#pragma once

#include "Error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace tandem::api {

// One entry of a folder in a home or a job directory (openapi.json's FileEntry). Links are listed, never followed.
struct FileEntry
{
    enum class Type { File, Directory, Link, Other };

    QString name;
    Type type = Type::File;
    qint64 size = 0;
    QDateTime modified;

    QJsonObject toJson() const;
    static Result<FileEntry> fromJson(const QJsonObject &object, const QString &prefix = {});
    friend bool operator==(const FileEntry &, const FileEntry &) = default;
};

QString fileTypeName(FileEntry::Type type);
std::optional<FileEntry::Type> fileTypeFromString(QStringView text);

// A folder's entries (openapi.json's FileListing); path is the folder, relative to the home.
struct FileListing
{
    QString path;
    QList<FileEntry> entries;

    QJsonObject toJson() const;
    static Result<FileListing> fromJson(const QJsonObject &object, const QString &prefix = {});
    friend bool operator==(const FileListing &, const FileListing &) = default;
};

// A piece of a job's stdout or stderr from an offset (openapi.json's OutputChunk).
struct OutputChunk
{
    QString data;
    qint64 offset = 0;
    qint64 nextOffset = 0; // where the next read continues
    bool complete = false; // the job has ended and everything was read

    QJsonObject toJson() const;
    static Result<OutputChunk> fromJson(const QJsonObject &object, const QString &prefix = {});
    friend bool operator==(const OutputChunk &, const OutputChunk &) = default;
};

} // namespace tandem::api
