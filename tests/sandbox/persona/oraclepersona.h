#pragma once

#include "persona/persona.h"

// Oracle Health (Cerner Millennium) Group export: tenant in the base URL (/r4/<tenant>) and in the token URL
// (/tenants/<tenant>/protocols/oauth2/profiles/smart-v1/token); repeated _type refused, _elements and patient
// unsupported; _typeFilter only with _type, one query per type, never for Location/Organization/Patient/
// Practitioner/Provenance (422); one export at a time per client (429 throttled); Retry-After: 600 and
// X-Progress: in-progress; status at /bulk-export/jobs/<id>; files at /bulk-export/files/<id> answer 307 to a
// pre-signed URL on the storage origin (which refuses Authorization); many tiny files (one patient each, <= 200
// lines); files kept 30 days.
class OraclePersona : public Persona
{
public:
    using Persona::Persona;

    QByteArray name() const override { return "oracle-health"; }
    QByteArray basePath() const override { return "/r4/" + config().oracleTenant; }
    QByteArray tokenPath() const override
    {
        return "/tenants/" + config().oracleTenant + "/protocols/oauth2/profiles/smart-v1/token";
    }
    QByteArray statusPath(const QByteArray &jobId) const override { return basePath() + "/bulk-export/jobs/" + jobId; }
    QByteArray filePath(const QByteArray &token) const override { return basePath() + "/bulk-export/files/" + token; }
    bool levelSupported(ExportLevel level, const QByteArray &) const override { return level == ExportLevel::Group; }
    KickoffRules kickoffRules() const override;
    Timings defaultTimings() const override;
    JobStore::FileSplit fileSplit() const override;
    QByteArray softwareName() const override { return "Oracle Health Millennium Platform"; }
    QByteArray publisher() const override { return "Oracle Health"; }
    std::optional<HttpResponse> admitKickoff(const KickoffContext &ctx) override;
    QByteArray progressText(const ExportJob &, double) const override { return "in-progress"; }
    FileDelivery fileDelivery(const HttpRequest &) const override { return FileDelivery::RedirectToStorage; }
};
