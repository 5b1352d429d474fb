// Interactive-mode benchmark, side by side in one run against a real gateway, sshd and tmux:
//  - session READY latency (POST → READY) p50/p95;
//  - 100 MB of `cat` into a QTermWidget until an end marker arrives: our SSH bridge (with and without the session's
//    tmux), the same widget fed from a local pty, and OpenSSH's `ssh … cat >/dev/null`;
//  - keystroke-to-echo latency through the bridge and through a local pty;
//  - resident memory while 1 GB streams through the bridge into a 10 000-line scrollback;
//  - SFTP get/put of the same 100 MB: our client against OpenSSH's sftp.
// Printed as tables; never fails on a figure (only when something does not work at all).
#include "ssh/SftpClient.h"
#include "ssh/SshConnection.h"
#include "support/ApiClient.h"
#include "support/GatewayProcess.h"
#include "support/ProcessMemory.h"
#include "support/SshKeyFile.h"
#include "terminal/TerminalPage.h"
#include "terminal/TerminalSettings.h"

#include <qtermwidget.h>

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cstdio>

using namespace tandem;
using test::residentKb;

namespace {

constexpr qint64 ThroughputBytes = 100 * 1000 * 1000;
constexpr qint64 MemoryBytes = 1000 * 1000 * 1000;
const QByteArray Line = QByteArray(79, 'x') + '\n';

double percentile(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * values.size())));
}

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    // Sleeps in the event loop between events, as an idle application does: a thread spinning here would compete with
    // the SSH worker for the CPU and show up as latency that users never see.
    QElapsedTimer timer;
    timer.start();
    QTimer tick;
    tick.start(20);
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// Watches a QTermWidget's decoded input for a marker (which may arrive split across chunks) and notes when it came.
class MarkerWatch : public QObject
{
public:
    MarkerWatch(QTermWidget *terminal, QString marker)
        : m_marker(std::move(marker))
    {
        m_timer.start();
        connect(terminal, &QTermWidget::receivedData, this, [this](const QString &text) {
            if (m_seenAt >= 0)
                return;
            m_tail += text;
            if (m_tail.contains(m_marker))
                m_seenAt = m_timer.nsecsElapsed();
            m_tail = m_tail.right(m_marker.size());
        });
    }
    void restart()
    {
        m_tail.clear();
        m_seenAt = -1;
        m_timer.restart();
    }
    bool seen() const { return m_seenAt >= 0; }
    double seconds() const { return m_seenAt / 1e9; }

private:
    QString m_marker;
    QString m_tail;
    QElapsedTimer m_timer;
    qint64 m_seenAt = -1;
};

// Keystroke to echo: one character typed into the widget until the widget receives it back.
QList<double> keystrokeLatencies(QTermWidget *terminal, int count)
{
    QList<double> latencies;
    QElapsedTimer timer;
    QChar expected;
    qint64 echoedAt = -1;
    QObject guard;
    QObject::connect(terminal, &QTermWidget::receivedData, &guard, [&](const QString &text) {
        if (echoedAt < 0 && text.contains(expected))
            echoedAt = timer.nsecsElapsed();
    });
    for (int i = 0; i < count; ++i) {
        expected = QChar(u'a' + i % 26);
        echoedAt = -1;
        timer.start();
        QTest::keyClick(terminalDisplay(terminal), char(expected.unicode()));
        if (!waitFor([&] { return echoedAt >= 0; }, 5000))
            return {};
        latencies.append(echoedAt / 1e6);
        if (i % 60 == 59) {
            QTest::keyClick(terminalDisplay(terminal), Qt::Key_Return);
            QTest::qWait(20);
        }
        QTest::qWait(2); // a typist's pause; lets the previous echo settle
    }
    return latencies;
}

} // namespace

class BenchTerminal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_gateway.start());
        m_api = std::make_unique<test::ApiClient>(m_gateway.baseUrl(), m_gateway.localToken());
        m_home = m_gateway.dataDir() + QStringLiteral("/homes/") + qEnvironmentVariable("USER");
        QVERIFY(QDir().mkpath(m_home));
        QFile file(m_home + QStringLiteral("/bench100.txt"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray block = Line.repeated(int(1000 * 1000 / Line.size()) + 1).left(1000 * 1000);
        for (qint64 written = 0; written < ThroughputBytes; written += block.size())
            file.write(block);
        file.close();
        QVERIFY(m_keyFile.isValid());
        std::printf("\nInteractive-mode benchmark (2 cores, offscreen, one run)\n");
    }

    void sessionReadyLatency()
    {
        QList<double> latencies;
        const QString publicKey = QString::fromLatin1(SshKey::generate().publicLine(QStringLiteral("bench")));
        for (int i = 0; i < 20; ++i) {
            QElapsedTimer timer;
            timer.start();
            const auto started
                = m_api->post(QStringLiteral("/api/v1/sessions"), {{QStringLiteral("publicKey"), publicKey}});
            QCOMPARE(started.status, 202);
            const QString path = QStringLiteral("/api/v1/sessions/%1").arg(started.json.value(u"id").toInteger());
            QString state;
            while ((state = m_api->get(path).json.value(u"state").toString()) == u"STARTING")
                QThread::msleep(2);
            QCOMPARE(state, QStringLiteral("READY"));
            latencies.append(timer.nsecsElapsed() / 1e6);
            m_api->call("DELETE", path);
            QVERIFY(waitFor([&] { return m_api->get(path).json.value(u"state").toString() == u"STOPPED"; }, 10000));
        }
        std::printf("\nSession READY latency, POST → READY, 20 sessions (target p50 < 300 ms)\n"
                    "  p50 %.1f ms   p95 %.1f ms   max %.1f ms\n",
                    percentile(latencies, 0.5), percentile(latencies, 0.95), percentile(latencies, 1.0));
    }

    void throughputKeystrokesMemoryAndSftp()
    {
        // One session for everything below; its key is switched between ours and the file OpenSSH uses.
        m_key = SshKey::generate();
        const auto started
            = m_api->post(QStringLiteral("/api/v1/sessions"),
                          {{QStringLiteral("publicKey"), QString::fromLatin1(m_key.publicLine(QStringLiteral("b")))}});
        QCOMPARE(started.status, 202);
        m_session = started.json.value(u"id").toInteger();
        QJsonObject session;
        QVERIFY(waitFor(
            [&] {
                session = m_api->get(QStringLiteral("/api/v1/sessions/%1").arg(m_session)).json;
                return session.value(u"state").toString() == u"READY";
            },
            15000));
        m_target = SshTarget::session(session.value(u"host").toString(), quint16(session.value(u"port").toInt()),
                                      session.value(u"userName").toString(),
                                      session.value(u"hostKeyFingerprint").toString());
        TerminalSettings settings = TerminalSettings::load();
        settings.scrollbackLines = 10000;
        const QString marker = QStringLiteral("END-2");
        const QByteArray catCommand = "cat bench100.txt; echo END-$((1+1))";

        // Local pty (QTermWidget running the same cat itself) and our bridge (the command on the PTY directly: what the
        // bridge itself costs), three times each, alternating; the median counts.
        const auto runLocal = [&] {
            QTermWidget local(0);
            local.setHistorySize(10000);
            local.resize(900, 600);
            local.show();
            local.setShellProgram(QStringLiteral("/bin/sh"));
            local.setArgs(
                {QStringLiteral("-c"), QStringLiteral("cd %1 && %2").arg(m_home, QString::fromLatin1(catCommand))});
            MarkerWatch watch(&local, marker);
            local.startShellProgram();
            return waitFor([&] { return watch.seen(); }, 120000) ? watch.seconds() : -1.0;
        };
        SshConnection connection(m_key, m_target);
        QSignalSpy connected(&connection, &SshConnection::connected);
        connection.open();
        QVERIFY(waitFor([&] { return connected.size() == 1; }, 10000));
        const auto runBridge = [&] {
            TerminalPage direct(1, settings);
            direct.resize(900, 600);
            direct.show();
            QTest::qWait(50);
            MarkerWatch watch(direct.terminal(), marker);
            direct.attach(&connection, catCommand);
            return waitFor([&] { return watch.seen(); }, 120000) ? watch.seconds() : -1.0;
        };
        QList<double> localRuns, bridgeRuns;
        for (int i = 0; i < 3; ++i) {
            localRuns.append(runLocal());
            bridgeRuns.append(runBridge());
        }
        QVERIFY(!localRuns.contains(-1.0) && !bridgeRuns.contains(-1.0));
        const double localSeconds = percentile(localRuns, 0.5);
        const double directSeconds = percentile(bridgeRuns, 0.5);

        // Our bridge through the session's tmux: what a user typing `cat` gets.
        TerminalPage shell(7, settings);
        shell.resize(900, 600);
        shell.show();
        QTest::qWait(50);
        shell.attach(&connection);
        QVERIFY(waitFor([&] { return shell.screenText().contains(u'$'); }, 10000));
        MarkerWatch tmuxWatch(shell.terminal(), marker);
        QTest::keyClicks(terminalDisplay(shell.terminal()), QString::fromLatin1(catCommand));
        tmuxWatch.restart();
        QTest::keyClick(terminalDisplay(shell.terminal()), Qt::Key_Return);
        QVERIFY(waitFor([&] { return tmuxWatch.seen(); }, 180000));
        const double tmuxSeconds = tmuxWatch.seconds();

        // OpenSSH, no terminal at all.
        useFileKey();
        QElapsedTimer timer;
        timer.start();
        QProcess ssh;
        ssh.setStandardOutputFile(QProcess::nullDevice());
        ssh.start(QStringLiteral("ssh"), sshArguments() << QStringLiteral("cat bench100.txt"));
        QVERIFY(ssh.waitForFinished(120000) && ssh.exitCode() == 0);
        const double sshSeconds = timer.nsecsElapsed() / 1e9;
        useOurKey();

        const auto rate = [](double seconds) { return ThroughputBytes / 1e6 / seconds; };
        std::printf("\nTerminal throughput, 100 MB of 80-column lines until the end marker is in the widget\n"
                    "(target: bridge ≥ 90 %% of the local pty; local and bridge: median of 3, alternating)\n");
        std::printf("  %-44s %8.1f MB/s  %6.2f s\n", "QTermWidget on a local pty (cat)", rate(localSeconds),
                    localSeconds);
        std::printf("  %-44s %8.1f MB/s  %6.2f s  %5.0f %% of local\n", "our SSH bridge → QTermWidget",
                    rate(directSeconds), directSeconds, 100 * localSeconds / directSeconds);
        std::printf("  %-44s %8.1f MB/s  %6.2f s  %5.0f %% of local\n", "our SSH bridge via the session's tmux",
                    rate(tmuxSeconds), tmuxSeconds, 100 * localSeconds / tmuxSeconds);
        std::printf("  %-44s %8.1f MB/s  %6.2f s\n", "ssh … cat >/dev/null (no terminal)", rate(sshSeconds),
                    sshSeconds);

        // Keystroke to echo: `cat` on a PTY echoes each key (the pty's echo, no shell in the way).
        TerminalPage echo(2, settings);
        echo.resize(900, 600);
        echo.show();
        QTest::qWait(50);
        echo.attach(&connection, "cat");
        QTest::qWait(500);
        const QList<double> bridged = keystrokeLatencies(echo.terminal(), 300);
        QTermWidget localEcho(0);
        localEcho.resize(900, 600);
        localEcho.show();
        localEcho.setShellProgram(QStringLiteral("/bin/cat"));
        localEcho.startShellProgram();
        QTest::qWait(500);
        const QList<double> localLatencies = keystrokeLatencies(&localEcho, 300);
        // For reference, what SSH itself adds: OpenSSH's client in the widget's local pty, the same cat on the session.
        useFileKey();
        QTermWidget opensshEcho(0);
        opensshEcho.resize(900, 600);
        opensshEcho.show();
        opensshEcho.setShellProgram(QStringLiteral("ssh"));
        // (Its keystroke-timing obfuscation, on by default, would add its 20 ms intervals; off for a fair reference.)
        opensshEcho.setArgs(
            QStringList{QStringLiteral("-tt"), QStringLiteral("-o"), QStringLiteral("ObscureKeystrokeTiming=no")}
                + sshArguments()
            << QStringLiteral("cat"));
        opensshEcho.startShellProgram();
        QTest::qWait(1500);
        const QList<double> viaOpenssh = keystrokeLatencies(&opensshEcho, 300);
        useOurKey();
        QVERIFY(!bridged.isEmpty() && !localLatencies.isEmpty() && !viaOpenssh.isEmpty());
        const auto row = [&](const char *name, const QList<double> &values) {
            std::printf("  %-44s p50 %6.2f ms   p99 %6.2f ms   added p50 %+.2f / p99 %+.2f ms\n", name,
                        percentile(values, 0.5), percentile(values, 0.99),
                        percentile(values, 0.5) - percentile(localLatencies, 0.5),
                        percentile(values, 0.99) - percentile(localLatencies, 0.99));
        };
        std::printf("\nKeystroke to echo, 300 keys (target: < 2 ms added over the local pty)\n");
        std::printf("  %-44s p50 %6.2f ms   p99 %6.2f ms\n", "local pty", percentile(localLatencies, 0.5),
                    percentile(localLatencies, 0.99));
        row("our SSH bridge", bridged);
        row("OpenSSH ssh -tt in the local pty (reference)", viaOpenssh);

        // Memory while 1 GB streams by, 10 000 lines of scrollback.
        TerminalPage flood(3, settings);
        flood.resize(900, 600);
        flood.show();
        QTest::qWait(50);
        MarkerWatch floodWatch(flood.terminal(), marker);
        const qint64 before = connection.bytesReceived();
        const qint64 startKb = residentKb();
        flood.attach(&connection,
                     QByteArray("yes ") + Line.left(79) + " | head -c " + QByteArray::number(MemoryBytes)
                         + "; echo END-$((1+1))");
        std::printf("\nResident memory while 1 GB goes through the bridge, 10 000-line scrollback (target < 200 MB, "
                    "flat)\n  start %lld MB",
                    startKb / 1024);
        // The UI thread stays free: a 10 ms timer's worst gap while the flood is on.
        QElapsedTimer tick;
        tick.start();
        qint64 worstGapMs = 0;
        QTimer heartbeat;
        heartbeat.setInterval(10);
        connect(&heartbeat, &QTimer::timeout, this, [&] { worstGapMs = std::max(worstGapMs, tick.restart()); });
        heartbeat.start();
        qint64 nextMark = 250 * 1000 * 1000;
        QVERIFY(waitFor(
            [&] {
                if (connection.bytesReceived() - before >= nextMark) {
                    std::printf("  · %lld MB in: %lld MB", nextMark / 1000000, residentKb() / 1024);
                    std::fflush(stdout);
                    nextMark += 250 * 1000 * 1000;
                }
                return floodWatch.seen();
            },
            600000));
        heartbeat.stop();
        std::printf("  · end: %lld MB (%.1f s, %.1f MB/s)\n", residentKb() / 1024, floodWatch.seconds(),
                    MemoryBytes / 1e6 / floodWatch.seconds());
        std::printf("  UI thread meanwhile: a 10 ms timer's longest gap %lld ms\n", worstGapMs);

        // SFTP, the same 100 MB both ways.
        const QTemporaryDir local100;
        SftpClient sftp(m_key, m_target);
        QSignalSpy opened(&sftp, &SftpClient::opened);
        QSignalSpy finished(&sftp, &SftpClient::finished);
        sftp.open();
        QVERIFY(waitFor([&] { return opened.size() == 1; }, 10000));
        const QString home = opened.at(0).at(0).toString();
        timer.restart();
        sftp.download(home + QStringLiteral("/bench100.txt"), local100.filePath(QStringLiteral("got.txt")));
        QVERIFY(waitFor([&] { return finished.size() == 1; }, 120000));
        QCOMPARE(finished.at(0).at(1).toString(), QString());
        const double ourGet = timer.nsecsElapsed() / 1e9;
        timer.restart();
        sftp.upload(local100.filePath(QStringLiteral("got.txt")), home + QStringLiteral("/put.txt"));
        QVERIFY(waitFor([&] { return finished.size() == 2; }, 120000));
        QCOMPARE(finished.at(1).at(1).toString(), QString());
        const double ourPut = timer.nsecsElapsed() / 1e9;

        useFileKey();
        const auto openssh = [&](const QString &batch) {
            QFile file(local100.filePath(QStringLiteral("batch")));
            file.open(QIODevice::WriteOnly);
            file.write(batch.toUtf8());
            file.close();
            QElapsedTimer clock;
            clock.start();
            QProcess sftpProcess;
            QStringList arguments = sshArguments();
            arguments.removeAt(arguments.indexOf(QStringLiteral("-p")) + 1);
            arguments.removeAll(QStringLiteral("-p"));
            arguments.prepend(QString::number(m_target.port));
            arguments.prepend(QStringLiteral("-P"));
            arguments.prepend(file.fileName());
            arguments.prepend(QStringLiteral("-b"));
            sftpProcess.start(QStringLiteral("sftp"), arguments);
            const bool ok = sftpProcess.waitForFinished(120000) && sftpProcess.exitCode() == 0;
            return ok ? clock.nsecsElapsed() / 1e9 : -1.0;
        };
        const double theirGet
            = openssh(QStringLiteral("get bench100.txt %1\n").arg(local100.filePath(QStringLiteral("theirs.txt"))));
        const double theirPut
            = openssh(QStringLiteral("put %1 put2.txt\n").arg(local100.filePath(QStringLiteral("theirs.txt"))));
        QVERIFY(theirGet > 0 && theirPut > 0);
        useOurKey();
        std::printf("\nSFTP, 100 MB (target: ≥ 80 %% of OpenSSH's sftp)\n");
        std::printf("  get: ours %7.1f MB/s   sftp %7.1f MB/s   %5.0f %%\n", rate(ourGet), rate(theirGet),
                    100 * theirGet / ourGet);
        std::printf("  put: ours %7.1f MB/s   sftp %7.1f MB/s   %5.0f %%\n", rate(ourPut), rate(theirPut),
                    100 * theirPut / ourPut);
        m_api->call("DELETE", QStringLiteral("/api/v1/sessions/%1").arg(m_session));
    }

private:
    void useFileKey()
    {
        QCOMPARE(m_api
                     ->post(QStringLiteral("/api/v1/sessions/%1/key").arg(m_session),
                            {{QStringLiteral("publicKey"), m_keyFile.publicLine()}})
                     .status,
                 200);
    }

    void useOurKey()
    {
        QCOMPARE(m_api
                     ->post(QStringLiteral("/api/v1/sessions/%1/key").arg(m_session),
                            {{QStringLiteral("publicKey"), QString::fromLatin1(m_key.publicLine(QStringLiteral("b")))}})
                     .status,
                 200);
    }

    QStringList sshArguments() const
    {
        return m_keyFile.loginArguments(m_target.host, m_target.port, m_target.userName);
    }

    test::GatewayProcess m_gateway;
    std::unique_ptr<test::ApiClient> m_api;
    QString m_home;
    test::SshKeyFile m_keyFile;
    SshKey m_key;
    SshTarget m_target;
    qint64 m_session = 0;
};

QTEST_MAIN(BenchTerminal)
#include "BenchTerminal.moc"
