#include "common/TokenStore.h"

#include <qt6keychain/keychain.h>

namespace tandem {

namespace {
const QString Service = QStringLiteral("Tandem");
}

TokenStore::TokenStore(QObject *parent)
    : QObject(parent)
{ }

void TokenStore::fallBack(const QString &problem)
{
    m_problem = problem;
    if (!m_persistent)
        return;
    m_persistent = false;
    Q_EMIT persistenceChanged(false);
}

void TokenStore::read(const QString &profile, std::function<void(const QByteArray &)> done)
{
    if (!m_persistent) {
        done(m_memory.value(profile));
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(Service, this);
    job->setKey(profile);
    connect(job, &QKeychain::Job::finished, this, [this, job, profile, done = std::move(done)] {
        if (job->error() == QKeychain::NoError) {
            done(job->binaryData());
            return;
        }
        if (job->error() != QKeychain::EntryNotFound)
            fallBack(job->errorString());
        done(m_memory.value(profile));
    });
    job->start();
}

void TokenStore::write(const QString &profile, const QByteArray &token)
{
    m_memory.insert(profile, token);
    if (!m_persistent)
        return;
    auto *job = new QKeychain::WritePasswordJob(Service, this);
    job->setKey(profile);
    job->setBinaryData(token);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() != QKeychain::NoError)
            fallBack(job->errorString());
    });
    job->start();
}

void TokenStore::remove(const QString &profile)
{
    m_memory.remove(profile);
    if (!m_persistent)
        return;
    auto *job = new QKeychain::DeletePasswordJob(Service, this);
    job->setKey(profile);
    job->start();
}

} // namespace tandem
