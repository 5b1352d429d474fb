#include "gateway/GatewayConfig.h"

#include <QtTest>

using tandem::gateway::GatewayConfig;

class TestGatewayConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void parseListen_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("port");

        QTest::newRow("host and port") << "127.0.0.1:9000" << true << "127.0.0.1" << 9000;
        QTest::newRow("port only") << ":0" << true << "127.0.0.1" << 0;
        QTest::newRow("host only") << "0.0.0.0" << true << "0.0.0.0" << 8470;
        QTest::newRow("localhost") << "localhost:8080" << true << "127.0.0.1" << 8080;
        QTest::newRow("ipv6") << "[::1]:8471" << true << "::1" << 8471;
        QTest::newRow("port too big") << "127.0.0.1:70000" << false << "" << 0;
        QTest::newRow("port not a number") << "127.0.0.1:http" << false << "" << 0;
        QTest::newRow("host name") << "example.org:80" << false << "" << 0;
        QTest::newRow("unclosed bracket") << "[::1:80" << false << "" << 0;
    }

    void parseListen()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const auto parsed = GatewayConfig::parseListen(text);
        QCOMPARE(parsed.has_value(), valid);
        if (!valid) {
            QCOMPARE(parsed.error().field, QStringLiteral("listen"));
            QVERIFY(parsed.error().message.contains(text));
            return;
        }
        QFETCH(QString, address);
        QFETCH(int, port);
        QCOMPARE(parsed->first.toString(), address);
        QCOMPARE(int(parsed->second), port);
    }
};

QTEST_GUILESS_MAIN(TestGatewayConfig)
#include "TestGatewayConfig.moc"
