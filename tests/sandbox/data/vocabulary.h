#pragma once

#include <span>

// Small, plausible code tables (LOINC, SNOMED CT, RxNorm, CVX, HL7 code systems) the renderer draws from.
// All strings are plain ASCII without characters that need JSON escaping, so they can be copied verbatim.
struct VocabCode
{
    const char *code;
    const char *display;
    const char *unit = nullptr; // UCUM unit for quantities
    int low = 0;                // value range for quantities
    int high = 0;
};

struct ObservationCategory
{
    const char *code;
    const char *display;
    std::span<const VocabCode> codes; // LOINC
};

namespace Vocabulary {

inline constexpr const char *kLoinc = "http://loinc.org";
inline constexpr const char *kSnomed = "http://snomed.info/sct";
inline constexpr const char *kRxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
inline constexpr const char *kCvx = "http://hl7.org/fhir/sid/cvx";
inline constexpr const char *kObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
inline constexpr const char *kConditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical";
inline constexpr const char *kConditionCategory = "http://terminology.hl7.org/CodeSystem/condition-category";

std::span<const char *const> givenNames();
std::span<const char *const> familyNames();
std::span<const char *const> streets();
std::span<const char *const> cities(); // "City|ST|ZIP"
std::span<const ObservationCategory> observationCategories();
std::span<const VocabCode> conditions();
std::span<const char *const> conditionClinicalStatuses();
std::span<const char *const> conditionCategories();
std::span<const VocabCode> medications();
std::span<const VocabCode> allergies();
std::span<const VocabCode> vaccines();
std::span<const VocabCode> procedures();
std::span<const VocabCode> reportPanels();
std::span<const VocabCode> documentTypes();
std::span<const VocabCode> encounterTypes();
std::span<const char *const> encounterStatuses();
std::span<const char *const> medicationStatuses();
std::span<const char *const> observationStatuses();
std::span<const VocabCode> specialties();

} // namespace Vocabulary
