#include "data/resourcetype.h"

namespace {
struct TypeInfo
{
    ResourceType type;
    const char *name;
    const char *prefix;
    bool perPatient;
};

constexpr TypeInfo kTypes[kResourceTypeCount] = {
    {ResourceType::Patient, "Patient", "pat", true},
    {ResourceType::Encounter, "Encounter", "enc", true},
    {ResourceType::Observation, "Observation", "obs", true},
    {ResourceType::Condition, "Condition", "cond", true},
    {ResourceType::MedicationRequest, "MedicationRequest", "medrx", true},
    {ResourceType::AllergyIntolerance, "AllergyIntolerance", "alg", true},
    {ResourceType::Immunization, "Immunization", "imm", true},
    {ResourceType::Procedure, "Procedure", "proc", true},
    {ResourceType::DiagnosticReport, "DiagnosticReport", "dxr", true},
    {ResourceType::DocumentReference, "DocumentReference", "doc", true},
    {ResourceType::Provenance, "Provenance", "prov", true},
    {ResourceType::Practitioner, "Practitioner", "prac", false},
    {ResourceType::Organization, "Organization", "org", false},
    {ResourceType::Location, "Location", "loc", false},
};

const TypeInfo &info(ResourceType type)
{
    return kTypes[static_cast<int>(type)];
}
} // namespace

QByteArray ResourceTypes::name(ResourceType type)
{
    return QByteArray(info(type).name);
}

const char *ResourceTypes::cname(ResourceType type)
{
    return info(type).name;
}

std::optional<ResourceType> ResourceTypes::fromName(QByteArrayView name)
{
    for (const TypeInfo &t : kTypes) {
        if (name == QByteArrayView(t.name)) {
            return t.type;
        }
    }
    return std::nullopt;
}

bool ResourceTypes::perPatient(ResourceType type)
{
    return info(type).perPatient;
}

QList<ResourceType> ResourceTypes::standardTypes()
{
    QList<ResourceType> types;
    for (const TypeInfo &t : kTypes) {
        if (t.type != ResourceType::Provenance) {
            types.append(t.type);
        }
    }
    return types;
}

QByteArrayList ResourceTypes::names(const QList<ResourceType> &types)
{
    QByteArrayList out;
    for (const ResourceType t : types) {
        out.append(name(t));
    }
    return out;
}

const char *ResourceTypes::idPrefix(ResourceType type)
{
    return info(type).prefix;
}
