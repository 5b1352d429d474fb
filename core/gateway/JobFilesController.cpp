#include "gateway/JobFilesController.h"

#include "api/JobStatus.h"
#include "api/Routes.h"
#include "gateway/Router.h"

#include "gateway/Accounts.h"
#include "gateway/ArchiveStream.h"
#include "gateway/JobService.h"
#include "gateway/UserHome.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

#include <sys/stat.h>
#include <unistd.h>

namespace tandem::gateway {

JobFilesController::JobFilesController(JobService &jobs, SocketFor socketFor, QObject *parent)
    : QObject(parent)
    , m_jobs(jobs)
    , m_socketFor(std::move(socketFor))
{ }

void JobFilesController::addRoutes(Router &router)
{
    using Method = Router::Method;
    // Each route reads through the job directory's descriptor, which only the job's owner (or staff) gets.
    const auto inDirectory = [this](auto answer) {
        return [this, answer](RouteContext &context) -> Result<Reply> {
            auto directory = m_jobs.directory(context.user, context.id());
            if (!directory)
                return std::unexpected(directory.error());
            return (this->*answer)(context, *directory);
        };
    };
    router.add(Method::Get, api::patterns::JobFiles, inDirectory(&JobFilesController::list));
    router.add(Method::Get, api::patterns::JobFile, inDirectory(&JobFilesController::file));
    router.add(Method::Get, api::patterns::JobOutput, inDirectory(&JobFilesController::output));
    router.add(Method::Get, api::patterns::JobArchive, inDirectory(&JobFilesController::archive));
}

Result<Reply> JobFilesController::archive(RouteContext &context, ConfinedDir &directory)
{
    // The whole job directory as .tar.gz, streamed from tar as it compresses, as fast as the client reads.
    QAbstractSocket *socket = m_socketFor(context.request);
    if (!socket) // tar is read only as fast as this connection takes it
        return std::unexpected(Error::internal(tr("This connection is not tracked by the gateway.")));
    auto *archive
        = new ArchiveStream(std::move(context.responder), socket, directory, directory.path().section(u'/', -1), this);
    context.responded = true;
    archive->start();
    return Reply{};
}

Result<Reply> JobFilesController::output(RouteContext &context, ConfinedDir &directory)
{
    // Live tail: the bytes of stdout or stderr from an offset, and where to continue.
    const QString stream = context.param(QStringLiteral("stream"));
    if (stream != u"stdout" && stream != u"stderr")
        return std::unexpected(Error::notFound(tr("Outputs are stdout and stderr.")));
    const qint64 offset
        = qMax<qint64>(0, QUrlQuery(context.request.url()).queryItemValue(QStringLiteral("offset")).toLongLong());
    QByteArray data;
    qint64 size = 0;
    if (auto fd = directory.openForReading(stream + QStringLiteral(".txt"))) {
        struct stat st;
        size = ::fstat(fd->get(), &st) == 0 ? st.st_size : 0;
        data.resize(std::clamp<qint64>(size - offset, 0, 1024 * 1024));
        const ssize_t got = data.isEmpty() ? 0 : ::pread(fd->get(), data.data(), size_t(data.size()), offset);
        data.resize(qMax<ssize_t>(0, got));
    } else if (fd.error().kind != Error::Kind::NotFound) {
        return std::unexpected(pathError(fd.error(), QStringLiteral("output")));
    }
    auto job = m_jobs.get(context.user, context.id());
    const bool ended = job && api::isFinalStatus(job->value(QStringLiteral("status")).toString());
    return Reply::json(QJsonObject{{QStringLiteral("data"), QString::fromUtf8(data)},
                                   {QStringLiteral("offset"), offset},
                                   {QStringLiteral("nextOffset"), offset + data.size()},
                                   {QStringLiteral("complete"), ended && offset + data.size() >= size}});
}

Result<Reply> JobFilesController::list(RouteContext &, ConfinedDir &directory)
{
    auto entries = directory.list();
    if (!entries)
        return std::unexpected(entries.error());
    return Reply::json(QJsonObject{{QStringLiteral("entries"), fileEntries(*entries, false)}});
}

Result<Reply> JobFilesController::file(RouteContext &context, ConfinedDir &directory)
{
    const QString name = context.param(QStringLiteral("name"));
    if (!UserHome::isSafeName(name))
        return std::unexpected(Error::notFound(tr("No such output file.")));
    auto fd = directory.openForReading(name);
    if (!fd && fd.error().kind == Error::Kind::NotFound)
        return std::unexpected(Error::notFound(tr("No output file %1 in job %2.").arg(name).arg(context.id())));
    if (!fd)
        return std::unexpected(pathError(fd.error()));
    return Reply::file(context.request, std::move(*fd));
}

} // namespace tandem::gateway
