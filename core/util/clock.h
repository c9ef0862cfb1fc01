#pragma once

#include <QDateTime>

#include <chrono>
#include <functional>

// The engine's notion of time. Everything that waits (polls, backoff, token renewal) asks the clock, so tests
// and the sandbox's personas can run "wait 10 minutes" in milliseconds: `timeScale` shrinks every wait
// (0.01 turns 10 minutes into 6 seconds) and `setNow` pins the wall clock for HTTP-date arithmetic.
// A Clock is a small value shared by pointer; the engine never reads the system time directly.
class Clock
{
public:
    Clock() = default;

    QDateTime nowUtc() const;
    void setNow(std::function<QDateTime()> now) { m_now = std::move(now); }

    // Converts a logical duration (what the server asked for, after clamping) into the real timer interval.
    std::chrono::milliseconds timerInterval(std::chrono::milliseconds logical) const;
    double timeScale() const { return m_timeScale; }
    void setTimeScale(double scale) { m_timeScale = scale > 0 ? scale : 1.0; }

    // The process-wide clock used when nothing is injected; its scale comes from FERRY_TIME_SCALE (tests only).
    static Clock *system();

private:
    std::function<QDateTime()> m_now;
    double m_timeScale = 1.0;
};
