#pragma once

#include "ssh/SshConnection.h"

#include <libssh/libssh.h>

#include <chrono>
#include <functional>

namespace tandem {

// Connects (blocking: call it on a worker thread), accepts only the host key whose SHA-256 fingerprint the gateway
// announced, and authenticates with the in-memory key. Null with `failure` and `message` set when any step fails;
// a step still unanswered at `deadline` fails with Failure::Timeout. `reached` (optional, called on the worker
// thread) hears each stage as it begins. Once authenticated, blocking calls on the session wait at most
// SshOperationTimeout. Shared by the terminal connection and the SFTP client.
ssh_session openAuthenticatedSession(const SshTarget &target, const SshKey &key,
                                     std::chrono::steady_clock::time_point deadline,
                                     const std::function<void(SshConnection::Stage)> &reached,
                                     SshConnection::Failure *failure, QString *message);

// How long one blocking libssh call (a channel request, an SFTP request) may wait once a session is up.
inline constexpr std::chrono::seconds SshOperationTimeout{10};

// Makes the kernel notice a dead network under the session within about half a minute (TCP keepalive and user
// timeout) rather than its default quarter of an hour.
void keepSocketAlive(ssh_session session);

// Sets how long blocking libssh calls on `session` wait (at least a millisecond: libssh reads 0 as its default).
void setSshTimeout(ssh_session session, std::chrono::steady_clock::duration timeout);

} // namespace tandem

#include <QMetaObject>

#include <mutex>

namespace tandem {

// How a worker thread reports to the QObject that owns it: `report(f)` runs f(owner) on the owner's thread, or
// nothing once the owner has let go (its destructor calls abandon() before it is gone, and queued calls die with it).
template<typename Owner> class OwnerLink
{
public:
    explicit OwnerLink(Owner *owner)
        : m_owner(owner)
    { }

    void abandon()
    {
        std::lock_guard lock(m_mutex);
        m_owner = nullptr;
    }

    template<typename F> void report(F function)
    {
        std::lock_guard lock(m_mutex);
        if (m_owner) {
            QMetaObject::invokeMethod(
                m_owner, [owner = m_owner, function = std::move(function)] { function(owner); }, Qt::QueuedConnection);
        }
    }

private:
    std::mutex m_mutex;
    Owner *m_owner;
};

} // namespace tandem

namespace tandem {

// What the terminal's and the SFTP client's workers have in common: the link to their owner and one authenticated SSH
// session, opened on the worker's thread and disconnected and freed with the worker (after whatever the worker
// built on it, which its own destructor frees first).
template<typename Owner> class SshWorker
{
protected:
    SshWorker(Owner *owner, SshKey key, SshTarget target)
        : m_link(owner)
        , m_key(std::move(key))
        , m_target(std::move(target))
    { }

    ~SshWorker()
    {
        if (m_session) {
            ssh_disconnect(m_session);
            ssh_free(m_session);
        }
    }

    // Bounded by `deadline`: by default, SshConnection::AttemptTimeout from now.
    bool openSession(SshConnection::Failure *failure, QString *message,
                     std::chrono::steady_clock::time_point deadline
                     = std::chrono::steady_clock::now() + SshConnection::AttemptTimeout,
                     const std::function<void(SshConnection::Stage)> &reached = {})
    {
        m_session = openAuthenticatedSession(m_target, m_key, deadline, reached, failure, message);
        return m_session != nullptr;
    }

    OwnerLink<Owner> m_link;
    ssh_session m_session = nullptr;

private:
    SshKey m_key;
    SshTarget m_target;
};

} // namespace tandem
