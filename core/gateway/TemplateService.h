#pragma once

#include "Error.h"
#include "gateway/Accounts.h"

#include <QCoreApplication>
#include <QJsonObject>

class QSqlQuery;

#include <functional>

namespace tandem::gateway {

class Router;
class Store;
class UserHome;

// Exercises an instructor hands their class: a Compile or Run request with a title, a short text and starter files
// taken from the instructor's home when published (a snapshot: editing the home's files later changes nothing until
// the template is published again, as a new version). A student copies one into their own home — never over a file
// without being asked — and gets the request with its paths pointing at the copies.
class TemplateService
{
    Q_DECLARE_TR_FUNCTIONS(TemplateService)

public:
    static constexpr qint64 MaxFileBytes = 4 * 1024 * 1024;
    static constexpr qint64 MaxTotalBytes = 16 * 1024 * 1024;
    static constexpr int MaxFiles = 32;
    static constexpr int MaxTemplatesPerAuthor = 100;

    TemplateService(Store &store, std::function<UserHome(const QString &)> homeOf);

    void addRoutes(Router &router);

    Result<QJsonObject> list(const User &user);
    // A new template (`id` 0) or a new version of one; the caller's class sees it.
    Result<QJsonObject> publish(const User &user, qint64 id, const QJsonObject &body);
    Result<void> remove(const User &user, qint64 id);
    // Copies a template's files into templates/<its name>/ of the caller's home; answers the request to fill the form
    // with. A file there already is a conflict unless `overwrite`.
    Result<QJsonObject> copy(const User &user, qint64 id, bool overwrite);

private:
    struct Template
    {
        qint64 id = 0, ownerId = 0;
        QString owner, group, kind, title, description, updatedAt;
        QJsonObject spec;
        int version = 1;
    };
    Result<Template> find(const User &user, qint64 id);
    static Template fromRow(const QSqlQuery &row); // a row of TemplateColumns
    QJsonObject toJson(const Template &entry, const QStringList &files) const;
    Result<QStringList> fileNames(qint64 id, int version);

    Store &m_store;
    std::function<UserHome(const QString &)> m_homeOf;
};

} // namespace tandem::gateway
