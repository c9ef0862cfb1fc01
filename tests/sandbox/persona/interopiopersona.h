#pragma once

#include "persona/persona.h"

// InteropiO's Epic R4 Gateway: export only at [base]/Patient/$export, [base]/Practitioner/$export and
// [base]/Location/$export, over identifiers "staged" in an S3 CSV (--stage TYPE=IDS; a type without a file makes
// the job fail with 500 + OperationOutcome). Retry-After (seconds) grows with every poll, X-Progress counts the
// ids processed, at most 100 resources per file, ids that Epic does not know go to the error file, and after a
// DELETE (202) the status URL answers an error.
class InteropioPersona : public Persona
{
public:
    using Persona::Persona;

    QByteArray name() const override { return "epic-interopio"; }
    QByteArrayList supportedTypes() const override { return {"Patient", "Practitioner", "Location"}; }
    QList<ResourceType> defaultTypes(ExportLevel level, const QByteArray &levelType) const override;
    bool levelSupported(ExportLevel level, const QByteArray &levelType) const override;
    Timings defaultTimings() const override;
    JobStore::FileSplit fileSplit() const override;
    QByteArray softwareName() const override { return "InteropiO Epic R4 Gateway"; }
    QByteArray publisher() const override { return "InteropiO"; }
    void preparePlan(const ExportParameters &params, const Population &population, ExportPlanner::Input &input,
                     ExportJob &job) const override;
    double retryAfterSeconds(const ExportJob &job, double configured) const override;
    QByteArray progressText(const ExportJob &job, double fraction) const override;
    HttpResponse deletedJob(const ExportJob &job) const override;

private:
    // Staged ids for a type, or nullopt when its identifier file is missing. "*" means every id.
    std::optional<QByteArrayList> staged(const QByteArray &type, const Population &population) const;
};
