#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>
#include <QList>

#include <optional>

// The resource types the sandbox can generate. Personas may accept more type names (Veradigm lists 23); those
// simply produce no resources.
enum class ResourceType : quint8 {
    Patient,
    Encounter,
    Observation,
    Condition,
    MedicationRequest,
    AllergyIntolerance,
    Immunization,
    Procedure,
    DiagnosticReport,
    DocumentReference,
    Provenance,
    Practitioner,
    Organization,
    Location,
};
constexpr int kResourceTypeCount = 14;

class ResourceTypes
{
public:
    static QByteArray name(ResourceType type);
    static const char *cname(ResourceType type);
    static std::optional<ResourceType> fromName(QByteArrayView name);
    // Patient-compartment types are generated per patient; the rest (Practitioner, ...) are shared.
    static bool perPatient(ResourceType type);
    // The 13 types of a standard export (everything but Provenance), in export order.
    static QList<ResourceType> standardTypes();
    static QByteArrayList names(const QList<ResourceType> &types);
    // Short id prefix ("obs" for Observation).
    static const char *idPrefix(ResourceType type);
};
