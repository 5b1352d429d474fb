#include "client/JobArchiveWriter.h"

#include "client/GatewayApi.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
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
        const QString folder = m_staging->filePath(ownerFolder(entry.owner));
        const QString file = m_staging->filePath(QStringLiteral("job-%1.download.tar.gz").arg(entry.id));
        QFile out(file);
        if (!QDir().mkpath(folder) || !out.open(QIODevice::WriteOnly) || out.write(*archive) != archive->size())
            return unpacked(entry, false, tr("cannot write it to a temporary folder"));
        out.close();
        // Its owner's folder; links stay links, owners and modes are not taken from the archive.
        auto *tar = new QProcess(this);
        connect(tar, &QProcess::finished, this, [this, tar, entry, file](int exitCode, QProcess::ExitStatus status) {
            tar->deleteLater();
            QFile::remove(file);
            unpacked(entry, status == QProcess::NormalExit && exitCode == 0,
                     QString::fromUtf8(tar->readAllStandardError()).trimmed());
        });
        tar->start(QStringLiteral("tar"),
                   {QStringLiteral("-xzf"), file, QStringLiteral("-C"), folder, QStringLiteral("--no-same-owner"),
                    QStringLiteral("--no-same-permissions")});
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
