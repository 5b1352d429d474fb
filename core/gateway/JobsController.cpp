#include "gateway/JobsController.h"

#include "api/Job.h"
#include "api/Routes.h"
#include "gateway/Accounts.h"
#include "gateway/JobPlan.h"
#include "gateway/JobService.h"
#include "gateway/Router.h"
#include "gateway/SystemCatalog.h"
#include "gateway/UserHome.h"

#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include <memory>

namespace tandem::gateway {

JobsController::JobsController(JobService &jobs, SystemCatalog &systems, QObject *parent)
    : QObject(parent)
    , m_jobs(jobs)
    , m_systems(systems)
{ }

void JobsController::addRoutes(Router &router)
{
    using Method = Router::Method;
    router.add(Method::Post, api::patterns::Jobs, [this](RouteContext &context) { return submit(context); });
    router.add(Method::Post, api::patterns::JobPreview, [this](RouteContext &context) -> Result<Reply> {
        auto plan = JobPlan::fromSpec(context.body, m_systems, m_jobs.homeOf(context.user.name));
        if (!plan)
            return std::unexpected(plan.error());
        api::JobPreview preview;
        preview.command = plan->command;
        preview.commandLine = JobPlan::displayCommand(plan->command);
        preview.queue = plan->queue;
        preview.cores = plan->cores;
        preview.nodes = plan->nodes;
        preview.timeLimitSeconds = plan->timeLimitSeconds();
        if (plan->array) {
            preview.tasks = plan->array->count();
            preview.tasksAtOnce = plan->array->limit;
        }
        return Reply::json(preview.toJson());
    });
    router.add(Method::Get, api::patterns::Jobs, [this](RouteContext &context) -> Result<Reply> {
        auto page = m_jobs.list(context.user, QUrlQuery(context.request.url()));
        return page ? Result<Reply>(Reply(200, *page)) : std::unexpected(page.error());
    });
    router.add(Method::Get, api::patterns::Class, [this](RouteContext &context) -> Result<Reply> {
        const QUrlQuery query(context.request.url());
        auto summary
            = m_jobs.classSummary(context.user, query.queryItemValue(QStringLiteral("group"), QUrl::FullyDecoded));
        return summary ? Result<Reply>(Reply::json(*summary)) : std::unexpected(summary.error());
    });
    router.add(Method::Get, api::patterns::Job, [this](RouteContext &context) -> Result<Reply> {
        auto job = m_jobs.get(context.user, context.id());
        return job ? Result<Reply>(Reply::json(*job)) : std::unexpected(job.error());
    });
    router.add(Method::Get, api::patterns::JobHistory, [this](RouteContext &context) -> Result<Reply> {
        auto history = m_jobs.history(context.user, context.id());
        return history ? Result<Reply>(Reply::json(QJsonObject{{QStringLiteral("history"), *history}}))
                       : std::unexpected(history.error());
    });
    router.add(Method::Post, api::patterns::JobCancel, [this](RouteContext &context) -> Result<Reply> {
        auto job = m_jobs.cancel(context.user, context.id());
        return job ? Result<Reply>(Reply::json(*job, 202)) : std::unexpected(job.error());
    });
    router.add(Method::Post, api::patterns::JobResubmit, [this](RouteContext &context) -> Result<Reply> {
        auto job = m_jobs.resubmit(context.user, context.id());
        return job ? Result<Reply>(Reply::json(*job, 201)) : std::unexpected(job.error());
    });
    router.add(Method::Delete, api::patterns::Job, [this](RouteContext &context) -> Result<Reply> {
        auto removed = m_jobs.remove(context.user, context.id());
        return removed ? Result<Reply>(Reply(204)) : std::unexpected(removed.error());
    });
}

Result<Reply> JobsController::submit(RouteContext &context)
{
    auto job = m_jobs.submit(context.user, context.body);
    if (!job)
        return std::unexpected(job.error());
    const qint64 id = job->value(QStringLiteral("id")).toInteger();
    const bool quick = context.body.value(QStringLiteral("mode")).toString() == u"quick";
    if (!quick || api::isFinalStatus(job->value(QStringLiteral("status")).toString()))
        return Reply::json(*job, 201);
    // Quick: answer when the job ends (it is capped at 30 s), with its outcome: 200 and the ended job, or the
    // status of the error that kept it from being read back (before, that error went out as a 200).
    auto shared = std::make_shared<QHttpServerResponder>(std::move(context.responder));
    auto connection = std::make_shared<QMetaObject::Connection>();
    const User owner = context.user;
    *connection = connect(&m_jobs, &JobService::jobEnded, this, [this, shared, connection, id, owner](qint64 ended) {
        if (ended != id)
            return;
        QObject::disconnect(*connection);
        auto finished = m_jobs.get(owner, id);
        (finished ? Reply::json(*finished) : Reply::error(finished.error())).send(*shared);
    });
    context.responded = true;
    return Reply{}; // answered later; nothing is sent now
}

} // namespace tandem::gateway
