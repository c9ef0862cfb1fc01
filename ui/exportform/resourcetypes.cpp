#include "exportform/resourcetypes.h"

namespace {
QStringList fromLatin1(std::initializer_list<const char *> names)
{
    QStringList list;
    for (const char *name : names) {
        list << QString::fromLatin1(name);
    }
    return list;
}
} // namespace

QStringList ResourceTypes::all()
{
    static const QStringList types = fromLatin1({
        "Account",
        "AdverseEvent",
        "AllergyIntolerance",
        "Appointment",
        "AppointmentResponse",
        "BodyStructure",
        "CarePlan",
        "CareTeam",
        "ChargeItem",
        "Claim",
        "ClaimResponse",
        "ClinicalImpression",
        "Communication",
        "CommunicationRequest",
        "Composition",
        "Condition",
        "Consent",
        "Coverage",
        "CoverageEligibilityRequest",
        "CoverageEligibilityResponse",
        "DetectedIssue",
        "Device",
        "DeviceRequest",
        "DeviceUseStatement",
        "DiagnosticReport",
        "DocumentManifest",
        "DocumentReference",
        "Encounter",
        "EpisodeOfCare",
        "ExplanationOfBenefit",
        "FamilyMemberHistory",
        "Flag",
        "Goal",
        "Group",
        "ImagingStudy",
        "Immunization",
        "ImmunizationEvaluation",
        "ImmunizationRecommendation",
        "Invoice",
        "List",
        "Location",
        "Media",
        "Medication",
        "MedicationAdministration",
        "MedicationDispense",
        "MedicationRequest",
        "MedicationStatement",
        "MolecularSequence",
        "NutritionOrder",
        "Observation",
        "Organization",
        "Patient",
        "Person",
        "Practitioner",
        "PractitionerRole",
        "Procedure",
        "Provenance",
        "Questionnaire",
        "QuestionnaireResponse",
        "RelatedPerson",
        "RequestGroup",
        "RiskAssessment",
        "Schedule",
        "ServiceRequest",
        "Slot",
        "Specimen",
        "SupplyDelivery",
        "SupplyRequest",
        "Task",
        "VisionPrescription",
    });
    return types;
}

QStringList ResourceTypes::usCore()
{
    static const QStringList types = fromLatin1({
        "AllergyIntolerance",
        "CarePlan",
        "CareTeam",
        "Condition",
        "Coverage",
        "Device",
        "DiagnosticReport",
        "DocumentReference",
        "Encounter",
        "Goal",
        "Immunization",
        "Location",
        "Medication",
        "MedicationDispense",
        "MedicationRequest",
        "Observation",
        "Organization",
        "Patient",
        "Practitioner",
        "PractitionerRole",
        "Procedure",
        "Provenance",
        "QuestionnaireResponse",
        "RelatedPerson",
        "ServiceRequest",
        "Specimen",
    });
    return types;
}

QStringList ResourceTypes::forVendor(const QStringList &supportedTypes)
{
    return supportedTypes.isEmpty() ? all() : supportedTypes;
}
