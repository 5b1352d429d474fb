#pragma once

#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

namespace tandem::test {

// Writes a throwaway EC certificate for 127.0.0.1 (cert.pem) and its key (key.pem) into `dir` with openssl; false
// if openssl failed.
bool writeLoopbackCertificate(const QString &dir);

// A real `tandem-gateway serve` on a free loopback port with its own data directory. Started by the test and
// stopped by PID (SIGTERM, then SIGKILL) when it goes out of scope.
class GatewayProcess
{
public:
    GatewayProcess();
    // Uses an existing data directory instead of a fresh temporary one.
    explicit GatewayProcess(const QString &dataDir);
    ~GatewayProcess();

    // A loopback port nobody listens on (bound, noted, closed), for testing an unreachable gateway.
    static quint16 unusedLoopbackPort();

    // Another gateway binary (a benchmark comparing two builds).
    void setProgram(const QString &program) { m_process.setProgram(program); }
    // The environment the gateway starts with (the test's own by default).
    void setEnvironment(const QProcessEnvironment &environment) { m_process.setProcessEnvironment(environment); }
    // Starts (or, after stop() or kill(), restarts on the same data directory) the gateway.
    bool start(const QStringList &extraArguments = {});
    void stop();
    // Waits for the process to end by itself (after a signal the test sent); false on timeout.
    bool waitForExit(int timeoutMs) { return m_process.waitForFinished(timeoutMs); }
    // SIGKILL, as a crash would.
    void kill();
    // The token the gateway wrote for the workstation's own user.
    QByteArray localToken() const;
    QUrl baseUrl() const { return m_baseUrl; }
    QString dataDir() const { return m_existingDataDir.isEmpty() ? m_dataDir.path() : m_existingDataDir; }
    qint64 pid() const { return m_process.processId(); }
    int exitCode() const { return m_process.exitCode(); }
    QString output() const { return m_output; }

private:
    QTemporaryDir m_dataDir;
    QString m_existingDataDir;
    QProcess m_process;
    QUrl m_baseUrl;
    QString m_output;
};

} // namespace tandem::test
