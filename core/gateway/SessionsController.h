#pragma once

#include "gateway/Reply.h"

#include <QCoreApplication>

namespace tandem::gateway {

class Router;
class SessionService;

// /api/v1/sessions…: start, list, read, stop (one, several or all a role may stop) and a new key for a running one.
class SessionsController
{
    Q_DECLARE_TR_FUNCTIONS(SessionsController)

public:
    explicit SessionsController(SessionService &sessions)
        : m_sessions(sessions)
    { }

    void addRoutes(Router &router);

private:
    SessionService &m_sessions;
};

} // namespace tandem::gateway
