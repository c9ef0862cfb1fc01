#include "persona/epicpersona.h"

#include "server/outcome.h"

KickoffRules EpicPersona::kickoffRules() const
{
    KickoffRules rules;
    rules.rawCommaInTypeFilter = false;
    return rules;
}

Persona::Timings EpicPersona::defaultTimings() const
{
    Timings t;
    t.polls = 1;
    t.jobSeconds = 120;
    t.retryAfterSeconds = 60;
    return t;
}

std::optional<HttpResponse> EpicPersona::admitKickoff(const KickoffContext &ctx)
{
    const qint64 window = ctx.clock.realMs(config().epicWindowSeconds);
    const QByteArray key = ctx.params.scopeKey(ctx.request.path);
    const qint64 now = ctx.clock.nowMs();
    for (const ExportJob *job : ctx.jobs.jobs()) {
        // Every accepted kick-off counts, finished or deleted alike.
        if (window > 0 && job->clientId == ctx.clientId && job->groupKey == key && now - job->kickoffMs < window) {
            return Outcome::response(403, "forbidden",
                                     "Error processing Bulk Data Kickoff request: Request not allowed: The Client "
                                     "requested this Group too recently.");
        }
    }
    return std::nullopt;
}

void EpicPersona::preparePlan(const ExportParameters &params, const Population &, ExportPlanner::Input &,
                              ExportJob &job) const
{
    for (const TypeFilter &filter : params.typeFilters) {
        for (const TypeFilter::Criterion &c : filter.criteria()) {
            for (const QByteArray &v : c.values) {
                const QByteArray code = v.mid(v.indexOf('|') + 1);
                if (filter.type() == "Observation" && c.parameter == "category" &&
                    (code == "procedure" || code == "therapy" || code == "activity")) {
                    job.state = ExportJob::State::Failed;
                    job.failureCode = "processing";
                    job.failureDiagnostics =
                        "Bulk export failed: Observation category '" + code + "' is not supported in bulk data export";
                }
            }
        }
    }
}

std::optional<HttpResponse> EpicPersona::checkRequest(const HttpRequest &request, const QByteArray &clientId,
                                                      bool authenticated) const
{
    if (authenticated && request.header("Epic-Client-ID") != clientId) {
        return Outcome::response(403, "forbidden",
                                 "The Epic-Client-ID header is missing or does not match the authenticated client");
    }
    return std::nullopt;
}
