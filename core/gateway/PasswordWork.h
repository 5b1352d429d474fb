#pragma once

#include "gateway/Reply.h"

#include <QObject>
#include <QThreadPool>

#include <functional>

class QHttpServerResponder;

namespace tandem::gateway {

// Password checks and hashes (argon2id: tens of milliseconds and 64 MiB each) run on a pool of half the cores, off
// the event loop; at most MaxPending wait, beyond that the answer is 503 busy.
class PasswordWork : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxPending = 64;

    explicit PasswordWork(QObject *parent = nullptr);
    ~PasswordWork() override; // waits for the workers, then drops the answers they were for

    bool isFull() const { return m_pending >= MaxPending; }
    static Reply busy();
    // Answers later: `work` runs on the pool, `then` on the event loop with its result.
    void run(QHttpServerResponder &responder, std::function<Reply()> work, std::function<Reply(Reply)> then);

private:
    QThreadPool m_pool;
    int m_pending = 0;
};

} // namespace tandem::gateway
