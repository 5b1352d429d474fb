#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>

namespace tandem {

class GatewayConnection;
class MainWindow;

// `tandem --tour DIR`: drives the real window through the batch workflow — upload the bundled MPI + OpenMP sample,
// compile it, run it on two cores, open the history and the job's detail — and saves a screenshot of each step into
// DIR. finished(0) on success, finished(1) with a message on the first failure.
class TourRunner : public QObject
{
    Q_OBJECT

public:
    TourRunner(MainWindow *window, GatewayConnection *connection, QString directory, QObject *parent = nullptr);

    void start();
    QStringList screenshots() const { return m_screenshots; }

Q_SIGNALS:
    void finished(int exitCode, const QString &message);

private:
    void step(const QString &name, std::function<bool()> ready, int timeoutMs, std::function<void()> then);
    void shoot(const QString &name);
    void fail(const QString &message);
    void uploadSample();
    void compile();
    void run();
    void review();
    void terminal();

    MainWindow *m_window;
    GatewayConnection *m_connection;
    QString m_directory;
    QStringList m_screenshots;
    qint64 m_compileJob = 0;
    qint64 m_runJob = 0;
    QString m_compileDirectory;
    bool m_failed = false;
};

} // namespace tandem
