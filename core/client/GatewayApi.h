#pragma once

#include "Error.h"
#include "api/Files.h"
#include "api/Job.h"
#include "api/JobSpec.h"
#include "api/Page.h"
#include "api/Session.h"
#include "api/System.h"
#include "api/Template.h"
#include "api/User.h"

#include <QObject>

#include <functional>
#include <optional>

namespace tandem {

class GatewayConnection;
class GatewayRequest;

// The REST API by resource, over one GatewayConnection: each call is asynchronous and finishes with a typed
// Result — the value the gateway answered, or the Error it gave (its code, message and field) or the network's.
// Nothing above this layer builds a URL or reads a JSON key. `context` ends a call early if it is destroyed first;
// `done` then never runs.
template<typename T> using Done = std::function<void(Result<T>)>;

class AuthApi
{
public:
    explicit AuthApi(GatewayConnection &connection)
        : m_connection(connection)
    { }

    void signIn(const QString &name, const QString &password, QObject *context, Done<api::Token> done);
    void signOut(QObject *context, Done<void> done);
    void me(QObject *context, Done<api::User> done);
    // A class and its members (instructors: their own; admins: any, `group` empty: their own).
    void classSummary(const QString &group, QObject *context, Done<api::ClassSummary> done);
    // A class list (CSV text): checked, or with `create` the good rows made.
    void importClass(const QString &csv, bool create, QObject *context, Done<api::ClassImport> done);

private:
    GatewayConnection &m_connection;
};

class SystemsApi
{
public:
    explicit SystemsApi(GatewayConnection &connection)
        : m_connection(connection)
    { }

    void list(QObject *context, Done<QList<api::System>> done);

private:
    GatewayConnection &m_connection;
};

// Which jobs a list asks for, newest first.
struct JobQuery
{
    int limit = 50;
    QString cursor; // a page's nextCursor, for the page after it
    std::optional<api::JobSpec::Type> type;
    std::optional<api::JobStatus> status;
    QString scope; // "mine", "class" or "all" (empty: all the caller may read)
    QString owner; // one account's jobs only
};

class JobsApi
{
public:
    enum class Stream { Stdout, Stderr };

    explicit JobsApi(GatewayConnection &connection)
        : m_connection(connection)
    { }

    void submit(const api::JobSpec &spec, QObject *context, Done<api::Job> done);
    void preview(const api::JobSpec &spec, QObject *context, Done<api::JobPreview> done);
    void list(const JobQuery &query, QObject *context, Done<api::Page<api::JobSummary>> done);
    void get(qint64 id, QObject *context, Done<api::Job> done);
    void history(qint64 id, QObject *context, Done<QList<api::HistoryEntry>> done);
    void cancel(qint64 id, QObject *context, Done<api::Job> done);
    void resubmit(qint64 id, QObject *context, Done<api::Job> done);
    void remove(qint64 id, QObject *context, Done<void> done);
    void files(qint64 id, QObject *context, Done<QList<api::FileEntry>> done);
    void file(qint64 id, const QString &name, QObject *context, Done<QByteArray> done);
    void output(qint64 id, Stream stream, qint64 offset, QObject *context, Done<api::OutputChunk> done);
    void archive(qint64 id, QObject *context, Done<QByteArray> done); // the job directory as .tar.gz

private:
    GatewayConnection &m_connection;
};

class TemplatesApi
{
public:
    explicit TemplatesApi(GatewayConnection &connection)
        : m_connection(connection)
    { }

    void list(QObject *context, Done<QList<api::Template>> done);
    // The request and the paths of its starter files in the caller's home (read by the gateway now).
    void publish(const QString &title, const QString &description, const api::JobSpec &spec, const QStringList &files,
                 QObject *context, Done<api::Template> done);
    void copy(qint64 id, bool overwrite, QObject *context, Done<api::TemplateCopy> done);

private:
    GatewayConnection &m_connection;
};

class SessionsApi
{
public:
    explicit SessionsApi(GatewayConnection &connection)
        : m_connection(connection)
    { }

    void start(const QByteArray &publicKey, QObject *context, Done<api::Session> done);
    void list(QObject *context, Done<QList<api::Session>> done);
    void get(qint64 id, QObject *context, Done<api::Session> done);
    void replaceKey(qint64 id, const QByteArray &publicKey, QObject *context, Done<api::Session> done);
    void stop(qint64 id, QObject *context, Done<api::Session> done);
    // Several at once (or all a role may stop): the sessions as they are now stopping.
    void stopMany(const QList<qint64> &ids, bool all, QObject *context, Done<QList<api::Session>> done);

private:
    GatewayConnection &m_connection;
};

class FilesApi
{
public:
    explicit FilesApi(GatewayConnection &connection)
        : m_connection(connection)
    { }

    void list(const QString &folder, QObject *context, Done<api::FileListing> done);
    void read(const QString &path, QObject *context, Done<QByteArray> done);
    void write(const QString &path, const QByteArray &content, QObject *context, Done<api::FileEntry> done);
    // A .tar or .tar.gz unpacked into a folder of the home, all or nothing.
    void extractInto(const QString &folder, const QByteArray &archive, QObject *context, Done<void> done);

private:
    GatewayConnection &m_connection;
};

} // namespace tandem
