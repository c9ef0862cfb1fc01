#include "data/rendercontext.h"

void RenderContext::reference(const char *field, const ResourceKey &target)
{
    j.raw(",\"").raw(field).raw("\":{\"reference\":\"");
    j.raw(ResourceTypes::cname(target.type)).raw("/");
    pop.appendId(j.out(), target);
    j.raw("\"}");
}

void RenderContext::patientReference(const char *field)
{
    reference(field, ResourceKey{key.owner, 0, ResourceType::Patient, false});
}

void RenderContext::practitionerReference(const char *field)
{
    reference(field, ResourceKey{pop.practitionerFor(key), 0, ResourceType::Practitioner, false});
}

void RenderContext::organizationReference(const char *field)
{
    reference(field, ResourceKey{pop.organizationFor(key), 0, ResourceType::Organization, false});
}

void RenderContext::encounterReference(const char *field)
{
    const quint32 encounters = pop.perPatientCount(ResourceType::Encounter, key.owner);
    if (encounters == 0) {
        return;
    }
    const auto ordinal = static_cast<quint16>(detail(90) % encounters);
    reference(field, ResourceKey{key.owner, ordinal, ResourceType::Encounter, false});
}

qint64 RenderContext::clinicalTime(quint64 salt) const
{
    const qint64 updated = pop.lastUpdated(key);
    return updated - static_cast<qint64>(detail(salt) % (45 * 86400));
}

void RenderContext::codeable(const char *field, const char *system, const char *code, const char *display)
{
    j.raw(",\"").raw(field).raw("\":{\"coding\":[").coding(system, code, display).raw("],\"text\":\"");
    j.raw(display).raw("\"}");
}

void RenderContext::conceptList(const char *field, const char *system, const char *code, const char *display)
{
    j.raw(",\"").raw(field).raw("\":[{\"coding\":[").coding(system, code, display).raw("]}]");
}
