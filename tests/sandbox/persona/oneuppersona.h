#pragma once

#include "persona/persona.h"

// 1upHealth bulk data: base /bulk-data/r4, status /$export/job/<id>, files /$export/file/<name>.ndjson. While
// running, the status answers HTTP 200 with a JSON body {"status":"In Progress","resourceCount",…,"batches"}
// (optionally 202 for the first --oneup-accepted-polls polls) until "status":"Successful" with output entries
// carrying "file" instead of "url". The kick-off body repeats the job id beside Content-Location; --oneup-legacy
// answers the kick-off synchronously with 200 + manifest. POST kick-off and DELETE answer 403; lower-case _type is
// accepted; Group exports need the client headers when --auth headers; tokens last 2 h; links never expire.
class OneupPersona : public Persona
{
public:
    using Persona::Persona;

    QByteArray name() const override { return "oneup"; }
    QByteArray basePath() const override { return "/bulk-data/r4"; }
    QByteArray statusPath(const QByteArray &jobId) const override { return basePath() + "/$export/job/" + jobId; }
    QByteArray filePath(const QByteArray &token) const override
    {
        return basePath() + "/$export/file/" + token + ".ndjson";
    }
    KickoffRules kickoffRules() const override;
    Timings defaultTimings() const override;
    QByteArray softwareName() const override { return "1upHealth FHIR Server"; }
    QByteArray publisher() const override { return "1upHealth"; }
    std::optional<HttpResponse> admitKickoff(const KickoffContext &ctx) override;
    void kickoffAccepted(const ExportJob &job, const QByteArray &statusUrl, HttpResponse &response) const override;
    bool synchronousKickoff() const override { return config().oneupLegacy; }
    void inProgress(const ExportJob &job, double fraction, HttpResponse &response) const override;
    QByteArray outputUrlKey() const override { return config().oneupLegacy ? "url" : "file"; }
    bool manifestHasErrorArray() const override { return config().oneupLegacy; }
    void decorateManifest(const ExportJob &job, QJsonObject &manifest) const override;
    std::optional<HttpResponse> deleteJob(const ExportJob &job) const override;

private:
    QJsonObject statusBody(const ExportJob &job, double fraction) const;
};
