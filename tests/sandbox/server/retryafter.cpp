#include "server/retryafter.h"

#include "data/timeformat.h"
#include "server/sandboxcontext.h"

#include <QTimeZone>

#include <cmath>

void RetryAfter::apply(SandboxContext &ctx, HttpResponse &response, double logicalSeconds, ExportJob *job)
{
    const FaultConfig::RetryAfterForm form = ctx.config.faults.retryAfterForm;
    double literalSeconds = 0; // the wait the header value means, in logical seconds
    if (form == FaultConfig::RetryAfterForm::Absent) {
        response.removeHeader("Retry-After");
        if (job) {
            job->notBeforeMs = -1;
        }
        return;
    }
    if (form == FaultConfig::RetryAfterForm::HttpDate) {
        const QDateTime now = ctx.clock.wallNow();
        // Whole seconds only: round the date up so the wait is never shorter than asked.
        const qint64 dueMs = now.toMSecsSinceEpoch() + static_cast<qint64>(std::ceil(logicalSeconds * 1000));
        const qint64 dueSec = (dueMs + 999) / 1000;
        literalSeconds = static_cast<double>(dueSec * 1000 - now.toMSecsSinceEpoch()) / 1000.0;
        response.setHeader("Retry-After",
                           TimeFormat::httpDate(QDateTime::fromSecsSinceEpoch(dueSec, QTimeZone::utc())));
    } else {
        switch (ctx.persona->retryAfterUnit()) {
        case Persona::RetryAfterUnit::Seconds: {
            const auto v = static_cast<qint64>(std::ceil(logicalSeconds));
            literalSeconds = static_cast<double>(v);
            response.setHeader("Retry-After", QByteArray::number(v));
            break;
        }
        case Persona::RetryAfterUnit::Milliseconds: {
            const auto v = static_cast<qint64>(std::llround(logicalSeconds * 1000));
            literalSeconds = static_cast<double>(v) / 1000.0;
            response.setHeader("Retry-After", QByteArray::number(v));
            break;
        }
        case Persona::RetryAfterUnit::Minutes: {
            const auto v = std::max<qint64>(1, static_cast<qint64>(std::ceil(logicalSeconds / 60.0)));
            literalSeconds = static_cast<double>(v) * 60.0;
            response.setHeader("Retry-After", QByteArray::number(v));
            break;
        }
        }
    }
    if (job) {
        job->lastRetryAfterMs = ctx.clock.realMs(literalSeconds);
        job->notBeforeMs = ctx.clock.nowMs() + job->lastRetryAfterMs;
    }
}

void RetryAfter::notePoll(const SandboxContext &ctx, ExportJob &job)
{
    if (job.notBeforeMs < 0) {
        return;
    }
    const qint64 now = ctx.clock.nowMs();
    // Timers may fire a little early (Qt's coarse timers by up to 5 %); that is not undercutting.
    const qint64 tolerance = std::max<qint64>(2, job.lastRetryAfterMs / 20);
    if (now < job.notBeforeMs - tolerance) {
        ++job.earlyPolls;
        job.worstEarlyMs = std::max(job.worstEarlyMs, job.notBeforeMs - now);
    }
    job.notBeforeMs = -1;
}
