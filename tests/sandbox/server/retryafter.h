#pragma once

#include "export/exportjob.h"
#include "http/httpresponse.h"

struct SandboxContext;

// Writes Retry-After the way the persona and the retry-after-form fault say (delta-seconds, milliseconds,
// minutes, an HTTP-date, or nothing) and remembers, per job, when the client may poll again. notePoll() then
// records polls that arrive earlier than that (with a small tolerance for timer jitter): "undercut Retry-After".
class RetryAfter
{
public:
    static void apply(SandboxContext &ctx, HttpResponse &response, double logicalSeconds, ExportJob *job);
    static void notePoll(const SandboxContext &ctx, ExportJob &job);
};
