#pragma once

#include "Error.h"
#include "api/JobSpec.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace tandem::api {

// An exercise an instructor published to their class (openapi.json's Template): a Compile or Run request whose
// file paths are names of the template's starter files.
struct Template
{
    qint64 id = 0;
    JobSpec::Type kind = JobSpec::Type::Compile;
    QString title;
    QString description;
    QString owner;
    QString group;
    int version = 1;
    QDateTime updatedAt;
    QJsonObject spec;
    QStringList files;
    QString folder; // where a copy goes in the home

    static Result<Template> fromJson(const QJsonObject &object, const QString &prefix = {});
};

// A template copied into the home (openapi.json's TemplateCopy): the request, its paths now the copies'.
struct TemplateCopy
{
    QString folder;
    JobSpec spec;
    QStringList copied;
    QStringList replaced;
    int version = 1;

    static Result<TemplateCopy> fromJson(const QJsonObject &object, const QString &prefix = {});
};

} // namespace tandem::api
