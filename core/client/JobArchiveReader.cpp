#include "client/JobArchiveReader.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

namespace tandem {

JobArchiveReader::JobArchiveReader(QObject *parent)
    : QObject(parent)
{ }

JobArchiveReader::~JobArchiveReader() = default;

void JobArchiveReader::read(const QStringList &archives)
{
    m_pending = archives;
    m_problems.clear();
    m_jobs = 0;
    next();
}

void JobArchiveReader::next()
{
    if (m_pending.isEmpty()) {
        m_unpacked.reset();
        Q_EMIT finished(m_jobs, m_problems);
        return;
    }
    const QString archive = m_pending.takeFirst();
    m_unpacked = std::make_unique<QTemporaryDir>();
    auto *tar = new QProcess(this);
    connect(tar, &QProcess::finished, this, [this, tar, archive](int exitCode, QProcess::ExitStatus status) {
        tar->deleteLater();
        if (status != QProcess::NormalExit || exitCode != 0) {
            m_problems << tr("%1 is not a readable job archive: %2")
                              .arg(QFileInfo(archive).fileName(),
                                   QString::fromUtf8(tar->readAllStandardError()).trimmed());
        } else {
            collect(m_unpacked->path());
        }
        next();
    });
    tar->start(QStringLiteral("tar"),
               {QStringLiteral("-xzf"), archive, QStringLiteral("-C"), m_unpacked->path(),
                QStringLiteral("--no-same-owner"), QStringLiteral("--no-same-permissions")});
}

void JobArchiveReader::collect(const QString &directory)
{
    // Only where the gateway and the class archive put records: <job folder>/job.json, or <owner>/<job folder>/
    // job.json; the folder is named after the job's id, and a class archive's owner folder after the record's owner.
    // A record anywhere else (a job can write a job.json of its own in its folder) is not a job; links are not read.
    const QDir root(directory);
    QDirIterator it(directory, {QStringLiteral("job.json")}, QDir::Files | QDir::NoSymLinks | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString jobFile = it.next();
        const QStringList parts = root.relativeFilePath(jobFile).split(u'/');
        if (parts.size() != 2 && parts.size() != 3)
            continue;
        const QFileInfo info(jobFile);
        if (!info.isFile() || info.isSymLink() || info.size() > MaxRecordBytes)
            continue;
        QFile file(jobFile);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        QJsonObject job = QJsonDocument::fromJson(file.read(MaxRecordBytes)).object();
        const QString folder = parts.at(parts.size() - 2);
        const qint64 id = job.value(QStringLiteral("id")).toInteger();
        const bool placed = id > 0 && folder.endsWith(u'-' + QString::number(id))
            && (parts.size() == 2 || job.value(QStringLiteral("owner")).toString() == parts.first());
        if (!placed) {
            m_problems << tr("%1 is not a Tandem job record.").arg(folder.left(80).toHtmlEscaped());
            continue;
        }
        const QJsonArray history = job.take(QStringLiteral("history")).toArray();
        QHash<QString, QByteArray> files;
        const QFileInfoList entries = QFileInfo(jobFile).dir().entryInfoList(QDir::Files | QDir::NoSymLinks);
        for (const QFileInfo &entry : entries) {
            if (entry.size() > MaxFileBytes)
                continue;
            QFile content(entry.absoluteFilePath());
            if (content.open(QIODevice::ReadOnly))
                files.insert(entry.fileName(), content.readAll());
        }
        ++m_jobs;
        Q_EMIT jobRead(job, history, files);
    }
}

} // namespace tandem
