#include "MainWindow.h"
#include "client/EventStreamClient.h"
#include "client/GatewayConnection.h"
#include "common/Notifier.h"
#include "support/ApiClient.h"
#include "support/GatewayProcess.h"
#include "support/JobSpecs.h"
#include "support/Screenshot.h"
#include "support/SourceFiles.h"
#include "support/SshKeyFile.h"

#include <QCheckBox>
#include <QDialog>
#include <QTemporaryDir>
#include <QtTest>

using namespace tandem;

// Notifications through the Notifier's seam (a recorder instead of the tray), from a real gateway's pushed events:
// a job starts, ends, nears its time limit; a session nears its idle and its lifetime limit; a kind turned off in
// the settings dialog is no longer raised.
class TestNotifications : public QObject
{
    Q_OBJECT

    struct Raised
    {
        Notifier::Kind kind;
        QString text;
    };

    QTemporaryDir m_dir;
    test::GatewayProcess m_gateway;
    std::unique_ptr<GatewayConnection> m_connection;
    std::unique_ptr<MainWindow> m_window;
    QList<Raised> m_raised;

    // The texts raised of one kind (about one job when `about` is given).
    QStringList texts(Notifier::Kind kind, const QString &about = {}) const
    {
        QStringList found;
        for (const Raised &raised : m_raised) {
            if (raised.kind == kind && raised.text.contains(about))
                found << raised.text;
        }
        return found;
    }

    qint64 submit(const QJsonObject &spec)
    {
        test::ApiClient api(m_gateway.baseUrl(), m_gateway.localToken());
        const auto job = api.post(QStringLiteral("/api/v1/jobs"), spec);
        return job.status == 201 ? job.json.value(QStringLiteral("id")).toInteger() : 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("notifications"));
        QFile config(m_dir.filePath(QStringLiteral("gateway.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        // Short limits, so the warnings (half-way at most) come within seconds.
        config.write(R"({"sessions": {"admin": {"maxLifetimeSeconds": 24, "idleTimeoutSeconds": 16}}})");
        config.close();
        QVERIFY(m_gateway.start({QStringLiteral("--config"), config.fileName()}));
        test::ApiClient api(m_gateway.baseUrl(), m_gateway.localToken());
        for (const char *name : {"hello.c", "sleeper.c"})
            QCOMPARE(api.put(QStringLiteral("/api/v1/files/") + QLatin1StringView(name),
                             test::sourceFile(QStringLiteral("tests/gateway/data/") + QLatin1StringView(name)))
                         .status,
                     201);
        m_connection = std::make_unique<GatewayConnection>(m_gateway.baseUrl());
        m_connection->setToken(m_gateway.localToken());
        m_window = std::make_unique<MainWindow>(m_connection.get());
        m_window->resize(1024, 700);
        m_window->show();
        m_window->notifier()->setPresenter(
            [this](Notifier::Kind kind, const QString &, const QString &text) { m_raised.append({kind, text}); });
        m_connection->checkHealth();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->events()->isConnected(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->windowTitle().isEmpty() && m_window->windowTitle().contains(u'—'), 10000);
    }

    void aJobStartingAndEndingIsTold()
    {
        const qint64 id = submit(test::compileSpec(QStringLiteral("hello.c"), QStringLiteral("hello")));
        QVERIFY(id > 0);
        const QString about = QStringLiteral("Job %1 ").arg(id);
        QTRY_COMPARE_WITH_TIMEOUT(texts(Notifier::Kind::JobEnded, about).size(), 1, 30000);
        QVERIFY2(texts(Notifier::Kind::JobEnded, about).first().contains(QStringLiteral("Finished")),
                 qPrintable(texts(Notifier::Kind::JobEnded, about).first()));
        // It ran for a moment: its start was told, before its end.
        QCOMPARE(texts(Notifier::Kind::JobStarted, about).size(), 1);
        QVERIFY(texts(Notifier::Kind::JobStarted, about).first().contains(QStringLiteral("is running")));
    }

    void aKindTurnedOffIsNotTold()
    {
        m_window->editNotificationSettings();
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<QDialog *>(QStringLiteral("notificationSettings"))));
        QList<QCheckBox *> boxes = dialog->findChildren<QCheckBox *>();
        QCOMPARE(boxes.size(), 4);
        for (QCheckBox *box : std::as_const(boxes))
            QVERIFY(box->isChecked());
        QCheckBox *started = dialog->findChild<QCheckBox *>(QStringLiteral("JobStarted"));
        QVERIFY(started);
        QVERIFY(test::saveScreenshot(*dialog, QStringLiteral("notification-settings")));
        QTest::mouseClick(started, Qt::LeftButton);
        QVERIFY(!Notifier::isEnabled(Notifier::Kind::JobStarted));
        dialog->close();

        const qint64 id = submit(test::compileSpec(QStringLiteral("hello.c"), QStringLiteral("hello2")));
        const QString about = QStringLiteral("Job %1 ").arg(id);
        QTRY_COMPARE_WITH_TIMEOUT(texts(Notifier::Kind::JobEnded, about).size(), 1, 30000);
        QVERIFY(texts(Notifier::Kind::JobStarted, about).isEmpty());
        Notifier::setEnabled(Notifier::Kind::JobStarted, true);
    }

    void aJobNearItsTimeLimitIsTold()
    {
        const qint64 compiled = submit(test::compileSpec(QStringLiteral("sleeper.c"), QStringLiteral("sleeper")));
        QTRY_COMPARE_WITH_TIMEOUT(texts(Notifier::Kind::JobEnded, QStringLiteral("Job %1 ").arg(compiled)).size(), 1,
                                  30000);
        test::ApiClient api(m_gateway.baseUrl(), m_gateway.localToken());
        const QString directory = api.get(QStringLiteral("/api/v1/jobs/%1").arg(compiled))
                                      .json.value(QStringLiteral("directory"))
                                      .toString();
        // A one-minute limit: told half-way, the lead being at most half of the limit.
        const qint64 id = submit({{QStringLiteral("type"), QStringLiteral("run")},
                                  {QStringLiteral("system"), QStringLiteral("local")},
                                  {QStringLiteral("maxMinutes"), 1},
                                  {QStringLiteral("executable"), QString(directory + QStringLiteral("/sleeper"))}});
        QVERIFY(id > 0);
        const QString about = QStringLiteral("Job %1 ").arg(id);
        QTRY_COMPARE_WITH_TIMEOUT(texts(Notifier::Kind::JobStarted, about).size(), 1, 15000);
        QVERIFY(texts(Notifier::Kind::JobNearLimit, about).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(texts(Notifier::Kind::JobNearLimit, about).size(), 1, 45000);
        QVERIFY2(texts(Notifier::Kind::JobNearLimit, about).first().contains(QStringLiteral("time limit")),
                 qPrintable(texts(Notifier::Kind::JobNearLimit, about).first()));
        QCOMPARE(api.post(QStringLiteral("/api/v1/jobs/%1/cancel").arg(id), {}).status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(texts(Notifier::Kind::JobEnded, about).size(), 1, 15000);
    }

    void aSessionNearItsLimitsIsTold()
    {
        // A session nobody connects to: idle from the start (16 s), and a lifetime of 24 s.
        test::SshKeyFile key;
        QVERIFY(key.isValid());
        test::ApiClient api(m_gateway.baseUrl(), m_gateway.localToken());
        const auto started
            = api.post(QStringLiteral("/api/v1/sessions"), {{QStringLiteral("publicKey"), key.publicLine()}});
        QCOMPARE(started.status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(texts(Notifier::Kind::SessionNearLimit, QStringLiteral("no connection")).size(), 1,
                                  20000);
        QTRY_COMPARE_WITH_TIMEOUT(texts(Notifier::Kind::SessionNearLimit, QStringLiteral("lifetime")).size(), 1, 20000);
        for (const QString &text : texts(Notifier::Kind::SessionNearLimit))
            qInfo("%s", qPrintable(text));
    }
};

QTEST_MAIN(TestNotifications)
#include "TestNotifications.moc"
