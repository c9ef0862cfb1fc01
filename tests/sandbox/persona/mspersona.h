#pragma once

#include "persona/persona.h"

// The EHR vendor whose Retry-After counts milliseconds (ehr-vendor-ms-retry-after.txt): Group export only,
// X-Progress scheduled/started/completed, 404 + OperationOutcome "forbidden" ("... not available") for unknown or
// expired jobs (kept seven days), only the token's subject may poll, cancel or download, a _type outside the
// token's scopes rejects the kick-off, transactionTime is when the request finished (yyyy-MM-ddTHH:mm:ssZ).
class MsPersona : public Persona
{
public:
    using Persona::Persona;

    QByteArray name() const override { return "ms-retry-after"; }
    bool levelSupported(ExportLevel level, const QByteArray &) const override { return level == ExportLevel::Group; }
    Timings defaultTimings() const override;
    RetryAfterUnit retryAfterUnit() const override { return RetryAfterUnit::Milliseconds; }
    QByteArray progressText(const ExportJob &job, double fraction) const override;
    QByteArray transactionTime(const ExportJob &job) const override;
    bool ownerOnly() const override { return true; }
    HttpResponse unknownJob(const QByteArray &jobId) const override;
    HttpResponse deletedJob(const ExportJob &job) const override { return unknownJob(job.id); }
};
