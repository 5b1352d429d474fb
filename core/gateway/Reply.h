#pragma once

#include "Error.h"
#include "gateway/ConfinedDir.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonValue>
#include <QList>

class QHttpServerRequest;
class QHttpServerResponder;
class QIODevice;

namespace tandem::gateway {

// What a route answers: a status, a body (or a device streamed in its place) and headers. Controllers return one;
// the server sends it.
struct Reply
{
    Q_DECLARE_TR_FUNCTIONS(Reply)

public:
    Reply(int status = 200, QByteArray body = {}, QByteArray contentType = "application/json")
        : status(status)
        , body(std::move(body))
        , contentType(std::move(contentType))
    { }

    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<std::pair<QByteArray, QByteArray>> headers;
    QIODevice *device = nullptr; // streamed instead of body; the responder takes ownership

    static Reply json(const QJsonValue &value, int status = 200);
    static Reply error(const Error &error);
    // An open file, whole or the Range the request asks for, streamed as the socket takes it.
    static Reply file(const QHttpServerRequest &request, FileDescriptor fd);
    void send(QHttpServerResponder &responder) const;
};

// A confined-layer error about a path the client named: the field is the path's.
Error pathError(Error error, const QString &field = QStringLiteral("path"));
// Entries as the files API lists them; names starting with a dot only when asked.
QJsonArray fileEntries(const QList<ConfinedEntry> &entries, bool hidden);

} // namespace tandem::gateway
