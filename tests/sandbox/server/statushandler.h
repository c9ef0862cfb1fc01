#pragma once

#include "auth/authservice.h"
#include "server/manifestbuilder.h"
#include "server/sandboxcontext.h"

// Status polling and DELETE of an export job. The job completes lazily, when a poll finds it has had its
// configured number of in-progress answers and its minimum duration. Faults are served in a fixed order
// (429, 503, transient 500, fatal) so a test can predict every answer.
class StatusHandler
{
public:
    explicit StatusHandler(SandboxContext &ctx);

    HttpResponse poll(const HttpRequest &request, const QByteArray &jobId, const AuthService::Principal &principal);
    HttpResponse cancel(const QByteArray &jobId, const AuthService::Principal &principal);

private:
    ExportJob *visibleJob(const QByteArray &jobId, const AuthService::Principal &principal) const;
    std::optional<HttpResponse> injectedFault(ExportJob &job);
    double progress(const ExportJob &job, bool counting) const;
    HttpResponse inProgress(ExportJob &job, double fraction, int page);
    HttpResponse completed(ExportJob &job, int page);
    HttpResponse failed(const ExportJob &job) const;
    int readyEntries(const ExportJob &job, double fraction) const;
    // STU3 separate-export-status: the HTTP status describes the poll, X-Export-Status the job.
    void separateStatus(const ExportJob &job, HttpResponse &response) const;

    SandboxContext &m_ctx;
    ManifestBuilder m_manifest;
};
