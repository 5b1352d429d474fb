#include "support/ApiClient.h"
#include "support/GatewayProcess.h"
#include "support/JobSpecs.h"
#include "support/SourceFiles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QtTest>

using namespace tandem;
using test::ApiClient;
using test::compileSpec;
using test::sourceFile;

namespace {

struct CommandResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CommandResult gatewayCommand(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    process.start(QStringLiteral(TANDEM_GATEWAY_BINARY), arguments);
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(30000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

} // namespace

class TestGatewayOperations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void filesApiStaysInsideTheHome()
    {
        test::GatewayProcess gateway;
        QVERIFY(gateway.start({QStringLiteral("--quota-mb"), QStringLiteral("1")}));
        ApiClient api(gateway.baseUrl(), gateway.localToken());

        QByteArray data;
        for (int i = 0; i < 1000; ++i)
            data += QByteArray::number(i).rightJustified(8, '0') + '\n';
        QCOMPARE(api.put(QStringLiteral("/api/v1/files/data/numbers.txt"), data).status, 201);
        const auto listing = api.get(QStringLiteral("/api/v1/files/data"));
        QCOMPARE(listing.json.value(QStringLiteral("entries"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("size"))
                     .toInt(),
                 data.size());
        QCOMPARE(api.get(QStringLiteral("/api/v1/files/data/numbers.txt")).body, data);

        // Ranges, as resumable downloads ask for them.
        auto ranged = api.call("GET", QStringLiteral("/api/v1/files/data/numbers.txt"), {}, {});
        QNetworkAccessManager network;
        QNetworkRequest request(api.url(QStringLiteral("/api/v1/files/data/numbers.txt")));
        request.setRawHeader("Authorization", "Bearer " + api.token());
        request.setRawHeader("Range", "bytes=9-17");
        QNetworkReply *reply = network.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 206);
        QCOMPARE(reply->readAll(), QByteArray("00000001\n"));
        QCOMPARE(reply->rawHeader("Content-Range"), QByteArray("bytes 9-17/9000"));
        Q_UNUSED(ranged);

        QCOMPARE(api.call("POST", QStringLiteral("/api/v1/files/results?op=mkdir")).status, 201);
        QCOMPARE(api.call("POST", QStringLiteral("/api/v1/files/results?op=mkdir")).status, 409);
        QCOMPARE(api.call("POST", QStringLiteral("/api/v1/files/data/numbers.txt?op=move&to=results/n.txt")).status,
                 200);
        QCOMPARE(api.get(QStringLiteral("/api/v1/files/results/n.txt")).body, data);
        QCOMPARE(api.get(QStringLiteral("/api/v1/files/data/numbers.txt")).status, 404);
        const auto escape = api.call("POST", QStringLiteral("/api/v1/files/results/n.txt?op=move&to=../../n.txt"));
        QCOMPARE(escape.status, 400);
        QCOMPARE(escape.errorField(), QStringLiteral("to"));

        // A 1 MB quota: a 2 MB upload is refused and leaves nothing behind.
        const auto tooBig = api.put(QStringLiteral("/api/v1/files/big.bin"), QByteArray(2 * 1024 * 1024, 'x'));
        QCOMPARE(tooBig.status, 413);
        QCOMPARE(tooBig.errorCode(), QStringLiteral("quota_exceeded"));
        QCOMPARE(api.get(QStringLiteral("/api/v1/files/big.bin")).status, 404);

        QCOMPARE(api.call("DELETE", QStringLiteral("/api/v1/files/results")).status, 204);
        QCOMPARE(api.get(QStringLiteral("/api/v1/files/results/n.txt")).status, 404);
        QCOMPARE(api.call("DELETE", QStringLiteral("/api/v1/files")).status, 400);
    }

    void foldersUploadAsArchivesAllOrNothing()
    {
        test::GatewayProcess gateway;
        QVERIFY(gateway.start());
        ApiClient api(gateway.baseUrl(), gateway.localToken());
        const QString home = gateway.dataDir() + QStringLiteral("/homes/") + qEnvironmentVariable("USER");
        QTemporaryDir work;
        const auto tarOf = [&](const QStringList &arguments) {
            QProcess tar;
            tar.setWorkingDirectory(work.path());
            tar.start(QStringLiteral("tar"), arguments);
            tar.waitForFinished(10000);
            QFile file(work.filePath(arguments.at(1)));
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        QDir(work.path()).mkpath(QStringLiteral("project/src"));
        for (const char *name : {"project/src/main.c", "project/Makefile"}) {
            QFile file(work.filePath(QLatin1StringView(name)));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(name);
        }
        const QByteArray good
            = tarOf({QStringLiteral("-czf"), QStringLiteral("good.tar.gz"), QStringLiteral("project")});
        QVERIFY(good.size() > 0);
        const auto extracted
            = api.call("POST", QStringLiteral("/api/v1/files/code?op=extract"), good, "application/gzip");
        QCOMPARE(extracted.status, 201);
        QCOMPARE(api.get(QStringLiteral("/api/v1/files/code/project/src/main.c")).body,
                 QByteArray("project/src/main.c"));
        QCOMPARE(api.get(QStringLiteral("/api/v1/files/code/project/Makefile")).body, QByteArray("project/Makefile"));
        // The same again would overwrite: refused, nothing changed.
        QCOMPARE(api.call("POST", QStringLiteral("/api/v1/files/code?op=extract"), good, "application/gzip").status,
                 409);

        QVERIFY(QFile::link(QStringLiteral("/etc/passwd"), work.filePath(QStringLiteral("project/passwd"))));
        const QByteArray withLink
            = tarOf({QStringLiteral("-cf"), QStringLiteral("link.tar"), QStringLiteral("project")});
        const auto refused
            = api.call("POST", QStringLiteral("/api/v1/files/other?op=extract"), withLink, "application/x-tar");
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.errorCode(), QStringLiteral("archive_link"));
        const QByteArray climbing = tarOf({QStringLiteral("-cf"), QStringLiteral("climb.tar"),
                                           QStringLiteral("--transform=s,^project,../escaped,"),
                                           QStringLiteral("--exclude=project/passwd"), QStringLiteral("project")});
        const auto climb
            = api.call("POST", QStringLiteral("/api/v1/files/other?op=extract"), climbing, "application/x-tar");
        QCOMPARE(climb.status, 400);
        QCOMPARE(climb.errorCode(), QStringLiteral("invalid_path"));
        const auto garbage
            = api.call("POST", QStringLiteral("/api/v1/files/other?op=extract"), "not an archive", "application/x-tar");
        QCOMPARE(garbage.status, 400);
        QCOMPARE(garbage.errorCode(), QStringLiteral("invalid_archive"));
        // Nothing of the refused uploads remains: no target folder, no staging or temporary files.
        QCOMPARE(QDir(home).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("code")});
        QVERIFY(!QFileInfo::exists(gateway.dataDir() + QStringLiteral("/homes/escaped")));
    }

    void systemsWithoutAReachableSchedulerRefuseJobs()
    {
        QTemporaryDir dir;
        QFile config(dir.filePath(QStringLiteral("gateway.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(R"({"systems": [{"id": "frontera", "name": "Frontera", "scheduler": "slurm",
                        "queues": [{"name": "normal", "maxNodes": 512, "coresPerNode": 56, "maxMinutes": 2880, "default": true}],
                        "compilePresets": {"mpi-c": ["mpicc"]}, "launchers": {"ibrun": ["ibrun"]}, "modules": ["intel/19"]}]})");
        config.close();
        test::GatewayProcess gateway;
        QVERIFY(gateway.start({QStringLiteral("--config"), config.fileName()}));
        ApiClient api(gateway.baseUrl(), gateway.localToken());
        const QJsonArray systems
            = api.get(QStringLiteral("/api/v1/systems")).json.value(QStringLiteral("systems")).toArray();
        QCOMPARE(systems.size(), 2);
        QJsonObject local, frontera;
        for (const QJsonValue &system : systems)
            (system.toObject().value(QStringLiteral("id")).toString() == u"local" ? local : frontera)
                = system.toObject();
        QVERIFY(local.value(QStringLiteral("available")).toBool());
        QVERIFY(local.value(QStringLiteral("isolation")).toString().contains(QStringLiteral("bubblewrap")));
        QVERIFY(!frontera.value(QStringLiteral("available")).toBool());
        QCOMPARE(frontera.value(QStringLiteral("modules")).toArray().first().toString(), QStringLiteral("intel/19"));

        QCOMPARE(api.put(QStringLiteral("/api/v1/files/a.c"), "int main(void) { return 0; }\n").status, 201);
        QJsonObject spec = compileSpec(QStringLiteral("a.c"), QStringLiteral("a"));
        spec.insert(QStringLiteral("system"), QStringLiteral("frontera"));
        spec.insert(QStringLiteral("preset"), QStringLiteral("mpi-c"));
        const auto refused = api.post(QStringLiteral("/api/v1/jobs"), spec);
        QCOMPARE(refused.status, 503);
        QCOMPARE(refused.errorField(), QStringLiteral("system"));
        QCOMPARE(api.get(QStringLiteral("/api/v1/jobs")).json.value(QStringLiteral("jobs")).toArray().size(), 0);
        // Its limits are still checked first: 600 nodes is over the queue's 512.
        spec.insert(QStringLiteral("nodes"), 600);
        QCOMPARE(api.post(QStringLiteral("/api/v1/jobs"), spec).errorField(), QStringLiteral("nodes"));
    }

    void jobActionsFollowTheJobState()
    {
        test::GatewayProcess gateway;
        QVERIFY(gateway.start());
        ApiClient api(gateway.baseUrl(), gateway.localToken());
        QCOMPARE(
            api.put(QStringLiteral("/api/v1/files/hello.c"), sourceFile(QStringLiteral("tests/gateway/data/hello.c")))
                .status,
            201);
        const qint64 id
            = api.post(QStringLiteral("/api/v1/jobs"), compileSpec(QStringLiteral("hello.c"), QStringLiteral("hello")))
                  .json.value(QStringLiteral("id"))
                  .toInteger();
        const QJsonObject job = api.waitUntilFinal(id);
        QCOMPARE(job.value(QStringLiteral("status")).toString(), QStringLiteral("FINISHED"));

        // Outputs: listed, downloaded, and the whole directory as .tar.gz.
        const auto files
            = api.get(QStringLiteral("/api/v1/jobs/%1/files").arg(id)).json.value(QStringLiteral("entries")).toArray();
        QStringList names;
        for (const QJsonValue &entry : files)
            names << entry.toObject().value(QStringLiteral("name")).toString();
        names.sort();
        QCOMPARE(names,
                 QStringList({QStringLiteral("hello"), QStringLiteral("hello.c"), QStringLiteral("job.json"),
                              QStringLiteral("job.sh"), QStringLiteral("stderr.txt"), QStringLiteral("stdout.txt")}));
        QCOMPARE(api.get(QStringLiteral("/api/v1/jobs/%1/files/hello.c").arg(id)).body,
                 sourceFile(QStringLiteral("tests/gateway/data/hello.c")));
        QCOMPARE(api.rawGet("/api/v1/jobs/" + QByteArray::number(id) + "/files/..").status, 404);
        QCOMPARE(api.rawGet("/api/v1/jobs/" + QByteArray::number(id) + "/files/%2e%2e").status, 404);
        const auto archive = api.get(QStringLiteral("/api/v1/jobs/%1/archive").arg(id));
        QCOMPARE(archive.status, 200);
        QCOMPARE(archive.contentType, QByteArray("application/gzip"));
        QTemporaryDir unpack;
        QFile archiveFile(unpack.filePath(QStringLiteral("job.tar.gz")));
        QVERIFY(archiveFile.open(QIODevice::WriteOnly));
        archiveFile.write(archive.body);
        archiveFile.close();
        QProcess tar;
        tar.start(QStringLiteral("tar"), {QStringLiteral("-tzf"), archiveFile.fileName()});
        QVERIFY(tar.waitForFinished(10000));
        QCOMPARE(tar.exitCode(), 0);
        const QString listing = QString::fromUtf8(tar.readAllStandardOutput());
        QVERIFY2(listing.contains(QStringLiteral("compile-local-%1/job.json").arg(id)), qPrintable(listing));
        QVERIFY(listing.contains(QStringLiteral("compile-local-%1/hello").arg(id)));

        // Resubmit: the same request as a new job.
        const auto again = api.post(QStringLiteral("/api/v1/jobs/%1/resubmit").arg(id), {});
        QCOMPARE(again.status, 201);
        const qint64 second = again.json.value(QStringLiteral("id")).toInteger();
        QVERIFY(second != id);
        QCOMPARE(again.json.value(QStringLiteral("commandLine")).toString(),
                 job.value(QStringLiteral("commandLine")).toString());
        QCOMPARE(api.waitUntilFinal(second).value(QStringLiteral("status")).toString(), QStringLiteral("FINISHED"));

        // Delete: files gone, a tombstone answers 410.
        const QString directory = gateway.dataDir() + QStringLiteral("/homes/") + qEnvironmentVariable("USER") + u'/'
            + job.value(QStringLiteral("directory")).toString();
        QVERIFY(QFileInfo::exists(directory));
        QCOMPARE(api.call("DELETE", QStringLiteral("/api/v1/jobs/%1").arg(id)).status, 204);
        QVERIFY(!QFileInfo::exists(directory));
        const auto gone = api.get(QStringLiteral("/api/v1/jobs/%1").arg(id));
        QCOMPARE(gone.status, 410);
        QCOMPARE(gone.errorCode(), QStringLiteral("deleted"));
        QCOMPARE(api.call("DELETE", QStringLiteral("/api/v1/jobs/%1").arg(id)).status, 410);
        const auto listed = api.get(QStringLiteral("/api/v1/jobs")).json.value(QStringLiteral("jobs")).toArray();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.first().toObject().value(QStringLiteral("id")).toInteger(), second);

        const auto metrics = api.get(QStringLiteral("/metrics"));
        QVERIFY(metrics.body.contains("tandem_jobs{status=\"FINISHED\"} 1"));
        QVERIFY(metrics.body.contains(
            "tandem_http_requests_total{method=\"DELETE\",route=\"/api/v1/jobs/{id}\",status=\"204\"} 1"));
    }

    void expiredJobsLeaveATombstone()
    {
        test::GatewayProcess gateway;
        QVERIFY(gateway.start());
        ApiClient api(gateway.baseUrl(), gateway.localToken());
        QCOMPARE(
            api.put(QStringLiteral("/api/v1/files/hello.c"), sourceFile(QStringLiteral("tests/gateway/data/hello.c")))
                .status,
            201);
        const qint64 old
            = api.post(QStringLiteral("/api/v1/jobs"), compileSpec(QStringLiteral("hello.c"), QStringLiteral("old")))
                  .json.value(QStringLiteral("id"))
                  .toInteger();
        const qint64 recent
            = api.post(QStringLiteral("/api/v1/jobs"), compileSpec(QStringLiteral("hello.c"), QStringLiteral("recent")))
                  .json.value(QStringLiteral("id"))
                  .toInteger();
        const QString oldDirectory = api.waitUntilFinal(old).value(QStringLiteral("directory")).toString();
        api.waitUntilFinal(recent);
        gateway.stop();
        {
            // Age one job by 40 days, as time would.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("age"));
            db.setDatabaseName(gateway.dataDir() + QStringLiteral("/tandem.db"));
            QVERIFY(db.open());
            QSqlQuery age(db);
            QVERIFY(age.exec(
                QStringLiteral("UPDATE jobs SET ended_at = '2020-01-01T00:00:00.000Z' WHERE id = %1").arg(old)));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("age"));

        QVERIFY(gateway.start({QStringLiteral("--retention-days"), QStringLiteral("30")}));
        api.setBaseUrl(gateway.baseUrl());
        api.setToken(gateway.localToken());
        const auto expired = api.get(QStringLiteral("/api/v1/jobs/%1").arg(old));
        QCOMPARE(expired.status, 410);
        QCOMPARE(expired.errorCode(), QStringLiteral("expired"));
        QVERIFY(!QFileInfo::exists(gateway.dataDir() + QStringLiteral("/homes/") + qEnvironmentVariable("USER") + u'/'
                                   + oldDirectory));
        QCOMPARE(api.get(QStringLiteral("/api/v1/jobs/%1").arg(recent)).status, 200);
    }

    void servesHttpsWithACertificate()
    {
        QTemporaryDir dir;
        QVERIFY(test::writeLoopbackCertificate(dir.path()));

        test::GatewayProcess gateway;
        QVERIFY(gateway.start({QStringLiteral("--tls-cert"), dir.filePath(QStringLiteral("cert.pem")),
                               QStringLiteral("--tls-key"), dir.filePath(QStringLiteral("key.pem"))}));
        QCOMPARE(gateway.baseUrl().scheme(), QStringLiteral("https"));

        QNetworkAccessManager network;
        QNetworkRequest request(gateway.baseUrl().resolved(QUrl(QStringLiteral("/healthz"))));
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(QSslCertificate::fromPath(dir.filePath(QStringLiteral("cert.pem"))));
        request.setSslConfiguration(ssl);
        QNetworkReply *reply = network.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("status")).toString(),
                 QStringLiteral("ok"));
    }

    void servesItsOpenApiDocument()
    {
        test::GatewayProcess gateway;
        QVERIFY(gateway.start());
        ApiClient api(gateway.baseUrl());
        const auto served = api.get(QStringLiteral("/api/v1/openapi.json"));
        QCOMPARE(served.status, 200);
        QCOMPARE(served.json,
                 QJsonDocument::fromJson(sourceFile(QStringLiteral("core/gateway/api/openapi.json"))).object());
        QCOMPARE(served.json.value(QStringLiteral("openapi")).toString(), QStringLiteral("3.1.0"));
        // Without a token, the API answers 401 with a JSON error, as documented.
        const auto anonymous = api.get(QStringLiteral("/api/v1/jobs"));
        QCOMPARE(anonymous.status, 401);
        QCOMPARE(anonymous.errorCode(), QStringLiteral("unauthorized"));
    }

    void refusesPlainHttpOffLoopback()
    {
        const auto result
            = gatewayCommand({QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains("--tls-cert"));
    }

    void commandLineManagesAccounts()
    {
        QTemporaryDir data;
        const QStringList base{QStringLiteral("--data-dir"), data.path(), QStringLiteral("user")};
        auto added
            = gatewayCommand(base
                                 + QStringList{QStringLiteral("add"), QStringLiteral("prof"), QStringLiteral("--role"),
                                               QStringLiteral("instructor"), QStringLiteral("--group"),
                                               QStringLiteral("hpc101"), QStringLiteral("--password-stdin")},
                             "correct horse\n");
        QCOMPARE(added.exitCode, 0);
        QCOMPARE(gatewayCommand(base
                                + QStringList{QStringLiteral("add"), QStringLiteral("prof"), QStringLiteral("--role"),
                                              QStringLiteral("user")})
                     .exitCode,
                 1);
        QCOMPARE(gatewayCommand(base + QStringList{QStringLiteral("add"), QStringLiteral("Bad Name")}).exitCode, 2);
        QCOMPARE(gatewayCommand(base
                                + QStringList{QStringLiteral("add"), QStringLiteral("lim"), QStringLiteral("--view"),
                                              QStringLiteral("limited")})
                     .exitCode,
                 0);
        QCOMPARE(gatewayCommand(base
                                + QStringList{QStringLiteral("add"), QStringLiteral("odd"), QStringLiteral("--view"),
                                              QStringLiteral("expert")})
                     .exitCode,
                 2);
        QCOMPARE(gatewayCommand(base
                                + QStringList{QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--role"),
                                              QStringLiteral("root")})
                     .exitCode,
                 2);

        // A class list with one bad row adds nobody.
        QFile csv(data.filePath(QStringLiteral("class.csv")));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("name,role,group,password\nann,user,hpc101\nben,user,hpc101,\ncarl,wizard,hpc101\n");
        csv.close();
        const auto rejected = gatewayCommand(base + QStringList{QStringLiteral("import"), csv.fileName()});
        QCOMPARE(rejected.exitCode, 2);
        QVERIFY(rejected.err.contains("class.csv:4"));
        QCOMPARE(gatewayCommand(base + QStringList{QStringLiteral("list")}).out.count('\n'), 2);

        QVERIFY(csv.open(QIODevice::WriteOnly | QIODevice::Truncate));
        csv.write("name,role,group,password\nann,user,hpc101\nben,user,hpc101,benpass\n");
        csv.close();
        const auto imported = gatewayCommand(base + QStringList{QStringLiteral("import"), csv.fileName()});
        QCOMPARE(imported.exitCode, 0);
        // ann had no password: one was generated and printed for the instructor to hand out.
        const QList<QByteArray> lines = imported.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        QVERIFY(lines.first().startsWith("ann,"));
        const QString annPassword = QString::fromUtf8(lines.first().mid(4));
        QVERIFY(annPassword.size() >= 12);
        QCOMPARE(gatewayCommand(base + QStringList{QStringLiteral("list")}).out.count('\n'), 4);

        // The accounts sign in over HTTP with those passwords.
        test::GatewayProcess gateway(data.path());
        QVERIFY(gateway.start({QStringLiteral("--no-local-user")}));
        ApiClient api(gateway.baseUrl());
        QVERIFY(api.login(QStringLiteral("prof"), QStringLiteral("correct horse")));
        const QJsonObject me = api.get(QStringLiteral("/api/v1/me")).json;
        QCOMPARE(me.value(QStringLiteral("role")).toString(), QStringLiteral("instructor"));
        QCOMPARE(me.value(QStringLiteral("group")).toString(), QStringLiteral("hpc101"));
        QVERIFY(api.login(QStringLiteral("ann"), annPassword));
        QCOMPARE(api.get(QStringLiteral("/api/v1/me")).json.value(QStringLiteral("views")).toArray(),
                 QJsonArray{QStringLiteral("default")});
        QVERIFY(api.login(QStringLiteral("ben"), QStringLiteral("benpass")));
        QVERIFY(!QFile::exists(data.filePath(QStringLiteral("local-token"))));

        const auto help = gatewayCommand({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char *command : {"serve", "user add", "user import", "user list", "--tls-cert", "--retention-days"})
            QVERIFY2(help.out.contains(command), command);
        QCOMPARE(gatewayCommand({QStringLiteral("frobnicate")}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestGatewayOperations)
#include "TestGatewayOperations.moc"
