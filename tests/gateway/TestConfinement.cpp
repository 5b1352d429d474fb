// The hostile user: a plain `user` account in a training room plants symbolic links — from a job and from a session
// shell — at the gateway's token, its database and another user's home, and asks every file endpoint to follow
// them. Each answer must be a 4xx with a clear message (or the link listed as a link), and the other home, the
// database and the token must stay as they were.
#include "support/ApiClient.h"
#include "support/GatewayProcess.h"
#include "support/JobSpecs.h"
#include "support/SshKeyFile.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace tandem;
using test::ApiClient;

namespace {

QByteArray hashOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return "(unreadable)";
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

// Every file beneath a folder with its hash: a picture of a home to compare before and after.
QMap<QString, QByteArray> treeOf(const QString &root)
{
    QMap<QString, QByteArray> tree;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info = it.nextFileInfo();
        tree.insert(info.filePath().mid(root.size()), info.isFile() ? hashOf(info.filePath()) : QByteArray("dir"));
    }
    return tree;
}

QByteArray tarOf(const QString &workDirectory, const QStringList &arguments)
{
    QProcess tar;
    tar.setWorkingDirectory(workDirectory);
    tar.start(QStringLiteral("tar"), arguments);
    tar.waitForFinished(30000);
    QFile file(workDirectory + u'/' + arguments.at(1));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestConfinement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_gateway.start());
        m_admin = std::make_unique<ApiClient>(m_gateway.baseUrl(), m_gateway.localToken());
        for (const char *name : {"alice", "bob"}) {
            QCOMPARE(m_admin
                         ->createUser(QLatin1StringView(name), QStringLiteral("secret-%1").arg(QLatin1StringView(name)),
                                      QStringLiteral("user"), QStringLiteral("c1"))
                         .status,
                     201);
        }
        m_alice = std::make_unique<ApiClient>(m_gateway.baseUrl());
        m_bob = std::make_unique<ApiClient>(m_gateway.baseUrl());
        QVERIFY(m_alice->login(QStringLiteral("alice"), QStringLiteral("secret-alice")));
        QVERIFY(m_bob->login(QStringLiteral("bob"), QStringLiteral("secret-bob")));
        QCOMPARE(m_bob->put(QStringLiteral("/api/v1/files/secret.txt"), "bob's secret\n").status, 201);
        QCOMPARE(m_alice->put(QStringLiteral("/api/v1/files/readme.txt"), "alice's own\n").status, 201);
        m_token = hashOf(data() + QStringLiteral("/local-token"));
        m_bobTree = treeOf(bobHome());
        QVERIFY(m_bobTree.contains(QStringLiteral("/secret.txt")));
    }

    void cleanup()
    {
        // After every attack: bob's home, the token and the gateway's data directory are as they were.
        QCOMPARE(treeOf(bobHome()), m_bobTree);
        QCOMPARE(hashOf(data() + QStringLiteral("/local-token")), m_token);
        QFileInfo dataDir(data());
        QCOMPARE(dataDir.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        QCOMPARE(QFileInfo(data() + QStringLiteral("/local-token")).permissions()
                     & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        QCOMPARE(QFileInfo(data() + QStringLiteral("/tandem.db")).permissions()
                     & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
    }

    void linksMadeByAJobAreNeverFollowed()
    {
        // The job plants links in its own directory, swaps its stdout.txt and job.json for links and leaves a
        // dangling link for a later write.
        QTemporaryDir work;
        QFile script(work.filePath(QStringLiteral("evil.sh")));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/bash\n"
                     "D=\"$1\"\n"
                     "ln -s \"$D/local-token\" tok\n"
                     "ln -s ../../../../../local-token tokrel\n"
                     "ln -s \"$D/tandem.db\" db\n"
                     "ln -s \"$D/homes/bob/secret.txt\" bobs\n"
                     "ln -s \"$D/homes/bob\" bobhome\n"
                     "ln -s \"$D/homes/bob/.bash_profile\" w\n"
                     "echo visible output\n"
                     "rm -f stdout.txt job.json && ln -s \"$D/local-token\" stdout.txt\n"
                     "ln -s \"$D/homes/bob/planted.json\" job.json\n");
        script.close();
        script.setPermissions(script.permissions() | QFileDevice::ExeOwner);
        const QByteArray archive
            = tarOf(work.path(), {QStringLiteral("-czf"), QStringLiteral("evil.tgz"), QStringLiteral("evil.sh")});
        QCOMPARE(
            m_alice->call("POST", QStringLiteral("/api/v1/files/bin?op=extract"), archive, "application/gzip").status,
            201);
        const auto submitted = m_alice->post(QStringLiteral("/api/v1/jobs"),
                                             {{QStringLiteral("type"), QStringLiteral("run")},
                                              {QStringLiteral("system"), QStringLiteral("local")},
                                              {QStringLiteral("executable"), QStringLiteral("bin/evil.sh")},
                                              {QStringLiteral("args"), QJsonArray{data()}}});
        QCOMPARE(submitted.status, 201);
        const qint64 id = submitted.json.value(u"id").toInteger();
        const QJsonObject ended = m_alice->waitUntilFinal(id);
        QCOMPARE(ended.value(u"status").toString(), QStringLiteral("FINISHED"));
        const QString directory = ended.value(u"directory").toString();

        for (const char *name : {"tok", "tokrel", "db", "bobs", "bobhome", "stdout.txt"}) {
            const auto got
                = m_alice->get(QStringLiteral("/api/v1/jobs/%1/files/%2").arg(id).arg(QLatin1StringView(name)));
            QVERIFY2(got.status >= 400 && got.status < 500, name);
            QVERIFY2(got.json.value(u"error").toObject().value(u"message").toString().contains(QStringLiteral("link")),
                     got.body.constData());
            assertNothingLeaks(got.body);
        }
        // Ranged, as a resumable download asks.
        QNetworkAccessManager network;
        QNetworkRequest ranged(m_alice->url(QStringLiteral("/api/v1/jobs/%1/files/tok").arg(id)));
        ranged.setRawHeader("Authorization", "Bearer " + m_alice->token());
        ranged.setRawHeader("Range", "bytes=0-10");
        QNetworkReply *reply = network.get(ranged);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
        assertNothingLeaks(reply->readAll());
        reply->deleteLater();
        // The live tail of a stdout that became a link refuses too.
        const auto tail = m_alice->get(QStringLiteral("/api/v1/jobs/%1/output/stdout").arg(id));
        QVERIFY2(tail.status >= 400 && tail.status < 500, tail.body.constData());
        assertNothingLeaks(tail.body);

        // The listing shows the links as links.
        const QJsonArray entries
            = m_alice->get(QStringLiteral("/api/v1/jobs/%1/files").arg(id)).json[u"entries"].toArray();
        QStringList links;
        for (const QJsonValue &entry : entries) {
            if (entry[u"type"].toString() == u"link")
                links << entry[u"name"].toString();
        }
        links.sort();
        QCOMPARE(links,
                 QStringList({QStringLiteral("bobhome"), QStringLiteral("bobs"), QStringLiteral("db"),
                              QStringLiteral("stdout.txt"), QStringLiteral("tok"), QStringLiteral("tokrel"),
                              QStringLiteral("w")}));
        // The job record was rewritten at the job's end over the link, not through it.
        QVERIFY(!QFileInfo(aliceHome() + u'/' + directory + QStringLiteral("/job.json")).isSymLink());
        const auto record = m_alice->get(QStringLiteral("/api/v1/jobs/%1/files/job.json").arg(id));
        QCOMPARE(record.status, 200);
        QCOMPARE(QJsonDocument::fromJson(record.body).object().value(u"status").toString(), QStringLiteral("FINISHED"));
        QVERIFY(!QFileInfo::exists(bobHome() + QStringLiteral("/planted.json")));

        // The archive stores links as links: neither the token nor bob's file is in it.
        const auto tarball = m_alice->get(QStringLiteral("/api/v1/jobs/%1/archive").arg(id));
        QCOMPARE(tarball.status, 200);
        QProcess contents;
        contents.start(QStringLiteral("tar"), {QStringLiteral("-xzOf"), QStringLiteral("-")});
        contents.write(tarball.body);
        contents.closeWriteChannel();
        QVERIFY(contents.waitForFinished(10000));
        const QByteArray unpacked = contents.readAllStandardOutput();
        QVERIFY2(unpacked.contains("#!/bin/bash"), unpacked.left(200).constData()); // the job's own files are there
        assertNothingLeaks(unpacked);

        // A write through the job's dangling link replaces the link in alice's home; bob gets no .bash_profile.
        QCOMPARE(m_alice->put(QStringLiteral("/api/v1/files/%1/w").arg(directory), "echo owned\n").status, 201);
        QVERIFY(!QFileInfo::exists(bobHome() + QStringLiteral("/.bash_profile")));
        QVERIFY(!QFileInfo(aliceHome() + u'/' + directory + QStringLiteral("/w")).isSymLink());
        // Through the link to bob's home, nothing is written, made or read.
        QVERIFY(m_alice->put(QStringLiteral("/api/v1/files/%1/bobhome/x.txt").arg(directory), "x").status >= 400);
        QVERIFY(m_alice->get(QStringLiteral("/api/v1/files/%1/bobhome/secret.txt").arg(directory)).status >= 400);
        QVERIFY(m_alice->call("POST", QStringLiteral("/api/v1/files/%1/bobhome/d?op=mkdir").arg(directory)).status
                >= 400);
        // Deleting the job removes its links, not what they point at.
        QCOMPARE(m_alice->call("DELETE", QStringLiteral("/api/v1/jobs/%1").arg(id)).status, 204);
        QVERIFY(!QFileInfo::exists(aliceHome() + u'/' + directory));
    }

    void linksPlantedInTheHomeAreNeverFollowed()
    {
        // What a session shell can do at any moment, done here on disk as the same OS user.
        const QString home = aliceHome();
        QVERIFY(QFile::link(data() + QStringLiteral("/local-token"), home + QStringLiteral("/tok")));
        QVERIFY(QFile::link(data() + QStringLiteral("/tandem.db"), home + QStringLiteral("/db")));
        QVERIFY(QFile::link(bobHome(), home + QStringLiteral("/bobhome")));
        QVERIFY(QFile::link(bobHome() + QStringLiteral("/.profile"), home + QStringLiteral("/dangling")));
        QVERIFY(QDir(home).mkpath(QStringLiteral("a/b")));
        // Harmless where it is (it names alice's own home/local-token); moved up a folder it names the token.
        QVERIFY(QFile::link(QStringLiteral("../../local-token"), home + QStringLiteral("/a/b/t")));

        for (const char *path : {"tok", "db", "bobhome", "bobhome/secret.txt"}) {
            const auto got = m_alice->get(QStringLiteral("/api/v1/files/") + QLatin1StringView(path));
            QVERIFY2(got.status >= 400 && got.status < 500, path);
            QVERIFY2(got.errorField() == u"path", got.body.constData());
            assertNothingLeaks(got.body);
        }
        const QJsonArray listing = m_alice->get(QStringLiteral("/api/v1/files")).json[u"entries"].toArray();
        QStringList links;
        for (const QJsonValue &entry : listing) {
            if (entry[u"type"].toString() == u"link")
                links << entry[u"name"].toString();
        }
        links.sort();
        QCOMPARE(links,
                 QStringList({QStringLiteral("bobhome"), QStringLiteral("dangling"), QStringLiteral("db"),
                              QStringLiteral("tok")}));

        QVERIFY(m_alice->put(QStringLiteral("/api/v1/files/bobhome/x.txt"), "x").status >= 400);
        QVERIFY(m_alice->call("POST", QStringLiteral("/api/v1/files/bobhome/new?op=mkdir")).status >= 400);
        QVERIFY(
            m_alice->call("POST", QStringLiteral("/api/v1/files/bobhome?op=extract"), "x", "application/x-tar").status
            >= 400);
        QVERIFY(m_alice->call("POST", QStringLiteral("/api/v1/files/readme.txt?op=move&to=bobhome/readme.txt")).status
                >= 400);
        QCOMPARE(m_alice->get(QStringLiteral("/api/v1/files/readme.txt")).body, QByteArray("alice's own\n"));
        // A write to a dangling link replaces the link.
        QCOMPARE(m_alice->put(QStringLiteral("/api/v1/files/dangling"), "mine\n").status, 201);
        QVERIFY(!QFileInfo(home + QStringLiteral("/dangling")).isSymLink());
        QVERIFY(!QFileInfo::exists(bobHome() + QStringLiteral("/.profile")));
        // The relative link moves as a link and is still never followed.
        QCOMPARE(m_alice->call("POST", QStringLiteral("/api/v1/files/a/b/t?op=move&to=t")).status, 200);
        QVERIFY(QFileInfo(home + QStringLiteral("/t")).isSymLink());
        const auto moved = m_alice->get(QStringLiteral("/api/v1/files/t"));
        QVERIFY2(moved.status >= 400 && moved.status < 500, moved.body.constData());
        assertNothingLeaks(moved.body);
        // A job cannot take a link as its source either.
        const auto job = m_alice->post(QStringLiteral("/api/v1/jobs"),
                                       test::compileSpec(QStringLiteral("bobhome/secret.txt"), QStringLiteral("x")));
        QCOMPARE(job.status, 400);
        QCOMPARE(job.errorField(), QStringLiteral("sources"));
        // Deleting the link to bob's home deletes the link.
        QCOMPARE(m_alice->call("DELETE", QStringLiteral("/api/v1/files/bobhome")).status, 204);
        QVERIFY(!QFileInfo(home + QStringLiteral("/bobhome")).isSymLink());
        for (const char *name : {"tok", "db", "t", "dangling"})
            QCOMPARE(m_alice->call("DELETE", QStringLiteral("/api/v1/files/") + QLatin1StringView(name)).status, 204);
    }

    void aPrePlantedJobDirectoryIsRefused()
    {
        // Ids and dates are predictable: links wait where the next jobs' directories would be made.
        const auto page = m_admin->get(QStringLiteral("/api/v1/jobs?limit=1"));
        qint64 last = 0;
        for (const QJsonValue &job : page.json[u"jobs"].toArray())
            last = qMax(last, job[u"id"].toInteger());
        const QString day = aliceHome() + QStringLiteral("/jobs/") + QDate::currentDate().toString(Qt::ISODate);
        QVERIFY(QDir().mkpath(day));
        for (qint64 id = last + 1; id <= last + 5; ++id)
            QVERIFY(QFile::link(bobHome(), day + QStringLiteral("/compile-local-%1").arg(id)));
        QCOMPARE(m_alice->put(QStringLiteral("/api/v1/files/ok.c"), "int main(void) { return 0; }\n").status, 201);
        const auto submitted = m_alice->post(QStringLiteral("/api/v1/jobs"),
                                             test::compileSpec(QStringLiteral("ok.c"), QStringLiteral("ok")));
        QCOMPARE(submitted.status, 201);
        const QJsonObject ended = m_alice->waitUntilFinal(submitted.json.value(u"id").toInteger());
        QCOMPARE(ended.value(u"status").toString(), QStringLiteral("FAILED"));
        QCOMPARE(ended.value(u"condition").toString(), QStringLiteral("SYSTEM_ERROR"));
        const QJsonArray history
            = m_alice->get(QStringLiteral("/api/v1/jobs/%1/history").arg(submitted.json.value(u"id").toInteger()))
                  .json[u"history"]
                  .toArray();
        const QString message = history.last()[u"message"].toString();
        QVERIFY2(message.contains(QStringLiteral("job directory")) && message.contains(QStringLiteral("exists")),
                 qPrintable(message));
        QVERIFY(QDir(day).removeRecursively());
    }

    void aSparseArchiveIsRefusedAndLeavesNothing()
    {
        // 20 GB of holes in a few KB of .tar.gz; the quota (10 GB by default) counts the size, not the blocks.
        QTemporaryDir work;
        QProcess truncate;
        truncate.start(QStringLiteral("truncate"),
                       {QStringLiteral("-s"), QStringLiteral("20G"), work.filePath(QStringLiteral("big.bin"))});
        QVERIFY(truncate.waitForFinished(10000) && truncate.exitCode() == 0);
        const QByteArray archive
            = tarOf(work.path(), {QStringLiteral("-cSzf"), QStringLiteral("sparse.tgz"), QStringLiteral("big.bin")});
        QVERIFY2(archive.size() > 0 && archive.size() < 20 * 1024 * 1024, QByteArray::number(archive.size()));
        const auto refused = m_alice->call("POST", QStringLiteral("/api/v1/files/sparse?op=extract"), archive,
                                           "application/gzip", 120000);
        QCOMPARE(refused.status, 413);
        QCOMPARE(refused.errorCode(), QStringLiteral("quota_exceeded"));
        QVERIFY(!QFileInfo::exists(aliceHome() + QStringLiteral("/sparse")));
        QCOMPARE(
            QDir(data() + QStringLiteral("/staging")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
            QStringList());
    }

    void aSessionShellSwappingAFolderForALinkNeverRedirectsADownload()
    {
        // A bounded loop in alice's session shell swaps her folder "race" for a link to bob's home and back while
        // downloads of race/secret.txt run: each answer is alice's own file or a refusal, never bob's.
        const QString home = aliceHome();
        QVERIFY(QDir(home).mkpath(QStringLiteral("race")));
        QCOMPARE(m_alice->put(QStringLiteral("/api/v1/files/race/secret.txt"), "alice's race file\n").status, 201);
        test::SshKeyFile key;
        QVERIFY(key.isValid());
        const auto started
            = m_alice->post(QStringLiteral("/api/v1/sessions"), {{QStringLiteral("publicKey"), key.publicLine()}});
        QCOMPARE(started.status, 202);
        const qint64 session = started.json.value(u"id").toInteger();
        QJsonObject ready;
        QTRY_VERIFY_WITH_TIMEOUT(
            (ready = m_alice->get(QStringLiteral("/api/v1/sessions/%1").arg(session)).json).value(u"state").toString()
                == u"READY",
            20000);
        QProcess shell;
        shell.start(QStringLiteral("ssh"),
                    key.loginArguments(QStringLiteral("127.0.0.1"), quint16(ready.value(u"port").toInt()),
                                       ready.value(u"userName").toString())
                        + QStringList{QStringLiteral("cd ~ && end=$((SECONDS+5)); n=0; while [ $SECONDS -lt $end ]; do "
                                                     "mv race race.d && ln -s %1 race && rm race && mv race.d race; "
                                                     "n=$((n+1)); done; echo swapped $n")
                                          .arg(bobHome())});
        QVERIFY(shell.waitForStarted(5000));
        int own = 0, refused = 0;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 4000) {
            const auto got = m_alice->get(QStringLiteral("/api/v1/files/race/secret.txt"));
            assertNothingLeaks(got.body);
            if (got.status == 200 && got.body == "alice's race file\n")
                ++own;
            else if (got.status >= 400 && got.status < 500)
                ++refused;
            else
                QFAIL(got.body.constData());
        }
        QVERIFY(shell.waitForFinished(20000));
        const QByteArray swapped = shell.readAllStandardOutput();
        qInfo("downloads: %d of alice's own file, %d refused while the shell %s", own, refused,
              swapped.trimmed().constData());
        QVERIFY2(swapped.startsWith("swapped ") && swapped.mid(8).trimmed().toInt() > 10, swapped.constData());
        QVERIFY(own > 0);
        QCOMPARE(m_alice->call("DELETE", QStringLiteral("/api/v1/sessions/%1").arg(session)).status, 202);
    }

private:
    QString data() const { return QFileInfo(m_gateway.dataDir()).absoluteFilePath(); }
    QString aliceHome() const { return data() + QStringLiteral("/homes/alice"); }
    QString bobHome() const { return data() + QStringLiteral("/homes/bob"); }

    void assertNothingLeaks(const QByteArray &body) const
    {
        QFile token(data() + QStringLiteral("/local-token"));
        QVERIFY(token.open(QIODevice::ReadOnly));
        const QByteArray secret = token.readAll().trimmed();
        QVERIFY2(!body.contains(secret), "the admin's token was served");
        QVERIFY2(!body.contains("SQLite format 3"), "the database was served");
        QVERIFY2(!body.contains("bob's secret"), "another user's file was served");
    }

    test::GatewayProcess m_gateway;
    std::unique_ptr<ApiClient> m_admin, m_alice, m_bob;
    QByteArray m_token;
    QMap<QString, QByteArray> m_bobTree;
};

QTEST_GUILESS_MAIN(TestConfinement)
#include "TestConfinement.moc"
