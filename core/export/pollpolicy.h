#pragma once

#include "fhir/retryafter.h"
#include "vendor/vendorprofile.h"

#include <QString>

#include <chrono>
#include <functional>
#include <optional>

// How long to wait before the next request of a waiting loop (status polls, retries), and the sentence that
// explains it: "server asked 5 h; checking every 15 min". Retry-After is honoured within the profile's bounds
// (InteropiO's growing Retry-After is never undercut); without it the wait backs off exponentially from the
// profile's first step with jitter, so many clients do not poll in lock-step. Pure: no timers, no clock.
class PollPolicy
{
public:
    struct Decision
    {
        std::chrono::milliseconds wait{0};
        QString explanation; // empty when the wait is simply what the server asked
        QString warning;     // a Retry-After implausible for the profile's unit
    };

    explicit PollPolicy(const VendorProfile &profile);

    // `attempt` counts consecutive waits without Retry-After (0 for the first).
    Decision next(const std::optional<RetryAfter> &retryAfter, int attempt) const;

    // Returns a number in [0, 1); injectable so tests are deterministic.
    void setRandom(std::function<double()> random) { m_random = std::move(random); }

    std::chrono::milliseconds minimum() const { return m_minimum; }
    std::chrono::milliseconds maximum() const { return m_maximum; }

private:
    std::chrono::milliseconds m_minimum;
    std::chrono::milliseconds m_maximum;
    std::chrono::milliseconds m_initial;
    bool m_neverUndercut;
    std::function<double()> m_random;
};
