#include "data/vocabulary.h"

namespace {

constexpr const char *kGiven[] = {"Olivia", "Liam",   "Emma",     "Noah",     "Amelia", "Oliver",   "Ava",    "Elijah",
                                  "Sophia", "James",  "Isabella", "William",  "Mia",    "Benjamin", "Evelyn", "Lucas",
                                  "Harper", "Henry",  "Camila",   "Theodore", "Gianna", "Jack",     "Luna",   "Levi",
                                  "Ella",   "Mateo",  "Aria",     "Daniel",   "Nora",   "Ahmed",    "Mei",    "Priya",
                                  "Kenji",  "Fatima", "Diego",    "Ingrid",   "Tomasz", "Aisha",    "Ravi",   "Sofia"};
constexpr const char *kFamily[] = {
    "Smith",     "Johnson", "Williams", "Brown",  "Jones",    "Garcia",  "Miller", "Davis",   "Rodriguez", "Martinez",
    "Hernandez", "Lopez",   "Gonzalez", "Wilson", "Anderson", "Thomas",  "Taylor", "Moore",   "Jackson",   "Martin",
    "Lee",       "Perez",   "Thompson", "White",  "Harris",   "Sanchez", "Clark",  "Ramirez", "Lewis",     "Robinson",
    "Nguyen",    "Kim",     "Patel",    "Cohen",  "Okafor",   "Novak",   "Larsen", "Tanaka",  "Haddad",    "Fischer"};
constexpr const char *kStreets[] = {"Main St",  "Oak Ave",         "Maple Dr",     "Cedar Ln", "Elm St",
                                    "Pine Rd",  "Washington Blvd", "Lake St",      "Hill Rd",  "Park Ave",
                                    "River Rd", "Sunset Blvd",     "Highland Ave", "Mill St",  "Church St"};
constexpr const char *kCities[] = {
    "Springfield|MA|01101", "Madison|WI|53703",   "Boulder|CO|80302",    "Austin|TX|78701", "Portland|OR|97205",
    "Raleigh|NC|27601",     "Ann Arbor|MI|48104", "Burlington|VT|05401", "Tucson|AZ|85701", "Des Moines|IA|50309"};

constexpr VocabCode kVitals[] = {
    {"8867-4", "Heart rate", "/min", 52, 110},
    {"8480-6", "Systolic blood pressure", "mm[Hg]", 95, 165},
    {"8462-4", "Diastolic blood pressure", "mm[Hg]", 55, 100},
    {"8310-5", "Body temperature", "Cel", 36, 39},
    {"29463-7", "Body weight", "kg", 45, 130},
    {"8302-2", "Body height", "cm", 150, 195},
    {"9279-1", "Respiratory rate", "/min", 10, 24},
    {"59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "%", 90, 100},
};
constexpr VocabCode kLabs[] = {
    {"2339-0", "Glucose [Mass/volume] in Blood", "mg/dL", 65, 240},
    {"718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 9, 18},
    {"2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 1, 3},
    {"2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", "mg/dL", 120, 290},
    {"4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "%", 4, 11},
    {"6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*3/uL", 3, 14},
};
constexpr VocabCode kSocial[] = {{"72166-2", "Tobacco smoking status", nullptr, 0, 0}};
constexpr VocabCode kSurvey[] = {{"44261-6", "Patient Health Questionnaire-9 [Reported.PHQ.9]", "{score}", 0, 27}};
constexpr VocabCode kExam[] = {{"29545-1", "Physical findings Narrative", nullptr, 0, 0}};
constexpr VocabCode kImaging[] = {{"18748-4", "Diagnostic imaging study", nullptr, 0, 0}};
constexpr VocabCode kProcedureObs[] = {{"28633-6", "Procedure note", nullptr, 0, 0}};
constexpr VocabCode kTherapy[] = {{"11488-4", "Consult note", nullptr, 0, 0}};
constexpr VocabCode kActivity[] = {{"55423-8", "Number of steps in unspecified time Pedometer", "{steps}", 800, 15000}};

// Weighted by repetition: most observations are vitals and labs, as in real exports.
constexpr ObservationCategory kCategories[] = {
    {"vital-signs", "Vital Signs", kVitals},
    {"vital-signs", "Vital Signs", kVitals},
    {"vital-signs", "Vital Signs", kVitals},
    {"laboratory", "Laboratory", kLabs},
    {"laboratory", "Laboratory", kLabs},
    {"laboratory", "Laboratory", kLabs},
    {"social-history", "Social History", kSocial},
    {"survey", "Survey", kSurvey},
    {"exam", "Exam", kExam},
    {"imaging", "Imaging", kImaging},
    {"procedure", "Procedure", kProcedureObs},
    {"therapy", "Therapy", kTherapy},
    {"activity", "Activity", kActivity},
};

constexpr VocabCode kConditions[] = {
    {"44054006", "Diabetes mellitus type 2"},
    {"38341003", "Hypertensive disorder"},
    {"195967001", "Asthma"},
    {"13645005", "Chronic obstructive pulmonary disease"},
    {"35489007", "Depressive disorder"},
    {"55822004", "Hyperlipidemia"},
    {"271737000", "Anemia"},
    {"399211009", "History of myocardial infarction"},
    {"40055000", "Chronic sinusitis"},
    {"10509002", "Acute bronchitis"},
    {"68566005", "Urinary tract infection"},
    {"69896004", "Rheumatoid arthritis"},
};
constexpr const char *kClinical[] = {"active",   "active",    "active",   "recurrence", "relapse",
                                     "inactive", "remission", "resolved", "resolved"};
constexpr const char *kConditionCategories[] = {"problem-list-item", "encounter-diagnosis"};
constexpr VocabCode kMedications[] = {
    {"860975", "metformin hydrochloride 500 MG Oral Tablet"},
    {"314076", "lisinopril 10 MG Oral Tablet"},
    {"617314", "atorvastatin 10 MG Oral Tablet"},
    {"197361", "amlodipine 5 MG Oral Tablet"},
    {"745679", "albuterol 0.09 MG/ACTUAT Metered Dose Inhaler"},
    {"310965", "ibuprofen 200 MG Oral Tablet"},
    {"312961", "simvastatin 20 MG Oral Tablet"},
    {"966247", "levothyroxine sodium 0.05 MG Oral Tablet"},
};
constexpr VocabCode kAllergies[] = {
    {"762952008", "Peanut"},     {"227493005", "Cashew nut"}, {"387207008", "Ibuprofen"},
    {"764146007", "Penicillin"}, {"256259004", "Pollen"},     {"264287008", "Animal dander"},
};
constexpr VocabCode kVaccines[] = {
    {"140", "Influenza, seasonal, injectable, preservative free"},
    {"208", "SARS-COV-2 (COVID-19) vaccine, mRNA"},
    {"115", "Tdap"},
    {"133", "Pneumococcal conjugate PCV 13"},
    {"43", "Hep B, adult"},
    {"62", "HPV, quadrivalent"},
};
constexpr VocabCode kProcedures[] = {
    {"73761001", "Colonoscopy"},
    {"80146002", "Appendectomy"},
    {"430193006", "Medication reconciliation"},
    {"171207006", "Depression screening"},
    {"252160004", "Standard pregnancy test"},
    {"117015009", "Throat culture"},
};
constexpr VocabCode kPanels[] = {
    {"58410-2", "CBC panel - Blood by Automated count"},
    {"24323-8", "Comprehensive metabolic 2000 panel - Serum or Plasma"},
    {"57698-3", "Lipid panel with direct LDL - Serum or Plasma"},
    {"24357-6", "Urinalysis macro (dipstick) panel - Urine"},
};
constexpr VocabCode kDocumentTypes[] = {
    {"34117-2", "History and physical note"},
    {"11506-3", "Progress note"},
    {"18842-5", "Discharge summary"},
    {"34111-5", "Emergency department note"},
};
constexpr VocabCode kEncounterTypes[] = {
    {"185349003", "Encounter for check up"},
    {"270427003", "Patient-initiated encounter"},
    {"50849002", "Emergency room admission"},
    {"390906007", "Follow-up encounter"},
};
constexpr const char *kEncounterStatuses[] = {"finished", "finished", "finished", "in-progress", "cancelled"};
constexpr const char *kMedicationStatuses[] = {"active", "active", "completed", "stopped", "on-hold"};
constexpr const char *kObservationStatuses[] = {"final", "final", "final", "amended", "preliminary"};
constexpr VocabCode kSpecialties[] = {
    {"419772000", "Family practice"}, {"394579002", "Cardiology"}, {"394583002", "Endocrinology"},
    {"394582007", "Dermatology"},     {"394537008", "Pediatrics"},
};

} // namespace

namespace Vocabulary {
std::span<const char *const> givenNames()
{
    return kGiven;
}
std::span<const char *const> familyNames()
{
    return kFamily;
}
std::span<const char *const> streets()
{
    return kStreets;
}
std::span<const char *const> cities()
{
    return kCities;
}
std::span<const ObservationCategory> observationCategories()
{
    return kCategories;
}
std::span<const VocabCode> conditions()
{
    return kConditions;
}
std::span<const char *const> conditionClinicalStatuses()
{
    return kClinical;
}
std::span<const char *const> conditionCategories()
{
    return kConditionCategories;
}
std::span<const VocabCode> medications()
{
    return kMedications;
}
std::span<const VocabCode> allergies()
{
    return kAllergies;
}
std::span<const VocabCode> vaccines()
{
    return kVaccines;
}
std::span<const VocabCode> procedures()
{
    return kProcedures;
}
std::span<const VocabCode> reportPanels()
{
    return kPanels;
}
std::span<const VocabCode> documentTypes()
{
    return kDocumentTypes;
}
std::span<const VocabCode> encounterTypes()
{
    return kEncounterTypes;
}
std::span<const char *const> encounterStatuses()
{
    return kEncounterStatuses;
}
std::span<const char *const> medicationStatuses()
{
    return kMedicationStatuses;
}
std::span<const char *const> observationStatuses()
{
    return kObservationStatuses;
}
std::span<const VocabCode> specialties()
{
    return kSpecialties;
}
} // namespace Vocabulary
