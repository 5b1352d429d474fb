#include "TourRunner.h"

#include "api/JobStatus.h"

#include "MainWindow.h"
#include "client/GatewayApi.h"
#include "client/GatewayConnection.h"
#include "common/HomeFileList.h"
#include "common/JobFormController.h"
#include "compile/CompileTab.h"
#include "history/JobHistoryModel.h"
#include "history/JobHistoryTab.h"
#include "run/RunTab.h"
#include "terminal/TerminalPage.h"
#include "terminal/TerminalTab.h"

#include <qtermwidget.h>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextBrowser>

namespace tandem {

namespace {

QString statusOf(MainWindow *window, qint64 id)
{
    JobHistoryModel *model = window->historyTab()->model();
    const int row = model->rowOf(id);
    return row < 0 ? QString() : model->statusAt(row);
}

} // namespace

TourRunner::TourRunner(MainWindow *window, GatewayConnection *connection, QString directory, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_connection(connection)
    , m_directory(std::move(directory))
{ }

void TourRunner::start()
{
    QDir().mkpath(m_directory);
    step(
        tr("connect to the gateway"), [this] { return m_connection->state() == GatewayConnection::State::Online; },
        15000, [this] { uploadSample(); });
}

void TourRunner::step(const QString &name, std::function<bool()> ready, int timeoutMs, std::function<void()> then)
{
    // Checks the condition as the event loop runs; never blocks it.
    auto *timer = new QTimer(this);
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    connect(timer, &QTimer::timeout, this,
            [this, timer, clock, name, ready = std::move(ready), timeoutMs, then = std::move(then)] {
                if (m_failed) {
                    timer->deleteLater();
                    return;
                }
                if (ready()) {
                    timer->deleteLater();
                    then();
                } else if (clock->elapsed() > timeoutMs) {
                    timer->deleteLater();
                    fail(tr("Timed out waiting to %1.").arg(name));
                }
            });
    timer->start(100);
}

void TourRunner::shoot(const QString &name)
{
    const QString file
        = QDir(m_directory)
              .filePath(QStringLiteral("%1-%2.png").arg(m_screenshots.size() + 1, 2, 10, QLatin1Char('0')).arg(name));
    if (m_window->grab().save(file))
        m_screenshots << file;
    else
        fail(tr("Cannot save %1.").arg(file));
}

void TourRunner::fail(const QString &message)
{
    if (m_failed)
        return;
    m_failed = true;
    shoot(QStringLiteral("failure"));
    Q_EMIT finished(1, message);
}

void TourRunner::uploadSample()
{
    QFile sample(QStringLiteral(":/tandem/samples/hello_mpi_omp.c"));
    if (!sample.open(QIODevice::ReadOnly))
        return fail(tr("The bundled sample is missing."));
    FilesApi(*m_connection)
        .write(QStringLiteral("samples/hello_mpi_omp.c"), sample.readAll(), this,
               [this](const Result<api::FileEntry> &written) {
                   if (!written)
                       return fail(tr("Uploading the sample failed: %1").arg(written.error().message));
                   compile();
               });
}

void TourRunner::compile()
{
    CompileTab *form = m_window->compileTab();
    m_window->tabs()->setCurrentWidget(form);
    step(
        tr("load the systems"), [form] { return form->systemBox()->count() > 0 && form->modelBox()->count() > 0; },
        10000,
        [this, form] {
            const int preset = form->modelBox()->findData(QStringLiteral("mpi-c"));
            if (preset < 0)
                return fail(tr("The local system offers no MPI C compiler (mpicc)."));
            form->modelBox()->setCurrentIndex(preset);
            form->flagsEdit()->setText(QStringLiteral("-fopenmp -O2"));
            form->sources()->addPath(QStringLiteral("samples/hello_mpi_omp.c"));
            form->outputEdit()->setText(QStringLiteral("hello_mpi_omp"));
            step(
                tr("preview the compile command"),
                [form] { return form->form()->previewValid() && form->submitButton()->isEnabled(); }, 10000,
                [this, form] {
                    shoot(QStringLiteral("compile-form"));
                    connect(
                        form, &CompileTab::submitted, this,
                        [this](const QJsonObject &job) {
                            m_compileJob = job.value(QStringLiteral("id")).toInteger();
                            m_compileDirectory = job.value(QStringLiteral("directory")).toString();
                        },
                        Qt::SingleShotConnection);
                    form->submitButton()->click();
                    step(
                        tr("finish compiling"),
                        [this] { return m_compileJob && api::isFinalStatus(statusOf(m_window, m_compileJob)); }, 120000,
                        [this] {
                            if (api::jobStatusFromString(statusOf(m_window, m_compileJob)) != api::JobStatus::Finished)
                                return fail(tr("The compile job %1 did not finish: %2")
                                                .arg(m_compileJob)
                                                .arg(statusOf(m_window, m_compileJob)));
                            shoot(QStringLiteral("compiled"));
                            run();
                        });
                });
        });
}

void TourRunner::run()
{
    RunTab *form = m_window->runTab();
    m_window->tabs()->setCurrentWidget(form);
    const int launcher = form->launcherBox()->findData(QStringLiteral("mpirun"));
    if (launcher < 0)
        return fail(tr("The local system offers no mpirun."));
    form->launcherBox()->setCurrentIndex(launcher);
    form->coresBox()->setValue(2);
    form->executableEdit()->setText(m_compileDirectory + QStringLiteral("/hello_mpi_omp"));
    step(
        tr("preview the run command"),
        [form] { return form->form()->previewValid() && form->submitButton()->isEnabled(); }, 10000,
        [this, form] {
            shoot(QStringLiteral("run-form"));
            connect(
                form, &RunTab::submitted, this,
                [this](const QJsonObject &job) { m_runJob = job.value(QStringLiteral("id")).toInteger(); },
                Qt::SingleShotConnection);
            form->submitButton()->click();
            step(
                tr("finish running"), [this] { return m_runJob && api::isFinalStatus(statusOf(m_window, m_runJob)); },
                180000,
                [this] {
                    if (api::jobStatusFromString(statusOf(m_window, m_runJob)) != api::JobStatus::Finished)
                        return fail(
                            tr("The run job %1 did not finish: %2").arg(m_runJob).arg(statusOf(m_window, m_runJob)));
                    review();
                });
        });
}

void TourRunner::review()
{
    JobHistoryTab *history = m_window->historyTab();
    m_window->tabs()->setCurrentWidget(history);
    history->selectJob(m_runJob);
    step(
        tr("show the job's details"),
        [history] { return history->overview()->toPlainText().contains(QStringLiteral("Timeline")); }, 10000,
        [this, history] {
            shoot(QStringLiteral("history"));
            history->detailTabs()->setCurrentWidget(history->stdoutView());
            step(
                tr("show the program's output"),
                [history] {
                    return history->stdoutView()->toPlainText().contains(QStringLiteral("sum over all ranks"));
                },
                10000,
                [this] {
                    shoot(QStringLiteral("job-output"));
                    terminal();
                });
        });
}

void TourRunner::terminal()
{
    TerminalTab *terminal = m_window->terminalTab();
    m_window->tabs()->setCurrentWidget(terminal);
    terminal->startSession();
    step(
        tr("start a session and open its shell"),
        [terminal] {
            return terminal->state() == TerminalTab::State::Connected && terminal->currentPage()
                && terminal->currentPage()->screenText().contains(u'$');
        },
        20000,
        [this, terminal] {
            // The same home the forms use: the uploaded sample is there, and the same MPI.
            terminal->currentPage()->terminal()->sendText(QStringLiteral("ls samples; mpirun --version | head -1\r"));
            step(
                tr("list the home in the terminal"),
                [terminal] { return terminal->currentPage()->screenText().contains(QStringLiteral("Open MPI")); },
                10000,
                [this, terminal] {
                    shoot(QStringLiteral("terminal"));
                    terminal->stopSession();
                    Q_EMIT finished(0, tr("Tour complete: %n screenshot(s).", nullptr, int(m_screenshots.size())));
                });
        });
}

} // namespace tandem
