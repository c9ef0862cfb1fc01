#pragma once

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class Clock;

// Keeps one server under its request budget (eClinicalWorks: 250 a minute per practice, and a 429 blocks the
// rest of the minute). A sliding window over the last minute: acquire() runs `go` at once while the budget
// allows, otherwise when the oldest request leaves the window. FIFO; a limit of 0 means unlimited.
// Lives in the engine's thread.
class RateLimiter : public QObject
{
    Q_OBJECT

public:
    explicit RateLimiter(int requestsPerMinute, const Clock *clock, QObject *parent = nullptr);

    void acquire(QObject *context, std::function<void()> go);
    // After a 429 that blocks the rest of the window: hold every request for `ms` (logical time).
    void pause(std::chrono::milliseconds ms);
    int limit() const { return m_limit; }

private:
    void drain();

    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void()> go;
    };
    int m_limit;
    const Clock *m_clock;
    QList<qint64> m_sent; // monotonic ms of requests in the window
    QList<Waiter> m_waiters;
    QDeadlineTimer m_pausedUntil;
    QElapsedTimer m_monotonic;
    QTimer m_timer;
};
