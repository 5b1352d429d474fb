#include "client/GatewayConnection.h"
#include "client/GatewayRequest.h"
#include "support/GatewayProcess.h"

#include <QJsonObject>
#include <QtTest>

#include <csignal>

using namespace tandem;

class TestGatewayServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void healthzAnswersOverLoopback()
    {
        test::GatewayProcess gateway;
        QVERIFY(gateway.start());
        QCOMPARE(gateway.baseUrl().host(), QStringLiteral("127.0.0.1"));
        QVERIFY(gateway.baseUrl().port() > 0);

        GatewayConnection connection(gateway.baseUrl());
        GatewayRequest *request = connection.request("GET", QStringLiteral("healthz"));
        QSignalSpy finished(request, &GatewayRequest::finished);
        request->start();
        QVERIFY(finished.wait(5000));
        QVERIFY2(request->succeeded(), qPrintable(request->error().message));
        QCOMPARE(request->httpStatus(), 200);
        QCOMPARE(request->json().object().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QVERIFY(!request->json().object().value(QStringLiteral("version")).toString().isEmpty());
    }

    void unknownPathIs404()
    {
        test::GatewayProcess gateway;
        QVERIFY(gateway.start());
        GatewayConnection connection(gateway.baseUrl());
        GatewayRequest *request = connection.request("GET", QStringLiteral("no/such/thing"));
        QSignalSpy finished(request, &GatewayRequest::finished);
        request->start();
        QVERIFY(finished.wait(5000));
        QVERIFY(!request->succeeded());
        QCOMPARE(request->httpStatus(), 404);
        QCOMPARE(request->error().kind, Error::Kind::NotFound);
    }

    void sigtermShutsDownCleanly()
    {
        test::GatewayProcess gateway;
        QVERIFY(gateway.start());
        QVERIFY(::kill(pid_t(gateway.pid()), SIGTERM) == 0);
        // Wait for it to end on its own: a second SIGTERM during shutdown would (rightly) end it at once.
        QVERIFY(gateway.waitForExit(10000));
        gateway.stop();
        QCOMPARE(gateway.exitCode(), 0);
        QVERIFY2(gateway.output().contains(QStringLiteral("shutting down")), qPrintable(gateway.output()));
    }

    void unreachableGatewayIsAnError()
    {
        const quint16 port = test::GatewayProcess::unusedLoopbackPort();

        GatewayConnection connection(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        QSignalSpy changed(&connection, &GatewayConnection::stateChanged);
        connection.checkHealth();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), GatewayConnection::State::Offline, 5000);
        QCOMPARE(connection.lastError().code, QStringLiteral("network"));
        QVERIFY(connection.lastError().message.contains(QString::number(port)));
        QCOMPARE(changed.size(), 2); // Checking, then Offline
    }

    void badListenIsAUsageError()
    {
        QProcess process;
        process.start(QStringLiteral(TANDEM_GATEWAY_BINARY),
                      {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:99999")});
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("99999"));
    }
};

QTEST_GUILESS_MAIN(TestGatewayServer)
#include "TestGatewayServer.moc"
