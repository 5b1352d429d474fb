#pragma once

#include "gateway/Reply.h"

#include <QHttpServerRequest>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <optional>

class QHttpServerResponder;

namespace tandem::gateway {

class JobFilesController;
class JobService;
class SystemCatalog;
struct User;

// /api/v1/jobs…: submit (a quick job answers when it ends), preview, list, read, history, cancel, resubmit,
// delete; a job's files go to the JobFilesController.
class JobsController : public QObject
{
    Q_OBJECT

public:
    JobsController(JobService &jobs, SystemCatalog &systems, JobFilesController &files, QObject *parent = nullptr);

    // Nothing when the path is no jobs route. Sets `responded` when the answer comes later.
    std::optional<Reply> handle(const QHttpServerRequest &request, const QStringList &path, const QJsonObject &body,
                                const User &user, QHttpServerResponder &responder, bool &responded);

private:
    JobService &m_jobs;
    SystemCatalog &m_systems;
    JobFilesController &m_jobFiles;
};

} // namespace tandem::gateway
