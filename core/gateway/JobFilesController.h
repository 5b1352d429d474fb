#pragma once

#include "gateway/Reply.h"

#include <QObject>
#include <QStringList>

#include <functional>

class QAbstractSocket;
class QHttpServerRequest;
class QHttpServerResponder;

namespace tandem::gateway {

class JobService;
class Router;
struct RouteContext;
struct User;

// /api/v1/jobs/{id}/files, …/files/{name}, …/output/{stream} and …/archive: what a job left in its directory, read
// through the job directory's descriptor; the archive streams from tar as fast as the client takes it.
class JobFilesController : public QObject
{
    Q_OBJECT

public:
    // `socketFor` finds a request's connection (archives follow its pace and end with it).
    using SocketFor = std::function<QAbstractSocket *(const QHttpServerRequest &)>;
    JobFilesController(JobService &jobs, SocketFor socketFor, QObject *parent = nullptr);

    void addRoutes(Router &router);

private:
    Result<Reply> archive(RouteContext &context, ConfinedDir &directory);
    Result<Reply> output(RouteContext &context, ConfinedDir &directory);
    Result<Reply> list(RouteContext &context, ConfinedDir &directory);
    Result<Reply> file(RouteContext &context, ConfinedDir &directory);

    JobService &m_jobs;
    SocketFor m_socketFor;
};

} // namespace tandem::gateway
