#include "util/clock.h"

#include <QtGlobal>

#include <cmath>

QDateTime Clock::nowUtc() const
{
    return m_now ? m_now().toUTC() : QDateTime::currentDateTimeUtc();
}

std::chrono::milliseconds Clock::timerInterval(std::chrono::milliseconds logical) const
{
    const double scaled = std::ceil(static_cast<double>(logical.count()) * m_timeScale);
    return std::chrono::milliseconds(static_cast<qint64>(std::max(0.0, scaled)));
}

Clock *Clock::system()
{
    static Clock clock = [] {
        Clock c;
        bool ok = false;
        const double scale = qEnvironmentVariable("FERRY_TIME_SCALE").toDouble(&ok);
        if (ok && scale > 0) {
            c.setTimeScale(scale);
        }
        return c;
    }();
    return &clock;
}
