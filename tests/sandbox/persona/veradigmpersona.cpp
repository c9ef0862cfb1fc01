#include "persona/veradigmpersona.h"

#include <QJsonArray>

#include <cmath>

QByteArrayList VeradigmPersona::supportedTypes() const
{
    return {
        "AllergyIntolerance", "CarePlan",          "CareTeam",          "Condition",   "Binary",       "Device",
        "DiagnosticReport",   "DocumentReference", "Encounter",         "Goal",        "Group",        "Immunization",
        "Location",           "Medication",        "MedicationRequest", "Observation", "Organization", "Patient",
        "Practitioner",       "PractitionerRole",  "Procedure",         "Provenance",  "RelatedPerson"};
}

Persona::Timings VeradigmPersona::defaultTimings() const
{
    Timings t;
    t.polls = 2;
    t.jobSeconds = 120;
    t.retryAfterSeconds = 60;
    return t;
}

QByteArray VeradigmPersona::progressText(const ExportJob &, double fraction) const
{
    return QByteArray::number(static_cast<int>(std::floor(fraction * 100))) + '%';
}

void VeradigmPersona::decorateSmartConfiguration(QJsonObject &config) const
{
    // Accepts private_key_jwt, but does not say so (cumulus-fhir-support works around exactly this).
    config.insert(QLatin1String("token_endpoint_auth_methods_supported"), QJsonArray{});
}

QString VeradigmPersona::checkAuthMode(SandboxConfig::AuthMode mode) const
{
    if (mode == SandboxConfig::AuthMode::None || mode == SandboxConfig::AuthMode::Smart) {
        return {};
    }
    return QStringLiteral("the veradigm persona supports only JWKS backend auth: --auth smart (or none)");
}
