#pragma once

#include "persona/persona.h"

// HAPI FHIR: status at [base]/$export-poll-status?_jobId=<id>; output files at [base]/Binary/<id> come back as FHIR
// Binary JSON wrappers unless the request's Accept is application/fhir+ndjson; the manifest has no error array;
// files expire after 2 h; jobs delete themselves once complete, so DELETE then answers 404.
class HapiPersona : public Persona
{
public:
    using Persona::Persona;

    QByteArray name() const override { return "hapi"; }
    QByteArray statusPath(const QByteArray &jobId) const override
    {
        return basePath() + "/$export-poll-status?_jobId=" + jobId;
    }
    QByteArray jobIdFromRequest(const HttpRequest &request) const override;
    QByteArray filePath(const QByteArray &token) const override { return basePath() + "/Binary/" + token; }
    Timings defaultTimings() const override;
    QByteArray softwareName() const override { return "HAPI FHIR Server"; }
    QByteArray publisher() const override { return "Not provided"; }
    QByteArray progressText(const ExportJob &job, double fraction) const override;
    bool manifestHasErrorArray() const override { return false; }
    std::optional<HttpResponse> deleteJob(const ExportJob &job) const override;
    FileDelivery fileDelivery(const HttpRequest &request) const override;
};
