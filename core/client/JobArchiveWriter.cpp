#include "client/JobArchiveWriter.h"

#include "client/GatewayApi.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTemporaryDir>

namespace tandem {

namespace {

constexpr int Parallel = 4;

// An owner's folder: account names are plain already; anything else is not used as a path.
QString ownerFolder(const QString &owner)
{
    static const QRegularExpression plain(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_][A-Za-z0-9_.-]*")));
    return plain.match(owner).hasMatch() ? owner : QStringLiteral("unknown-owner");
}

} // namespace

JobArchiveWriter::JobArchiveWriter(GatewayConnection &connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{ }

JobArchiveWriter::~JobArchiveWriter() = default;

void JobArchiveWriter::write(const QList<Entry> &jobs, const QString &target)
{
    m_staging = std::make_unique<QTemporaryDir>();
    m_pending = jobs;
    m_target = target;
    m_problems.clear();
    m_total = int(jobs.size());
    m_done = m_written = m_running = 0;
    if (!m_staging->isValid()) {
        Q_EMIT finished(0, {tr("Cannot make a temporary folder for the archive.")});
        return;
    }
    if (jobs.isEmpty()) {
        Q_EMIT finished(0, {tr("There are no jobs to put in an archive.")});
        return;
    }
    for (int i = 0; i < Parallel; ++i)
        startNext();
}

void JobArchiveWriter::startNext()
{
    if (m_pending.isEmpty()) {
        if (m_running == 0)
            pack();
        return;
    }
    const Entry entry = m_pending.takeFirst();
    ++m_running;
    JobsApi(m_connection).archive(entry.id, this, [this, entry](const Result<QByteArray> &archive) {
        if (!archive)
            return unpacked(entry, false, archive.error().message);
        // Each job into a fresh folder of its own, so nothing one archive holds (a link, say) is in the way of
        // another's; what it unpacked to is checked before it moves to its owner's folder.
        const QString incoming = m_staging->filePath(QStringLiteral(".incoming-%1").arg(entry.id));
        const QString file = m_staging->filePath(QStringLiteral(".download-%1.tar.gz").arg(entry.id));
        QFile out(file);
        if (!QDir().mkpath(incoming) || !out.open(QIODevice::WriteOnly) || out.write(*archive) != archive->size())
            return unpacked(entry, false, tr("cannot write it to a temporary folder"));
        out.close();
        auto *tar = new QProcess(this);
        connect(tar, &QProcess::finished, this,
                [this, tar, entry, file, incoming](int exitCode, QProcess::ExitStatus status) {
                    tar->deleteLater();
                    QFile::remove(file);
                    if (status != QProcess::NormalExit || exitCode != 0) {
                        QDir(incoming).removeRecursively();
                        return unpacked(entry, false, QString::fromUtf8(tar->readAllStandardError()).trimmed());
                    }
                    place(entry, incoming);
                });
        // Links stay links; owners and modes are not taken from the archive.
        tar->start(QStringLiteral("tar"),
                   {QStringLiteral("-xzf"), file, QStringLiteral("-C"), incoming, QStringLiteral("--no-same-owner"),
                    QStringLiteral("--no-same-permissions")});
    });
}

void JobArchiveWriter::place(const Entry &entry, const QString &incoming)
{
    // The gateway's archive of a job is one folder named after the job ("…-<id>"): a real folder, nothing beside it.
    const QFileInfoList top
        = QDir(incoming).entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    const bool single = top.size() == 1 && top.first().isDir() && !top.first().isSymLink()
        && top.first().fileName().endsWith(u'-' + QString::number(entry.id));
    const QString owner = m_staging->filePath(ownerFolder(entry.owner));
    const QString placed = owner + u'/' + (single ? top.first().fileName() : QString());
    if (!single || !QDir().mkpath(owner) || QFileInfo::exists(placed)
        || !QDir().rename(top.first().filePath(), placed)) {
        QDir(incoming).removeRecursively();
        return unpacked(entry, false, tr("its archive is not one folder of that job"));
    }
    QDir(incoming).removeRecursively();
    // Its record as the gateway keeps it, not the job.json in its folder (which the job's owner could have changed).
    JobsApi(m_connection).get(entry.id, this, [this, entry, placed](const Result<api::Job> &job) {
        if (!job)
            return unpacked(entry, false, job.error().message);
        JobsApi(m_connection)
            .history(
                entry.id, this,
                [this, entry, placed, record = job->toJson()](const Result<QList<api::HistoryEntry>> &history) mutable {
                    if (!history)
                        return unpacked(entry, false, history.error().message);
                    QJsonArray steps;
                    for (const api::HistoryEntry &step : *history)
                        steps.append(step.toJson());
                    record.insert(QStringLiteral("history"), steps);
                    const QString recordFile = placed + QStringLiteral("/job.json");
                    QFile::remove(
                        recordFile); // whatever has the name (a link included) goes; it is not written through
                    QFile out(recordFile);
                    const QByteArray json = QJsonDocument(record).toJson();
                    // Closed (flushed) before it is counted: the last job's record must be whole when tar packs it.
                    bool written = out.open(QIODevice::NewOnly) && out.write(json) == json.size() && out.flush();
                    out.close();
                    written = written && out.error() == QFileDevice::NoError;
                    unpacked(entry, written, tr("cannot write its record"));
                });
    });
}

void JobArchiveWriter::unpacked(const Entry &entry, bool ok, const QString &error)
{
    --m_running;
    ++m_done;
    if (ok)
        ++m_written;
    else
        m_problems << tr("Job %1: %2").arg(entry.id).arg(error);
    Q_EMIT progress(m_done, m_total);
    startNext();
}

void JobArchiveWriter::pack()
{
    if (m_written == 0) {
        m_staging.reset();
        Q_EMIT finished(0, m_problems);
        return;
    }
    // Written beside the target, then renamed over it: a failed run leaves no half archive behind.
    const QString partial = m_target + QStringLiteral(".part");
    QFile::remove(partial);
    auto *tar = new QProcess(this);
    connect(tar, &QProcess::finished, this, [this, tar, partial](int exitCode, QProcess::ExitStatus status) {
        tar->deleteLater();
        m_staging.reset();
        if (status != QProcess::NormalExit || exitCode != 0) {
            QFile::remove(partial);
            m_problems.prepend(
                tr("Cannot write %1: %2")
                    .arg(QDir::toNativeSeparators(m_target), QString::fromUtf8(tar->readAllStandardError()).trimmed()));
            Q_EMIT finished(0, m_problems);
            return;
        }
        QFile::remove(m_target);
        if (!QFile::rename(partial, m_target)) {
            QFile::remove(partial);
            m_problems.prepend(tr("Cannot write %1.").arg(QDir::toNativeSeparators(m_target)));
            Q_EMIT finished(0, m_problems);
            return;
        }
        Q_EMIT finished(m_written, m_problems);
    });
    tar->start(QStringLiteral("tar"),
               {QStringLiteral("-czf"), partial, QStringLiteral("-C"), m_staging->path(), QStringLiteral(".")});
}

} // namespace tandem
