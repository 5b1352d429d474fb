#pragma once

#include "gateway/ConfinedDir.h"

#include <QAbstractSocket>
#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QSocketNotifier>

#include <memory>

namespace tandem::gateway {

// A job directory sent as .tar.gz while tar makes it. tar writes into a pipe the stream reads only as fast as the
// client takes the bytes (the socket's send buffer is the gauge), so a slow client holds tar back instead of filling
// the gateway's memory; a client that goes away ends tar at once.
class ArchiveStream : public QObject
{
    Q_OBJECT

public:
    // tar starts in `directory`; `name` is the folder name inside the
    // archive. The responder has sent nothing yet.
    ArchiveStream(QHttpServerResponder &&responder, QAbstractSocket *socket, ConfinedDir directory, const QString &name,
                  QObject *parent = nullptr);
    ~ArchiveStream() override;

    void start();

private:
    void pump();
    void finish();

    QHttpServerResponder m_responder;
    QPointer<QAbstractSocket> m_socket;
    ConfinedDir m_directory;
    QString m_name;
    QProcess m_tar;
    int m_pipe = -1;
    std::unique_ptr<QSocketNotifier> m_readable;
    QByteArray m_held; // the last piece read, sent with the end
    bool m_eof = false;
    bool m_ended = false;
};

} // namespace tandem::gateway
