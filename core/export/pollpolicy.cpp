#include "export/pollpolicy.h"

#include "util/durationtext.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <cmath>

using namespace std::chrono;

namespace {
// A server that asks for more than this is honoured only up to it even when it must not be undercut.
constexpr milliseconds kAbsoluteCeiling = hours(24);
} // namespace

PollPolicy::PollPolicy(const VendorProfile &profile)
    : m_minimum(duration_cast<milliseconds>(profile.pollMinimum))
    , m_maximum(duration_cast<milliseconds>(profile.pollMaximum))
    , m_initial(duration_cast<milliseconds>(profile.pollInitial))
    , m_neverUndercut(profile.honourGrowingRetryAfter)
    , m_random([] { return QRandomGenerator::global()->generateDouble(); })
{
}

PollPolicy::Decision PollPolicy::next(const std::optional<RetryAfter> &retryAfter, int attempt) const
{
    Decision d;
    if (retryAfter) {
        const milliseconds asked = retryAfter->delay;
        d.warning = retryAfter->warning;
        const milliseconds ceiling = m_neverUndercut ? kAbsoluteCeiling : m_maximum;
        d.wait = std::clamp(asked, m_minimum, std::max(m_minimum, ceiling));
        if (d.wait < asked) {
            d.explanation = QCoreApplication::translate("PollPolicy", "server asked %1; checking every %2")
                                .arg(DurationText::format(asked), DurationText::format(d.wait));
        } else if (d.wait > asked) {
            d.explanation = QCoreApplication::translate("PollPolicy", "server asked %1; waiting %2 (the minimum)")
                                .arg(DurationText::format(asked), DurationText::format(d.wait));
        }
        return d;
    }
    // Equal jitter: half the step is fixed, half random, so waits grow but never collapse towards zero.
    const double step = static_cast<double>(m_initial.count()) * std::pow(2.0, std::min(attempt, 30));
    const double capped = std::min(step, static_cast<double>(m_maximum.count()));
    const double jittered = capped / 2.0 + m_random() * capped / 2.0;
    d.wait = std::clamp(milliseconds(static_cast<qint64>(jittered)), m_minimum, std::max(m_minimum, m_maximum));
    d.explanation = QCoreApplication::translate("PollPolicy", "no Retry-After from the server; next check in %1")
                        .arg(DurationText::format(d.wait));
    return d;
}
