#include "gateway/Reply.h"

#include "api/ErrorCode.h"

#include "api/HttpStatus.h"
#include "gateway/ArchiveUpload.h"
#include "gateway/FileRange.h"

#include <QHttpHeaders>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sys/stat.h>

namespace tandem::gateway {

Reply Reply::json(const QJsonValue &value, int status)
{
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return {status, document.toJson(QJsonDocument::Compact), "application/json"};
}

Reply Reply::error(const Error &error)
{
    return json(error.toJson(), api::httpStatus(error.kind));
}

void Reply::send(QHttpServerResponder &responder) const
{
    QHttpHeaders all;
    for (const auto &[name, value] : headers)
        all.append(name, value);
    if (device) {
        all.append(QHttpHeaders::WellKnownHeader::ContentType, contentType);
        responder.write(device, all, QHttpServerResponder::StatusCode(status));
    } else if (status == 204 || (body.isEmpty() && contentType.isEmpty())) {
        responder.write(all, QHttpServerResponder::StatusCode(status)); // no body, so no content type
    } else {
        all.append(QHttpHeaders::WellKnownHeader::ContentType, contentType);
        responder.write(body, all, QHttpServerResponder::StatusCode(status));
    }
}

Reply Reply::file(const QHttpServerRequest &request, FileDescriptor fd)
{
    struct stat st;
    if (::fstat(fd.get(), &st) != 0)
        return error(Error::internal(tr("Cannot read the file: %1").arg(qt_error_string(errno))));
    const qint64 size = st.st_size;
    Reply reply(200, {}, "application/octet-stream");
    reply.headers.append(std::pair<QByteArray, QByteArray>("Accept-Ranges", "bytes"));
    const RangeRequest range = RangeRequest::parse(request.value("range"), size);
    if (range.kind == RangeRequest::Kind::Unsatisfiable) {
        Reply unsatisfiable
            = error(Error::make(api::ErrorCode::RangeNotSatisfiable, tr("The requested range is outside the file.")));
        unsatisfiable.status = 416;
        unsatisfiable.headers.append(
            std::pair<QByteArray, QByteArray>("Content-Range", "bytes */" + QByteArray::number(size)));
        return unsatisfiable;
    }
    if (size == 0)
        return reply;
    ByteRange bytes{0, size - 1};
    if (range.kind == RangeRequest::Kind::Partial) {
        bytes = range.range;
        reply.status = 206;
        reply.headers.append(std::pair<QByteArray, QByteArray>("Content-Range",
                                                               "bytes " + QByteArray::number(bytes.first) + '-'
                                                                   + QByteArray::number(bytes.last) + '/'
                                                                   + QByteArray::number(size)));
    }
    // Streamed from the open file in chunks as the socket takes them: never the whole file in memory.
    reply.device = new FileRangeDevice(std::move(fd), bytes);
    return reply;
}

QJsonArray fileEntries(const QList<ConfinedEntry> &entries, bool hidden)
{
    QJsonArray array;
    for (const ConfinedEntry &entry : entries) {
        if (hidden || !entry.name.startsWith(u'.'))
            array.append(ArchiveUpload::entryJson(entry));
    }
    return array;
}

Error pathError(Error error, const QString &field)
{
    if (error.field.isEmpty())
        error.field = field;
    return error;
}

} // namespace tandem::gateway
