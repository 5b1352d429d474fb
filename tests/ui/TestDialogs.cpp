// Every path behind the desktop's file and question dialogs, answered through the Dialogs seam instead of a window:
// saving a job's archive and one of its files, uploading files and a folder to the home, opening an archive, the
// About box, and each one cancelled. Against a gateway in the test's own process.
#include "MainWindow.h"
#include "client/EventStreamClient.h"
#include "client/GatewayApi.h"
#include "common/HomeFileList.h"
#include "common/MessageBanner.h"
#include "compile/CompileTab.h"
#include "history/JobHistoryModel.h"
#include "history/JobHistoryTab.h"
#include "support/InProcessGateway.h"
#include "support/ScriptedDialogs.h"

#include <QAction>
#include <QDir>
#include <QEventLoop>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace tandem;
using namespace Qt::StringLiterals;

namespace {

QByteArray contentOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QAction *actionNamed(QMenuBar *bar, const QString &text)
{
    for (QAction *action : bar->findChildren<QAction *>()) {
        if (action->text() == text)
            return action;
    }
    return nullptr;
}

} // namespace

class TestDialogs : public QObject
{
    Q_OBJECT

private:
    test::InProcessGateway m_gateway;
    std::unique_ptr<MainWindow> m_window;
    test::ScriptedDialogs m_dialogs;
    QTemporaryDir m_local;
    qint64 m_job = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_gateway.start(), qPrintable(m_gateway.errorString()));
        FilesApi files(m_gateway.connection());
        JobsApi jobs(m_gateway.connection());
        std::optional<Result<api::Job>> compiled;
        files.write(u"src/hello.c"_s, "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n", this,
                    [&](const Result<api::FileEntry> &) {
                        api::JobSpec spec;
                        spec.system = u"local"_s;
                        spec.preset = u"serial-c"_s;
                        spec.sources = {u"src/hello.c"_s};
                        spec.output = u"hello"_s;
                        spec.mode = api::JobSpec::Mode::Quick;
                        jobs.submit(spec, this, [&](const Result<api::Job> &job) { compiled = job; });
                    });
        QTRY_VERIFY_WITH_TIMEOUT(compiled.has_value(), 60000);
        QVERIFY2(*compiled, *compiled ? "" : qPrintable(compiled->error().message));
        m_job = (*compiled)->id;

        m_window = std::make_unique<MainWindow>(&m_gateway.connection());
        m_window->resize(1024, 700);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_gateway.connection().checkHealth();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->events()->isConnected(), 10000);
    }

    void cleanupTestCase() { m_window.reset(); }

    void cleanup()
    {
        if (QTest::currentTestFailed()) {
            for (MessageBanner *banner : m_window->findChildren<MessageBanner *>())
                qWarning("banner: %s", qPrintable(banner->text()));
        }
    }

    void theHistorySavesAnArchiveAndAFileOrNothing()
    {
        JobHistoryTab *history = m_window->historyTab();
        m_window->tabs()->setCurrentWidget(history);
        QTRY_VERIFY_WITH_TIMEOUT(history->model()->rowOf(m_job) >= 0, 10000);
        history->selectJob(m_job);
        QTRY_VERIFY_WITH_TIMEOUT(!history->files()->findItems(u"hello.c"_s, Qt::MatchExactly).isEmpty(), 10000);

        QPushButton *archive = test::buttonNamed<QPushButton>(history, u"Download archive…"_s);
        QVERIFY(archive && archive->isEnabled());
        const QString saved = m_local.filePath(u"job.tar.gz"_s);
        m_dialogs.answer(saved);
        QTest::mouseClick(archive, Qt::LeftButton);
        QCOMPARE(m_dialogs.asked().last(), u"Save job archive"_s);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(saved).size() > 0, 10000);
        QVERIFY(contentOf(saved).startsWith("\x1f\x8b"));

        // Cancelled: nothing is fetched or written.
        const QStringList before = QDir(m_local.path()).entryList(QDir::Files);
        m_dialogs.answer(QString());
        QTest::mouseClick(archive, Qt::LeftButton);
        QCOMPARE(m_dialogs.unanswered(), 0);
        QCOMPARE(QDir(m_local.path()).entryList(QDir::Files), before);

        history->files()->setCurrentItem(history->files()->findItems(u"hello.c"_s, Qt::MatchExactly).first());
        const QString source = m_local.filePath(u"hello-copy.c"_s);
        m_dialogs.answer(source);
        QTest::mouseClick(history->saveFileButton(), Qt::LeftButton);
        QCOMPARE(m_dialogs.asked().last(), u"Save hello.c"_s);
        QTRY_VERIFY_WITH_TIMEOUT(contentOf(source).contains("puts"), 10000);
    }

    void theHomeListUploadsFilesAndAFolderOrNothing()
    {
        CompileTab *compile = m_window->compileTab();
        m_window->tabs()->setCurrentWidget(compile);
        HomeFileList *sources = compile->findChild<HomeFileList *>();
        QVERIFY(sources);
        const QString local = m_local.filePath(u"ring.c"_s);
        QVERIFY(writeFile(local, "int main(void) { return 0; }\n"));

        m_dialogs.answer(QStringList{local});
        QTest::mouseClick(test::buttonNamed<QPushButton>(sources, u"Upload…"_s), Qt::LeftButton);
        QCOMPARE(m_dialogs.asked().last(), u"Upload files to your home"_s);
        QTRY_VERIFY_WITH_TIMEOUT(sources->paths().contains(u"uploads/ring.c"_s), 10000);
        QCOMPARE(contentOf(m_gateway.home() + u"/uploads/ring.c"_s), contentOf(local));

        const QStringList listed = sources->paths();
        m_dialogs.answer(QStringList());
        QTest::mouseClick(test::buttonNamed<QPushButton>(sources, u"Upload…"_s), Qt::LeftButton);
        QCOMPARE(sources->paths(), listed);

        const QString folder = m_local.filePath(u"project"_s);
        QVERIFY(writeFile(folder + u"/src/grid.c"_s, "int grid;\n"));
        QSignalSpy uploaded(sources, &HomeFileList::folderUploaded);
        m_dialogs.answer(folder);
        QTest::mouseClick(test::buttonNamed<QPushButton>(sources, u"Upload folder…"_s), Qt::LeftButton);
        QCOMPARE(m_dialogs.asked().last(), u"Upload a folder to your home"_s);
        QVERIFY(uploaded.wait(15000));
        QCOMPARE(uploaded.first().first().toString(), u"uploads/project"_s);
        QCOMPARE(contentOf(m_gateway.home() + u"/uploads/project/src/grid.c"_s), QByteArray("int grid;\n"));

        m_dialogs.answer(QString());
        QTest::mouseClick(test::buttonNamed<QPushButton>(sources, u"Upload folder…"_s), Qt::LeftButton);
        QCOMPARE(m_dialogs.unanswered(), 0);
        QCOMPARE(uploaded.size(), 1);
    }

    void theFileMenuOpensAnArchiveAndTheAboutBox()
    {
        const QString saved = m_local.filePath(u"job.tar.gz"_s);
        QVERIFY(QFile::exists(saved)); // from the history's test
        QAction *open = actionNamed(m_window->menuBar(), u"Open job &archive…"_s);
        QVERIFY(open);
        QSignalSpy imported(m_window->historyTab(), &JobHistoryTab::archivesImported);
        m_dialogs.answer(QStringList{saved});
        open->trigger();
        QCOMPARE(m_dialogs.asked().last(), u"Open job archives"_s);
        QVERIFY(imported.wait(15000));
        QCOMPARE(imported.first().first().toInt(), 1);
        QCOMPARE(m_window->tabs()->currentWidget(), m_window->historyTab());

        m_dialogs.answer(QStringList());
        open->trigger();
        QCOMPARE(m_dialogs.unanswered(), 0);
        QVERIFY(!imported.wait(300));

        QAction *about = actionNamed(m_window->menuBar(), u"&About Tandem"_s);
        QVERIFY(about);
        about->trigger();
        QCOMPARE(m_dialogs.asked().last(), u"About Tandem"_s);
    }
};

QTEST_MAIN(TestDialogs)
#include "TestDialogs.moc"
