#include "server/ratelimiter.h"

#include "server/outcome.h"
#include "server/sandboxcontext.h"

#include <cmath>

RateLimiter::RateLimiter(const SandboxContext &ctx)
    : m_ctx(ctx)
{
}

std::optional<HttpResponse> RateLimiter::admit()
{
    const int limit = m_ctx.persona->rateLimitPerMinute();
    if (limit <= 0) {
        return std::nullopt;
    }
    const qint64 minuteMs = std::max<qint64>(1, m_ctx.clock.realMs(60));
    const qint64 now = m_ctx.clock.nowMs();
    const qint64 window = now / minuteMs;
    if (window != m_window) {
        m_window = window;
        m_count = 0;
    }
    if (++m_count <= limit) {
        return std::nullopt;
    }
    HttpResponse r = Outcome::response(429, "throttled",
                                       "Rate limit of " + QByteArray::number(limit) +
                                           " requests per minute exceeded; blocked for the rest of the minute");
    const double remaining = m_ctx.clock.logicalSeconds((window + 1) * minuteMs - now);
    r.setHeader("Retry-After", QByteArray::number(static_cast<qint64>(std::ceil(remaining))));
    return r;
}
