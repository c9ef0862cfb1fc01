#pragma once

#include "persona/persona.h"

// Veradigm: Group export, Retry-After in MINUTES, X-Progress a percentage, JWKS backend auth only, its 23
// supported types (others 400), Provenance only when _type names it or is omitted, and a .well-known that
// under-reports token_endpoint_auth_methods_supported (no private_key_jwt) while accepting it.
class VeradigmPersona : public Persona
{
public:
    using Persona::Persona;

    QByteArray name() const override { return "veradigm"; }
    QByteArrayList supportedTypes() const override;
    bool levelSupported(ExportLevel level, const QByteArray &) const override { return level == ExportLevel::Group; }
    Timings defaultTimings() const override;
    RetryAfterUnit retryAfterUnit() const override { return RetryAfterUnit::Minutes; }
    QByteArray progressText(const ExportJob &job, double fraction) const override;
    QByteArray softwareName() const override { return "Veradigm FHIR API"; }
    QByteArray publisher() const override { return "Veradigm"; }
    void decorateSmartConfiguration(QJsonObject &config) const override;
    QString checkAuthMode(SandboxConfig::AuthMode mode) const override;
};
