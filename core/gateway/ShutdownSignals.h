#pragma once

#include <QObject>

class QSocketNotifier;

namespace tandem::gateway {

// Turns SIGINT and SIGTERM into a Qt signal through a self-pipe, so shutdown runs in the event loop, not in a
// signal handler. One instance per process.
class ShutdownSignals : public QObject
{
    Q_OBJECT

public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

Q_SIGNALS:
    void received(int signal);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace tandem::gateway
