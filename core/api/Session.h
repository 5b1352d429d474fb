#pragma once

#include "Error.h"

#include <QDateTime>
#include <QJsonObject>

#include <optional>

namespace tandem::api {

// An interactive session: an sshd in the user's sandbox (openapi.json's Session). host, port, userName and
// hostKeyFingerprint are set while READY; verify the host key against the fingerprint, never trust on first use.
struct Session
{
    enum class State { Starting, Ready, Stopping, Stopped, Failed };

    qint64 id = 0;
    QString owner;
    State state = State::Starting;
    QString message;
    QDateTime createdAt;
    QString host;
    std::optional<int> port;
    QString userName;
    QString hostKeyFingerprint;
    QString group;
    qint64 ageSeconds = 0;
    int connections = 0;
    std::optional<qint64> idleSeconds;
    QDateTime expiresAt; // the role's lifetime limit, while active
    std::optional<qint64> idleTimeoutSeconds;

    // Starting or Ready: it holds (or will hold) a running sshd.
    bool isActive() const { return state == State::Starting || state == State::Ready; }

    QJsonObject toJson() const;
    static Result<Session> fromJson(const QJsonObject &object, const QString &prefix = {});
    friend bool operator==(const Session &, const Session &) = default;
};

QString sessionStateName(Session::State state);
std::optional<Session::State> sessionStateFromString(QStringView text);
QList<Session::State> allSessionStates();

} // namespace tandem::api
