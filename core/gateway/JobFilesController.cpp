#include "gateway/JobFilesController.h"

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

Reply JobFilesController::handle(const QHttpServerRequest &request, const User &user, qint64 jobId,
                                 const QStringList &rest, QHttpServerResponder &responder, bool &responded)
{
    auto directory = m_jobs.directory(user, jobId);
    if (!directory)
        return Reply::error(directory.error());
    if (rest[0] == u"archive" && rest.size() == 1) {
        // The whole job directory as .tar.gz, streamed from tar as it compresses, as fast as the client reads.
        QAbstractSocket *socket = m_socketFor(request);
        if (!socket) // tar is read only as fast as this connection takes it
            return Reply::error(Error::internal(tr("This connection is not tracked by the gateway.")));
        auto *archive
            = new ArchiveStream(std::move(responder), socket, *directory, directory->path().section(u'/', -1), this);
        responded = true;
        archive->start();
        return {};
    }
    if (rest[0] == u"output") {
        // Live tail: the bytes of stdout or stderr from an offset, and where to continue.
        if (rest.size() != 2 || (rest[1] != u"stdout" && rest[1] != u"stderr"))
            return Reply::error(Error::notFound(tr("Outputs are stdout and stderr.")));
        const qint64 offset
            = qMax<qint64>(0, QUrlQuery(request.url()).queryItemValue(QStringLiteral("offset")).toLongLong());
        QByteArray data;
        qint64 size = 0;
        if (auto fd = directory->openForReading(rest[1] + QStringLiteral(".txt"))) {
            struct stat st;
            size = ::fstat(fd->get(), &st) == 0 ? st.st_size : 0;
            data.resize(std::clamp<qint64>(size - offset, 0, 1024 * 1024));
            const ssize_t got = data.isEmpty() ? 0 : ::pread(fd->get(), data.data(), size_t(data.size()), offset);
            data.resize(qMax<ssize_t>(0, got));
        } else if (fd.error().kind != Error::Kind::NotFound) {
            return Reply::error(pathError(fd.error(), QStringLiteral("output")));
        }
        auto job = m_jobs.get(user, jobId);
        const bool ended = job && JobService::isFinal(job->value(QStringLiteral("status")).toString());
        return Reply::json(QJsonObject{{QStringLiteral("data"), QString::fromUtf8(data)},
                                       {QStringLiteral("offset"), offset},
                                       {QStringLiteral("nextOffset"), offset + data.size()},
                                       {QStringLiteral("complete"), ended && offset + data.size() >= size}});
    }
    if (rest.size() == 1) {
        auto entries = directory->list();
        if (!entries)
            return Reply::error(entries.error());
        return Reply::json(QJsonObject{{QStringLiteral("entries"), fileEntries(*entries, false)}});
    }
    if (rest.size() != 2 || !UserHome::isSafeName(rest[1]))
        return Reply::error(Error::notFound(tr("No such output file.")));
    auto fd = directory->openForReading(rest[1]);
    if (!fd && fd.error().kind == Error::Kind::NotFound)
        return Reply::error(Error::notFound(tr("No output file %1 in job %2.").arg(rest[1]).arg(jobId)));
    if (!fd)
        return Reply::error(pathError(fd.error()));
    return Reply::file(request, std::move(*fd));
}

} // namespace tandem::gateway
