#pragma once

#include <QDateTime>
#include <QElapsedTimer>

#include <cmath>

// Time as the sandbox sees it. Waiting is "logical" (what a vendor's header says: Retry-After 600 s, files kept
// 30 days) and becomes real time multiplied by the time scale, so a test at --time-scale 0.001 sees Oracle's
// 10-minute polls as 0.6 s while the headers still say 600. Wall-clock values handed to clients (Expires,
// HTTP-date Retry-After) are now + the logical duration, so a client using the same scale computes the same wait.
class SandboxClock
{
public:
    explicit SandboxClock(double scale = 1.0)
        : m_scale(scale > 0 ? scale : 1.0)
    {
        m_timer.start();
    }

    double scale() const { return m_scale; }
    qint64 nowMs() const { return m_timer.elapsed(); }
    QDateTime wallNow() const { return QDateTime::currentDateTimeUtc(); }
    // Real milliseconds for a logical duration.
    qint64 realMs(double logicalSeconds) const
    {
        return static_cast<qint64>(std::ceil(logicalSeconds * 1000.0 * m_scale));
    }
    // Logical seconds for a real duration in milliseconds.
    double logicalSeconds(qint64 realMs) const { return static_cast<double>(realMs) / 1000.0 / m_scale; }

private:
    QElapsedTimer m_timer;
    double m_scale;
};
