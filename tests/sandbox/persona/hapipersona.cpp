#include "persona/hapipersona.h"

#include "data/timeformat.h"
#include "http/querystring.h"
#include "server/outcome.h"

QByteArray HapiPersona::jobIdFromRequest(const HttpRequest &request) const
{
    if (request.path != basePath() + "/$export-poll-status") {
        return {};
    }
    return QueryString::firstValue(QueryString::parse(request.query), "_jobId");
}

Persona::Timings HapiPersona::defaultTimings() const
{
    Timings t;
    t.polls = 2;
    t.retryAfterSeconds = 120;
    t.fileTtlSeconds = 7200;
    return t;
}

QByteArray HapiPersona::progressText(const ExportJob &job, double) const
{
    return "Build in progress - Status set to IN_PROGRESS at " + TimeFormat::instant(job.kickoffUtc);
}

std::optional<HttpResponse> HapiPersona::deleteJob(const ExportJob &job) const
{
    if (job.completed()) {
        return Outcome::response(404, "not-found", "Unknown job ID: " + job.id);
    }
    return std::nullopt;
}

Persona::FileDelivery HapiPersona::fileDelivery(const HttpRequest &request) const
{
    for (const QByteArray &accept : request.headerValues("Accept")) {
        if (accept.contains("application/fhir+ndjson")) {
            return FileDelivery::Direct;
        }
    }
    return FileDelivery::BinaryWrapper;
}
