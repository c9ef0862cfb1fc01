#include "data/resourcerenderer.h"

#include "data/clinicalrenderer.h"
#include "data/rendercontext.h"
#include "data/vocabulary.h"

namespace {

template<typename T> const T &pick(std::span<const T> table, quint64 h)
{
    return table[h % table.size()];
}

constexpr std::string_view kPadHead =
    ",\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">";
constexpr std::string_view kPadTail = "</div>\"}";

// 64 KiB of narrative filler, built once; padding copies from it, so large resources cost a memcpy.
const std::string &filler()
{
    static const std::string text = [] {
        static constexpr const char *kWords[] = {
            "Patient",  "reports",  "no",        "new",     "symptoms",  "since",        "last",      "visit.",
            "Reviewed", "history,", "allergies", "and",     "current",   "medications.", "Counseled", "on",
            "diet",     "exercise", "sleep",     "hygiene", "follow-up", "as",           "needed."};
        std::string s;
        s.reserve(64 * 1024 + 32);
        size_t i = 0;
        while (s.size() < 64 * 1024) {
            s += kWords[i++ % std::size(kWords)];
            s += ' ';
        }
        s.resize(64 * 1024);
        return s;
    }();
    return text;
}

void cityParts(const char *city, std::string_view &name, std::string_view &state, std::string_view &zip)
{
    const std::string_view s(city);
    const size_t a = s.find('|');
    const size_t b = s.find('|', a + 1);
    name = s.substr(0, a);
    state = s.substr(a + 1, b - a - 1);
    zip = s.substr(b + 1);
}

void address(JsonLine &j, quint64 h, bool asArray)
{
    std::string_view name;
    std::string_view state;
    std::string_view zip;
    cityParts(pick(Vocabulary::cities(), h >> 8), name, state, zip);
    j.raw(asArray ? ",\"address\":[{" : ",\"address\":{").raw("\"use\":\"home\",\"line\":[\"").num(10 + h % 9000);
    j.raw(" ").raw(pick(Vocabulary::streets(), h >> 20)).raw("\"],\"city\":\"").raw(name).raw("\",\"state\":\"");
    j.raw(state)
        .raw("\",\"postalCode\":\"")
        .raw(zip)
        .raw(asArray ? "\",\"country\":\"US\"}]" : "\",\"country\":\"US\"}");
}

} // namespace

ResourceRenderer::ResourceRenderer(const Population &population, RenderOptions options)
    : m_population(population)
    , m_options(options)
{
}

void ResourceRenderer::render(const ResourceKey &key, std::string &out) const
{
    const size_t start = out.size();
    JsonLine j(out);
    j.raw("{\"resourceType\":\"").raw(ResourceTypes::cname(key.type)).raw("\",\"id\":\"");
    m_population.appendId(out, key);
    j.raw("\"");
    if (m_options.lastUpdated) {
        j.raw(",\"meta\":{\"lastUpdated\":").instant(m_population.lastUpdated(key)).raw("}");
    }
    RenderContext ctx{m_population, key, j};
    switch (key.type) {
    case ResourceType::Patient:
        patient(ctx);
        break;
    case ResourceType::Encounter:
        ClinicalRenderer::encounter(ctx);
        break;
    case ResourceType::Observation:
        ClinicalRenderer::observation(ctx);
        break;
    case ResourceType::Condition:
        ClinicalRenderer::condition(ctx);
        break;
    case ResourceType::MedicationRequest:
        ClinicalRenderer::medicationRequest(ctx);
        break;
    case ResourceType::AllergyIntolerance:
        ClinicalRenderer::allergyIntolerance(ctx);
        break;
    case ResourceType::Immunization:
        ClinicalRenderer::immunization(ctx);
        break;
    case ResourceType::Procedure:
        ClinicalRenderer::procedure(ctx);
        break;
    case ResourceType::DiagnosticReport:
        ClinicalRenderer::diagnosticReport(ctx);
        break;
    case ResourceType::DocumentReference:
        ClinicalRenderer::documentReference(ctx);
        break;
    case ResourceType::Provenance:
        ClinicalRenderer::provenance(ctx);
        break;
    case ResourceType::Practitioner:
        practitioner(ctx);
        break;
    case ResourceType::Organization:
        organization(ctx);
        break;
    case ResourceType::Location:
        location(ctx);
        break;
    }
    pad(out, start);
    out.push_back('}');
}

void ResourceRenderer::pad(std::string &out, size_t start) const
{
    if (m_options.lineBytes <= 0) {
        return;
    }
    const size_t target = static_cast<size_t>(m_options.lineBytes);
    const size_t fixed = out.size() - start + kPadHead.size() + kPadTail.size() + 1; // +1: closing brace
    if (fixed >= target) {
        return;
    }
    size_t need = target - fixed;
    out.append(kPadHead);
    const std::string &text = filler();
    while (need > 0) {
        const size_t n = std::min(need, text.size());
        out.append(text.data(), n);
        need -= n;
    }
    out.append(kPadTail);
}

void ResourceRenderer::renderDeletion(const ResourceKey &key, std::string &out) const
{
    JsonLine j(out);
    j.raw("{\"resourceType\":\"Bundle\",\"id\":\"del-");
    m_population.appendId(out, key);
    j.raw("\",\"type\":\"transaction\",\"entry\":[{\"request\":{\"method\":\"DELETE\",\"url\":\"");
    j.raw(ResourceTypes::cname(key.type)).raw("/");
    m_population.appendId(out, key);
    j.raw("\"}}]}");
}

void ResourceRenderer::patient(RenderContext &ctx) const
{
    JsonLine &j = ctx.j;
    const quint64 h = ctx.detail(1);
    j.raw(",\"identifier\":[{\"use\":\"usual\",\"type\":{\"coding\":[");
    j.coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical record number");
    j.raw("]},\"system\":\"urn:oid:2.16.840.1.113883.3.9999.1\",\"value\":\"MRN").num(10000000 + ctx.key.owner);
    j.raw("\"}],\"active\":true,\"name\":[{\"use\":\"official\",\"family\":\"");
    j.raw(pick(Vocabulary::familyNames(), h)).raw("\",\"given\":[\"");
    j.raw(pick(Vocabulary::givenNames(), h >> 16)).raw("\"]}],\"telecom\":[{\"system\":\"phone\",\"value\":\"555-01");
    j.num(10 + static_cast<qint64>(h % 90)).raw("\",\"use\":\"home\"}],\"gender\":\"");
    j.raw(ctx.pop.gender(ctx.key.owner)).raw("\",\"birthDate\":");
    // Born 1930-2020.
    j.date(-1262304000 + static_cast<qint64>((h >> 24) % (90ULL * 365 * 86400)));
    address(j, ctx.detail(2), true);
    j.raw(",\"generalPractitioner\":[{\"reference\":\"Practitioner/");
    ctx.pop.appendId(j.out(), ResourceKey{ctx.pop.practitionerFor(ctx.key), 0, ResourceType::Practitioner, false});
    j.raw("\"}]");
    ctx.organizationReference("managingOrganization");
}

void ResourceRenderer::practitioner(RenderContext &ctx) const
{
    JsonLine &j = ctx.j;
    const quint64 h = ctx.detail(1);
    const VocabCode &specialty = pick(Vocabulary::specialties(), h >> 40);
    j.raw(",\"identifier\":[{\"system\":\"http://hl7.org/fhir/sid/us-npi\",\"value\":\"");
    j.num(1000000000 + static_cast<qint64>(h % 900000000)).raw("\"}],\"active\":true,\"name\":[{\"family\":\"");
    j.raw(pick(Vocabulary::familyNames(), h >> 8)).raw("\",\"given\":[\"").raw(pick(Vocabulary::givenNames(), h >> 24));
    j.raw("\"],\"prefix\":[\"Dr.\"]}],\"telecom\":[{\"system\":\"phone\",\"value\":\"555-02");
    j.num(10 + static_cast<qint64>(h % 90)).raw("\",\"use\":\"work\"}]");
    j.raw(",\"qualification\":[{\"code\":{\"coding\":[").coding(Vocabulary::kSnomed, specialty.code, specialty.display);
    j.raw("]}}]");
}

void ResourceRenderer::organization(RenderContext &ctx) const
{
    JsonLine &j = ctx.j;
    const quint64 h = ctx.detail(1);
    std::string_view city;
    std::string_view state;
    std::string_view zip;
    cityParts(pick(Vocabulary::cities(), h >> 8), city, state, zip);
    j.raw(",\"identifier\":[{\"system\":\"http://hl7.org/fhir/sid/us-npi\",\"value\":\"");
    j.num(1000000000 + static_cast<qint64>(h % 900000000)).raw("\"}],\"active\":true,\"type\":[{\"coding\":[");
    j.coding("http://terminology.hl7.org/CodeSystem/organization-type", "prov", "Healthcare Provider");
    j.raw("]}],\"name\":\"").raw(city).raw(" Community Health ").num(ctx.key.owner + 1).raw("\"");
    j.raw(",\"telecom\":[{\"system\":\"phone\",\"value\":\"555-03").num(10 + static_cast<qint64>(h % 90));
    j.raw("\"}]");
    address(j, h, true);
}

void ResourceRenderer::location(RenderContext &ctx) const
{
    JsonLine &j = ctx.j;
    const quint64 h = ctx.detail(1);
    std::string_view city;
    std::string_view state;
    std::string_view zip;
    cityParts(pick(Vocabulary::cities(), h >> 8), city, state, zip);
    j.raw(",\"status\":\"active\",\"name\":\"").raw(city).raw(" Clinic ").num(ctx.key.owner + 1);
    j.raw("\",\"mode\":\"instance\",\"type\":[{\"coding\":[");
    j.coding("http://terminology.hl7.org/CodeSystem/v3-RoleCode", "OF", "Outpatient facility");
    j.raw("]}]");
    address(j, h, false);
    ctx.reference("managingOrganization", ResourceKey{ctx.key.owner % ctx.pop.sharedCount(ResourceType::Organization),
                                                      0, ResourceType::Organization, false});
}
