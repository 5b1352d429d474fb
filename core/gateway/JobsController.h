#pragma once

#include "gateway/Reply.h"

#include <QHttpServerRequest>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <optional>

class QHttpServerResponder;

namespace tandem::gateway {

class Router;
struct RouteContext;
class JobService;
class SystemCatalog;
struct User;

// /api/v1/jobs…: submit (a quick job answers when it ends), preview, list, read, history, cancel, resubmit,
// delete.
class JobsController : public QObject
{
    Q_OBJECT

public:
    JobsController(JobService &jobs, SystemCatalog &systems, QObject *parent = nullptr);

    void addRoutes(Router &router);

private:
    Result<Reply> submit(RouteContext &context);

    JobService &m_jobs;
    SystemCatalog &m_systems;
};

} // namespace tandem::gateway
