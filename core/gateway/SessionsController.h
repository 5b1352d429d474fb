#pragma once

#include "gateway/Reply.h"

#include <QHttpServerRequest>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace tandem::gateway {

class SessionService;
struct User;

// /api/v1/sessions…: start, list, read, stop (one, several or all a role may stop) and a new key for a running one.
class SessionsController
{
    Q_DECLARE_TR_FUNCTIONS(SessionsController)

public:
    explicit SessionsController(SessionService &sessions)
        : m_sessions(sessions)
    { }

    // Nothing when the path is no sessions route.
    std::optional<Reply> handle(QHttpServerRequest::Method method, const QStringList &path, const QJsonObject &body,
                                const User &user);

private:
    SessionService &m_sessions;
};

} // namespace tandem::gateway
