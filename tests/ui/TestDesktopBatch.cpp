#include "MainWindow.h"
#include "client/EventStreamClient.h"
#include "client/GatewayConnection.h"
#include "code/CodeViewer.h"
#include "common/HomeFileList.h"
#include "common/JobFormController.h"
#include "common/MessageBanner.h"
#include "compile/CompileTab.h"
#include "history/JobFilterProxyModel.h"
#include "history/JobHistoryModel.h"
#include "history/JobHistoryTab.h"
#include "run/RunTab.h"
#include "support/ApiClient.h"
#include "support/GatewayProcess.h"
#include "support/Screenshot.h"
#include "support/SourceFiles.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

using namespace tandem;
using test::sourceFile;

namespace {

QString statusOf(MainWindow &window, qint64 id)
{
    const int row = window.historyTab()->model()->rowOf(id);
    return row < 0 ? QString() : window.historyTab()->model()->statusAt(row);
}

void screenshot(QWidget &window, const QString &name)
{
    test::saveScreenshot(window, QStringLiteral("desktop-") + name);
}

} // namespace

class TestDesktopBatch : public QObject
{
    Q_OBJECT

private:
    test::GatewayProcess m_gateway;
    std::unique_ptr<GatewayConnection> m_connection;
    std::unique_ptr<MainWindow> m_window;

    // Fills the Compile form with keystrokes and submits it; sets `id` to the new job's.
    void submitCompile(const QString &source, const QString &output, const QString &flags, qint64 &id,
                       const QString &libraries = {}, const QString &preset = QStringLiteral("serial-c"))
    {
        id = 0;
        CompileTab *compile = m_window->compileTab();
        m_window->tabs()->setCurrentWidget(compile);
        compile->modelBox()->setCurrentIndex(compile->modelBox()->findData(preset));
        QVERIFY(compile->modelBox()->currentIndex() >= 0);
        compile->sources()->setPaths({source});
        compile->outputEdit()->clear();
        QTest::keyClicks(compile->outputEdit(), output);
        compile->flagsEdit()->clear();
        QTest::keyClicks(compile->flagsEdit(), flags);
        compile->librariesEdit()->clear();
        QTest::keyClicks(compile->librariesEdit(), libraries);
        const QString end = (libraries.isEmpty() ? QString() : libraries + u' ') + QStringLiteral("-o ") + output;
        QTRY_VERIFY_WITH_TIMEOUT(compile->submitButton()->isEnabled() && compile->preview()->text().endsWith(end),
                                 10000);
        QSignalSpy submitted(compile, &CompileTab::submitted);
        QTest::mouseClick(compile->submitButton(), Qt::LeftButton);
        QVERIFY(submitted.wait(10000));
        id = submitted.first().first().toJsonObject().value(QStringLiteral("id")).toInteger();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_gateway.start({QStringLiteral("--cores"), QStringLiteral("2")}));
        test::ApiClient api(m_gateway.baseUrl(), m_gateway.localToken());
        for (const char *name : {"hello.c", "broken.c", "sleeper.c", "sieve.c", "arraytask.c"})
            QCOMPARE(api.put(QStringLiteral("/api/v1/files/src/") + QLatin1StringView(name),
                             sourceFile(QStringLiteral("tests/gateway/data/") + QLatin1StringView(name)))
                         .status,
                     201);
        m_connection = std::make_unique<GatewayConnection>(m_gateway.baseUrl());
        m_connection->setToken(m_gateway.localToken());
        m_window = std::make_unique<MainWindow>(m_connection.get());
        m_window->resize(1024, 700);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_connection->checkHealth();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->events()->isConnected(), 10000);
    }

    void compileFormShowsTheCommandAndFieldErrors()
    {
        CompileTab *compile = m_window->compileTab();
        m_window->tabs()->setCurrentWidget(compile);
        QTRY_VERIFY(compile->systemBox()->count() > 0);
        QCOMPARE(compile->systemBox()->currentData().toString(), QStringLiteral("local"));
        compile->sources()->setPaths({QStringLiteral("src/hello.c")});
        compile->outputEdit()->clear();
        QTest::keyClicks(compile->outputEdit(), QStringLiteral("../escape"));
        // The gateway's field error appears next to the output field; nothing can be submitted.
        QTRY_VERIFY_WITH_TIMEOUT(!compile->form()->fieldError(QStringLiteral("output")).isEmpty(), 10000);
        QVERIFY(!compile->submitButton()->isEnabled());
        compile->outputEdit()->clear();
        QTest::keyClicks(compile->outputEdit(), QStringLiteral("hello"));
        QTRY_COMPARE_WITH_TIMEOUT(compile->preview()->text(), QStringLiteral("gcc hello.c -o hello"), 10000);
        QVERIFY(compile->form()->fieldError(QStringLiteral("output")).isEmpty());
        // The selected source is shown, highlighted, beside the form.
        QTRY_VERIFY_WITH_TIMEOUT(compile->codeViewer()->toPlainText().contains(QStringLiteral("printf")), 10000);
        screenshot(*m_window, QStringLiteral("compile"));
    }

    void uploadsLocalFilesAndFolders()
    {
        QTemporaryDir local;
        QDir(local.path()).mkpath(QStringLiteral("project/include"));
        for (const char *name : {"project/main.c", "project/include/util.h", "single.c"}) {
            QFile file(local.filePath(QLatin1StringView(name)));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("/* " + QByteArray(name) + " */\n");
        }
        CompileTab *compile = m_window->compileTab();
        QSignalSpy changed(compile->sources(), &HomeFileList::changed);
        compile->sources()->uploadLocalFiles({local.filePath(QStringLiteral("single.c"))});
        QTRY_VERIFY_WITH_TIMEOUT(compile->sources()->paths().contains(QStringLiteral("uploads/single.c")), 10000);
        QSignalSpy folder(compile->sources(), &HomeFileList::folderUploaded);
        compile->sources()->uploadLocalFolder(local.filePath(QStringLiteral("project")));
        QVERIFY(folder.wait(10000));
        QCOMPARE(folder.first().first().toString(), QStringLiteral("uploads/project"));
        test::ApiClient api(m_gateway.baseUrl(), m_gateway.localToken());
        QCOMPARE(api.get(QStringLiteral("/api/v1/files/uploads/project/include/util.h")).body,
                 QByteArray("/* project/include/util.h */\n"));
        compile->sources()->setPaths({});
    }

    void submittedJobsReachFinishedThroughPushedEvents()
    {
        qint64 id = 0;
        submitCompile(QStringLiteral("src/hello.c"), QStringLiteral("hello"), QStringLiteral("-O2"), id);
        QVERIFY(id > 0);
        QCOMPARE(m_window->tabs()->currentWidget(), m_window->historyTab());
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_window, id), QStringLiteral("FINISHED"), 30000);
        QCOMPARE(m_window->historyTab()->selectedJobId(), id);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->historyTab()->overview()->toPlainText().contains(QStringLiteral("gcc -O2 hello.c -o hello")),
            10000);
        QVERIFY(m_window->historyTab()->overview()->toPlainText().contains(QStringLiteral("Timeline")));

        // Run it from the Run form, quick mode, with an argument that a shell would have split.
        RunTab *run = m_window->runTab();
        m_window->tabs()->setCurrentWidget(run);
        // The program built by the compile job is offered by name; choosing it fills the program field.
        QTRY_VERIFY_WITH_TIMEOUT(run->compiledBox()->findText(QStringLiteral("hello (job %1)").arg(id)) >= 0, 10000);
        run->compiledBox()->setCurrentIndex(run->compiledBox()->findText(QStringLiteral("hello (job %1)").arg(id)));
        Q_EMIT run->compiledBox()->activated(run->compiledBox()->currentIndex());
        QVERIFY(run->executableEdit()->text().endsWith(QStringLiteral("compile-local-%1/hello").arg(id)));
        QTest::keyClicks(run->argumentsEdit(), QStringLiteral("\"a b\" c"));
        QTRY_VERIFY_WITH_TIMEOUT(
            run->preview()->text() == QStringLiteral("./hello 'a b' c") && run->submitButton()->isEnabled(), 10000);
        screenshot(*m_window, QStringLiteral("run"));
        QSignalSpy submitted(run, &RunTab::submitted);
        QTest::mouseClick(run->submitButton(), Qt::LeftButton);
        QVERIFY(submitted.wait(10000));
        const qint64 runId = submitted.first().first().toJsonObject().value(QStringLiteral("id")).toInteger();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_window, runId), QStringLiteral("FINISHED"), 30000);
        JobHistoryTab *history = m_window->historyTab();
        QTRY_COMPARE_WITH_TIMEOUT(history->stdoutView()->toPlainText(), QStringLiteral("hello [a b] [c]\n"), 10000);
        history->detailTabs()->setCurrentWidget(history->stdoutView());
        screenshot(*m_window, QStringLiteral("history"));
    }

    void clickingADiagnosticOpensTheSourceLine()
    {
        qint64 id = 0;
        submitCompile(QStringLiteral("src/broken.c"), QStringLiteral("broken"), {}, id);
        QVERIFY(id > 0);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_window, id), QStringLiteral("FAILED"), 30000);
        JobHistoryTab *history = m_window->historyTab();
        QTRY_VERIFY_WITH_TIMEOUT(history->stderrView()->toHtml().contains(QStringLiteral("diag:broken.c#3")), 10000);
        history->detailTabs()->setCurrentWidget(history->stderrView());
        QSignalSpy open(history, &JobHistoryTab::openSourceRequested);
        Q_EMIT history->stderrView()->anchorClicked(QUrl(QStringLiteral("diag:broken.c#3")));
        QCOMPARE(open.size(), 1);
        QVERIFY(open.first().at(0).toString().endsWith(QStringLiteral("/broken.c")));
        QCOMPARE(open.first().at(1).toInt(), 3);
        CompileTab *compile = m_window->compileTab();
        QCOMPARE(m_window->tabs()->currentWidget(), compile);
        QTRY_VERIFY_WITH_TIMEOUT(compile->codeViewer()->toPlainText().contains(QStringLiteral("undeclared_variable")),
                                 10000);
        QTRY_COMPARE_WITH_TIMEOUT(compile->codeViewer()->textCursor().blockNumber(), 2, 10000); // line 3
        screenshot(*m_window, QStringLiteral("diagnostic"));
    }

    // mpicc sieve.c -lm -o sieve: a program that needs libm links only with the library after its sources.
    void librariesComeAfterTheSources()
    {
        qint64 unlinked = 0;
        submitCompile(QStringLiteral("src/sieve.c"), QStringLiteral("sieve"), {}, unlinked, {},
                      QStringLiteral("mpi-c"));
        QVERIFY(unlinked > 0);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_window, unlinked), QStringLiteral("FAILED"), 60000);
        JobHistoryTab *history = m_window->historyTab();
        QTRY_VERIFY_WITH_TIMEOUT(
            history->stderrView()->toPlainText().contains(QStringLiteral("DSO missing from command line")), 10000);

        qint64 id = 0;
        submitCompile(QStringLiteral("src/sieve.c"), QStringLiteral("sieve"), {}, id, QStringLiteral("-lm"),
                      QStringLiteral("mpi-c"));
        QVERIFY(id > 0);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_window, id), QStringLiteral("FINISHED"), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(
            history->overview()->toPlainText().contains(QStringLiteral("mpicc sieve.c -lm -o sieve")), 10000);
        // Resubmitting with changes brings the libraries back into their field.
        CompileTab *compile = m_window->compileTab();
        compile->librariesEdit()->clear();
        api::JobSpec again;
        again.system = QStringLiteral("local");
        again.preset = QStringLiteral("mpi-c");
        again.sources = {QStringLiteral("src/sieve.c")};
        again.output = QStringLiteral("sieve");
        again.libraries = {QStringLiteral("-lm"), QStringLiteral("-Wl,--as-needed")};
        compile->prefill(again);
        QCOMPARE(compile->librariesEdit()->text(), QStringLiteral("-lm -Wl,--as-needed"));
        QTRY_COMPARE_WITH_TIMEOUT(compile->preview()->text(),
                                  QStringLiteral("mpicc sieve.c -lm -Wl,--as-needed -o sieve"), 10000);
        // Something that is not an option is refused at its field, and so is another output than the job's.
        for (const QString &refused : {QStringLiteral("m"), QStringLiteral("-o/tmp/elsewhere")}) {
            compile->librariesEdit()->setText(refused);
            QTRY_VERIFY_WITH_TIMEOUT(!compile->form()->fieldError(QStringLiteral("libraries")).isEmpty(), 10000);
            QVERIFY(!compile->submitButton()->isEnabled());
            compile->librariesEdit()->setText(QStringLiteral("-lm"));
            QTRY_VERIFY_WITH_TIMEOUT(compile->form()->fieldError(QStringLiteral("libraries")).isEmpty(), 10000);
        }
        compile->librariesEdit()->setText(QStringLiteral("-lm"));
        QTRY_VERIFY_WITH_TIMEOUT(compile->submitButton()->isEnabled(), 10000);
        m_window->tabs()->setCurrentWidget(compile);
        screenshot(*m_window, QStringLiteral("compile-libraries"));

        RunTab *run = m_window->runTab();
        m_window->tabs()->setCurrentWidget(run);
        const QString compiled = QStringLiteral("sieve (job %1)").arg(id);
        QTRY_VERIFY_WITH_TIMEOUT(run->compiledBox()->findText(compiled) >= 0, 10000);
        run->compiledBox()->setCurrentIndex(run->compiledBox()->findText(compiled));
        Q_EMIT run->compiledBox()->activated(run->compiledBox()->currentIndex());
        run->launcherBox()->setCurrentIndex(run->launcherBox()->findData(QStringLiteral("mpirun")));
        QVERIFY(run->launcherBox()->currentIndex() >= 0);
        run->coresBox()->setValue(2);
        run->argumentsEdit()->clear();
        QTest::keyClicks(run->argumentsEdit(), QStringLiteral("1000000"));
        QTRY_VERIFY_WITH_TIMEOUT(run->submitButton()->isEnabled()
                                     && run->preview()->text().endsWith(QStringLiteral("./sieve 1000000")),
                                 10000);
        QSignalSpy submitted(run, &RunTab::submitted);
        QTest::mouseClick(run->submitButton(), Qt::LeftButton);
        QVERIFY(submitted.wait(10000));
        const qint64 runId = submitted.first().first().toJsonObject().value(QStringLiteral("id")).toInteger();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_window, runId), QStringLiteral("FINISHED"), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(history->stdoutView()->toPlainText().contains(
                                     QStringLiteral("There are 78498 primes less than or equal to 1000000")),
                                 10000);
    }

    // A job array of 5, two at a time, whose task 3 fails: one row with its task counts, each task in the overview,
    // each with its index and its own outputs.
    void anArrayOfFiveWithOneFailingTask()
    {
        qint64 compiled = 0;
        submitCompile(QStringLiteral("src/arraytask.c"), QStringLiteral("arraytask"), {}, compiled);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_window, compiled), QStringLiteral("FINISHED"), 30000);
        RunTab *run = m_window->runTab();
        m_window->tabs()->setCurrentWidget(run);
        const QString program = QStringLiteral("arraytask (job %1)").arg(compiled);
        QTRY_VERIFY_WITH_TIMEOUT(run->compiledBox()->findText(program) >= 0, 10000);
        run->compiledBox()->setCurrentIndex(run->compiledBox()->findText(program));
        Q_EMIT run->compiledBox()->activated(run->compiledBox()->currentIndex());
        run->launcherBox()->setCurrentIndex(run->launcherBox()->findData(QStringLiteral("direct")));
        run->coresBox()->setValue(2);
        run->argumentsEdit()->setText(QStringLiteral("3"));
        // A range it cannot be, or more at a time than the job has cores, is refused at the field.
        for (const QString &refused : {QStringLiteral("5-1"), QStringLiteral("1-5%3")}) {
            run->arrayEdit()->setText(refused);
            QTRY_VERIFY_WITH_TIMEOUT(!run->form()->fieldError(QStringLiteral("array")).isEmpty(), 10000);
            QVERIFY(!run->submitButton()->isEnabled());
            run->arrayEdit()->clear();
            QTRY_VERIFY_WITH_TIMEOUT(run->form()->fieldError(QStringLiteral("array")).isEmpty(), 10000);
        }
        run->arrayEdit()->setText(QStringLiteral("1-5%2"));
        QTRY_VERIFY_WITH_TIMEOUT(
            run->form()->fieldError(QStringLiteral("array")).isEmpty() && run->submitButton()->isEnabled(), 10000);
        // The preview says what the array makes.
        QTRY_VERIFY_WITH_TIMEOUT(run->preview()->text().endsWith(QStringLiteral("./arraytask 3\nRuns as 5 task(s), at "
                                                                                "most 2 at a time.")),
                                 10000);
        QSignalSpy submitted(run, &RunTab::submitted);
        QTest::mouseClick(run->submitButton(), Qt::LeftButton);
        QVERIFY(submitted.wait(10000));
        const qint64 id = submitted.first().first().toJsonObject().value(QStringLiteral("id")).toInteger();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_window, id), QStringLiteral("FAILED"), 60000);
        JobHistoryTab *history = m_window->historyTab();
        const int row = history->model()->rowOf(id);
        QTRY_COMPARE_WITH_TIMEOUT(history->model()->index(row, JobHistoryModel::Status).data().toString(),
                                  QStringLiteral("Failed (1 of 5 tasks failed)"), 10000);
        history->selectJob(id);
        QTRY_VERIFY_WITH_TIMEOUT(history->overview()->toPlainText().contains(QStringLiteral("Tasks: 1 of 5 failed")),
                                 10000);
        QVERIFY(history->overview()->toPlainText().contains(QStringLiteral("3 (failed)")));
        QVERIFY(history->overview()->toPlainText().contains(QStringLiteral("1 of 5 task(s) failed: 3.")));
        history->detailTabs()->setCurrentIndex(0);
        screenshot(*m_window, QStringLiteral("array"));
        // Each task had its own index and outputs.
        test::ApiClient api(m_gateway.baseUrl(), m_gateway.localToken());
        const QJsonObject job = api.get(QStringLiteral("/api/v1/jobs/%1").arg(id)).json;
        QCOMPARE(job.value(u"tasks").toObject().value(u"failed").toInt(), 1);
        QCOMPARE(job.value(u"tasks").toObject().value(u"list").toArray().size(), 5);
        for (int index = 1; index <= 5; ++index) {
            QCOMPARE(api.get(QStringLiteral("/api/v1/jobs/%1/files/stdout-%2.txt").arg(id).arg(index)).body,
                     QStringLiteral("task %1 of the array\n").arg(index).toUtf8());
        }
        QVERIFY(api.get(QStringLiteral("/api/v1/jobs/%1/files/stderr-3.txt").arg(id)).body.contains("fails, as asked"));
    }

    void cancelARunningJob()
    {
        qint64 compiled = 0;
        submitCompile(QStringLiteral("src/sleeper.c"), QStringLiteral("sleeper"), {}, compiled);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_window, compiled), QStringLiteral("FINISHED"), 30000);
        test::ApiClient api(m_gateway.baseUrl(), m_gateway.localToken());
        const QString directory = api.get(QStringLiteral("/api/v1/jobs/%1").arg(compiled))
                                      .json.value(QStringLiteral("directory"))
                                      .toString();
        const qint64 id = api.post(QStringLiteral("/api/v1/jobs"),
                                   {{QStringLiteral("type"), QStringLiteral("run")},
                                    {QStringLiteral("system"), QStringLiteral("local")},
                                    {QStringLiteral("executable"), QString(directory + QStringLiteral("/sleeper"))}})
                              .json.value(QStringLiteral("id"))
                              .toInteger();
        // A job submitted elsewhere (another client, the API) appears by itself.
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_window, id), QStringLiteral("RUNNING"), 15000);
        JobHistoryTab *history = m_window->historyTab();
        m_window->tabs()->setCurrentWidget(history);
        history->selectJob(id);
        QTRY_VERIFY(history->cancelButton()->isEnabled());
        QVERIFY(!history->deleteButton()->isEnabled());
        QTest::mouseClick(history->cancelButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_window, id), QStringLiteral("CANCELLED"), 15000);
        QTRY_VERIFY(!history->cancelButton()->isEnabled());
        QVERIFY(history->deleteButton()->isEnabled());
    }

    void filterKeepsSelection()
    {
        JobHistoryTab *history = m_window->historyTab();
        const qint64 selected = history->selectedJobId();
        QVERIFY(selected > 0);
        QTest::keyClicks(history->filterEdit(), QStringLiteral("sleeper"));
        QTRY_VERIFY(history->proxy()->rowCount() < history->model()->rowCount());
        for (int row = 0; row < history->proxy()->rowCount(); ++row)
            QVERIFY(history->proxy()
                        ->index(row, JobHistoryModel::Name)
                        .data()
                        .toString()
                        .contains(QStringLiteral("sleeper")));
        history->filterEdit()->clear();
        QTRY_COMPARE(history->proxy()->rowCount(), history->model()->rowCount());
        QCOMPARE(history->selectedJobId(), selected);
        // System and period filters: every job here ran on "local", today.
        QTRY_VERIFY(history->systemFilter()->findData(QStringLiteral("local")) > 0);
        history->systemFilter()->setCurrentIndex(history->systemFilter()->findData(QStringLiteral("local")));
        history->periodFilter()->setCurrentIndex(history->periodFilter()->findData(1));
        QCOMPARE(history->proxy()->rowCount(), history->model()->rowCount());
        history->periodFilter()->setCurrentIndex(0);
        history->systemFilter()->setCurrentIndex(0);
    }

    void layoutFitsAt1024x700()
    {
        m_window->resize(1024, 700);
        for (QWidget *tab : {static_cast<QWidget *>(m_window->compileTab()), static_cast<QWidget *>(m_window->runTab()),
                             static_cast<QWidget *>(m_window->historyTab())}) {
            m_window->tabs()->setCurrentWidget(tab);
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest); // the shown tab's layout, settled
            QVERIFY2(m_window->width() <= 1024 && m_window->height() <= 700, "the window grew past 1024×700");
        }
        // The submit buttons are reachable (the forms scroll rather than clip).
        m_window->tabs()->setCurrentWidget(m_window->runTab());
        QVERIFY(m_window->runTab()->submitButton()->isVisibleTo(m_window.get()));
        screenshot(*m_window, QStringLiteral("1024x700-run"));
    }

    void goingOfflineKeepsTheHistoryBrowsable()
    {
        JobHistoryTab *history = m_window->historyTab();
        const int rows = history->model()->rowCount();
        QVERIFY(rows >= 4);
        m_gateway.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->events()->isConnected(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->connectionText(), QStringLiteral("Offline"), 10000);
        QVERIFY(m_window->banner()->isVisible());
        QVERIFY(m_window->banner()->text().startsWith(QStringLiteral("Offline — Cannot reach the gateway")));
        m_window->tabs()->setCurrentWidget(history);
        QCOMPARE(history->model()->rowCount(), rows);
        history->selectJob(history->model()->jobIdAt(0));
        QCOMPARE(history->selectedJobId(), history->model()->jobIdAt(0));
        screenshot(*m_window, QStringLiteral("offline"));
    }
};

QTEST_MAIN(TestDesktopBatch)
#include "TestDesktopBatch.moc"
