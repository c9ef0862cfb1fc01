#include "net/ratelimiter.h"

#include "util/clock.h"

using namespace std::chrono;

RateLimiter::RateLimiter(int requestsPerMinute, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_limit(requestsPerMinute)
    , m_clock(clock)
{
    m_monotonic.start();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RateLimiter::drain);
}

void RateLimiter::acquire(QObject *context, std::function<void()> go)
{
    m_waiters.append({QPointer<QObject>(context), std::move(go)});
    drain();
}

void RateLimiter::pause(milliseconds ms)
{
    m_pausedUntil = QDeadlineTimer(m_clock->timerInterval(ms).count());
    drain();
}

void RateLimiter::drain()
{
    const qint64 window = m_clock->timerInterval(minutes(1)).count();
    while (!m_waiters.isEmpty()) {
        if (!m_pausedUntil.hasExpired()) {
            m_timer.start(static_cast<int>(std::max<qint64>(1, m_pausedUntil.remainingTime())));
            return;
        }
        const qint64 now = m_monotonic.elapsed();
        while (!m_sent.isEmpty() && now - m_sent.first() >= window) {
            m_sent.removeFirst();
        }
        if (m_limit > 0 && m_sent.size() >= m_limit) {
            m_timer.start(static_cast<int>(std::max<qint64>(1, window - (now - m_sent.first()))));
            return;
        }
        Waiter w = m_waiters.takeFirst();
        if (!w.context) {
            continue;
        }
        if (m_limit > 0) {
            m_sent.append(now);
        }
        w.go();
    }
}
