#include "gateway/TemplateService.h"

#include "api/ErrorCode.h"
#include "api/JobSpec.h"
#include "api/Routes.h"
#include "gateway/ConfinedDir.h"
#include "gateway/Router.h"
#include "gateway/Store.h"
#include "gateway/UserHome.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>

#include <sys/stat.h>

namespace tandem::gateway {

namespace {

Error fieldError(const QString &field, api::ErrorCode code, const QString &message)
{
    return Error::make(code, message, field);
}

// The folder a template is copied into: its title, plain.
QString folderName(const QString &title, qint64 id)
{
    QString slug;
    for (const QChar c : title.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            slug += c;
        else if (!slug.isEmpty() && !slug.endsWith(u'-'))
            slug += u'-';
    }
    while (slug.endsWith(u'-'))
        slug.chop(1);
    slug.truncate(40);
    return slug.isEmpty() ? QStringLiteral("template-%1").arg(id) : slug;
}

// The request's paths that name files: each must be a file of the template; `rename` maps them.
Result<QJsonObject> mapPaths(QJsonObject spec, const std::function<std::optional<QString>(const QString &)> &rename)
{
    for (const QString &field :
         {QStringLiteral("sources"), QStringLiteral("extraFiles"), QStringLiteral("inputFiles")}) {
        if (!spec.contains(field))
            continue;
        QJsonArray mapped;
        for (const QJsonValue &path : spec.value(field).toArray()) {
            const auto name = rename(path.toString());
            if (!name)
                return std::unexpected(
                    fieldError(QStringLiteral("spec.") + field, api::ErrorCode::InvalidValue,
                               TemplateService::tr("%1 is not one of the template's files.").arg(path.toString())));
            mapped.append(*name);
        }
        spec.insert(field, mapped);
    }
    if (const QString executable = spec.value(QStringLiteral("executable")).toString(); !executable.isEmpty()) {
        const auto name = rename(executable);
        if (!name)
            return std::unexpected(
                fieldError(QStringLiteral("spec.executable"), api::ErrorCode::InvalidValue,
                           TemplateService::tr("%1 is not one of the template's files.").arg(executable)));
        spec.insert(QStringLiteral("executable"), *name);
    }
    return spec;
}

} // namespace

TemplateService::TemplateService(Store &store, std::function<UserHome(const QString &)> homeOf)
    : m_store(store)
    , m_homeOf(std::move(homeOf))
{ }

void TemplateService::addRoutes(Router &router)
{
    using Method = Router::Method;
    const auto answer = [](Result<QJsonObject> result, int status = 200) -> Result<Reply> {
        return result ? Result<Reply>(Reply::json(*result, status)) : std::unexpected(result.error());
    };
    router.add(Method::Get, api::patterns::Templates,
               [this, answer](RouteContext &context) { return answer(list(context.user)); });
    router.add(Method::Post, api::patterns::Templates,
               [this, answer](RouteContext &context) { return answer(publish(context.user, 0, context.body), 201); });
    router.add(Method::Put, api::patterns::Template, [this, answer](RouteContext &context) {
        return answer(publish(context.user, context.id(), context.body));
    });
    router.add(Method::Delete, api::patterns::Template, [this](RouteContext &context) -> Result<Reply> {
        auto removed = remove(context.user, context.id());
        return removed ? Result<Reply>(Reply(204)) : std::unexpected(removed.error());
    });
    router.add(Method::Post, api::patterns::TemplateCopy, [this, answer](RouteContext &context) {
        return answer(copy(context.user, context.id(), context.body.value(QStringLiteral("overwrite")).toBool()));
    });
}

namespace {

const QString TemplateColumns
    = QStringLiteral("t.id, t.user_id, u.name, t.grp, t.kind, t.title, t.description, t.spec, t.version, t.updated_at");
// A template is seen by its class, its author and admins; to anyone else it does not exist. Binds: user id, role,
// group.
const QString VisibleTemplate
    = QStringLiteral("t.deleted = 0 AND (t.user_id = ? OR ? = 'admin' OR (t.grp <> '' AND t.grp = ?))");

} // namespace

TemplateService::Template TemplateService::fromRow(const QSqlQuery &row)
{
    Template entry;
    entry.id = row.value(0).toLongLong();
    entry.ownerId = row.value(1).toLongLong();
    entry.owner = row.value(2).toString();
    entry.group = row.value(3).toString();
    entry.kind = row.value(4).toString();
    entry.title = row.value(5).toString();
    entry.description = row.value(6).toString();
    entry.spec = QJsonDocument::fromJson(row.value(7).toString().toUtf8()).object();
    entry.version = row.value(8).toInt();
    entry.updatedAt = row.value(9).toString();
    return entry;
}

Result<TemplateService::Template> TemplateService::find(const User &user, qint64 id)
{
    auto q = m_store.exec(QStringLiteral("SELECT %1 FROM templates t JOIN users u ON u.id = t.user_id WHERE t.id = ? "
                                         "AND %2")
                              .arg(TemplateColumns, VisibleTemplate),
                          {id, user.id, User::roleToString(user.role), user.group});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return std::unexpected(Error::make(api::ErrorCode::NotFound, tr("There is no template %1.").arg(id)));
    return fromRow(*q);
}

Result<QStringList> TemplateService::fileNames(qint64 id, int version)
{
    auto q = m_store.exec(
        QStringLiteral("SELECT name FROM template_files WHERE template_id = ? AND version = ? ORDER BY name"),
        {id, version});
    if (!q)
        return std::unexpected(q.error());
    QStringList names;
    while (q->next())
        names << q->value(0).toString();
    return names;
}

QJsonObject TemplateService::toJson(const Template &entry, const QStringList &files) const
{
    return {{QStringLiteral("id"), entry.id},
            {QStringLiteral("kind"), entry.kind},
            {QStringLiteral("title"), entry.title},
            {QStringLiteral("description"), entry.description},
            {QStringLiteral("owner"), entry.owner},
            {QStringLiteral("group"), entry.group},
            {QStringLiteral("version"), entry.version},
            {QStringLiteral("updatedAt"), entry.updatedAt},
            {QStringLiteral("spec"), entry.spec},
            {QStringLiteral("files"), QJsonArray::fromStringList(files)},
            {QStringLiteral("folder"), QString(QStringLiteral("templates/") + folderName(entry.title, entry.id))}};
}

Result<QJsonObject> TemplateService::list(const User &user)
{
    // One query for the templates (not one more for each); then each one's file names.
    auto q
        = m_store.exec(QStringLiteral("SELECT %1 FROM templates t JOIN users u ON u.id = t.user_id WHERE %2 ORDER BY "
                                      "t.title, t.id")
                           .arg(TemplateColumns, VisibleTemplate),
                       {user.id, User::roleToString(user.role), user.group});
    if (!q)
        return std::unexpected(q.error());
    QList<Template> entries;
    while (q->next())
        entries << fromRow(*q);
    QJsonArray templates;
    for (const Template &entry : std::as_const(entries)) {
        if (auto files = fileNames(entry.id, entry.version))
            templates.append(toJson(entry, *files));
    }
    return QJsonObject{{QStringLiteral("templates"), templates}};
}

Result<QJsonObject> TemplateService::publish(const User &user, qint64 id, const QJsonObject &body)
{
    if (user.role == User::Role::User)
        return std::unexpected(
            Error::make(api::ErrorCode::Forbidden, tr("Only instructors and administrators publish templates.")));
    std::optional<Template> existing;
    if (id > 0) {
        auto found = find(user, id);
        if (!found)
            return std::unexpected(found.error());
        if (found->ownerId != user.id && user.role != User::Role::Admin)
            return std::unexpected(
                Error::make(api::ErrorCode::NotOwner, tr("Only its author or an administrator changes a template.")));
        if (user.role != User::Role::Admin && found->group != user.group)
            return std::unexpected(
                Error::make(api::ErrorCode::Forbidden,
                            tr("This template is class %1's; you teach %2 now.").arg(found->group, user.group)));
        existing = *found;
    } else if (user.group.isEmpty()) {
        return std::unexpected(Error::make(api::ErrorCode::Forbidden,
                                           tr("You are in no class, so there is no one to publish a template to.")));
    } else if (auto count = m_store.exec(
                   QStringLiteral("SELECT COUNT(*) FROM templates WHERE user_id = ? AND deleted = 0"), {user.id});
               count && count->next() && count->value(0).toInt() >= MaxTemplatesPerAuthor) {
        return std::unexpected(Error::make(
            api::ErrorCode::OutOfRange,
            tr("You have %1 templates, the most one author may keep; withdraw one first.").arg(MaxTemplatesPerAuthor)));
    }
    static const QSet<QString> fields{QStringLiteral("kind"), QStringLiteral("title"), QStringLiteral("description"),
                                      QStringLiteral("spec"), QStringLiteral("files")};
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!fields.contains(it.key()))
            return std::unexpected(fieldError(it.key(), api::ErrorCode::UnknownField,
                                              tr("%1 is not a field of a template.").arg(it.key())));
    }
    const QString kind = body.value(QStringLiteral("kind")).toString();
    if (kind != u"compile" && kind != u"run")
        return std::unexpected(fieldError(QStringLiteral("kind"), api::ErrorCode::InvalidValue,
                                          tr("kind must be \"compile\" or \"run\".")));
    const QString title = body.value(QStringLiteral("title")).toString().trimmed();
    static const QRegularExpression control(QStringLiteral("[\\x00-\\x1f\\x7f]"));
    if (title.isEmpty() || title.size() > 100 || title.contains(control))
        return std::unexpected(fieldError(QStringLiteral("title"), api::ErrorCode::InvalidValue,
                                          tr("A template needs a title of 1 to 100 characters on one line.")));
    const QString description = body.value(QStringLiteral("description")).toString(QStringLiteral(""));
    if (description.size() > 2000)
        return std::unexpected(fieldError(QStringLiteral("description"), api::ErrorCode::OutOfRange,
                                          tr("The text is at most 2000 characters.")));
    auto parsed = api::JobSpec::fromJson(body.value(QStringLiteral("spec")).toObject());
    if (!parsed) {
        Error error = parsed.error();
        error.field = QStringLiteral("spec.") + error.field;
        return std::unexpected(error);
    }
    if (api::JobSpec::typeName(parsed->type) != kind)
        return std::unexpected(fieldError(QStringLiteral("spec.type"), api::ErrorCode::InvalidValue,
                                          tr("A %1 template holds a %1 request.").arg(kind)));
    // The request as parsed, in its one spelling (an executable given as an array of one becomes its string), so
    // every path in it is seen below.
    const QJsonObject spec = parsed->toJson();

    // The starter files, read now through the author's home (never through a link), within the limits.
    const QJsonArray paths = body.value(QStringLiteral("files")).toArray();
    if (paths.size() > MaxFiles)
        return std::unexpected(fieldError(QStringLiteral("files"), api::ErrorCode::OutOfRange,
                                          tr("A template holds at most %1 files.").arg(MaxFiles)));
    const UserHome home = m_homeOf(user.name);
    auto homeDir = home.open();
    if (!homeDir)
        return std::unexpected(homeDir.error());
    struct File
    {
        QString name;
        QByteArray content;
        int mode;
    };
    QList<File> files;
    QHash<QString, QString> nameOfPath;
    qint64 total = 0;
    for (const QJsonValue &value : paths) {
        auto relative = home.existingFile(value.toString(), QStringLiteral("files"));
        if (!relative)
            return std::unexpected(relative.error());
        auto fd = homeDir->openForReading(*relative);
        if (!fd)
            return std::unexpected(fd.error());
        struct stat st;
        if (::fstat(fd->get(), &st) != 0 || st.st_nlink != 1)
            return std::unexpected(
                fieldError(QStringLiteral("files"), api::ErrorCode::InvalidPath,
                           tr("%1 has other names (hard links); publish a copy of it.").arg(*relative)));
        if (st.st_size > MaxFileBytes || total + st.st_size > MaxTotalBytes)
            return std::unexpected(fieldError(QStringLiteral("files"), api::ErrorCode::OutOfRange,
                                              tr("%1 makes the template too large: a file may hold %2 MiB, all of "
                                                 "them %3 MiB.")
                                                  .arg(*relative)
                                                  .arg(MaxFileBytes >> 20)
                                                  .arg(MaxTotalBytes >> 20)));
        const int mode = (st.st_mode & S_IXUSR) ? 0755 : 0644;
        QFile file;
        if (!file.open(fd->release(), QIODevice::ReadOnly, QFileDevice::AutoCloseHandle))
            return std::unexpected(Error::internal(tr("Cannot read %1.").arg(*relative)));
        const QByteArray content = file.read(MaxFileBytes + 1);
        if (content.size() > MaxFileBytes || total + content.size() > MaxTotalBytes)
            return std::unexpected(fieldError(QStringLiteral("files"), api::ErrorCode::OutOfRange,
                                              tr("%1 grew while it was read.").arg(*relative)));
        total += content.size();
        const QString name = relative->section(u'/', -1);
        if (std::any_of(files.cbegin(), files.cend(), [&name](const File &f) { return f.name == name; }))
            return std::unexpected(
                fieldError(QStringLiteral("files"), api::ErrorCode::DuplicateName,
                           tr("Two files are named %1; a template's files share one folder.").arg(name)));
        files.append({name, content, mode});
        nameOfPath.insert(value.toString(), name);
        nameOfPath.insert(*relative, name);
    }
    auto stored = mapPaths(spec, [&nameOfPath](const QString &path) -> std::optional<QString> {
        const auto it = nameOfPath.constFind(path);
        return it == nameOfPath.cend() ? std::nullopt : std::optional<QString>(*it);
    });
    if (!stored)
        return std::unexpected(stored.error());

    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QString specText = QString::fromUtf8(QJsonDocument(*stored).toJson(QJsonDocument::Compact));
    m_store.transaction();
    int version = 1;
    if (existing) {
        version = existing->version + 1;
        auto updated = m_store.exec(QStringLiteral("UPDATE templates SET kind = ?, title = ?, description = ?, spec = "
                                                   "?, version = ?, updated_at = ? WHERE id = ?"),
                                    {kind, title, description, specText, version, now, id});
        if (!updated) {
            m_store.rollback();
            return std::unexpected(updated.error());
        }
    } else {
        auto inserted = m_store.exec(QStringLiteral("INSERT INTO templates (user_id, grp, kind, title, description, "
                                                    "spec, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)"),
                                     {user.id, user.group, kind, title, description, specText, now});
        if (!inserted) {
            m_store.rollback();
            return std::unexpected(inserted.error());
        }
        id = inserted->lastInsertId().toLongLong();
    }
    // Only the newest version's files are kept: a copy made before has its own files already.
    if (auto dropped = m_store.exec(QStringLiteral("DELETE FROM template_files WHERE template_id = ?"), {id});
        !dropped) {
        m_store.rollback();
        return std::unexpected(dropped.error());
    }
    for (const File &file : std::as_const(files)) {
        auto saved = m_store.exec(QStringLiteral("INSERT INTO template_files (template_id, version, name, mode, "
                                                 "content) VALUES (?, ?, ?, ?, ?)"),
                                  {id, version, file.name, file.mode, file.content});
        if (!saved) {
            m_store.rollback();
            return std::unexpected(saved.error());
        }
    }
    if (!m_store.commit())
        return std::unexpected(Error::internal(tr("Cannot save the template.")));
    auto entry = find(user, id);
    if (!entry)
        return std::unexpected(entry.error());
    QStringList names;
    for (const File &file : std::as_const(files))
        names << file.name;
    names.sort();
    return toJson(*entry, names);
}

Result<void> TemplateService::remove(const User &user, qint64 id)
{
    auto entry = find(user, id);
    if (!entry)
        return std::unexpected(entry.error());
    if (entry->ownerId != user.id && user.role != User::Role::Admin)
        return std::unexpected(
            Error::make(api::ErrorCode::NotOwner, tr("Only its author or an administrator removes a template.")));
    m_store.transaction();
    auto files = m_store.exec(QStringLiteral("DELETE FROM template_files WHERE template_id = ?"), {id});
    auto done = m_store.exec(QStringLiteral("UPDATE templates SET deleted = 1 WHERE id = ?"), {id});
    if (!files || !done || !m_store.commit()) {
        m_store.rollback();
        return std::unexpected(Error::internal(tr("Cannot withdraw the template.")));
    }
    return {};
}

Result<QJsonObject> TemplateService::copy(const User &user, qint64 id, bool overwrite)
{
    auto entry = find(user, id);
    if (!entry)
        return std::unexpected(entry.error());
    auto q = m_store.exec(QStringLiteral("SELECT name, mode, content FROM template_files WHERE template_id = ? AND "
                                         "version = ? ORDER BY name"),
                          {id, entry->version});
    if (!q)
        return std::unexpected(q.error());
    struct File
    {
        QString name;
        int mode;
        QByteArray content;
    };
    QList<File> files;
    while (q->next())
        files.append({q->value(0).toString(), q->value(1).toInt(), q->value(2).toByteArray()});

    const QString folder = QStringLiteral("templates/") + folderName(entry->title, entry->id);
    auto home = m_homeOf(user.name).open();
    if (!home)
        return std::unexpected(home.error());
    auto target = home->makeDirectories(folder);
    if (!target)
        return std::unexpected(target.error());
    QStringList existing;
    for (const File &file : std::as_const(files)) {
        if (target->entry(file.name))
            existing << file.name;
    }
    if (!existing.isEmpty() && !overwrite)
        return std::unexpected(fieldError(
            QStringLiteral("overwrite"), api::ErrorCode::Exists,
            tr("%1 has these files already: %2. Copy over them?").arg(folder, existing.join(QStringLiteral(", ")))));
    QStringList copied;
    for (const File &file : std::as_const(files)) {
        // Replaces what has the name (a link included), never writing through it.
        if (auto written = target->writeFile(file.name, file.content, file.mode); !written)
            return std::unexpected(written.error());
        copied << file.name;
    }
    // Every path of the request names one of the files just copied, and nothing else of the home.
    auto spec = mapPaths(entry->spec, [&folder, &files](const QString &name) -> std::optional<QString> {
        const bool ours = std::any_of(files.cbegin(), files.cend(), [&name](const File &f) { return f.name == name; });
        return ours ? std::optional<QString>(folder + u'/' + name) : std::nullopt;
    });
    if (!spec)
        return std::unexpected(spec.error());
    return QJsonObject{{QStringLiteral("folder"), folder},
                       {QStringLiteral("spec"), *spec},
                       {QStringLiteral("copied"), QJsonArray::fromStringList(copied)},
                       {QStringLiteral("replaced"), QJsonArray::fromStringList(existing)},
                       {QStringLiteral("version"), entry->version}};
}

} // namespace tandem::gateway
