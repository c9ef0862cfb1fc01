#include "server/statushandler.h"

#include "data/timeformat.h"
#include "http/querystring.h"
#include "server/outcome.h"
#include "server/retryafter.h"

#include <QJsonDocument>

#include <cmath>

StatusHandler::StatusHandler(SandboxContext &ctx)
    : m_ctx(ctx)
    , m_manifest(ctx)
{
}

ExportJob *StatusHandler::visibleJob(const QByteArray &jobId, const AuthService::Principal &principal) const
{
    ExportJob *job = m_ctx.jobs.find(jobId);
    if (!job) {
        return nullptr;
    }
    if (m_ctx.persona->ownerOnly() && job->clientId != principal.clientId) {
        return nullptr; // another subject's job is indistinguishable from a missing one
    }
    const double ttl = m_ctx.timings.jobTtlSeconds;
    if (ttl >= 0 && job->completedMs >= 0 && m_ctx.clock.nowMs() >= job->completedMs + m_ctx.clock.realMs(ttl)) {
        return nullptr; // expired and purged, as far as the client can tell
    }
    return job;
}

HttpResponse StatusHandler::poll(const HttpRequest &request, const QByteArray &jobId,
                                 const AuthService::Principal &principal)
{
    ExportJob *job = visibleJob(jobId, principal);
    if (!job) {
        return m_ctx.persona->unknownJob(jobId);
    }
    if (job->deleted) {
        return m_ctx.persona->deletedJob(*job);
    }
    bool ok = true;
    const QByteArray pageText = QueryString::firstValue(QueryString::parse(request.query), "page");
    const int page = pageText.isEmpty() ? 1 : pageText.toInt(&ok);
    if (!ok || page < 1) {
        return Outcome::response(400, "invalid", "Invalid manifest page '" + pageText + "'");
    }
    ++job->polls;
    RetryAfter::notePoll(m_ctx, *job);
    if (std::optional<HttpResponse> fault = injectedFault(*job)) {
        return std::move(*fault);
    }
    HttpResponse response;
    if (job->state == ExportJob::State::InProgress) {
        const int failAfter = m_ctx.config.faults.fatalAfterPolls;
        if (failAfter >= 0 && job->pollsAccepted >= failAfter) {
            job->state = ExportJob::State::Failed;
            job->failureCode = m_ctx.config.faults.fatalCode;
            job->failureDiagnostics = m_ctx.config.faults.fatalDiagnostics;
        } else if (progress(*job, false) < 1.0) {
            ++job->pollsAccepted;
            response = inProgress(*job, progress(*job, true), page);
        } else {
            m_ctx.completeJob(*job);
        }
    }
    if (job->state == ExportJob::State::Failed) {
        response = failed(*job);
    } else if (job->state == ExportJob::State::Completed) {
        response = completed(*job, page);
    }
    separateStatus(*job, response);
    return response;
}

std::optional<HttpResponse> StatusHandler::injectedFault(ExportJob &job)
{
    const FaultConfig &f = m_ctx.config.faults;
    if (job.throttledPolls < f.pollThrottle) {
        ++job.throttledPolls;
        HttpResponse r = Outcome::response(429, "throttled", "Polling too frequently; slow down");
        RetryAfter::apply(m_ctx, r, f.faultRetryAfterSeconds, &job);
        return r;
    }
    if (job.unavailablePolls < f.pollUnavailable) {
        ++job.unavailablePolls;
        HttpResponse r = Outcome::response(503, "transient", "The export service is temporarily unavailable");
        RetryAfter::apply(m_ctx, r, f.faultRetryAfterSeconds, &job);
        return r;
    }
    if (job.transientPolls < f.pollTransient) {
        ++job.transientPolls;
        return Outcome::response(500, "transient",
                                 "A transient error occurred while checking the export status; "
                                 "the export job itself continues");
    }
    return std::nullopt;
}

double StatusHandler::progress(const ExportJob &job, bool counting) const
{
    // counting: the poll being answered has been counted already, so report the progress it sees.
    const int polls = m_ctx.timings.polls;
    const double byPolls =
        polls <= 0
            ? 1.0
            : std::min(1.0, static_cast<double>(job.pollsAccepted) / static_cast<double>(counting ? polls + 1 : polls));
    const qint64 duration = m_ctx.clock.realMs(m_ctx.timings.jobSeconds);
    const double byTime =
        duration <= 0
            ? 1.0
            : std::min(1.0, static_cast<double>(m_ctx.clock.nowMs() - job.kickoffMs) / static_cast<double>(duration));
    return std::min(byPolls, byTime);
}

int StatusHandler::readyEntries(const ExportJob &job, double fraction) const
{
    return static_cast<int>(std::floor(static_cast<double>(job.files.size()) * fraction));
}

HttpResponse StatusHandler::inProgress(ExportJob &job, double fraction, int page)
{
    HttpResponse r(202);
    r.setHeader("X-Progress", m_ctx.persona->progressText(job, fraction));
    // STU3 allowPartialManifests: a page whose entries are all generated may already be returned with 202.
    const int ready = readyEntries(job, fraction);
    const int size = m_manifest.pageSize(job);
    if (job.params.allowPartialManifests && m_ctx.config.manifestPageSize > 0 && ready >= page * size) {
        if (job.linkGeneration == 0) {
            m_ctx.jobs.assignLinks(job, -1);
        }
        r.setHeader("Content-Type", "application/json");
        r.body = QJsonDocument(m_manifest.page(job, page, ready)).toJson(QJsonDocument::Compact);
    }
    RetryAfter::apply(m_ctx, r, m_ctx.persona->retryAfterSeconds(job, m_ctx.timings.retryAfterSeconds), &job);
    m_ctx.persona->inProgress(job, fraction, r);
    if (r.header("Retry-After").isEmpty()) {
        job.notBeforeMs = -1; // the persona dropped the header (1upHealth's 200 + JSON): nothing to undercut
    }
    return r;
}

HttpResponse StatusHandler::completed(ExportJob &job, int page)
{
    if (job.filesExpireAtMs < 0 && m_ctx.timings.fileTtlSeconds >= 0) {
        // Links handed out early with a partial manifest start their lifetime at completion.
        job.filesExpireAtMs = m_ctx.fileExpiryFromNow();
        for (ExportFile &file : job.files) {
            file.expiresAtMs = job.filesExpireAtMs;
        }
    }
    m_ctx.refreshExpiredLinks(job);
    if (page > m_manifest.pageCount(job)) {
        return Outcome::response(404, "not-found", "The manifest has no page " + QByteArray::number(page));
    }
    HttpResponse r = HttpResponse::json(
        200,
        QJsonDocument(m_manifest.page(job, page, static_cast<int>(job.files.size()))).toJson(QJsonDocument::Compact));
    if (job.filesExpireAtMs >= 0) {
        const double remaining = m_ctx.clock.logicalSeconds(job.filesExpireAtMs - m_ctx.clock.nowMs());
        const QDateTime expires = m_ctx.clock.wallNow().addMSecs(static_cast<qint64>(remaining * 1000));
        r.setHeader("Expires", TimeFormat::httpDate(expires));
    }
    return r;
}

HttpResponse StatusHandler::failed(const ExportJob &job) const
{
    return Outcome::response(job.failureStatus, job.failureCode.isEmpty() ? "processing" : job.failureCode,
                             job.failureDiagnostics, "fatal");
}

void StatusHandler::separateStatus(const ExportJob &job, HttpResponse &response) const
{
    if (!job.params.separateExportStatus) {
        return;
    }
    response.setHeader("Preference-Applied", "separate-export-status");
    response.setHeader("X-Export-Status",
                       QByteArray::number(response.status) + ' ' + HttpResponse::reasonPhrase(response.status));
    response.status = 200;
}

HttpResponse StatusHandler::cancel(const QByteArray &jobId, const AuthService::Principal &principal)
{
    ExportJob *job = visibleJob(jobId, principal);
    if (!job || job->deleted) {
        return m_ctx.persona->unknownJob(jobId);
    }
    if (std::optional<HttpResponse> custom = m_ctx.persona->deleteJob(*job)) {
        return std::move(*custom);
    }
    job->deleted = true;
    m_ctx.jobs.forgetFiles(*job);
    return HttpResponse(202);
}
