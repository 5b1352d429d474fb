#pragma once

#include "gateway/ConfinedDir.h"
#include "gateway/Sandbox.h"
#include "gateway/SessionBackend.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QTimer>

#include <memory>

namespace tandem::gateway {

class SlurmExecutor;

struct SlurmSessionSetup
{
    QString stateDir; // the gateway's own folder for the sessions' files (sessions/<id>), seen by the nodes
    QString runner; // tandem-job-run, as the nodes see it
    std::shared_ptr<const ConfinedDir> spool; // where a session's job reports its port (the Slurm system's spool)
    QString instance; // this gateway's id, in every session job's comment tag
    QStringList hiddenPaths; // masked in the sessions' sandbox
};

// Sessions as Slurm jobs (as Open OnDemand's interactive apps are): each session is a one-task job on the system's
// default partition, limited to the role's session lifetime. On its node the job picks a free port, reports it with
// the node's name in the gateway's spool, and runs the session's sshd there in the same sandbox as a local session
// (the user's home, the session's own host key and authorized_keys); the gateway makes the session READY once that
// sshd accepts connections, so the desktop connects exactly as to a local one. While the job waits, its pending
// reason is the session's message. STOP cancels the job; its time limit ends the session with "Time limit reached".
// One `squeue --json` per poll interval follows all sessions; a restarted gateway picks READY ones up by their job
// id and cancels session jobs it no longer knows.
class SlurmSessionBackend : public SessionBackend
{
    Q_OBJECT

public:
    SlurmSessionBackend(SlurmExecutor &slurm, SlurmSessionSetup setup, QObject *parent = nullptr);
    ~SlurmSessionBackend() override;

    void start(qint64 sessionId, const QString &home, const QByteArray &publicKey,
               const SessionResources &resources) override;
    void stop(qint64 sessionId) override;
    bool adopt(qint64 sessionId, const SessionEndpoint &endpoint) override;
    bool replaceKey(qint64 sessionId, const QByteArray &publicKey) override;
    QHash<qint64, int> connectionCounts() const override;

    // The batch script of a session (public for its test).
    QString batchScript(qint64 sessionId, const QString &home, const SessionResources &resources) const;

private:
    struct Session
    {
        QString slurmId; // once sbatch answered
        SessionEndpoint endpoint;
        bool ready = false;
        bool probing = false;
        bool stopping = false;
        QString note;
        qint64 submittedAt = 0; // m_clock when sbatch answered: a listing asked before may not show it
        QElapsedTimer running; // since its job was first seen running
    };
    QString tag(qint64 sessionId) const;
    QString directoryOf(qint64 sessionId) const;
    void poll();
    void onListing(const QByteArray &output, qint64 askedAt);
    void follow(qint64 sessionId, const QJsonObject &job);
    void probe(qint64 sessionId, const QString &host, quint16 port);
    void end(qint64 sessionId, const QString &message, bool failure);
    void scancel(const QString &slurmId);

    SlurmExecutor &m_slurm;
    SlurmSessionSetup m_setup;
    Sandbox m_sandbox;
    QHash<qint64, Session> m_sessions;
    QTimer m_poll;
    bool m_polling = false;
    bool m_swept = false; // session jobs this gateway no longer knows were cancelled (once, after a start)
    qint64 m_clock = 0;
};

} // namespace tandem::gateway
