#pragma once

#include "gateway/Accounts.h"
#include "gateway/EventHub.h"

#include <QAbstractSocket>
#include <QDateTime>
#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace tandem::gateway {

// One client's Server-Sent Events stream: replays what it missed (after Last-Event-ID), then forwards every event
// its user may see, with a heartbeat comment so proxies and clients notice a dead connection. It lives as long as
// its connection and its token: it deletes itself when the client goes, and ends when the token expires (the
// server ends it when the token is revoked).
class EventStream : public QObject
{
    Q_OBJECT

public:
    struct Token
    {
        QByteArray id;
        QDateTime expiresAt;
    };

    EventStream(QHttpServerResponder &&responder, QAbstractSocket *socket, User user, Token token, EventHub &hub,
                const QList<Event> &missed, QObject *parent = nullptr);

    const User &user() const { return m_user; }
    const QByteArray &tokenId() const { return m_token.id; }
    bool isOpen() const { return m_socket && m_socket->state() == QAbstractSocket::ConnectedState; }
    // Ends the stream (the client reconnects, with a new token if it has one) and deletes it.
    void close();

private:
    void send(const Event &event);

    QHttpServerResponder m_responder;
    QPointer<QAbstractSocket> m_socket;
    User m_user;
    Token m_token;
    QTimer m_heartbeat;
    QTimer m_expiry;
    qint64 m_lastId = 0;
    bool m_closed = false;
};

} // namespace tandem::gateway
