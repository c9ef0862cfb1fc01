#pragma once

#include "persona/persona.h"

// eClinicalWorks: base /fhir/r4/<practice code>; RS384 assertions only (ES384 rejected); --rate-limit N/min
// (default 250) across FHIR and token endpoints, after which everything answers 429 for the rest of the minute;
// the first status poll says Retry-After: 7200.
class EcwPersona : public Persona
{
public:
    using Persona::Persona;

    static constexpr const char *kPracticeCode = "JAFJCD";

    QByteArray name() const override { return "ecw"; }
    QByteArray basePath() const override { return QByteArray("/fhir/r4/") + kPracticeCode; }
    QByteArray tokenPath() const override { return "/oauth/oauth2/token"; }
    Timings defaultTimings() const override;
    QByteArray softwareName() const override { return "eClinicalWorks FHIR"; }
    QByteArray publisher() const override { return "eClinicalWorks"; }
    double retryAfterSeconds(const ExportJob &job, double configured) const override;
    QByteArrayList signingAlgorithms() const override { return {"RS384"}; }
    QString checkAuthMode(SandboxConfig::AuthMode mode) const override;
    int rateLimitPerMinute() const override { return config().rateLimitPerMinute; }
};
