#include "gateway/JobsController.h"

#include "gateway/Accounts.h"
#include "gateway/JobFilesController.h"
#include "gateway/JobPlan.h"
#include "gateway/JobService.h"
#include "gateway/RouteMatch.h"
#include "gateway/SystemCatalog.h"
#include "gateway/UserHome.h"

#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include <memory>

namespace tandem::gateway {

JobsController::JobsController(JobService &jobs, SystemCatalog &systems, JobFilesController &files, QObject *parent)
    : QObject(parent)
    , m_jobs(jobs)
    , m_systems(systems)
    , m_jobFiles(files)
{ }

std::optional<Reply> JobsController::handle(const QHttpServerRequest &request, const QStringList &path,
                                            const QJsonObject &body, const User &user, QHttpServerResponder &responder,
                                            bool &responded)
{
    using Method = QHttpServerRequest::Method;
    const Method method = request.method();
    if ((method == Method::Post && pathIs(path, {"api", "v1", "jobs"}))) {
        auto job = m_jobs.submit(user, body);
        if (!job)
            return Reply::error(job.error());
        const qint64 id = job->value(QStringLiteral("id")).toInteger();
        if (body.value(QStringLiteral("mode")).toString() == u"quick"
            && !JobService::isFinal(job->value(QStringLiteral("status")).toString())) {
            // Quick: answer when the job ends (it is capped at 30 s), with its outcome.
            auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
            auto connection = std::make_shared<QMetaObject::Connection>();
            const User owner = user;
            *connection = connect(
                &m_jobs, &JobService::jobEnded, this, [this, shared, connection, id, owner](qint64 ended) {
                    if (ended != id)
                        return;
                    QObject::disconnect(*connection);
                    auto finished = m_jobs.get(owner, id);
                    shared->write(
                        QJsonDocument(finished ? *finished : finished.error().toJson()).toJson(QJsonDocument::Compact),
                        "application/json", QHttpServerResponder::StatusCode::Ok);
                });
            responded = true;
            return Reply{}; // answered later; nothing is sent now
        }
        return Reply::json(*job, 201);
    }
    if ((method == Method::Post && pathIs(path, {"api", "v1", "jobs", "preview"}))) {
        auto plan = JobPlan::fromSpec(body, m_systems, m_jobs.homeOf(user.name));
        if (!plan)
            return Reply::error(plan.error());
        return Reply::json(QJsonObject{{QStringLiteral("command"), QJsonArray::fromStringList(plan->command)},
                                       {QStringLiteral("commandLine"), JobPlan::displayCommand(plan->command)},
                                       {QStringLiteral("queue"), plan->queue},
                                       {QStringLiteral("cores"), plan->cores},
                                       {QStringLiteral("nodes"), plan->nodes},
                                       {QStringLiteral("timeLimitSeconds"), plan->timeLimitSeconds()}});
    }
    if ((method == Method::Get && pathIs(path, {"api", "v1", "jobs"}))) {
        auto page = m_jobs.list(user, QUrlQuery(request.url()));
        return page ? Reply(200, *page) : Reply::error(page.error());
    }
    if (path.size() >= 4 && path[2] == u"jobs") {
        bool isId = false;
        const qint64 id = path[3].toLongLong(&isId);
        if (!isId)
            return Reply::error(Error::notFound(tr("There is no job %1.").arg(path[3])));
        if ((method == Method::Get && pathIs(path, {"api", "v1", "jobs", "*"}))) {
            auto job = m_jobs.get(user, id);
            return job ? Reply::json(*job) : Reply::error(job.error());
        }
        if ((method == Method::Get && pathIs(path, {"api", "v1", "jobs", "*", "history"}))) {
            auto history = m_jobs.history(user, id);
            return history ? Reply::json(QJsonObject{{QStringLiteral("history"), *history}})
                           : Reply::error(history.error());
        }
        if ((method == Method::Post && pathIs(path, {"api", "v1", "jobs", "*", "cancel"}))) {
            auto job = m_jobs.cancel(user, id);
            return job ? Reply::json(*job, 202) : Reply::error(job.error());
        }
        if ((method == Method::Post && pathIs(path, {"api", "v1", "jobs", "*", "resubmit"}))) {
            auto job = m_jobs.resubmit(user, id);
            return job ? Reply::json(*job, 201) : Reply::error(job.error());
        }
        if ((method == Method::Delete && pathIs(path, {"api", "v1", "jobs", "*"}))) {
            auto removed = m_jobs.remove(user, id);
            return removed ? Reply(204) : Reply::error(removed.error());
        }
        if (path.size() >= 5 && (path[4] == u"files" || path[4] == u"output" || path[4] == u"archive")
            && method == Method::Get)
            return m_jobFiles.handle(request, user, id, path.mid(4), responder, responded);
    }
    return std::nullopt;
}

} // namespace tandem::gateway
