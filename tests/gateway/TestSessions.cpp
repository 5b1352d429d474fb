#include "support/ApiClient.h"
#include "support/GatewayProcess.h"
#include "support/Processes.h"
#include "support/SshKeyFile.h"

#include <QJsonArray>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace tandem;
using test::ApiClient;

namespace {

struct Ran
{
    int exitCode = -1;
    QString out;
    QString err;
};

Ran run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    process.waitForFinished(30000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestSessions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_key.isValid());
        m_publicKey = m_key.publicLine();
    }

    void aSessionIsAnSshdOnTheUsersHomeWithAVerifiedHostKey()
    {
        QTemporaryDir keys;
        const QString key = m_key.privateKeyPath();
        const QString publicLine = m_key.publicLine();

        test::GatewayProcess gateway;
        QVERIFY(gateway.start());
        ApiClient api(gateway.baseUrl(), gateway.localToken());
        QCOMPARE(api.put(QStringLiteral("/api/v1/files/notes.txt"), "in the gateway home\n").status, 201);

        QCOMPARE(api.post(QStringLiteral("/api/v1/sessions"),
                          {{QStringLiteral("publicKey"), QStringLiteral("echo hi; rm -rf ~")}})
                     .errorField(),
                 QStringLiteral("publicKey"));
        const auto started = api.post(QStringLiteral("/api/v1/sessions"), {{QStringLiteral("publicKey"), publicLine}});
        QCOMPARE(started.status, 202);
        QCOMPARE(started.json.value(QStringLiteral("state")).toString(), QStringLiteral("STARTING"));
        const qint64 id = started.json.value(QStringLiteral("id")).toInteger();
        QCOMPARE(api.post(QStringLiteral("/api/v1/sessions"), {{QStringLiteral("publicKey"), publicLine}}).status, 429);

        QJsonObject session;
        QTRY_VERIFY_WITH_TIMEOUT((session = api.get(QStringLiteral("/api/v1/sessions/%1").arg(id)).json)
                                         .value(QStringLiteral("state"))
                                         .toString()
                                     != u"STARTING",
                                 15000);
        QCOMPARE(session.value(QStringLiteral("state")).toString(), QStringLiteral("READY"));
        const QString port = QString::number(session.value(QStringLiteral("port")).toInt());
        const QString fingerprint = session.value(QStringLiteral("hostKeyFingerprint")).toString();

        // The host key the server presents is the one the API announced: build known_hosts from it only if it matches.
        const Ran scan = run(
            QStringLiteral("ssh-keyscan"),
            {QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-p"), port, QStringLiteral("127.0.0.1")});
        QVERIFY2(scan.exitCode == 0 && !scan.out.isEmpty(), qPrintable(scan.err));
        QFile knownHosts(keys.filePath(QStringLiteral("known_hosts")));
        QVERIFY(knownHosts.open(QIODevice::WriteOnly));
        knownHosts.write(scan.out.toUtf8());
        knownHosts.close();
        const Ran scanned = run(QStringLiteral("ssh-keygen"),
                                {QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("sha256"),
                                 QStringLiteral("-f"), knownHosts.fileName()});
        QCOMPARE(scanned.out.section(u' ', 1, 1), fingerprint);

        const QStringList ssh{QStringLiteral("-i"),
                              key,
                              QStringLiteral("-p"),
                              port,
                              QStringLiteral("-o"),
                              QStringLiteral("BatchMode=yes"),
                              QStringLiteral("-o"),
                              QStringLiteral("StrictHostKeyChecking=yes"),
                              QStringLiteral("-o"),
                              QStringLiteral("UserKnownHostsFile=") + knownHosts.fileName(),
                              session.value(QStringLiteral("userName")).toString() + QStringLiteral("@127.0.0.1")};
        const Ran shell
            = run(QStringLiteral("ssh"),
                  ssh + QStringList{QStringLiteral("cat notes.txt; if test -w /; then echo root-writable; fi")});
        QVERIFY2(shell.exitCode == 0, qPrintable(shell.err));
        QVERIFY(shell.out.contains(QStringLiteral("in the gateway home")));
        QVERIFY(!shell.out.contains(QStringLiteral("root-writable")));
        // A file written in the session is the file the Compile form sees.
        QCOMPARE(run(QStringLiteral("ssh"),
                     ssh + QStringList{QStringLiteral("echo 'int main(void){return 0;}' > made-in-terminal.c")})
                     .exitCode,
                 0);
        QCOMPARE(api.get(QStringLiteral("/api/v1/files/made-in-terminal.c")).body,
                 QByteArray("int main(void){return 0;}\n"));
        // Another key is refused.
        const test::SshKeyFile other;
        QVERIFY(other.isValid());
        QStringList intruder = ssh;
        intruder[1] = other.privateKeyPath();
        QVERIFY(run(QStringLiteral("ssh"), intruder + QStringList{QStringLiteral("true")}).exitCode != 0);

        const auto stopping = api.call("DELETE", QStringLiteral("/api/v1/sessions/%1").arg(id));
        QCOMPARE(stopping.status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(
            api.get(QStringLiteral("/api/v1/sessions/%1").arg(id)).json.value(QStringLiteral("state")).toString(),
            QStringLiteral("STOPPED"), 10000);
        QVERIFY(run(QStringLiteral("ssh"), ssh + QStringList{QStringLiteral("true")}).exitCode != 0);
        QCOMPARE(api.call("DELETE", QStringLiteral("/api/v1/sessions/%1").arg(id)).status, 409);
        QCOMPARE(api.get(QStringLiteral("/api/v1/sessions")).json.value(QStringLiteral("sessions")).toArray().size(),
                 1);
    }

    void limitsFollowTheRoleAndIdleSessionsStop()
    {
        QTemporaryDir dir;
        QFile config(dir.filePath(QStringLiteral("gateway.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(R"({"sessions": {"admin": {"maxSessions": 2, "maxLifetimeSeconds": 4, "idleTimeoutSeconds": 0},
                                      "user": {"idleTimeoutSeconds": 2, "memoryLimitMb": 256}}})");
        config.close();
        test::GatewayProcess gateway;
        QVERIFY(gateway.start({QStringLiteral("--config"), config.fileName()}));
        ApiClient admin(gateway.baseUrl(), gateway.localToken());
        QVERIFY(createUsers(admin, {{QStringLiteral("alice"), QStringLiteral("user"), QStringLiteral("c1")}}));
        ApiClient alice(gateway.baseUrl());
        QVERIFY(alice.login(QStringLiteral("alice"), QStringLiteral("secret-alice")));

        // The admin role may hold two sessions, a user one.
        const qint64 first = startSession(admin);
        const qint64 second = startSession(admin);
        QVERIFY(first > 0 && second > 0);
        const auto third = admin.post(QStringLiteral("/api/v1/sessions"), {{QStringLiteral("publicKey"), m_publicKey}});
        QCOMPARE(third.status, 429);
        QCOMPARE(third.errorCode(), QStringLiteral("session_limit"));
        const qint64 alices = startSession(alice);
        QVERIFY(alices > 0);
        QCOMPARE(alice.post(QStringLiteral("/api/v1/sessions"), {{QStringLiteral("publicKey"), m_publicKey}}).status,
                 429);
        const QJsonObject ready = waitForState(alice, alices, QStringLiteral("READY"));
        QVERIFY(ready.contains(QStringLiteral("idleTimeoutSeconds")));
        // The role's memory limit holds for every process in the session; core dumps are off.
        const Ran limited = run(QStringLiteral("ssh"),
                                sshArguments(ready)
                                    + QStringList{QStringLiteral("ulimit -v; ulimit -c; python3 -c "
                                                                 "'bytearray(512 * 1024 * 1024)' 2>&1 | tail -1")});
        QCOMPARE(limited.exitCode, 0);
        QCOMPARE(limited.out.split(u'\n').value(0), QStringLiteral("262144"));
        QCOMPARE(limited.out.split(u'\n').value(1), QStringLiteral("0"));
        QVERIFY2(limited.out.contains(QStringLiteral("MemoryError")), qPrintable(limited.out));

        // A connected client keeps a session from idling out: alice stays connected past her 2 s timeout.
        QProcess connected;
        connected.start(QStringLiteral("ssh"), sshArguments(ready) + QStringList{QStringLiteral("sleep 4")});
        QTRY_COMPARE_WITH_TIMEOUT(alice.get(QStringLiteral("/api/v1/sessions/%1").arg(alices))
                                      .json.value(QStringLiteral("connections"))
                                      .toInt(),
                                  1, 5000);
        // As long as that client stays (4 s, twice the idle timeout), the session is READY whenever asked.
        QDeadlineTimer stays(10000);
        while (connected.state() != QProcess::NotRunning && !stays.hasExpired()) {
            QCOMPARE(alice.get(QStringLiteral("/api/v1/sessions/%1").arg(alices)).json.value(u"state").toString(),
                     QStringLiteral("READY"));
            connected.waitForFinished(250);
        }
        QCOMPARE(connected.state(), QProcess::NotRunning);
        QCOMPARE(connected.exitCode(), 0);
        // Then, with nobody connected, it stops by itself and says why.
        const QJsonObject idle = waitForState(alice, alices, QStringLiteral("STOPPED"));
        QVERIFY2(idle.value(u"message").toString().contains(QStringLiteral("without a connection")),
                 qPrintable(idle.value(u"message").toString()));
        // The admin's sessions reach their lifetime (no idle timeout for admins here).
        QVERIFY(waitForState(admin, first, QStringLiteral("STOPPED"))
                    .value(u"message")
                    .toString()
                    .contains(QStringLiteral("at most")));
        QCOMPARE(waitForState(admin, second, QStringLiteral("STOPPED")).value(u"state").toString(),
                 QStringLiteral("STOPPED"));

        // A config file with a wrong setting is refused at start, naming it.
        QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
        config.write(R"({"sessions": {"user": {"idleTimeout": 5}}})");
        config.close();
        QTemporaryDir data;
        const Ran refused
            = run(QStringLiteral(TANDEM_GATEWAY_BINARY),
                  {QStringLiteral("serve"), QStringLiteral("--data-dir"), data.path(), QStringLiteral("--listen"),
                   QStringLiteral("127.0.0.1:0"), QStringLiteral("--config"), config.fileName()});
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains(QStringLiteral("sessions.user.idleTimeout")), qPrintable(refused.err));
    }

    void aSessionCannotReadAnotherUsersHome()
    {
        test::GatewayProcess gateway;
        QVERIFY(gateway.start());
        ApiClient admin(gateway.baseUrl(), gateway.localToken());
        QVERIFY(createUsers(admin,
                            {{QStringLiteral("alice"), QStringLiteral("user"), QStringLiteral("c1")},
                             {QStringLiteral("bob"), QStringLiteral("user"), QStringLiteral("c1")}}));
        ApiClient alice(gateway.baseUrl()), bob(gateway.baseUrl());
        QVERIFY(alice.login(QStringLiteral("alice"), QStringLiteral("secret-alice")));
        QVERIFY(bob.login(QStringLiteral("bob"), QStringLiteral("secret-bob")));
        QCOMPARE(bob.put(QStringLiteral("/api/v1/files/bobs-secret.txt"), "only bob\n").status, 201);
        const qint64 id = startSession(alice);
        const QJsonObject ready = waitForState(alice, id, QStringLiteral("READY"));
        const QString bobsFile = gateway.dataDir() + QStringLiteral("/homes/bob/bobs-secret.txt");
        QVERIFY(QFile::exists(bobsFile));
        const Ran looked = run(QStringLiteral("ssh"),
                               sshArguments(ready)
                                   + QStringList{QStringLiteral("cat %1; ls %2; find / -xdev -name bobs-secret.txt "
                                                                "2>/dev/null; echo done")
                                                     .arg(bobsFile, gateway.dataDir())});
        QCOMPARE(looked.exitCode, 0);
        QVERIFY2(!looked.out.contains(QStringLiteral("only bob")) && !looked.out.contains(QStringLiteral("bobs-")),
                 qPrintable(looked.out));
        QVERIFY(looked.out.contains(QStringLiteral("done")));

        // Only the owner gives a session a new key: not another user, not even an admin; a bad key is refused.
        const QString keyPath = QStringLiteral("/api/v1/sessions/%1/key").arg(id);
        QCOMPARE(bob.post(keyPath, {{QStringLiteral("publicKey"), m_publicKey}}).status, 404);
        QCOMPARE(admin.post(keyPath, {{QStringLiteral("publicKey"), m_publicKey}}).status, 404);
        QCOMPARE(alice.post(keyPath, {{QStringLiteral("publicKey"), QStringLiteral("ssh-ed25519 nope")}}).errorField(),
                 QStringLiteral("publicKey"));
        QCOMPARE(run(QStringLiteral("ssh"), sshArguments(ready) + QStringList{QStringLiteral("true")}).exitCode, 0);
    }

    void stopAllStopsTwentySessionsAndInstructorsOnlyTheirGroup()
    {
        test::GatewayProcess gateway;
        QVERIFY(gateway.start());
        ApiClient admin(gateway.baseUrl(), gateway.localToken());
        QList<std::tuple<QString, QString, QString>> users{
            {QStringLiteral("ian"), QStringLiteral("instructor"), QStringLiteral("c1")}};
        for (int i = 0; i < 20; ++i)
            users.append({QStringLiteral("student%1").arg(i), QStringLiteral("user"),
                          i < 10 ? QStringLiteral("c1") : QStringLiteral("c2")});
        QVERIFY(createUsers(admin, users));
        QHash<qint64, QString> groupOf;
        std::vector<std::unique_ptr<ApiClient>> students;
        for (int i = 0; i < 20; ++i) {
            students.push_back(std::make_unique<ApiClient>(gateway.baseUrl()));
            QVERIFY(
                students.back()->login(QStringLiteral("student%1").arg(i), QStringLiteral("secret-student%1").arg(i)));
            const qint64 id = startSession(*students.back());
            QVERIFY(id > 0);
            groupOf.insert(id, i < 10 ? QStringLiteral("c1") : QStringLiteral("c2"));
        }
        const auto states = [&admin] {
            QHash<qint64, QString> byId;
            for (const QJsonValue &session :
                 admin.get(QStringLiteral("/api/v1/sessions")).json.value(u"sessions").toArray())
                byId.insert(session[u"id"].toInteger(), session[u"state"].toString());
            return byId;
        };
        QTRY_COMPARE_WITH_TIMEOUT(states().values().count(QStringLiteral("READY")), 20, 30000);
        QList<quint16> ports;
        for (const QJsonValue &session :
             admin.get(QStringLiteral("/api/v1/sessions")).json.value(u"sessions").toArray())
            ports.append(quint16(session[u"port"].toInt()));

        // The instructor sees and stops the ten of group c1 only.
        ApiClient ian(gateway.baseUrl());
        QVERIFY(ian.login(QStringLiteral("ian"), QStringLiteral("secret-ian")));
        QCOMPARE(ian.get(QStringLiteral("/api/v1/sessions")).json.value(u"sessions").toArray().size(), 10);
        const auto byInstructor = ian.post(QStringLiteral("/api/v1/sessions/stop"), {{QStringLiteral("all"), true}});
        QCOMPARE(byInstructor.status, 202);
        QCOMPARE(byInstructor.json.value(u"sessions").toArray().size(), 10);
        QTRY_COMPARE_WITH_TIMEOUT(states().values().count(QStringLiteral("STOPPED")), 10, 15000);
        for (auto [id, state] : states().asKeyValueRange())
            QCOMPARE(state, groupOf.value(id) == u"c1" ? QStringLiteral("STOPPED") : QStringLiteral("READY"));
        QCOMPARE(ian.get(QStringLiteral("/api/v1/sessions/%1").arg(states().keys().constLast())).status,
                 groupOf.value(states().keys().constLast()) == u"c1" ? 200 : 404);

        // An id nobody has refuses the whole request; a bad selection names the field.
        const qint64 someC2 = [&] {
            for (auto [id, group] : groupOf.asKeyValueRange())
                if (group == u"c2")
                    return id;
            return qint64(0);
        }();
        const auto unknown
            = admin.post(QStringLiteral("/api/v1/sessions/stop"), {{QStringLiteral("ids"), QJsonArray{someC2, 999}}});
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.errorField(), QStringLiteral("ids"));
        QCOMPARE(states().value(someC2), QStringLiteral("READY"));
        QCOMPARE(admin.post(QStringLiteral("/api/v1/sessions/stop"), {{QStringLiteral("ids"), QStringLiteral("all")}})
                     .errorField(),
                 QStringLiteral("ids"));
        // Ian cannot stop c2's sessions by naming them.
        QCOMPARE(
            ian.post(QStringLiteral("/api/v1/sessions/stop"), {{QStringLiteral("ids"), QJsonArray{someC2}}}).status,
            404);

        // The admin stops everything at once: the answer comes before the sshds are gone.
        QElapsedTimer answered;
        answered.start();
        const auto all = admin.post(QStringLiteral("/api/v1/sessions/stop"), {{QStringLiteral("all"), true}});
        qInfo("stop all answered in %lld ms", answered.elapsed());
        QCOMPARE(all.status, 202);
        QCOMPARE(all.json.value(u"sessions").toArray().size(), 10);
        for (const QJsonValue &session : all.json.value(u"sessions").toArray())
            QCOMPARE(session[u"state"].toString(), QStringLiteral("STOPPING"));
        QTRY_COMPARE_WITH_TIMEOUT(states().values().count(QStringLiteral("STOPPED")), 20, 15000);
        for (quint16 port : std::as_const(ports)) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            QVERIFY2(!probe.waitForConnected(1000), qPrintable(QString::number(port)));
        }
        QCOMPARE(
            students.front()->get(QStringLiteral("/api/v1/sessions")).json.value(u"sessions")[0][u"message"].toString(),
            QStringLiteral("Stopped by ian."));
    }

    void aSessionSeesNothingOfTheGatewayAndLogsInWithoutUser()
    {
        // Started as a service manager might: no USER, no LOGNAME, and a secret of the gateway's in its environment.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("USER"));
        environment.remove(QStringLiteral("LOGNAME"));
        environment.insert(QStringLiteral("TANDEM_GATEWAY_SECRET"), QStringLiteral("s3cr3t-of-the-gateway"));
        test::GatewayProcess gateway;
        gateway.setEnvironment(environment);
        QVERIFY(gateway.start());
        ApiClient api(gateway.baseUrl(), gateway.localToken());
        const qint64 id = startSession(api);
        QVERIFY(id > 0);
        const QJsonObject ready = waitForState(api, id, QStringLiteral("READY"));
        QCOMPARE(ready.value(u"state").toString(), QStringLiteral("READY"));
        // The login name is the account database's, whatever the environment said.
        const Ran whoami = run(QStringLiteral("id"), {QStringLiteral("-un")});
        QCOMPARE(ready.value(u"userName").toString(), whoami.out.trimmed());

        QTcpServer outside;
        QVERIFY(outside.listen(QHostAddress::LocalHost, 0));
        const QString data = QFileInfo(gateway.dataDir()).absoluteFilePath();
        const QString probe
            = QStringLiteral("echo USER=$USER; env; echo ---; ls -A /run/user 2>&1; echo ---; ls -A %1 2>&1; echo ---; "
                             "cat %1/local-token 2>&1; echo ---; ls -A /home 2>&1; echo ---; "
                             "echo > /dev/tcp/127.0.0.1/%2 && echo NETWORK-OK")
                  .arg(data)
                  .arg(outside.serverPort());
        const Ran inside = run(QStringLiteral("ssh"), sshArguments(ready) + QStringList{probe});
        QVERIFY2(inside.exitCode == 0, qPrintable(inside.err));
        const QStringList parts = inside.out.split(QStringLiteral("---\n"));
        QCOMPARE(parts.size(), 6);
        QCOMPARE(parts[0].section(u'\n', 0, 0), QStringLiteral("USER=") + whoami.out.trimmed());
        QVERIFY2(!inside.out.contains(QStringLiteral("s3cr3t-of-the-gateway")), qPrintable(parts[0]));
        QVERIFY2(!parts[0].contains(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")), qPrintable(parts[0]));
        // No runtime directories, no session bus (on a machine without /run/user, there is nothing to hide).
        QVERIFY2(parts[1].trimmed().isEmpty() || parts[1].contains(QStringLiteral("No such file")),
                 qPrintable(parts[1]));
        QVERIFY2(parts[2].trimmed().isEmpty(), qPrintable(parts[2])); // the data directory is an empty folder
        QVERIFY2(!parts[3].contains(QString::fromLatin1(gateway.localToken())), qPrintable(parts[3]));
        // /home holds at most the mount point of the session's own home.
        QVERIFY2(parts[4].trimmed().split(u'\n', Qt::SkipEmptyParts).size() <= 1, qPrintable(parts[4]));
        // Sessions keep the network: users fetch code.
        QVERIFY2(parts[5].contains(QStringLiteral("NETWORK-OK")), qPrintable(inside.out + inside.err));
    }

    void aSessionOutlivesTheGateway()
    {
        // The gateway killed -9, then stopped and started as an upgrade would: the session's sshd and tmux go on, a
        // connected client keeps its connection, and the restarted gateway shows the session READY again with the
        // same endpoint and counts its connections. A session whose processes ended meanwhile is reported ended.
        test::GatewayProcess gateway;
        QVERIFY(gateway.start());
        ApiClient api(gateway.baseUrl(), gateway.localToken());
        const qint64 id = startSession(api);
        QVERIFY(id > 0);
        const QJsonObject ready = waitForState(api, id, QStringLiteral("READY"));
        QCOMPARE(ready.value(u"state").toString(), QStringLiteral("READY"));
        QProcess connected;
        connected.start(QStringLiteral("ssh"), sshArguments(ready) + QStringList{QStringLiteral("echo in; sleep 60")});
        QVERIFY(connected.waitForReadyRead(15000));
        QCOMPARE(connected.readAllStandardOutput(), QByteArray("in\n"));

        gateway.kill();
        QVERIFY(gateway.start());
        ApiClient again(gateway.baseUrl(), gateway.localToken());
        QJsonObject found = again.get(QStringLiteral("/api/v1/sessions/%1").arg(id)).json;
        QVERIFY2(found.value(u"state").toString() == u"READY", qPrintable(found.value(u"message").toString()));
        QCOMPARE(found.value(u"message").toString(), QStringLiteral("Found again after the gateway restarted."));
        for (const char *field : {"port", "hostKeyFingerprint", "userName"})
            QCOMPARE(found.value(QLatin1StringView(field)), ready.value(QLatin1StringView(field)));
        QCOMPARE(connected.state(), QProcess::Running); // the client never noticed
        QTRY_COMPARE_WITH_TIMEOUT(
            again.get(QStringLiteral("/api/v1/sessions/%1").arg(id)).json.value(u"connections").toInt(), 1, 5000);
        // A second session is still refused: the restarted gateway counts this one.
        QCOMPARE(again.post(QStringLiteral("/api/v1/sessions"), {{QStringLiteral("publicKey"), m_publicKey}}).status,
                 429);

        gateway.stop();
        QVERIFY(gateway.start());
        ApiClient third(gateway.baseUrl(), gateway.localToken());
        QCOMPARE(third.get(QStringLiteral("/api/v1/sessions/%1").arg(id)).json.value(u"state").toString(),
                 QStringLiteral("READY"));
        const Ran login = run(QStringLiteral("ssh"), sshArguments(ready) + QStringList{QStringLiteral("echo again")});
        QVERIFY2(login.exitCode == 0 && login.out == u"again\n", qPrintable(login.err));

        // Stopped through the restarted gateway: its processes go, the client's connection with them.
        QCOMPARE(third.call("DELETE", QStringLiteral("/api/v1/sessions/%1").arg(id)).status, 202);
        QCOMPARE(waitForState(third, id, QStringLiteral("STOPPED")).value(u"state").toString(),
                 QStringLiteral("STOPPED"));
        QVERIFY(connected.state() == QProcess::NotRunning || connected.waitForFinished(10000));
        QCOMPARE(test::processesWith(gateway.dataDir() + QStringLiteral("/sessions/")).size(), 0);

        // One that ends while no gateway runs is reported so once one does.
        const qint64 next = startSession(third);
        QCOMPARE(waitForState(third, next, QStringLiteral("READY")).value(u"state").toString(),
                 QStringLiteral("READY"));
        gateway.kill();
        const QStringList left = test::processesWith(gateway.dataDir() + QStringLiteral("/sessions/"));
        QVERIFY(!left.isEmpty());
        for (const QString &pid : left)
            ::kill(pid.toInt(), SIGKILL);
        QTRY_COMPARE_WITH_TIMEOUT(test::processesWith(gateway.dataDir() + QStringLiteral("/sessions/")).size(), 0,
                                  5000);
        QVERIFY(gateway.start());
        ApiClient fourth(gateway.baseUrl(), gateway.localToken());
        const QJsonObject ended = fourth.get(QStringLiteral("/api/v1/sessions/%1").arg(next)).json;
        QCOMPARE(ended.value(u"state").toString(), QStringLiteral("FAILED"));
        QCOMPARE(ended.value(u"message").toString(),
                 QStringLiteral("The session ended while the gateway was stopped."));

        // One still starting when the gateway is killed (its sshd launched, not yet probed): the restarted gateway
        // ends its processes instead of leaving them running unseen.
        const qint64 early = startSession(fourth);
        QVERIFY(early > 0);
        gateway.kill();
        QVERIFY(!test::processesWith(gateway.dataDir() + QStringLiteral("/sessions/")).isEmpty());
        QVERIFY(gateway.start());
        ApiClient fifth(gateway.baseUrl(), gateway.localToken());
        const QJsonObject discarded = fifth.get(QStringLiteral("/api/v1/sessions/%1").arg(early)).json;
        QCOMPARE(discarded.value(u"state").toString(), QStringLiteral("FAILED"));
        QCOMPARE(discarded.value(u"message").toString(),
                 QStringLiteral("The gateway restarted while the session was starting; start it again."));
        QTRY_COMPARE_WITH_TIMEOUT(test::processesWith(gateway.dataDir() + QStringLiteral("/sessions/")).size(), 0,
                                  5000);
    }

private:
    bool createUsers(ApiClient &admin, const QList<std::tuple<QString, QString, QString>> &users)
    {
        for (const auto &[name, role, group] : users) {
            if (admin.createUser(name, QStringLiteral("secret-") + name, role, group).status != 201)
                return false;
        }
        return true;
    }

    qint64 startSession(ApiClient &api)
    {
        const auto started = api.post(QStringLiteral("/api/v1/sessions"), {{QStringLiteral("publicKey"), m_publicKey}});
        return started.status == 202 ? started.json.value(u"id").toInteger() : 0;
    }

    static QJsonObject waitForState(ApiClient &api, qint64 id, const QString &state)
    {
        QJsonObject session;
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 20000) {
            session = api.get(QStringLiteral("/api/v1/sessions/%1").arg(id)).json;
            if (session.value(u"state").toString() == state)
                break;
            QTest::qWait(100);
        }
        return session;
    }

    QStringList sshArguments(const QJsonObject &session) const
    {
        return m_key.loginArguments(QStringLiteral("127.0.0.1"), quint16(session.value(u"port").toInt()),
                                    session.value(u"userName").toString());
    }

    test::SshKeyFile m_key;
    QString m_publicKey;
};

QTEST_GUILESS_MAIN(TestSessions)
#include "TestSessions.moc"
