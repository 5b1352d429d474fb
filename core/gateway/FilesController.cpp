#include "gateway/FilesController.h"

#include "api/ErrorCode.h"
#include "api/Routes.h"

#include "api/HttpStatus.h"
#include "gateway/Accounts.h"
#include "gateway/ArchiveUpload.h"
#include "gateway/JobService.h"
#include "gateway/Router.h"
#include "gateway/UserHome.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace tandem::gateway {

FilesController::FilesController(const GatewayConfig &config, JobService &jobs, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_jobs(jobs)
{ }

void FilesController::addRoutes(Router &router)
{
    using Method = Router::Method;
    const auto handler = [this](RouteContext &context) -> Result<Reply> {
        return handle(context.request, context.user, context.path.mid(3), context.responder, context.responded);
    };
    for (Method method : {Method::Get, Method::Delete})
        router.add(method, api::patterns::Files, handler);
    for (Method method : {Method::Get, Method::Put, Method::Post, Method::Delete})
        router.add(method, api::patterns::FilesPath, handler);
}

Reply FilesController::handle(const QHttpServerRequest &request, const User &user, const QStringList &path,
                              QHttpServerResponder &responder, bool &responded)
{
    using Method = QHttpServerRequest::Method;
    auto home = m_jobs.homeOf(user.name).open();
    if (!home)
        return Reply::error(home.error());
    const QString relative = path.join(u'/');
    if (!path.isEmpty()) {
        if (auto checked = UserHome::checkRelativePath(relative, QStringLiteral("path")); !checked)
            return Reply::error(checked.error());
    }
    // The entry itself, never what a link points at; everything below opens through the home's descriptor.
    const Result<ConfinedEntry> entry = home->entry(relative);
    if (!entry && entry.error().kind != Error::Kind::NotFound)
        return Reply::error(pathError(entry.error()));
    const auto isA = [&](ConfinedEntry::Type type) { return entry && entry->type == type; };
    const auto placed = [&](const QString &name, int status) {
        auto made = home->entry(name);
        return made ? Reply::json(ArchiveUpload::entryJson(*made), status) : Reply::error(pathError(made.error()));
    };
    const QString parentPath = relative.contains(u'/') ? relative.section(u'/', 0, -2) : QString();

    switch (request.method()) {
    case Method::Get: {
        if (isA(ConfinedEntry::Type::Directory)) {
            auto entries = home->list(relative);
            if (!entries)
                return Reply::error(pathError(entries.error()));
            return Reply::json(QJsonObject{{QStringLiteral("path"), relative},
                                           {QStringLiteral("entries"), fileEntries(*entries, true)}});
        }
        if (!entry)
            return Reply::error(Error::notFound(tr("There is no file \"%1\" in your home.").arg(relative)));
        auto fd = home->openForReading(relative);
        if (!fd)
            return Reply::error(pathError(fd.error()));
        return Reply::file(request, std::move(*fd));
    }
    case Method::Put: {
        if (path.isEmpty() || isA(ConfinedEntry::Type::Directory))
            return Reply::error(
                Error::make(api::ErrorCode::InvalidPath, tr("Name the file to write."), QStringLiteral("path")));
        if (m_config.quotaBytes > 0) {
            auto used = home->usage();
            if (!used)
                return Reply::error(pathError(used.error()));
            const qint64 after = *used - (isA(ConfinedEntry::Type::File) ? entry->size : 0) + request.body().size();
            if (after > m_config.quotaBytes) {
                return Reply::error(Error::make(api::ErrorCode::QuotaExceeded,
                                                tr("This upload would use %1 MB of your %2 MB quota.")
                                                    .arg(after / (1024 * 1024))
                                                    .arg(m_config.quotaBytes / (1024 * 1024)),
                                                QStringLiteral("path")));
            }
        }
        if (!parentPath.isEmpty()) {
            if (auto folder = home->makeDirectories(parentPath); !folder)
                return Reply::error(pathError(folder.error()));
        }
        // Written aside and renamed over the name: a link there is replaced, never written through.
        if (auto written = home->writeFile(relative, request.body(), 0644); !written)
            return Reply::error(pathError(written.error()));
        return placed(relative, 201);
    }
    case Method::Post: {
        const QString op = QUrlQuery(request.url()).queryItemValue(QStringLiteral("op"));
        if (op == u"extract") {
            // Several files and folders at once: the body is a .tar or .tar.gz unpacked into this folder.
            if (entry && !isA(ConfinedEntry::Type::Directory))
                return Reply::error(Error::make(api::ErrorCode::InvalidPath, tr("%1 is not a folder.").arg(relative),
                                                QStringLiteral("path")));
            auto staging = ConfinedDir::openRoot(m_config.stagingRoot(), true);
            if (!staging)
                return Reply::error(staging.error());
            auto *upload = new ArchiveUpload(request.body(), std::move(*home), relative, std::move(*staging),
                                             m_config.quotaBytes, this);
            auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
            responded = true;
            connect(upload, &ArchiveUpload::finished, this, [upload, shared] {
                upload->deleteLater();
                const auto &result = upload->result();
                const Error failure = result ? Error() : result.error();
                const QJsonObject body = result ? QJsonObject{{QStringLiteral("entries"), *result}} : failure.toJson();
                shared->write(QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json",
                              QHttpServerResponder::StatusCode(result ? 201 : api::httpStatus(failure.kind)));
            });
            upload->start();
            return {};
        }
        if (op == u"mkdir") {
            if (entry)
                return Reply::error(Error::make(api::ErrorCode::Exists, tr("%1 exists already.").arg(relative)));
            if (auto made = home->makeDirectories(relative); !made)
                return Reply::error(pathError(made.error()));
            return placed(relative, 201);
        }
        if (op == u"move") {
            auto target = UserHome::checkRelativePath(
                QUrlQuery(request.url()).queryItemValue(QStringLiteral("to"), QUrl::FullyDecoded),
                QStringLiteral("to"));
            if (!target)
                return Reply::error(target.error());
            if (path.isEmpty() || !entry)
                return Reply::error(Error::notFound(tr("There is no \"%1\" in your home.").arg(relative)));
            const QString targetParent = target->contains(u'/') ? target->section(u'/', 0, -2) : QString();
            if (auto folder = home->entry(targetParent); !folder || folder->type != ConfinedEntry::Type::Directory)
                return Reply::error(Error::make(api::ErrorCode::InvalidPath,
                                                tr("The destination folder does not exist in your home."),
                                                QStringLiteral("to")));
            // The entry moves as it is: a link stays a link, and the gateway never follows it afterwards either.
            if (auto moved = home->rename(relative, *target); !moved) {
                Error failure = moved.error();
                if (failure.is(api::ErrorCode::Exists))
                    failure.message = tr("%1 exists already.").arg(*target);
                return Reply::error(pathError(
                    failure, failure.is(api::ErrorCode::Exists) ? QStringLiteral("to") : QStringLiteral("path")));
            }
            return placed(*target, 200);
        }
        return Reply::error(
            Error::make(api::ErrorCode::InvalidValue, tr("op must be mkdir, move or extract."), QStringLiteral("op")));
    }
    case Method::Delete: {
        if (path.isEmpty())
            return Reply::error(Error::make(api::ErrorCode::InvalidPath, tr("Your home itself cannot be deleted."),
                                            QStringLiteral("path")));
        if (!entry)
            return Reply::error(Error::notFound(tr("There is no \"%1\" in your home.").arg(relative)));
        // A link is removed itself; a folder with everything in it, never following a link on the way.
        if (auto removed = home->remove(relative); !removed)
            return Reply::error(pathError(removed.error()));
        return Reply(204);
    }
    default:
        return Reply::error(Error::notFound(tr("Unsupported method on files.")));
    }
}

} // namespace tandem::gateway
