#include "MainWindow.h"
#include "client/GatewayConnection.h"
#include "support/GatewayProcess.h"
#include "support/Screenshot.h"

#include <QAbstractButton>
#include <QLabel>
#include <QTabWidget>
#include <QTranslator>
#include <QtTest>

using namespace tandem;

namespace {

// Every string ~60 % longer, with umlauts, as German often is: layouts must still fit.
class LongStringTranslator : public QTranslator
{
public:
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *source, const char *disambiguation, int n) const override
    {
        Q_UNUSED(context);
        Q_UNUSED(disambiguation);
        Q_UNUSED(n);
        const QString text = QString::fromUtf8(source);
        if (text.isEmpty())
            return {};
        // Grow words, keep placeholders, accelerators and trailing punctuation intact.
        QString longer;
        const QStringList words = text.split(u' ');
        for (const QString &word : words) {
            if (!longer.isEmpty())
                longer += u' ';
            longer += word;
            if (word.size() > 3 && !word.contains(u'%') && !word.contains(u'<'))
                longer += QStringLiteral("ungsäü").left(qMax(2, int(word.size() * 0.6)));
        }
        return longer;
    }
};

} // namespace

class TestLongStrings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyTabFitsAt1024x700()
    {
        LongStringTranslator translator;
        QVERIFY(QCoreApplication::installTranslator(&translator));
        QCOMPARE(QCoreApplication::translate("MainWindow", "&Compile"), QStringLiteral("&Compileungs"));

        test::GatewayProcess gateway;
        QVERIFY(gateway.start());
        GatewayConnection connection(gateway.baseUrl());
        connection.setToken(gateway.localToken());
        MainWindow window(&connection);
        window.resize(1024, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        connection.checkHealth();
        QTRY_COMPARE(connection.state(), GatewayConnection::State::Online);

        for (int i = 0; i < window.tabs()->count(); ++i) {
            window.tabs()->setCurrentIndex(i);
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest); // the shown tab's layout, settled
            QWidget *tab = window.tabs()->currentWidget();
            // The window's layout never asks for more than the screen we promise to fit.
            QVERIFY2(window.minimumSizeHint().width() <= 1024,
                     qPrintable(QString::number(window.minimumSizeHint().width())));
            QVERIFY2(window.minimumSizeHint().height() <= 700,
                     qPrintable(QString::number(window.minimumSizeHint().height())));
            // No visible button is squeezed below its text.
            for (QAbstractButton *button : tab->findChildren<QAbstractButton *>()) {
                if (!button->isVisibleTo(&window) || button->text().isEmpty())
                    continue;
                QVERIFY2(button->width() >= button->minimumSizeHint().width(),
                         qPrintable(QStringLiteral("%1: %2 < %3")
                                        .arg(button->text())
                                        .arg(button->width())
                                        .arg(button->minimumSizeHint().width())));
            }
            test::saveScreenshot(window, QStringLiteral("long-strings-%1").arg(i));
        }
        QCoreApplication::removeTranslator(&translator);
    }
};

QTEST_MAIN(TestLongStrings)
#include "TestLongStrings.moc"
