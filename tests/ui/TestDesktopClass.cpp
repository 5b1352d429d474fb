#include "MainWindow.h"
#include "admin/AdminTab.h"
#include "admin/ClassImportDialog.h"
#include "admin/ClassView.h"
#include "client/EventStreamClient.h"
#include "client/GatewayConnection.h"
#include "code/CodeViewer.h"
#include "common/HomeFileList.h"
#include "common/MessageBanner.h"
#include "common/TemplatePicker.h"
#include "compile/CompileTab.h"
#include "history/JobFilterProxyModel.h"
#include "history/JobHistoryModel.h"
#include "history/JobHistoryTab.h"
#include "support/ApiClient.h"
#include "support/GatewayProcess.h"
#include "support/JobSpecs.h"
#include "support/Screenshot.h"
#include "support/ScriptedDialogs.h"
#include "support/SourceFiles.h"
#include "support/SshKeyFile.h"

#include <QComboBox>
#include <QDialog>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QtTest>

using namespace tandem;
using namespace Qt::StringLiterals;

// A training room through the desktop: an instructor and two students of class c1, one student of class c2, each
// with jobs of their own, on a real gateway. The instructor's Job History shows whose each job is, lists the class,
// one student or only their own jobs, and opens a student's job read-only; students never see each other's jobs.
class TestDesktopClass : public QObject
{
    Q_OBJECT

private:
    struct Account
    {
        QString name, role, group;
        std::unique_ptr<test::ApiClient> api;
    };

    test::GatewayProcess m_gateway;
    std::vector<Account> m_accounts;
    QHash<QString, QList<qint64>> m_jobsOf; // by account name

    test::ApiClient &api(const QString &name)
    {
        for (Account &account : m_accounts) {
            if (account.name == name)
                return *account.api;
        }
        qFatal("no account %s", qPrintable(name));
    }

    // A desktop signed in as `name`, its history loaded.
    struct Desktop
    {
        std::unique_ptr<GatewayConnection> connection;
        std::unique_ptr<MainWindow> window;
    };
    Desktop signIn(const QString &name)
    {
        Desktop desktop;
        desktop.connection = std::make_unique<GatewayConnection>(m_gateway.baseUrl());
        desktop.connection->setToken(api(name).token());
        desktop.window = std::make_unique<MainWindow>(desktop.connection.get());
        desktop.window->resize(1024, 700);
        desktop.window->show();
        desktop.connection->checkHealth();
        return desktop;
    }

    // The ids of the jobs the window's history holds (loaded, whether shown or filtered out).
    static QSet<qint64> loaded(MainWindow &window)
    {
        QSet<qint64> ids;
        JobHistoryModel *model = window.historyTab()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            ids.insert(model->jobIdAt(row));
        return ids;
    }
    static QSet<qint64> shown(MainWindow &window)
    {
        QSet<qint64> ids;
        JobFilterProxyModel *proxy = window.historyTab()->proxy();
        for (int row = 0; row < proxy->rowCount(); ++row)
            ids.insert(proxy->index(row, 0).data(JobHistoryModel::JobIdRole).toLongLong());
        return ids;
    }
    QSet<qint64> jobsOf(const QStringList &names) const
    {
        QSet<qint64> ids;
        for (const QString &name : names)
            ids.unite(QSet<qint64>(m_jobsOf.value(name).cbegin(), m_jobsOf.value(name).cend()));
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_gateway.start({QStringLiteral("--cores"), QStringLiteral("2")}));
        test::ApiClient admin(m_gateway.baseUrl(), m_gateway.localToken());
        for (const auto &[name, role, group] : {std::tuple{"ian", "instructor", "c1"},
                                                {"alice", "user", "c1"},
                                                {"amy", "user", "c1"},
                                                {"bob", "user", "c2"}}) {
            Account account{QLatin1StringView(name), QLatin1StringView(role), QLatin1StringView(group),
                            std::make_unique<test::ApiClient>(m_gateway.baseUrl())};
            QCOMPARE(admin.createUser(account.name, QStringLiteral("pw-") + account.name, account.role, account.group)
                         .status,
                     201);
            QVERIFY(account.api->login(account.name, QStringLiteral("pw-") + account.name));
            m_accounts.push_back(std::move(account));
        }
        // alice's compile fails with a diagnostic; amy and bob build hello.
        for (const auto &[name, source] : {std::pair{"alice", "broken"}, {"amy", "hello"}, {"bob", "hello"}}) {
            test::ApiClient &student = api(QLatin1StringView(name));
            const QString file = QLatin1StringView(source) + QStringLiteral(".c");
            QCOMPARE(student
                         .put(QStringLiteral("/api/v1/files/") + file,
                              test::sourceFile(QStringLiteral("tests/gateway/data/") + file))
                         .status,
                     201);
            const auto job
                = student.post(QStringLiteral("/api/v1/jobs"), test::compileSpec(file, QLatin1StringView(source)));
            QCOMPARE(job.status, 201);
            const qint64 id = job.json.value(QStringLiteral("id")).toInteger();
            student.waitUntilFinal(id);
            m_jobsOf[QLatin1StringView(name)] << id;
        }
    }

    void theInstructorSeesTheClassAndOpensAStudentsJobReadOnly()
    {
        Desktop ian = signIn(QStringLiteral("ian"));
        MainWindow &window = *ian.window;
        JobHistoryTab *history = window.historyTab();
        window.tabs()->setCurrentWidget(history);
        QTRY_VERIFY_WITH_TIMEOUT(history->scopeFilter()->isVisible(), 10000);
        // The class's scope, its students' jobs, and nothing of another class.
        QCOMPARE(history->scopeFilter()->currentData().toString(), QStringLiteral("class"));
        QCOMPARE(history->scopeFilter()->findData(QStringLiteral("all")), -1); // "Everyone" is for admins
        QVERIFY(history->scopeFilter()->findData(QStringLiteral("mine")) >= 0);
        QTRY_COMPARE_WITH_TIMEOUT(shown(window), jobsOf({QStringLiteral("alice"), QStringLiteral("amy")}), 10000);
        QVERIFY(!loaded(window).intersects(jobsOf({QStringLiteral("bob")})));
        QVERIFY(!history->view()->isColumnHidden(JobHistoryModel::Owner));
        const int aliceRow = history->model()->rowOf(m_jobsOf.value(QStringLiteral("alice")).first());
        QCOMPARE(history->model()->ownerAt(aliceRow), QStringLiteral("alice"));
        QCOMPARE(history->model()->headerData(JobHistoryModel::Owner, Qt::Horizontal).toString(),
                 QStringLiteral("Owner"));

        // One student.
        QTRY_VERIFY(history->ownerFilter()->isVisible() && history->ownerFilter()->findData(u"alice"_s) >= 0);
        QCOMPARE(history->ownerFilter()->findData(u"bob"_s), -1);
        history->ownerFilter()->setCurrentIndex(history->ownerFilter()->findData(u"alice"_s));
        QTRY_COMPARE(shown(window), jobsOf({QStringLiteral("alice")}));

        // Her failed compile, read-only: parameters and diagnostics, no resubmitting in her name.
        const qint64 aliceJob = m_jobsOf.value(QStringLiteral("alice")).first();
        history->selectJob(aliceJob);
        QTRY_VERIFY(history->readOnlyLabel()->isVisible());
        QVERIFY(history->readOnlyLabel()->text().contains(QStringLiteral("alice")));
        QVERIFY(!history->resubmitButton()->isEnabled());
        QVERIFY(!history->editButton()->isEnabled());
        QVERIFY(!history->deleteButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(history->overview()->toPlainText().contains(QStringLiteral("alice (class c1)")),
                                 10000);
        QTRY_VERIFY_WITH_TIMEOUT(history->stderrView()->toHtml().contains(QStringLiteral("diag:broken.c#3")), 10000);
        history->detailTabs()->setCurrentWidget(history->stderrView());
        QVERIFY(test::saveScreenshot(window, QStringLiteral("class-instructor-history")));
        // The diagnostic opens her copy of the source, read through her job, at the line.
        QSignalSpy requested(history, &JobHistoryTab::jobFileRequested);
        Q_EMIT history->stderrView()->anchorClicked(QUrl(QStringLiteral("diag:broken.c#3")));
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().at(0).toLongLong(), aliceJob);
        QCOMPARE(requested.first().at(1).toString(), QStringLiteral("broken.c"));
        QCOMPARE(requested.first().at(2).toInt(), 3);
        QDialog *viewer = nullptr;
        QTRY_VERIFY((viewer = window.findChild<QDialog *>(QStringLiteral("jobFileViewer"))));
        CodeViewer *code = viewer->findChild<CodeViewer *>();
        QTRY_VERIFY_WITH_TIMEOUT(code->toPlainText().contains(QStringLiteral("undeclared_variable")), 10000);
        QVERIFY(code->isReadOnly());
        QTRY_COMPARE(code->textCursor().blockNumber(), 2);
        // The Compile tab (the instructor's own home) was left alone.
        QCOMPARE(window.tabs()->currentWidget(), history);
        viewer->close();

        // Only their own jobs: the instructor has none.
        history->scopeFilter()->setCurrentIndex(history->scopeFilter()->findData(QStringLiteral("mine")));
        QTRY_VERIFY(shown(window).isEmpty());
        QVERIFY(!history->ownerFilter()->isVisible());
    }

    void aStudentSeesOnlyTheirOwnJobs()
    {
        for (const QString &name : {QStringLiteral("alice"), QStringLiteral("bob")}) {
            Desktop student = signIn(name);
            MainWindow &window = *student.window;
            QTRY_VERIFY_WITH_TIMEOUT(window.windowTitle().contains(name), 10000);
            QTRY_COMPARE_WITH_TIMEOUT(loaded(window), jobsOf({name}), 10000);
            JobHistoryTab *history = window.historyTab();
            QVERIFY(history->view()->isColumnHidden(JobHistoryModel::Owner));
            QVERIFY(!history->scopeFilter()->isVisible());
            history->selectJob(m_jobsOf.value(name).first());
            QTRY_VERIFY(history->resubmitButton()->isEnabled());
            QVERIFY(!history->readOnlyLabel()->isVisible());
            // A job of another student, submitted while this desktop is live, is not pushed to it.
            test::ApiClient &amy = api(QStringLiteral("amy"));
            const auto other = amy.post(QStringLiteral("/api/v1/jobs"),
                                        test::compileSpec(QStringLiteral("hello.c"), QStringLiteral("again")));
            QCOMPARE(other.status, 201);
            const qint64 id = other.json.value(QStringLiteral("id")).toInteger();
            amy.waitUntilFinal(id);
            QTest::qWait(500);
            QVERIFY(!loaded(window).contains(id));
            QCOMPARE(loaded(window), jobsOf({name}));
        }
    }

    void anAdminSeesEveryoneWithOwners()
    {
        GatewayConnection connection(m_gateway.baseUrl());
        connection.setToken(m_gateway.localToken());
        MainWindow window(&connection);
        window.resize(1024, 700);
        window.show();
        connection.checkHealth();
        JobHistoryTab *history = window.historyTab();
        window.tabs()->setCurrentWidget(history);
        QTRY_VERIFY_WITH_TIMEOUT(history->scopeFilter()->isVisible(), 10000);
        QCOMPARE(history->scopeFilter()->currentData().toString(), QStringLiteral("all"));
        QTRY_VERIFY_WITH_TIMEOUT(
            shown(window).contains(jobsOf({QStringLiteral("alice"), QStringLiteral("amy"), QStringLiteral("bob")})),
            10000);
        QVERIFY(test::saveScreenshot(window, QStringLiteral("class-admin-history")));
    }

    // The Class view: the class's members with their sessions and jobs, kept current by pushed events.
    void theClassViewFollowsTheClassLive()
    {
        Desktop ian = signIn(QStringLiteral("ian"));
        MainWindow &window = *ian.window;
        QTRY_VERIFY_WITH_TIMEOUT(window.tabs()->isTabVisible(window.tabs()->indexOf(window.adminTab())), 10000);
        window.tabs()->setCurrentWidget(window.adminTab());
        ClassView *view = window.adminTab()->classView();
        QCOMPARE(window.adminTab()->pages()->currentWidget(), view);
        QTRY_VERIFY_WITH_TIMEOUT(view->row(QStringLiteral("alice")) && view->row(QStringLiteral("amy")), 10000);
        QVERIFY(!view->row(QStringLiteral("bob"))); // another class
        QVERIFY(view->row(QStringLiteral("ian")));
        QVERIFY(view->classEdit()->isReadOnly()); // an instructor's class is theirs
        QTreeWidgetItem *alice = view->row(QStringLiteral("alice"));
        QCOMPARE(alice->text(ClassView::Jobs), QStringLiteral("1"));
        QCOMPARE(alice->text(ClassView::LastStatus), QStringLiteral("Failed"));
        QVERIFY(alice->text(ClassView::LastJob).contains(QStringLiteral("compile broken")));
        QCOMPARE(alice->text(ClassView::Session), QStringLiteral("None"));
        QTRY_VERIFY_WITH_TIMEOUT(window.events()->isConnected(), 10000);

        // alice starts a session and submits a job: both show without a refresh.
        test::SshKeyFile key;
        QVERIFY(key.isValid());
        const auto session
            = api(QStringLiteral("alice"))
                  .post(QStringLiteral("/api/v1/sessions"), {{QStringLiteral("publicKey"), key.publicLine()}});
        QCOMPARE(session.status, 202); // accepted: it starts
        QTRY_VERIFY_WITH_TIMEOUT(view->row(QStringLiteral("alice"))->text(ClassView::Session) != u"None", 15000);
        const qint64 jobsBefore = view->row(QStringLiteral("alice"))->text(ClassView::Jobs).toLongLong();
        QCOMPARE(api(QStringLiteral("alice"))
                     .put(QStringLiteral("/api/v1/files/hello.c"),
                          test::sourceFile(QStringLiteral("tests/gateway/data/hello.c")))
                     .status,
                 201);
        const auto job = api(QStringLiteral("alice"))
                             .post(QStringLiteral("/api/v1/jobs"),
                                   test::compileSpec(QStringLiteral("hello.c"), QStringLiteral("hello")));
        QCOMPARE(job.status, 201);
        const qint64 id = job.json.value(QStringLiteral("id")).toInteger();
        QTRY_COMPARE_WITH_TIMEOUT(view->row(QStringLiteral("alice"))->text(ClassView::Jobs).toLongLong(),
                                  jobsBefore + 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(view->row(QStringLiteral("alice"))->text(ClassView::LastStatus),
                                  QStringLiteral("Finished"), 30000);
        QVERIFY(view->row(QStringLiteral("alice"))->text(ClassView::LastJob).contains(QString::number(id)));
        QVERIFY(test::saveScreenshot(window, QStringLiteral("class-view")));

        // Her jobs from there: the history, scoped to the class, her alone.
        view->members()->clearSelection();
        view->row(QStringLiteral("alice"))->setSelected(true);
        QVERIFY(view->openHistoryButton()->isEnabled());
        QTest::mouseClick(view->openHistoryButton(), Qt::LeftButton);
        JobHistoryTab *history = window.historyTab();
        QCOMPARE(window.tabs()->currentWidget(), history);
        QCOMPARE(history->ownerFilter()->currentData().toString(), QStringLiteral("alice"));
        QTRY_COMPARE_WITH_TIMEOUT(shown(window), jobsOf({QStringLiteral("alice")}) + QSet<qint64>{id}, 10000);

        // Her session ends: the row says so.
        const qint64 sessionId = session.json.value(QStringLiteral("id")).toInteger();
        QCOMPARE(
            api(QStringLiteral("alice")).call("DELETE", QStringLiteral("/api/v1/sessions/%1").arg(sessionId)).status,
            202);
        QTRY_COMPARE_WITH_TIMEOUT(view->row(QStringLiteral("alice"))->text(ClassView::Session), QStringLiteral("None"),
                                  15000);
    }

    // A template: the instructor publishes his Compile form with its source; a student picks it, gets the file
    // in her home and the form filled, runs it; asked before her copy is replaced; another class never sees it.
    void aTemplateGoesFromTheInstructorToAStudent()
    {
        QCOMPARE(api(QStringLiteral("ian"))
                     .put(QStringLiteral("/api/v1/files/exercise/hello.c"),
                          test::sourceFile(QStringLiteral("tests/gateway/data/hello.c")))
                     .status,
                 201);
        test::ScriptedDialogs dialogs;
        {
            Desktop ian = signIn(QStringLiteral("ian"));
            MainWindow &window = *ian.window;
            CompileTab *compile = window.compileTab();
            window.tabs()->setCurrentWidget(compile);
            QTRY_VERIFY_WITH_TIMEOUT(compile->templateBar()->publishButton()->isVisible(), 10000);
            QTRY_VERIFY(compile->systemBox()->count() > 0);
            compile->sources()->setPaths({QStringLiteral("exercise/hello.c")});
            compile->outputEdit()->setText(QStringLiteral("hello"));
            dialogs.answer(QStringLiteral("First exercise: hello"));
            dialogs.answer(QStringLiteral("Compile it, then run it with your name as the argument."));
            QTest::mouseClick(compile->templateBar()->publishButton(), Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(
                window.findChild<MessageBanner *>() != nullptr
                    && compile->findChild<MessageBanner *>()->text().contains(QStringLiteral("Published")),
                10000);
        }
        QCOMPARE(api(QStringLiteral("bob"))
                     .get(QStringLiteral("/api/v1/templates"))
                     .json.value(u"templates")
                     .toArray()
                     .size(),
                 0);

        Desktop alice = signIn(QStringLiteral("alice"));
        MainWindow &window = *alice.window;
        CompileTab *compile = window.compileTab();
        window.tabs()->setCurrentWidget(compile);
        QVERIFY(!compile->templateBar()->publishButton()->isVisible());
        QTRY_VERIFY(compile->systemBox()->count() > 0);
        QTest::mouseClick(compile->templateBar()->templatesButton(), Qt::LeftButton);
        TemplatePicker *picker = compile->templateBar()->picker();
        QVERIFY(picker);
        QSignalSpy loaded(picker, &TemplatePicker::loaded);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(picker->templates()->count(), 1);
        QCOMPARE(picker->templates()->item(0)->text(), QStringLiteral("First exercise: hello"));
        QVERIFY(picker->details()->text().contains(QStringLiteral("your name as the argument")));
        QVERIFY(picker->details()->text().contains(QStringLiteral("hello.c")));
        QVERIFY(test::saveScreenshot(*picker, QStringLiteral("templates-picker")));
        QTest::mouseClick(picker->useButton(), Qt::LeftButton);
        const QString copy = QStringLiteral("templates/first-exercise-hello/hello.c");
        QTRY_COMPARE_WITH_TIMEOUT(compile->sources()->paths(), QStringList{copy}, 10000);
        QCOMPARE(compile->outputEdit()->text(), QStringLiteral("hello"));
        QCOMPARE(api(QStringLiteral("alice")).get(QStringLiteral("/api/v1/files/") + copy).body,
                 test::sourceFile(QStringLiteral("tests/gateway/data/hello.c")));
        QTRY_VERIFY_WITH_TIMEOUT(compile->submitButton()->isEnabled(), 10000);
        QVERIFY(test::saveScreenshot(window, QStringLiteral("templates-filled")));
        QSignalSpy submitted(compile, &CompileTab::submitted);
        QTest::mouseClick(compile->submitButton(), Qt::LeftButton);
        QVERIFY(submitted.wait(10000));
        const qint64 id = submitted.first().first().toJsonObject().value(QStringLiteral("id")).toInteger();
        QCOMPARE(api(QStringLiteral("alice")).waitUntilFinal(id).value(u"status").toString(),
                 QStringLiteral("FINISHED"));
        m_jobsOf[QStringLiteral("alice")] << id;
        // Her instructor sees it among the class's jobs.
        const auto listed = api(QStringLiteral("ian")).get(QStringLiteral("/api/v1/jobs?scope=class&owner=alice"));
        QVERIFY(
            listed.json.value(u"jobs").toArray().contains(QJsonValue(listed.json.value(u"jobs").toArray().first())));
        bool seen = false;
        for (const QJsonValue &row : listed.json.value(u"jobs").toArray())
            seen = seen || row[u"id"].toInteger() == id;
        QVERIFY(seen);

        // Picked again after she changed her copy: asked first; "no" leaves it, "yes" replaces it.
        QCOMPARE(api(QStringLiteral("alice")).put(QStringLiteral("/api/v1/files/") + copy, "/* mine */\n").status, 201);
        for (const bool replace : {false, true}) {
            QTest::mouseClick(compile->templateBar()->templatesButton(), Qt::LeftButton);
            TemplatePicker *again = compile->templateBar()->picker();
            QSignalSpy again_loaded(again, &TemplatePicker::loaded);
            QVERIFY(again_loaded.wait(10000));
            dialogs.answer(replace);
            QTest::mouseClick(again->useButton(), Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(dialogs.asked().contains(QStringLiteral("Replace your files?")), 10000);
            if (!replace) {
                QTRY_VERIFY(again->status()->text().contains(QStringLiteral("Nothing was copied")));
                QCOMPARE(api(QStringLiteral("alice")).get(QStringLiteral("/api/v1/files/") + copy).body,
                         QByteArray("/* mine */\n"));
                again->close();
            } else {
                QTRY_COMPARE_WITH_TIMEOUT(
                    api(QStringLiteral("alice")).get(QStringLiteral("/api/v1/files/") + copy).body,
                    test::sourceFile(QStringLiteral("tests/gateway/data/hello.c")), 10000);
            }
        }
    }

    // A class from a CSV in the desktop: 30 students and one bad line; what will be made is shown first, the bad
    // line is refused with its number, and the made-up passwords are saved once, to hand out.
    void aClassFromACsvList()
    {
        QTemporaryDir keep;
        QStringList lines{QStringLiteral("name,role,group,password")};
        for (int i = 1; i <= 30; ++i) {
            if (lines.size() == 16)
                lines << QStringLiteral("Bad Name,user"); // line 17
            lines << QStringLiteral("room%1").arg(i, 2, 10, QLatin1Char('0'));
        }
        const QString list = keep.filePath(QStringLiteral("class.csv"));
        {
            QFile file(list);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(lines.join(u'\n').toUtf8() + '\n');
        }
        test::ScriptedDialogs dialogs;
        Desktop ian = signIn(QStringLiteral("ian"));
        MainWindow &window = *ian.window;
        QTRY_VERIFY_WITH_TIMEOUT(window.tabs()->isTabVisible(window.tabs()->indexOf(window.adminTab())), 10000);
        window.tabs()->setCurrentWidget(window.adminTab());
        ClassView *view = window.adminTab()->classView();
        QTRY_VERIFY_WITH_TIMEOUT(view->row(QStringLiteral("alice")), 10000);
        QTest::mouseClick(view->importButton(), Qt::LeftButton);
        ClassImportDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = view->findChild<ClassImportDialog *>()));
        QSignalSpy checked(dialog, &ClassImportDialog::checked);
        dialogs.answer(QStringList{list});
        dialog->chooseFile();
        QVERIFY(checked.wait(10000));
        QCOMPARE(dialog->rows()->topLevelItemCount(), 31);
        QVERIFY2(dialog->summary()->text().contains(QStringLiteral("30 account(s) will be created")),
                 qPrintable(dialog->summary()->text()));
        QTreeWidgetItem *bad = dialog->rows()->topLevelItem(15);
        QCOMPARE(bad->text(ClassImportDialog::Line), QStringLiteral("17"));
        QVERIFY(bad->text(ClassImportDialog::Outcome).startsWith(QStringLiteral("Refused")));
        QCOMPARE(dialog->rows()->topLevelItem(0)->text(ClassImportDialog::Group), QStringLiteral("c1"));
        QVERIFY(!dialog->savePasswordsButton()->isEnabled());
        // Checked, not made.
        QVERIFY(!test::ApiClient(m_gateway.baseUrl()).login(QStringLiteral("room01"), QStringLiteral("x")));
        QVERIFY(test::saveScreenshot(*dialog, QStringLiteral("class-import-checked")));

        QSignalSpy created(dialog, &ClassImportDialog::created);
        QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
        QVERIFY(created.wait(30000));
        QCOMPARE(created.first().first().toInt(), 30);
        QVERIFY(dialog->savePasswordsButton()->isEnabled());
        const QString passwords = keep.filePath(QStringLiteral("passwords.csv"));
        dialogs.answer(passwords);
        QTest::mouseClick(dialog->savePasswordsButton(), Qt::LeftButton);
        QFile saved(passwords);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        const QList<QByteArray> rows = saved.readAll().trimmed().split('\n');
        QCOMPARE(rows.size(), 31);
        QCOMPARE(rows.first(), QByteArray("name,password"));
        QVERIFY(test::saveScreenshot(*dialog, QStringLiteral("class-import-created")));
        // A student signs in with the password handed out, into the class.
        const QList<QByteArray> first = rows.at(1).split(',');
        test::ApiClient student(m_gateway.baseUrl());
        QVERIFY(student.login(QString::fromUtf8(first.at(0)), QString::fromUtf8(first.at(1))));
        QCOMPARE(student.get(QStringLiteral("/api/v1/me")).json.value(QStringLiteral("group")).toString(),
                 QStringLiteral("c1"));
        // The class view shows them; the bad line made nothing.
        QTRY_VERIFY_WITH_TIMEOUT(view->row(QStringLiteral("room30")), 10000);
        test::ApiClient admin(m_gateway.baseUrl(), m_gateway.localToken());
        for (const QJsonValue &user : admin.get(QStringLiteral("/api/v1/users")).json.value(u"users").toArray())
            QVERIFY(!user[u"name"].toString().contains(u' '));
        dialog->close();
    }

    // The class's jobs as one archive, opened with no gateway at all: by student, with sources, outputs,
    // timelines and the diagnostics' links. (Last: it stops the gateway.)
    void aClassArchiveOpensOffline()
    {
        QTemporaryDir keep;
        const QString file = keep.filePath(QStringLiteral("class-c1.tar.gz"));
        QSet<qint64> archived;
        // alice's job folder is hers: she puts a record of her own in it, and rewrites its job.json, both claiming
        // to be amy's job. Neither is taken for a job: the archive holds the gateway's records.
        const qint64 amys = m_jobsOf.value(QStringLiteral("amy")).first();
        const qint64 alices = m_jobsOf.value(QStringLiteral("alice")).first();
        const QString folder = api(QStringLiteral("alice"))
                                   .get(QStringLiteral("/api/v1/jobs/%1").arg(alices))
                                   .json.value(u"directory")
                                   .toString();
        const QByteArray forged = QJsonDocument(QJsonObject{{QStringLiteral("id"), amys},
                                                            {QStringLiteral("owner"), QStringLiteral("amy")},
                                                            {QStringLiteral("name"), QStringLiteral("forged")}})
                                      .toJson();
        for (const QString &planted :
             QStringList{folder + QStringLiteral("/sub/job.json"), folder + QStringLiteral("/job.json")})
            QCOMPARE(api(QStringLiteral("alice")).put(QStringLiteral("/api/v1/files/") + planted, forged).status, 201);
        {
            Desktop ian = signIn(QStringLiteral("ian"));
            MainWindow &window = *ian.window;
            JobHistoryTab *history = window.historyTab();
            window.tabs()->setCurrentWidget(history);
            QTRY_VERIFY_WITH_TIMEOUT(history->scopeFilter()->isVisible(), 10000);
            QTRY_VERIFY_WITH_TIMEOUT(shown(window).contains(jobsOf({QStringLiteral("alice"), QStringLiteral("amy")})),
                                     10000);
            archived = shown(window);
            QTRY_VERIFY(history->archiveShownButton()->isEnabled());
            QSignalSpy saved(history, &JobHistoryTab::shownJobsSaved);
            history->saveShownJobs(file);
            QVERIFY(saved.wait(30000));
            QCOMPARE(saved.first().at(1).toStringList(), QStringList());
            QCOMPARE(saved.first().at(0).toInt(), archived.size());
        }
        m_gateway.stop();

        GatewayConnection connection(
            QUrl(QStringLiteral("http://127.0.0.1:%1").arg(test::GatewayProcess::unusedLoopbackPort())));
        MainWindow window(&connection);
        window.resize(1024, 700);
        window.show();
        connection.checkHealth();
        JobHistoryTab *history = window.historyTab();
        QTRY_VERIFY_WITH_TIMEOUT(history->isOffline(), 10000);
        window.tabs()->setCurrentWidget(history);
        QSignalSpy imported(history, &JobHistoryTab::archivesImported);
        QElapsedTimer opening;
        opening.start();
        history->importArchives({file});
        QVERIFY(imported.wait(10000));
        qInfo("%lld jobs of the class opened offline in %lld ms", qint64(archived.size()), opening.elapsed());
        QVERIFY2(imported.first().first().toInt() == archived.size(),
                 qPrintable(history->findChild<MessageBanner *>()->text()));
        const QModelIndex amysRow = history->model()->index(history->model()->rowOf(amys), JobHistoryModel::Name);
        QVERIFY(amysRow.data().toString() != u"forged");
        QCOMPARE(history->model()->ownerAt(history->model()->rowOf(alices)), QStringLiteral("alice"));
        QCOMPARE(history->model()->index(history->model()->rowOf(alices), JobHistoryModel::Name).data().toString(),
                 QStringLiteral("compile broken"));
        QVERIFY(loaded(window).contains(archived));
        // By student: whose each job is, and one student's alone.
        QVERIFY(!history->view()->isColumnHidden(JobHistoryModel::Owner));
        QVERIFY(history->ownerFilter()->isVisible());
        QVERIFY(history->ownerFilter()->findData(u"alice"_s) >= 0 && history->ownerFilter()->findData(u"amy"_s) >= 0);
        history->ownerFilter()->setCurrentIndex(history->ownerFilter()->findData(u"alice"_s));
        QTRY_VERIFY(!shown(window).isEmpty());
        for (const qint64 id : shown(window))
            QCOMPARE(history->model()->ownerAt(history->model()->rowOf(id)), QStringLiteral("alice"));
        // Her failed compile: timeline, diagnostics, and the source line they link to.
        const qint64 broken = m_jobsOf.value(QStringLiteral("alice")).first();
        history->selectJob(broken);
        QTRY_VERIFY_WITH_TIMEOUT(history->overview()->toPlainText().contains(QStringLiteral("Timeline")), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(history->stderrView()->toHtml().contains(QStringLiteral("diag:broken.c#3")), 5000);
        history->detailTabs()->setCurrentWidget(history->stderrView());
        QVERIFY(test::saveScreenshot(window, QStringLiteral("class-archive-offline")));
        Q_EMIT history->stderrView()->anchorClicked(QUrl(QStringLiteral("diag:broken.c#3")));
        QDialog *viewer = nullptr;
        QTRY_VERIFY((viewer = window.findChild<QDialog *>(QStringLiteral("jobFileViewer"))));
        CodeViewer *code = viewer->findChild<CodeViewer *>();
        QTRY_VERIFY(code->toPlainText().contains(QStringLiteral("undeclared_variable")));
        QTRY_COMPARE(code->textCursor().blockNumber(), 2);
    }
};

QTEST_MAIN(TestDesktopClass)
#include "TestDesktopClass.moc"
