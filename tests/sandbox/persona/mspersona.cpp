#include "persona/mspersona.h"

#include "data/timeformat.h"
#include "server/outcome.h"

Persona::Timings MsPersona::defaultTimings() const
{
    Timings t;
    t.polls = 3;
    t.jobSeconds = 10;
    t.retryAfterSeconds = 5;
    t.fileTtlSeconds = 7.0 * 86400;
    t.jobTtlSeconds = 7.0 * 86400;
    return t;
}

QByteArray MsPersona::progressText(const ExportJob &job, double) const
{
    if (job.pollsAccepted <= 1) {
        return "scheduled";
    }
    // The last in-progress answer before the manifest says "completed".
    const int polls = config().polls.value_or(defaultTimings().polls);
    return job.pollsAccepted >= polls ? "completed" : "started";
}

QByteArray MsPersona::transactionTime(const ExportJob &job) const
{
    return TimeFormat::instant(job.completedUtc.isValid() ? job.completedUtc : job.kickoffUtc, false);
}

HttpResponse MsPersona::unknownJob(const QByteArray &jobId) const
{
    return Outcome::response(404, "forbidden", "The requested export " + jobId + " is not available");
}
