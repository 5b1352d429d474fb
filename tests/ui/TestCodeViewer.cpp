#include "code/CodeViewer.h"
#include "code/FindBar.h"

#include <QLabel>
#include <QLineEdit>
#include <QTextBlock>
#include <QTextLayout>
#include <QVBoxLayout>
#include <QtTest>

using namespace tandem;

class TestCodeViewer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void definitionFollowsFileName_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("definition");
        QTest::newRow("C") << "main.c" << "C";
        QTest::newRow("C++") << "solver.cpp" << "C++";
        QTest::newRow("Fortran") << "kernel.f90" << "Fortran (Free Format)";
        // KSyntaxHighlighting 6.13 has no CUDA definition of its own; .cu is highlighted as ISO C++.
        QTest::newRow("CUDA") << "saxpy.cu" << "ISO C++";
        QTest::newRow("shell") << "job.sh" << "Bash";
        QTest::newRow("Makefile") << "Makefile" << "Makefile";
        QTest::newRow("CMake") << "CMakeLists.txt" << "CMake";
    }

    void definitionFollowsFileName()
    {
        QFETCH(QString, fileName);
        QFETCH(QString, definition);
        CodeViewer viewer;
        viewer.setCode(fileName, QStringLiteral("x\n"));
        QCOMPARE(viewer.definitionName(), definition);
    }

    void findsWithWrapAroundFromCtrlF()
    {
        QWidget window;
        auto *viewer = new CodeViewer(&window);
        auto *bar = new FindBar(viewer, &window);
        auto *layout = new QVBoxLayout(&window);
        layout->addWidget(viewer);
        layout->addWidget(bar);
        viewer->setCode(QStringLiteral("a.c"), QStringLiteral("int alpha;\nint beta;\nint ALPHA2;\n"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        viewer->setFocus();
        QVERIFY(!bar->isVisible());
        QTest::keyClick(viewer, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(bar->isVisible());
        QTest::keyClicks(bar->edit(), QStringLiteral("alpha"));
        QCOMPARE(viewer->textCursor().blockNumber(), 0);
        QTest::keyClick(bar->edit(), Qt::Key_Return);
        QCOMPARE(viewer->textCursor().blockNumber(), 2); // case-insensitive
        QTest::keyClick(bar->edit(), Qt::Key_Return);
        QCOMPARE(viewer->textCursor().blockNumber(), 0); // wrapped around
        QVERIFY(bar->status()->text().isEmpty());
        bar->edit()->setText(QStringLiteral("gamma"));
        bar->findNext();
        QCOMPARE(bar->status()->text(), QStringLiteral("Not found"));
    }

    void highlightsAndNumbersLines()
    {
        CodeViewer viewer;
        viewer.resize(500, 300);
        viewer.setCode(QStringLiteral("hello.c"),
                       QStringLiteral("#include <stdio.h>\nint main(void)\n{\n    return 0;\n}\n"));
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        QVERIFY(viewer.isReadOnly());
        // The highlighter formats the keyword "int" on line 2 differently from plain text.
        const QTextBlock line2 = viewer.document()->findBlockByNumber(1);
        QTRY_VERIFY(!line2.layout()->formats().isEmpty());
        QVERIFY(viewer.lineNumberAreaWidth() > 0);
        viewer.goToLine(4);
        QCOMPARE(viewer.textCursor().blockNumber(), 3);
    }
};

QTEST_MAIN(TestCodeViewer)
#include "TestCodeViewer.moc"
