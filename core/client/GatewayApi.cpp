#include "client/GatewayApi.h"

#include "api/ErrorCode.h"
#include "api/Routes.h"
#include "client/GatewayConnection.h"
#include "client/GatewayRequest.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace tandem {

namespace {

struct GatewayApi
{
    Q_DECLARE_TR_FUNCTIONS(GatewayApi)
};

// One call: a failed request finishes with its error, a successful one with what `parse` reads from it.
template<typename T>
void fetch(GatewayConnection &connection, const QByteArray &verb, const QString &path, const QByteArray &body,
           QObject *context, std::function<Result<T>(const GatewayRequest &)> parse, Done<T> done)
{
    connection.call(verb, path, body, context,
                    [parse = std::move(parse), done = std::move(done)](const GatewayRequest &reply) {
                        if (!reply.succeeded())
                            done(std::unexpected(reply.error()));
                        else
                            done(parse(reply));
                    });
}

template<typename T> Result<T> object(const GatewayRequest &reply)
{
    return T::fromJson(reply.json().object());
}

// A list of T under `key` in the answer's object.
template<typename T> std::function<Result<QList<T>>(const GatewayRequest &)> listOf(QLatin1StringView key)
{
    return [key](const GatewayRequest &reply) -> Result<QList<T>> {
        api::JsonReader read(reply.json().object());
        QList<T> items = read.objects<T>(key);
        return read.finish(std::move(items));
    };
}

Result<void> nothing(const GatewayRequest &)
{
    return {};
}

Result<QByteArray> bytes(const GatewayRequest &reply)
{
    return reply.body();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray keyBody(const QByteArray &publicKey)
{
    return compact({{u"publicKey"_s, QString::fromUtf8(publicKey)}});
}

// A home path with "." or ".." segments would be resolved away before it reaches the gateway (into another
// route); it is refused here, as the gateway would refuse it, and the call still finishes asynchronously.
template<typename T> bool refuseDotSegments(const QString &path, QObject *context, Done<T> &done)
{
    const QStringList segments = path.split(u'/');
    if (!segments.contains(u"..") && !segments.contains(u"."))
        return false;
    QTimer::singleShot(0, context, [done = std::move(done)] {
        done(std::unexpected(Error::make(api::ErrorCode::InvalidPath,
                                         GatewayApi::tr("A path in your home cannot contain \".\" or \"..\"."),
                                         u"path"_s)));
    });
    return true;
}

} // namespace

void AuthApi::signIn(const QString &name, const QString &password, QObject *context, Done<api::Token> done)
{
    fetch<api::Token>(m_connection, "POST", api::routes::token(),
                      compact({{u"name"_s, name}, {u"password"_s, password}}), context, &object<api::Token>,
                      std::move(done));
}

void AuthApi::signOut(QObject *context, Done<void> done)
{
    fetch<void>(m_connection, "DELETE", api::routes::token(), {}, context, &nothing, std::move(done));
}

void AuthApi::me(QObject *context, Done<api::User> done)
{
    fetch<api::User>(m_connection, "GET", api::routes::me(), {}, context, &object<api::User>, std::move(done));
}

void AuthApi::classSummary(const QString &group, QObject *context, Done<api::ClassSummary> done)
{
    fetch<api::ClassSummary>(m_connection, "GET", api::routes::classOf(group), {}, context, &object<api::ClassSummary>,
                             std::move(done));
}

void AuthApi::importClass(const QString &csv, bool create, QObject *context, Done<api::ClassImport> done)
{
    // Making a class hashes each password (a few hundred take a while): its answer, which holds the passwords made
    // up, is waited for longer than other calls'.
    GatewayRequest *started = m_connection.request(
        "POST", api::routes::usersImport(), compact(QJsonObject{{u"csv"_s, csv}, {u"create"_s, create}}), context);
    started->setTimeout(std::chrono::minutes(5));
    QObject::connect(started, &GatewayRequest::finished, context, [started, done = std::move(done)] {
        started->deleteLater();
        if (!started->succeeded())
            return done(std::unexpected(started->error()));
        done(api::ClassImport::fromJson(started->json().object()));
    });
    started->start();
}

void TemplatesApi::list(QObject *context, Done<QList<api::Template>> done)
{
    fetch<QList<api::Template>>(m_connection, "GET", api::routes::templates(), {}, context,
                                listOf<api::Template>("templates"_L1), std::move(done));
}

void TemplatesApi::publish(const QString &title, const QString &description, const api::JobSpec &spec,
                           const QStringList &files, QObject *context, Done<api::Template> done)
{
    const QJsonObject body{{u"kind"_s, api::JobSpec::typeName(spec.type)},
                           {u"title"_s, title},
                           {u"description"_s, description},
                           {u"spec"_s, spec.toJson()},
                           {u"files"_s, QJsonArray::fromStringList(files)}};
    fetch<api::Template>(m_connection, "POST", api::routes::templates(), compact(body), context, &object<api::Template>,
                         std::move(done));
}

void TemplatesApi::copy(qint64 id, bool overwrite, QObject *context, Done<api::TemplateCopy> done)
{
    fetch<api::TemplateCopy>(m_connection, "POST", api::routes::templateCopy(id),
                             compact(QJsonObject{{u"overwrite"_s, overwrite}}), context, &object<api::TemplateCopy>,
                             std::move(done));
}

void SystemsApi::list(QObject *context, Done<QList<api::System>> done)
{
    fetch<QList<api::System>>(m_connection, "GET", api::routes::systems(), {}, context,
                              listOf<api::System>("systems"_L1), std::move(done));
}

void JobsApi::submit(const api::JobSpec &spec, QObject *context, Done<api::Job> done)
{
    fetch<api::Job>(m_connection, "POST", api::routes::jobs(), compact(spec.toJson()), context, &object<api::Job>,
                    std::move(done));
}

void JobsApi::preview(const api::JobSpec &spec, QObject *context, Done<api::JobPreview> done)
{
    fetch<api::JobPreview>(m_connection, "POST", api::routes::jobPreview(), compact(spec.toJson()), context,
                           &object<api::JobPreview>, std::move(done));
}

void JobsApi::list(const JobQuery &query, QObject *context, Done<api::Page<api::JobSummary>> done)
{
    QUrlQuery items;
    items.addQueryItem(u"limit"_s, QString::number(query.limit));
    if (!query.cursor.isEmpty())
        items.addQueryItem(u"cursor"_s, query.cursor);
    if (query.type)
        items.addQueryItem(u"type"_s, api::JobSpec::typeName(*query.type));
    if (query.status)
        items.addQueryItem(u"status"_s, api::statusName(*query.status));
    if (!query.scope.isEmpty())
        items.addQueryItem(u"scope"_s, query.scope);
    if (!query.owner.isEmpty())
        items.addQueryItem(u"owner"_s, QString::fromLatin1(QUrl::toPercentEncoding(query.owner)));
    fetch<api::Page<api::JobSummary>>(
        m_connection, "GET", api::routes::jobsQuery(items.toString(QUrl::FullyEncoded)), {}, context,
        [](const GatewayRequest &reply) {
            return api::Page<api::JobSummary>::fromJson(reply.json().object(), "jobs"_L1);
        },
        std::move(done));
}

void JobsApi::get(qint64 id, QObject *context, Done<api::Job> done)
{
    fetch<api::Job>(m_connection, "GET", api::routes::job(id), {}, context, &object<api::Job>, std::move(done));
}

void JobsApi::history(qint64 id, QObject *context, Done<QList<api::HistoryEntry>> done)
{
    fetch<QList<api::HistoryEntry>>(m_connection, "GET", api::routes::jobHistory(id), {}, context,
                                    listOf<api::HistoryEntry>("history"_L1), std::move(done));
}

void JobsApi::cancel(qint64 id, QObject *context, Done<api::Job> done)
{
    fetch<api::Job>(m_connection, "POST", api::routes::jobCancel(id), {}, context, &object<api::Job>, std::move(done));
}

void JobsApi::resubmit(qint64 id, QObject *context, Done<api::Job> done)
{
    fetch<api::Job>(m_connection, "POST", api::routes::jobResubmit(id), {}, context, &object<api::Job>,
                    std::move(done));
}

void JobsApi::remove(qint64 id, QObject *context, Done<void> done)
{
    fetch<void>(m_connection, "DELETE", api::routes::job(id), {}, context, &nothing, std::move(done));
}

void JobsApi::files(qint64 id, QObject *context, Done<QList<api::FileEntry>> done)
{
    fetch<QList<api::FileEntry>>(m_connection, "GET", api::routes::jobFiles(id), {}, context,
                                 listOf<api::FileEntry>("entries"_L1), std::move(done));
}

void JobsApi::file(qint64 id, const QString &name, QObject *context, Done<QByteArray> done)
{
    fetch<QByteArray>(m_connection, "GET", api::routes::jobFile(id, name), {}, context, &bytes, std::move(done));
}

void JobsApi::output(qint64 id, Stream stream, qint64 offset, QObject *context, Done<api::OutputChunk> done)
{
    fetch<api::OutputChunk>(m_connection, "GET",
                            api::routes::jobOutput(id, stream == Stream::Stdout ? u"stdout" : u"stderr", offset), {},
                            context, &object<api::OutputChunk>, std::move(done));
}

void JobsApi::archive(qint64 id, QObject *context, Done<QByteArray> done)
{
    fetch<QByteArray>(m_connection, "GET", api::routes::jobArchive(id), {}, context, &bytes, std::move(done));
}

void SessionsApi::start(const QByteArray &publicKey, QObject *context, Done<api::Session> done)
{
    fetch<api::Session>(m_connection, "POST", api::routes::sessions(), keyBody(publicKey), context,
                        &object<api::Session>, std::move(done));
}

void SessionsApi::list(QObject *context, Done<QList<api::Session>> done)
{
    fetch<QList<api::Session>>(m_connection, "GET", api::routes::sessions(), {}, context,
                               listOf<api::Session>("sessions"_L1), std::move(done));
}

void SessionsApi::get(qint64 id, QObject *context, Done<api::Session> done)
{
    fetch<api::Session>(m_connection, "GET", api::routes::session(id), {}, context, &object<api::Session>,
                        std::move(done));
}

void SessionsApi::replaceKey(qint64 id, const QByteArray &publicKey, QObject *context, Done<api::Session> done)
{
    fetch<api::Session>(m_connection, "POST", api::routes::sessionKey(id), keyBody(publicKey), context,
                        &object<api::Session>, std::move(done));
}

void SessionsApi::stop(qint64 id, QObject *context, Done<api::Session> done)
{
    fetch<api::Session>(m_connection, "DELETE", api::routes::session(id), {}, context, &object<api::Session>,
                        std::move(done));
}

void SessionsApi::stopMany(const QList<qint64> &ids, bool all, QObject *context, Done<QList<api::Session>> done)
{
    QJsonObject selection;
    if (all) {
        selection.insert(u"all"_s, true);
    } else {
        QJsonArray array;
        for (qint64 id : ids)
            array.append(id);
        selection.insert(u"ids"_s, array);
    }
    fetch<QList<api::Session>>(m_connection, "POST", api::routes::sessionsStop(), compact(selection), context,
                               listOf<api::Session>("sessions"_L1), std::move(done));
}

void FilesApi::list(const QString &folder, QObject *context, Done<api::FileListing> done)
{
    if (refuseDotSegments(folder, context, done))
        return;
    fetch<api::FileListing>(m_connection, "GET", api::routes::files(folder), {}, context, &object<api::FileListing>,
                            std::move(done));
}

void FilesApi::read(const QString &path, QObject *context, Done<QByteArray> done)
{
    if (refuseDotSegments(path, context, done))
        return;
    fetch<QByteArray>(m_connection, "GET", api::routes::files(path), {}, context, &bytes, std::move(done));
}

void FilesApi::write(const QString &path, const QByteArray &content, QObject *context, Done<api::FileEntry> done)
{
    if (refuseDotSegments(path, context, done))
        return;
    fetch<api::FileEntry>(m_connection, "PUT", api::routes::files(path), content, context, &object<api::FileEntry>,
                          std::move(done));
}

void FilesApi::extractInto(const QString &folder, const QByteArray &archive, QObject *context, Done<void> done)
{
    if (refuseDotSegments(folder, context, done))
        return;
    fetch<void>(m_connection, "POST", api::routes::extractInto(folder), archive, context, &nothing, std::move(done));
}

} // namespace tandem
