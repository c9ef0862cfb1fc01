#pragma once

#include "export/typefilter.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QList>

#include <optional>

enum class ExportLevel {
    System,   // [base]/$export
    Patient,  // [base]/Patient/$export
    Group,    // [base]/Group/[id]/$export
    Resource, // [base]/[Type]/$export (InteropiO gateway: Practitioner, Location)
};

// How strictly a persona reads a kick-off; the standard persona follows Bulk Data STU2/STU3.
struct KickoffRules
{
    bool requireRespondAsync = true;
    bool postAllowed = true;           // 1upHealth answers POST with 403
    bool repeatedTypeAllowed = true;   // Oracle refuses repeated _type (400)
    bool caseInsensitiveTypes = false; // 1upHealth accepts _type=patient
    bool rawCommaInTypeFilter = true;  // Epic: a comma inside a filter must be escaped (%2C or \,)
    bool typeFilterNeedsType = false;  // Oracle
    int typeFiltersPerTypeMax = 0;     // Oracle: 1 (0 = unlimited)
    int typeFilterErrorStatus = 400;   // Oracle: 422
    QByteArrayList typeFilterForbiddenTypes;
    QByteArrayList unsupportedParameters; // e.g. Oracle: _elements, patient
    bool separateExportStatus = true;     // honours Prefer: separate-export-status (STU3)
};

// A kick-off, parsed and validated.
struct ExportParameters
{
    ExportLevel level = ExportLevel::System;
    QByteArray groupId;
    QByteArray levelType; // for ExportLevel::Resource
    QByteArrayList types; // canonical spelling; empty = persona default
    bool typesGiven = false;
    std::optional<qint64> sinceMs;
    std::optional<qint64> untilMs;
    QByteArray outputFormat = "application/fhir+ndjson";
    QByteArrayList elements;
    QList<TypeFilter> typeFilters;
    QByteArrayList includeAssociatedData;
    bool allowPartialManifests = false;
    QByteArrayList patientIds;   // ids from POST `patient` references
    QByteArrayList lenientNotes; // what handling=lenient made us ignore; becomes error-file lines
    bool lenient = false;
    bool separateExportStatus = false;
    bool post = false;

    // What Epic's one-export-per-window rule counts: the Group, or the level's path.
    QByteArray scopeKey(const QByteArray &path) const
    {
        return level == ExportLevel::Group ? "Group/" + groupId : path;
    }
};

// A refused kick-off: status plus the OperationOutcome issue it carries.
struct KickoffError
{
    int status = 400;
    QByteArray code = "invalid";
    QByteArray diagnostics;
};
