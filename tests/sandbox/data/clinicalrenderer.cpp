#include "data/clinicalrenderer.h"

#include "data/vocabulary.h"

namespace {

template<typename T> const T &pick(std::span<const T> table, quint64 h)
{
    return table[h % table.size()];
}

constexpr const char *kUcum = "http://unitsofmeasure.org";

} // namespace

void ClinicalRenderer::encounter(RenderContext &ctx)
{
    JsonLine &j = ctx.j;
    const VocabCode &type = pick(Vocabulary::encounterTypes(), ctx.detail(1));
    const bool emergency = std::string_view(type.code) == "50849002";
    j.raw(",\"status\":\"").raw(ctx.pop.encounterStatus(ctx.key)).raw("\"");
    j.raw(",\"class\":{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"");
    j.raw(emergency ? "EMER\",\"display\":\"emergency\"}" : "AMB\",\"display\":\"ambulatory\"}");
    ctx.conceptList("type", Vocabulary::kSnomed, type.code, type.display);
    ctx.patientReference("subject");
    j.raw(",\"participant\":[{\"individual\":{\"reference\":\"Practitioner/");
    ctx.pop.appendId(j.out(), ResourceKey{ctx.pop.practitionerFor(ctx.key), 0, ResourceType::Practitioner, false});
    const qint64 start = ctx.clinicalTime(2);
    j.raw("\"}}],\"period\":{\"start\":").instant(start).raw(",\"end\":");
    j.instant(start + 900 + static_cast<qint64>(ctx.detail(3) % 7200)).raw("}");
    j.raw(",\"location\":[{\"location\":{\"reference\":\"Location/");
    ctx.pop.appendId(j.out(), ResourceKey{ctx.pop.locationFor(ctx.key), 0, ResourceType::Location, false});
    j.raw("\"}}]");
    ctx.organizationReference("serviceProvider");
}

void ClinicalRenderer::observation(RenderContext &ctx)
{
    JsonLine &j = ctx.j;
    const ObservationCategory &category = ctx.pop.observationCategory(ctx.key);
    const VocabCode &code = ctx.pop.observationCode(ctx.key);
    j.raw(",\"status\":\"").raw(ctx.pop.observationStatus(ctx.key)).raw("\"");
    ctx.conceptList("category", Vocabulary::kObservationCategory, category.code, category.display);
    ctx.codeable("code", Vocabulary::kLoinc, code.code, code.display);
    ctx.patientReference("subject");
    ctx.encounterReference("encounter");
    const qint64 when = ctx.clinicalTime(2);
    j.raw(",\"effectiveDateTime\":").instant(when).raw(",\"issued\":").instant(when + 3600);
    if (code.unit) {
        const qint64 span = (code.high - code.low) * 10 + 1;
        const qint64 value = code.low * 10 + static_cast<qint64>(ctx.detail(4) % static_cast<quint64>(span));
        j.raw(",\"valueQuantity\":{\"value\":").tenths(value).raw(",\"unit\":\"").raw(code.unit);
        j.raw("\",\"system\":\"").raw(kUcum).raw("\",\"code\":\"").raw(code.unit).raw("\"}");
    } else if (std::string_view(category.code) == "social-history") {
        j.raw(",\"valueCodeableConcept\":{\"coding\":[");
        j.coding(Vocabulary::kSnomed, ctx.detail(4) % 3 == 0 ? "77176002" : "266919005",
                 ctx.detail(4) % 3 == 0 ? "Smoker" : "Never smoked tobacco");
        j.raw("]}");
    } else {
        j.raw(",\"valueString\":\"Within normal limits\"");
    }
    j.raw(",\"performer\":[{\"reference\":\"Practitioner/");
    ctx.pop.appendId(j.out(), ResourceKey{ctx.pop.practitionerFor(ctx.key), 0, ResourceType::Practitioner, false});
    j.raw("\"}]");
}

void ClinicalRenderer::condition(RenderContext &ctx)
{
    JsonLine &j = ctx.j;
    const VocabCode &code = pick(Vocabulary::conditions(), ctx.detail(1));
    j.raw(",\"clinicalStatus\":{\"coding\":[");
    j.coding(Vocabulary::kConditionClinical, ctx.pop.conditionClinicalStatus(ctx.key)).raw("]}");
    j.raw(",\"verificationStatus\":{\"coding\":[");
    j.coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed").raw("]}");
    ctx.conceptList("category", Vocabulary::kConditionCategory, ctx.pop.conditionCategory(ctx.key));
    ctx.codeable("code", Vocabulary::kSnomed, code.code, code.display);
    ctx.patientReference("subject");
    const qint64 onset = ctx.clinicalTime(2) - static_cast<qint64>(ctx.detail(3) % (900 * 86400));
    j.raw(",\"onsetDateTime\":").instant(onset).raw(",\"recordedDate\":").instant(ctx.clinicalTime(2));
    ctx.practitionerReference("recorder");
}

void ClinicalRenderer::medicationRequest(RenderContext &ctx)
{
    JsonLine &j = ctx.j;
    const VocabCode &med = pick(Vocabulary::medications(), ctx.detail(1));
    j.raw(",\"status\":\"").raw(ctx.pop.medicationStatus(ctx.key)).raw("\",\"intent\":\"order\"");
    ctx.codeable("medicationCodeableConcept", Vocabulary::kRxNorm, med.code, med.display);
    ctx.patientReference("subject");
    ctx.encounterReference("encounter");
    j.raw(",\"authoredOn\":").instant(ctx.clinicalTime(2));
    ctx.practitionerReference("requester");
    j.raw(",\"dosageInstruction\":[{\"text\":\"Take ").num(1 + static_cast<qint64>(ctx.detail(3) % 2));
    j.raw(" tablet(s) by mouth daily\",\"timing\":{\"repeat\":{\"frequency\":1,\"period\":1,\"periodUnit\":\"d\"}}}]");
}

void ClinicalRenderer::allergyIntolerance(RenderContext &ctx)
{
    JsonLine &j = ctx.j;
    const VocabCode &substance = pick(Vocabulary::allergies(), ctx.detail(1));
    j.raw(",\"clinicalStatus\":{\"coding\":[");
    j.coding("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active").raw("]}");
    j.raw(",\"verificationStatus\":{\"coding\":[");
    j.coding("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "confirmed").raw("]}");
    j.raw(",\"type\":\"allergy\",\"criticality\":\"").raw(ctx.detail(2) % 4 == 0 ? "high" : "low").raw("\"");
    ctx.codeable("code", Vocabulary::kSnomed, substance.code, substance.display);
    ctx.patientReference("patient");
    j.raw(",\"recordedDate\":").instant(ctx.clinicalTime(3));
}

void ClinicalRenderer::immunization(RenderContext &ctx)
{
    JsonLine &j = ctx.j;
    const VocabCode &vaccine = pick(Vocabulary::vaccines(), ctx.detail(1));
    j.raw(",\"status\":\"completed\"");
    ctx.codeable("vaccineCode", Vocabulary::kCvx, vaccine.code, vaccine.display);
    ctx.patientReference("patient");
    ctx.encounterReference("encounter");
    j.raw(",\"occurrenceDateTime\":").instant(ctx.clinicalTime(2)).raw(",\"primarySource\":true");
    j.raw(",\"lotNumber\":\"LOT").num(10000 + static_cast<qint64>(ctx.detail(3) % 90000)).raw("\"");
}

void ClinicalRenderer::procedure(RenderContext &ctx)
{
    JsonLine &j = ctx.j;
    const VocabCode &code = pick(Vocabulary::procedures(), ctx.detail(1));
    j.raw(",\"status\":\"completed\"");
    ctx.codeable("code", Vocabulary::kSnomed, code.code, code.display);
    ctx.patientReference("subject");
    ctx.encounterReference("encounter");
    j.raw(",\"performedDateTime\":").instant(ctx.clinicalTime(2));
    j.raw(",\"performer\":[{\"actor\":{\"reference\":\"Practitioner/");
    ctx.pop.appendId(j.out(), ResourceKey{ctx.pop.practitionerFor(ctx.key), 0, ResourceType::Practitioner, false});
    j.raw("\"}}]");
}

void ClinicalRenderer::diagnosticReport(RenderContext &ctx)
{
    JsonLine &j = ctx.j;
    const VocabCode &panel = pick(Vocabulary::reportPanels(), ctx.detail(1));
    j.raw(",\"status\":\"final\"");
    ctx.conceptList("category", "http://terminology.hl7.org/CodeSystem/v2-0074", "LAB", "Laboratory");
    ctx.codeable("code", Vocabulary::kLoinc, panel.code, panel.display);
    ctx.patientReference("subject");
    ctx.encounterReference("encounter");
    const qint64 when = ctx.clinicalTime(2);
    j.raw(",\"effectiveDateTime\":").instant(when).raw(",\"issued\":").instant(when + 7200);
    j.raw(",\"conclusion\":\"")
        .raw(ctx.detail(3) % 5 == 0 ? "Abnormal values flagged for review." : "No acute findings.");
    j.raw("\"");
}

void ClinicalRenderer::documentReference(RenderContext &ctx)
{
    JsonLine &j = ctx.j;
    const VocabCode &type = pick(Vocabulary::documentTypes(), ctx.detail(1));
    const VocabCode &condition = pick(Vocabulary::conditions(), ctx.detail(4));
    j.raw(",\"status\":\"current\"");
    ctx.codeable("type", Vocabulary::kLoinc, type.code, type.display);
    ctx.conceptList("category", "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category",
                    "clinical-note", "Clinical Note");
    ctx.patientReference("subject");
    const qint64 when = ctx.clinicalTime(2);
    j.raw(",\"date\":").instant(when);
    j.raw(",\"author\":[{\"reference\":\"Practitioner/");
    ctx.pop.appendId(j.out(), ResourceKey{ctx.pop.practitionerFor(ctx.key), 0, ResourceType::Practitioner, false});
    j.raw("\"}],\"content\":[{\"attachment\":{\"contentType\":\"text/plain; charset=utf-8\",\"data\":");
    std::string note = type.display;
    note += ": patient seen for follow-up of ";
    note += condition.display;
    note += ". Vitals reviewed and stable. Medications reconciled. Plan: continue current therapy, return in ";
    note += std::to_string(2 + ctx.detail(5) % 10);
    note += " weeks.\n";
    j.base64(note).raw(",\"title\":\"").raw(type.display).raw("\",\"creation\":").instant(when).raw("}}]");
    const quint32 encounters = ctx.pop.perPatientCount(ResourceType::Encounter, ctx.key.owner);
    if (encounters > 0) {
        j.raw(",\"context\":{\"encounter\":[{\"reference\":\"Encounter/");
        const auto ordinal = static_cast<quint16>(ctx.detail(90) % encounters);
        ctx.pop.appendId(j.out(), ResourceKey{ctx.key.owner, ordinal, ResourceType::Encounter, false});
        j.raw("\"}]}");
    }
}

void ClinicalRenderer::provenance(RenderContext &ctx)
{
    JsonLine &j = ctx.j;
    j.raw(",\"target\":[{\"reference\":\"Patient/");
    ctx.pop.appendId(j.out(), ResourceKey{ctx.key.owner, 0, ResourceType::Patient, false});
    j.raw("\"}],\"recorded\":").instant(ctx.pop.lastUpdated(ctx.key));
    j.raw(",\"agent\":[{\"type\":{\"coding\":[");
    j.coding("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author");
    j.raw("]},\"who\":{\"reference\":\"Organization/");
    ctx.pop.appendId(j.out(), ResourceKey{ctx.pop.organizationFor(ctx.key), 0, ResourceType::Organization, false});
    j.raw("\"}}]");
}
