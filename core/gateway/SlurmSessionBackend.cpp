#include "gateway/SlurmSessionBackend.h"

#include "gateway/JobPlan.h"
#include "gateway/SessionFiles.h"
#include "gateway/SlurmExecutor.h"
#include "gateway/SlurmStates.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>

namespace tandem::gateway {

namespace {

// Inside the sandbox, the session's files are here (its private /tmp), as for a local session.
const QString Inside = QStringLiteral("/tmp/tandem-session");
constexpr int DefaultSessionMinutes = 12 * 60; // for a role without a session lifetime
// From the job's start until its sshd must accept connections.
constexpr std::chrono::milliseconds ReadyDeadline = std::chrono::minutes(1);

// A file of the spool the session's job wrote (a few bytes: its port, its connections).
QByteArray readSmall(const ConfinedDir &spool, const QString &name, qint64 limit = 256)
{
    auto fd = spool.openForReading(name);
    if (!fd)
        return {};
    QFile file;
    return file.open(fd->release(), QIODevice::ReadOnly, QFileDevice::AutoCloseHandle) ? file.read(limit)
                                                                                       : QByteArray();
}

} // namespace

SlurmSessionBackend::SlurmSessionBackend(SlurmExecutor &slurm, SlurmSessionSetup setup, QObject *parent)
    : SessionBackend(parent)
    , m_slurm(slurm)
    , m_setup(std::move(setup))
    , m_sandbox(m_setup.hiddenPaths, false)
{
    QDir().mkpath(m_setup.stateDir);
    QFile::setPermissions(m_setup.stateDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    m_poll.setInterval(m_slurm.system().slurm.pollMilliseconds);
    connect(&m_poll, &QTimer::timeout, this, &SlurmSessionBackend::poll);
    m_poll.start();
    QTimer::singleShot(0, this, &SlurmSessionBackend::poll);
}

SlurmSessionBackend::~SlurmSessionBackend() = default; // the sessions' jobs go on: picked up after a restart

QString SlurmSessionBackend::tag(qint64 sessionId) const
{
    return QStringLiteral("tandem:%1:session-%2").arg(m_setup.instance).arg(sessionId);
}

QString SlurmSessionBackend::directoryOf(qint64 sessionId) const
{
    return m_setup.stateDir + u'/' + QString::number(sessionId);
}

QString SlurmSessionBackend::batchScript(qint64 sessionId, const QString &home, const SessionResources &resources) const
{
    const QString dir = directoryOf(sessionId);
    const QString spool = m_setup.spool->path();
    const QString osHome = Sandbox::osUserHome();
    int minutes
        = resources.lifetimeSeconds > 0 ? SlurmStates::minutes(int(resources.lifetimeSeconds)) : DefaultSessionMinutes;
    // Never longer than the partition allows: such a job would wait forever ("PartitionTimeLimit").
    if (const int partition = m_slurm.maxMinutes(m_slurm.defaultQueue()); partition > 0)
        minutes = std::min(minutes, partition);
    QString script = QStringLiteral("#!/bin/bash\n");
    const auto directive = [&script](const QString &option) { script += QStringLiteral("#SBATCH ") + option + u'\n'; };
    directive(QStringLiteral("--job-name=tandem-session-%1").arg(sessionId));
    directive(QStringLiteral("--comment=") + tag(sessionId));
    directive(QStringLiteral("--partition=") + m_slurm.defaultQueue());
    directive(QStringLiteral("--nodes=1"));
    directive(QStringLiteral("--ntasks=1"));
    directive(QStringLiteral("--time=%1").arg(minutes));
    directive(QStringLiteral("--export=NONE"));
    directive(QStringLiteral("--no-requeue")); // a requeued session would be somewhere else than announced
    directive(QStringLiteral("--chdir=") + spool);
    directive(QStringLiteral("--output=") + spool + QStringLiteral("/session-%j.out"));
    const QString q = JobPlan::displayCommand({spool});
    const QString base = QStringLiteral("session-%1").arg(sessionId);
    script += QStringLiteral("# Tandem session %1: its sshd in the sandbox on this node, on a free port it reports to "
                             "the gateway with the node's name.\n")
                  .arg(sessionId);
    QStringList limits{QStringLiteral("--core=0"), QStringLiteral("--nofile=%1").arg(resources.openFiles)};
    if (resources.memoryLimitMb > 0)
        limits << QStringLiteral("--as=%1").arg(resources.memoryLimitMb * 1024 * 1024);
    const QString prlimit = QStandardPaths::findExecutable(QStringLiteral("prlimit"));
    // What to mask is found on the node (the job's one node), as for batch jobs; the home is bound, not read-only.
    script += Sandbox::nodePrologue(Sandbox::nodePlaces(m_setup.hiddenPaths), {osHome});
    const QStringList sandbox = Sandbox::nodeArguments(
        true,
        {QStringLiteral("--ro-bind"), dir, Inside, QStringLiteral("--ro-bind"), dir + QStringLiteral("/group"),
         QStringLiteral("/etc/group"), QStringLiteral("--bind-fd"), QStringLiteral("3"), osHome});
    // The home opened confined by the runner (descriptor 3), the environment the sandbox's alone.
    QStringList launch{QStringLiteral("env"), QStringLiteral("-i")};
    const QProcessEnvironment env = Sandbox::environment(osHome, Sandbox::osUserName());
    for (const QString &name : env.keys())
        launch << name + u'=' + env.value(name);
    launch << m_setup.runner << QStringLiteral("--job-dir") << home.section(u'/', 0, -2) << home.section(u'/', -1)
           << QStringLiteral("--task") << QStringLiteral("--") << prlimit << limits << QStringLiteral("--")
           << m_sandbox.bwrap() << sandbox << QStringLiteral("--") << QStringLiteral("/usr/sbin/sshd")
           << QStringLiteral("-D") << QStringLiteral("-e") << QStringLiteral("-f")
           << Inside + QStringLiteral("/sshd_config");
    // A port free when picked can be taken before sshd binds it (by anything else on the node): the endpoint is
    // reported only once sshd listens, and another port is tried if it could not.
    // Listening means: the wildcard socket sshd binds (ListenAddress 0.0.0.0) on that port is one of the sshd's own
    // (its inode among the descriptors of the processes under the one started), not anything else's on the node.
    script += QStringLiteral(
        "listening() {\n"
        "  inode=$(awk -v a=\"00000000:$1\" '$2 == a && $4 == \"0A\" { print $10; exit }' /proc/net/tcp 2>/dev/null)\n"
        "  [ -n \"$inode\" ] && [ \"$inode\" != 0 ] || return 1\n"
        "  for pid in $(ps -e -o pid= -o ppid= | awk -v r=\"$sshd\" '{ up[$1] = $2 } END { for (p in up) { q = p; "
        "n = 0; while (q != r && (q in up) && n++ < 64) q = up[q]; if (q == r) print p } }'); do\n"
        "    for fd in /proc/$pid/fd/*; do\n"
        "      [ \"$(readlink \"$fd\" 2>/dev/null)\" = \"socket:[$inode]\" ] && return 0\n"
        "    done\n"
        "  done\n"
        "  return 1\n"
        "}\n");
    script += QStringLiteral("sshd=\n"
                             "for try in $(seq 1 20); do\n"
                             "  port=$((20000 + RANDOM % 40000))\n"
                             "  (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && continue\n"
                             "  hex=$(printf '%04X' \"$port\")\n");
    script += QStringLiteral("  ") + Sandbox::withNodeMasks(JobPlan::displayCommand(launch))
        + QStringLiteral(" -o \"Port=$port\" &\n");
    script += QStringLiteral(
        "  sshd=$!\n"
        "  for wait in $(seq 1 100); do\n"
        "    listening \"$hex\" && break 2\n"
        "    kill -0 \"$sshd\" 2>/dev/null || break\n"
        "    sleep 0.1\n"
        "  done\n"
        "  kill \"$sshd\" 2>/dev/null; wait \"$sshd\"; sshd=\n"
        "done\n"
        "[ -n \"$sshd\" ] || { echo \"Tandem: the session's sshd listened on none of the ports tried.\" >&2; "
        "exit 1; }\n");
    script += QStringLiteral("printf '%s %s\\n' \"$(hostname)\" \"$port\" > %1/%2.endpoint.part\n"
                             "mv -f %1/%2.endpoint.part %1/%2.endpoint\n")
                  .arg(q, base);
    // Its open connections, counted on the node (what the idle timeout is measured by).
    script += QStringLiteral("( while sleep 5; do\n"
                             "    awk -v p=\":$hex\" '$2 ~ (p \"$\") && $4 == \"01\"' /proc/net/tcp /proc/net/tcp6 "
                             "2>/dev/null | wc -l > %1/%2.connections.part\n"
                             "    mv -f %1/%2.connections.part %1/%2.connections\n"
                             "  done ) &\n")
                  .arg(q, base);
    script += QStringLiteral("wait \"$sshd\"\n");
    return script;
}

void SlurmSessionBackend::start(qint64 sessionId, const QString &home, const QByteArray &publicKey,
                                const SessionResources &resources)
{
    if (!m_sandbox.isAvailable())
        return Q_EMIT failed(sessionId, m_sandbox.refusal());
    if (QString refusal = m_slurm.refusal(); !refusal.isEmpty())
        return Q_EMIT failed(sessionId, refusal);
    static const QRegularExpression plainPath(
        QRegularExpression::anchoredPattern(QStringLiteral("/[A-Za-z0-9_./+@-]+")));
    if (!plainPath.match(home).hasMatch() || home.split(u'/').contains(QStringLiteral("..")))
        return Q_EMIT failed(sessionId, tr("The home folder %1 cannot be given to Slurm.").arg(home));
    const QString dir = directoryOf(sessionId);
    QDir(dir).removeRecursively();
    if (!QDir().mkpath(dir)
        || !QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
        return Q_EMIT failed(sessionId, tr("Cannot make the session's folder."));
    auto fingerprint
        = SessionFiles::write(dir, Inside, sessionId, Sandbox::osUserName(), publicKey, QStringLiteral("0.0.0.0"), 0);
    if (!fingerprint)
        return Q_EMIT failed(sessionId, fingerprint.error().message);
    // What an earlier job of the same id reported is gone before this one starts.
    m_setup.spool->remove(QStringLiteral("session-%1.endpoint").arg(sessionId));
    m_setup.spool->remove(QStringLiteral("session-%1.connections").arg(sessionId));
    Session session;
    session.endpoint.userName = Sandbox::osUserName();
    session.endpoint.hostKeyFingerprint = *fingerprint;
    m_sessions.insert(sessionId, session);
    m_slurm.runSlurm(
        QStringLiteral("sbatch"), {QStringLiteral("--parsable")}, batchScript(sessionId, home, resources).toUtf8(),
        [this, sessionId](const SlurmExecutor::Command &result) {
            auto it = m_sessions.find(sessionId);
            if (it == m_sessions.end())
                return;
            const QString id = QString::fromUtf8(result.output).trimmed().section(u';', 0, 0);
            static const QRegularExpression slurmId(QRegularExpression::anchoredPattern(QStringLiteral("[0-9]{1,18}")));
            if (!result.ran || result.exitCode != 0 || !slurmId.match(id).hasMatch()) {
                end(sessionId,
                    tr("Slurm did not take the session: %1")
                        .arg(result.ran ? QString::fromUtf8(result.errors).trimmed().left(500) : result.problem),
                    true);
                return;
            }
            it->slurmId = id;
            it->endpoint.handle = id;
            it->submittedAt = ++m_clock;
            if (it->stopping)
                scancel(id);
            else
                Q_EMIT note(sessionId, tr("Submitted to %1 as job %2.").arg(m_slurm.system().displayName, id));
        });
}

void SlurmSessionBackend::scancel(const QString &slurmId)
{
    m_slurm.runSlurm(QStringLiteral("scancel"), {slurmId}, {}, [](const SlurmExecutor::Command &) {
        // Checked on the next poll, and cancelled again while the job has not ended.
    });
}

void SlurmSessionBackend::stop(qint64 sessionId)
{
    auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end()) {
        Q_EMIT stopped(sessionId);
        return;
    }
    it->stopping = true;
    if (!it->slurmId.isEmpty())
        scancel(it->slurmId); // else once sbatch answers
}

bool SlurmSessionBackend::adopt(qint64 sessionId, const SessionEndpoint &endpoint)
{
    static const QRegularExpression slurmId(QRegularExpression::anchoredPattern(QStringLiteral("[0-9]{1,18}")));
    if (!slurmId.match(endpoint.handle).hasMatch() || !QFile::exists(directoryOf(sessionId) + u"/authorized_keys"))
        return false;
    Session session;
    session.slurmId = endpoint.handle;
    session.endpoint = endpoint;
    session.ready = true;
    m_sessions.insert(sessionId, session); // the next listing says whether its job still runs
    return true;
}

bool SlurmSessionBackend::replaceKey(qint64 sessionId, const QByteArray &publicKey)
{
    return m_sessions.contains(sessionId) && SessionFiles::replaceKey(directoryOf(sessionId), publicKey);
}

QHash<qint64, int> SlurmSessionBackend::connectionCounts() const
{
    QHash<qint64, int> counts;
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
        if (it->ready)
            counts.insert(
                it.key(),
                readSmall(*m_setup.spool, QStringLiteral("session-%1.connections").arg(it.key())).trimmed().toInt());
    }
    return counts;
}

void SlurmSessionBackend::poll()
{
    if (m_polling || (m_sessions.isEmpty() && m_swept))
        return;
    m_polling = true;
    const qint64 askedAt = ++m_clock;
    m_slurm.runSlurm(QStringLiteral("squeue"),
                     {QStringLiteral("--json"), QStringLiteral("--states=all"), QStringLiteral("--me")}, {},
                     [this, askedAt](const SlurmExecutor::Command &result) {
                         m_polling = false;
                         if (result.ran && result.exitCode == 0)
                             onListing(result.output, askedAt);
                     });
}

void SlurmSessionBackend::onListing(const QByteArray &output, qint64 askedAt)
{
    const QJsonDocument listing = QJsonDocument::fromJson(output);
    if (!listing.isObject())
        return;
    const QString ours = QStringLiteral("tandem:%1:session-").arg(m_setup.instance);
    QHash<qint64, QJsonObject> byId;
    for (const QJsonValue &value : listing[QStringLiteral("jobs")].toArray()) {
        const QJsonObject job = value.toObject();
        const QString comment = job.value(QStringLiteral("comment")).toString();
        bool isNumber = false;
        const qint64 sessionId = comment.startsWith(ours) ? comment.mid(ours.size()).toLongLong(&isNumber) : 0;
        if (!isNumber)
            continue;
        byId.insert(sessionId, job);
        const auto outcome = SlurmStates::outcome(SlurmStates::words(job.value(QStringLiteral("job_state"))), {});
        const bool running = outcome && !api::isFinalStatus(api::statusName(outcome->status));
        // A session job of this gateway it no longer knows (it restarted while the session was starting): ended.
        if (!m_swept && running && !m_sessions.contains(sessionId))
            scancel(QString::number(job.value(QStringLiteral("job_id")).toInteger()));
    }
    m_swept = true;
    const QList<qint64> ids = m_sessions.keys();
    for (const qint64 sessionId : ids) {
        auto it = m_sessions.find(sessionId);
        if (it == m_sessions.end() || it->slurmId.isEmpty() || it->submittedAt >= askedAt)
            continue;
        if (const auto found = byId.constFind(sessionId); found != byId.cend())
            follow(sessionId, *found);
        else
            end(sessionId, tr("Slurm no longer knows the session's job %1.").arg(it->slurmId), !it->stopping);
    }
}

void SlurmSessionBackend::follow(qint64 sessionId, const QJsonObject &job)
{
    auto it = m_sessions.find(sessionId);
    const QStringList state = SlurmStates::words(job.value(QStringLiteral("job_state")));
    const auto outcome = SlurmStates::outcome(state, {});
    if (!outcome)
        return;
    switch (outcome->status) {
    case api::JobStatus::Queued: {
        if (it->stopping)
            scancel(it->slurmId);
        QString message = SlurmStates::pendingReason(job.value(QStringLiteral("state_reason")).toString());
        const std::optional<qint64> start = SlurmStates::number(job.value(QStringLiteral("start_time")));
        if (start && *start > QDateTime::currentSecsSinceEpoch())
            message += u' '
                + tr("Slurm expects it to start around %1.")
                      .arg(QLocale::system().toString(QDateTime::fromSecsSinceEpoch(*start), QLocale::ShortFormat));
        if (message != it->note) {
            it->note = message;
            Q_EMIT note(sessionId, message);
        }
        return;
    }
    case api::JobStatus::Running: {
        if (it->stopping)
            scancel(it->slurmId);
        if (it->ready || it->probing)
            return;
        if (!it->running.isValid())
            it->running.start();
        if (it->running.hasExpired(ReadyDeadline.count())) {
            // Its last words (what sshd said before giving up).
            const QString log
                = QString::fromUtf8(readSmall(*m_setup.spool, QStringLiteral("session-%1.out").arg(it->slurmId), 65536))
                      .trimmed()
                      .right(300);
            end(sessionId,
                tr("The session's job runs, but its sshd did not accept connections within %n second(s).", nullptr,
                   int(std::chrono::duration_cast<std::chrono::seconds>(ReadyDeadline).count()))
                    + (log.isEmpty() ? QString() : u' ' + log.right(300)),
                true);
            return;
        }
        // Where the job's sshd listens, as the job reported it: the node's name and a port. (Not Slurm's name of the
        // node: that may be an alias, "localhost" say, that resolves to an IPv6 address first, where sshd does not
        // listen.)
        const QList<QByteArray> reported
            = readSmall(*m_setup.spool, QStringLiteral("session-%1.endpoint").arg(sessionId)).trimmed().split(' ');
        static const QRegularExpression hostName(
            QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9][A-Za-z0-9.-]{0,252}")));
        bool isPort = false;
        const int port = reported.value(1).toInt(&isPort);
        const QString host = QString::fromLatin1(reported.value(0));
        if (reported.size() == 2 && hostName.match(host).hasMatch() && isPort && port > 1024 && port < 65536)
            probe(sessionId, host, quint16(port));
        return;
    }
    default:
        break;
    }
    if (state.contains(u"COMPLETING"))
        return; // its processes are still being stopped
    if (outcome->condition == api::Condition::Timeout && !it->stopping) {
        const qint64 limit = SlurmStates::number(job.value(QStringLiteral("time_limit"))).value_or(0);
        end(sessionId,
            tr("Time limit reached: a session on %1 lasts at most %n minute(s).", nullptr, int(limit))
                .arg(m_slurm.system().displayName),
            false);
        return;
    }
    if (it->stopping) {
        end(sessionId, {}, false);
        return;
    }
    end(sessionId,
        tr("Slurm ended the session's job as %1 (%2).")
            .arg(state.join(u' '), job.value(QStringLiteral("state_reason")).toString()),
        true);
}

void SlurmSessionBackend::probe(qint64 sessionId, const QString &host, quint16 port)
{
    auto it = m_sessions.find(sessionId);
    it->probing = true;
    auto *socket = new QTcpSocket(this);
    const auto done = [this, socket, sessionId, host, port](bool accepted) {
        socket->deleteLater();
        auto it = m_sessions.find(sessionId);
        if (it == m_sessions.end())
            return;
        it->probing = false;
        if (!accepted || it->ready || it->stopping)
            return; // asked again on the next poll
        it->ready = true;
        it->endpoint.host = host;
        it->endpoint.port = port;
        Q_EMIT ready(sessionId, it->endpoint);
    };
    connect(socket, &QTcpSocket::connected, this, [done] { done(true); });
    connect(socket, &QTcpSocket::errorOccurred, this, [done] { done(false); });
    socket->connectToHost(host, port);
}

void SlurmSessionBackend::end(qint64 sessionId, const QString &message, bool failure)
{
    auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end())
        return;
    const bool stopping = it->stopping;
    const QString slurmId = it->slurmId;
    m_sessions.erase(it);
    if (!slurmId.isEmpty())
        scancel(slurmId); // ended already, or gone from a listing without an end: never left holding a node
    QDir(directoryOf(sessionId)).removeRecursively();
    for (const QString &name :
         {QStringLiteral("session-%1.endpoint").arg(sessionId), QStringLiteral("session-%1.connections").arg(sessionId),
          QStringLiteral("session-%1.out").arg(slurmId)})
        m_setup.spool->remove(name);
    if (failure)
        Q_EMIT failed(sessionId, message);
    else if (stopping || message.isEmpty())
        Q_EMIT stopped(sessionId);
    else
        Q_EMIT ended(sessionId, message);
}

} // namespace tandem::gateway
