#pragma once

#include "gateway/GatewayConfig.h"
#include "gateway/Reply.h"

#include <QObject>
#include <QStringList>

class QHttpServerRequest;
class QHttpServerResponder;

namespace tandem::gateway {

class JobService;
class Router;
struct User;

// /api/v1/files/{path}: a user's home — listing, download (with Range), upload, mkdir, move, delete and archives
// unpacked into a folder — all through the confined file layer, within the quota.
class FilesController : public QObject
{
    Q_OBJECT

public:
    FilesController(const GatewayConfig &config, JobService &jobs, QObject *parent = nullptr);

    void addRoutes(Router &router);

private:
    // `path` is what follows /api/v1/files. Sets `responded` when the answer comes later (archives).
    Reply handle(const QHttpServerRequest &request, const User &user, const QStringList &path,
                 QHttpServerResponder &responder, bool &responded);

    const GatewayConfig &m_config;
    JobService &m_jobs;
};

} // namespace tandem::gateway
