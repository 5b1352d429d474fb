#include "support/ApiClient.h"
#include "support/GatewayProcess.h"

#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

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
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void aSessionIsAnSshdOnTheUsersHomeWithAVerifiedHostKey()
    {
        QTemporaryDir keys;
        const QString key = keys.filePath(QStringLiteral("id_ed25519"));
        QCOMPARE(run(QStringLiteral("ssh-keygen"),
                     {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                      QString(), QStringLiteral("-f"), key})
                     .exitCode,
                 0);
        QFile publicKey(key + QStringLiteral(".pub"));
        QVERIFY(publicKey.open(QIODevice::ReadOnly));
        const QString publicLine = QString::fromUtf8(publicKey.readAll()).trimmed();

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
        QCOMPARE(api.post(QStringLiteral("/api/v1/sessions"), {{QStringLiteral("publicKey"), publicLine}}).status, 409);

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
        QTemporaryDir other;
        run(QStringLiteral("ssh-keygen"),
            {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"), QString(),
             QStringLiteral("-f"), other.filePath(QStringLiteral("k"))});
        QStringList intruder = ssh;
        intruder[1] = other.filePath(QStringLiteral("k"));
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
};

QTEST_GUILESS_MAIN(TestSessions)
#include "TestSessions.moc"
