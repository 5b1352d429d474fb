#include "gateway/PasswordWork.h"

#include "api/ErrorCode.h"

#include <QFutureWatcher>
#include <QHttpServerResponder>
#include <QThread>
#include <QtConcurrent>

namespace tandem::gateway {

PasswordWork::PasswordWork(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount() / 2));
}

PasswordWork::~PasswordWork()
{
    m_pool.waitForDone();
    qDeleteAll(findChildren<QFutureWatcherBase *>());
}

Reply PasswordWork::busy()
{
    Reply reply = Reply::error(Error::make(
        api::ErrorCode::Busy, tr("The gateway is checking many passwords at once; try again in a moment.")));
    reply.headers.append(std::pair<QByteArray, QByteArray>("Retry-After", "2"));
    return reply;
}

void PasswordWork::run(QHttpServerResponder &responder, std::function<Reply()> work, std::function<Reply(Reply)> then)
{
    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    if (isFull()) {
        busy().send(*held);
        return;
    }
    ++m_pending;
    auto *watcher = new QFutureWatcher<Reply>(this);
    connect(watcher, &QFutureWatcher<Reply>::finished, this, [this, watcher, held, then = std::move(then)] {
        --m_pending;
        then(watcher->result()).send(*held);
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, std::move(work)));
}

} // namespace tandem::gateway
