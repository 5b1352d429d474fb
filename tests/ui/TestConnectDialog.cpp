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
        QCOMPARE(ConnectionProfiles::lastUsed()->name, QStringLiteral("Training room"));
        QCOMPARE(ConnectionProfiles::find(QUrl(QStringLiteral("https://gateway.example.org/")))->userName,
                 QStringLiteral("ann"));

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
