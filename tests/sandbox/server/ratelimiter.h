#pragma once

#include "http/httpresponse.h"

#include <optional>

struct SandboxContext;

// eClinicalWorks' limit: N calls per minute across FHIR and token endpoints; over it, 429 until the minute ends.
// Minutes are fixed windows of the scaled clock, counted from server start. Off when the persona sets no limit.
class RateLimiter
{
public:
    explicit RateLimiter(const SandboxContext &ctx);

    // nullopt: let the request through (it is counted); otherwise the 429 to answer.
    std::optional<HttpResponse> admit();

private:
    const SandboxContext &m_ctx;
    qint64 m_window = -1;
    int m_count = 0;
};
