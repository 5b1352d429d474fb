#include "common/ConnectDialog.h"
#include "common/ConnectionProfiles.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QtTest>

using namespace tandem;

class TestConnectDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // Settings of its own, so that concurrent runs of this test cannot meet in one file.
        QCoreApplication::setOrganizationName(QStringLiteral("TandemTest-%1").arg(QCoreApplication::applicationPid()));
        QSettings().clear();
    }

    void savesChoosesAndRemovesProfiles()
    {
        ConnectDialog dialog;
        dialog.show();
        QCOMPARE(dialog.list()->count(), 0);
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("Training room"));
        QTest::keyClicks(dialog.urlEdit(), QStringLiteral("ftp://gateway.example.org"));
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QVERIFY(dialog.problem()->isVisible());
        QCOMPARE(dialog.list()->count(), 0);

        dialog.urlEdit()->setText(QStringLiteral("https://gateway.example.org"));
        QTest::keyClicks(dialog.userEdit(), QStringLiteral("ann"));
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QVERIFY(!dialog.problem()->isVisible());
        QCOMPARE(dialog.list()->count(), 1);
        QCOMPARE(ConnectionProfiles::load().first().userName, QStringLiteral("ann"));

        QSignalSpy chosen(&dialog, &ConnectDialog::connectRequested);
        dialog.list()->setCurrentRow(0);
        QTest::mouseClick(dialog.connectButton(), Qt::LeftButton);
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.first().first().value<ConnectionProfile>().url,
                 QUrl(QStringLiteral("https://gateway.example.org")));
        const auto last = ConnectionProfiles::lastUsed();
        QVERIFY(last);
        QCOMPARE(last->name, QStringLiteral("Training room"));
        for (const char *same :
             {"https://gateway.example.org/", "https://GATEWAY.example.org:443", "https://gateway.example.org"}) {
            const auto found = ConnectionProfiles::find(QUrl(QLatin1StringView(same)));
            QVERIFY2(found, same);
            QCOMPARE(found->userName, QStringLiteral("ann"));
        }
        QVERIFY(!ConnectionProfiles::find(QUrl(QStringLiteral("http://gateway.example.org"))));

        ConnectDialog again;
        QCOMPARE(again.list()->count(), 1);
        again.list()->setCurrentRow(0);
        QCOMPARE(again.userEdit()->text(), QStringLiteral("ann"));
        QTest::mouseClick(again.removeButton(), Qt::LeftButton);
        QCOMPARE(ConnectionProfiles::load().size(), 0);
    }

    void cleanupTestCase() { QSettings().clear(); }
};

QTEST_MAIN(TestConnectDialog)
#include "TestConnectDialog.moc"
