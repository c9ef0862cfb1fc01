#include "persona/oraclepersona.h"

#include "server/outcome.h"

KickoffRules OraclePersona::kickoffRules() const
{
    KickoffRules rules;
    rules.repeatedTypeAllowed = false;
    rules.unsupportedParameters = {"_elements", "patient"};
    rules.typeFilterNeedsType = true;
    rules.typeFiltersPerTypeMax = 1;
    rules.typeFilterErrorStatus = 422;
    rules.typeFilterForbiddenTypes = {"Location", "Organization", "Patient", "Practitioner", "Provenance"};
    return rules;
}

Persona::Timings OraclePersona::defaultTimings() const
{
    Timings t;
    t.polls = 1;
    t.jobSeconds = 1200;
    t.retryAfterSeconds = 600;
    t.fileTtlSeconds = 30.0 * 86400;
    t.tokenTtlSeconds = 570;
    return t;
}

JobStore::FileSplit OraclePersona::fileSplit() const
{
    return JobStore::FileSplit{std::min(200, config().resourcesPerFile.value_or(200)), true};
}

std::optional<HttpResponse> OraclePersona::admitKickoff(const KickoffContext &ctx)
{
    for (const ExportJob *job : ctx.jobs.jobs()) {
        if (job->clientId == ctx.clientId && !job->deleted && job->state == ExportJob::State::InProgress) {
            HttpResponse r = Outcome::response(429, "throttled",
                                               "An export for this client is already in progress (" + job->id +
                                                   "); only one export at a time is allowed");
            r.setHeader("Retry-After", "600");
            return r;
        }
    }
    return std::nullopt;
}
