#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT and SIGTERM into a Qt signal delivered on the event loop (a self-pipe; the handler only writes
// one byte), so the CLI can stop an export cleanly and keep it resumable.
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void interrupted(int count); // 1 on the first signal, 2 on the second, …

private:
    QSocketNotifier *m_notifier = nullptr;
    int m_count = 0;
};
