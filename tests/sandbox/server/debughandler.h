#pragma once

#include "server/requestlog.h"
#include "server/sandboxcontext.h"

// Test-only endpoints (no auth): /__truth/<job>, /__jobs, /__log, /__faults. They tell a test exactly what an
// export must contain and what the client did, so assertions never rely on the client under test.
class DebugHandler
{
public:
    DebugHandler(SandboxContext &ctx, const RequestLog &log);

    // nullopt when the path is not a debug endpoint.
    std::optional<HttpResponse> handle(const HttpRequest &request);

    QByteArray truthJson(const ExportJob &job) const;
    QByteArray jobsJson() const;
    // Replaces the faults from NAME=VALUE pairs (form body or query); returns an error message or empty.
    QString applyFaults(const QByteArray &pairs);

private:
    SandboxContext &m_ctx;
    const RequestLog &m_log;
};
