#pragma once

#include "persona/persona.h"

// athenahealth: Group export only, and the only Group is a-1.c-<practiceId> (--athena-practice), the whole
// practice; SMART v1 scopes only (system/*.read; v2 scopes such as system/*.rs are refused with invalid_scope).
class AthenaPersona : public Persona
{
public:
    using Persona::Persona;

    QByteArray name() const override { return "athena"; }
    QByteArray basePath() const override { return "/fhir/r4"; }
    QByteArray tokenPath() const override { return "/oauth2/v1/token"; }
    bool levelSupported(ExportLevel level, const QByteArray &) const override { return level == ExportLevel::Group; }
    void adjustGroups(GroupRegistry &groups) const override;
    Timings defaultTimings() const override;
    QByteArray softwareName() const override { return "athenahealth FHIR"; }
    QByteArray publisher() const override { return "athenahealth"; }
    bool acceptsV2Scopes() const override { return false; }
};
