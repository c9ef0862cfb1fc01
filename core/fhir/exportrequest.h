#pragma once

#include "vendor/vendorprofile.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

enum class ExportLevel {
    System,       // [base]/$export
    Patient,      // [base]/Patient/$export
    Group,        // [base]/Group/[id]/$export
    ResourceType, // [base]/[Type]/$export (InteropiO's Epic gateway)
};

// What to export: one value that serialises to a GET with comma-joined values, a GET with repeated parameters,
// or a POST with a FHIR Parameters body (ParameterEncoding). Stored in the journal as JSON.
struct ExportRequest
{
    QUrl base; // FHIR base, e.g. https://fhir.example.org/r4
    ExportLevel level = ExportLevel::Group;
    QString groupId;      // Group level
    QString resourceType; // ResourceType level
    QStringList types;    // _type
    std::optional<QDateTime> since;
    std::optional<QDateTime> until;
    QString outputFormat;    // empty: server default (application/fhir+ndjson)
    QStringList elements;    // _elements
    QStringList typeFilters; // _typeFilter, each "Type?query"
    QStringList includeAssociatedData;
    bool allowPartialManifests = false;
    QStringList patients; // patient references ("Patient/123"); POST only
    bool lenient = false; // Prefer: handling=lenient
    ParameterEncoding encoding = ParameterEncoding::GetCommaJoined;
    TypeFilterEscape typeFilterEscape = TypeFilterEscape::Percent;

    // The operation URL without parameters: [base]/Group/[id]/$export etc.
    QUrl operationUrl() const;
    // The kick-off URL as sent: with the query for GET encodings, the bare operation URL for POST.
    QUrl kickoffUrl() const;
    bool usesPost() const { return encoding == ParameterEncoding::PostParameters; }
    // The Parameters resource for POST (also useful for support bundles whatever the encoding).
    QByteArray parametersBody() const;
    // Prefer header value: "respond-async" plus ", handling=lenient" when asked.
    QByteArray preferHeader() const;

    // Problems that make the request unsendable, as sentences (empty: valid). Checks the profile's limits too.
    QStringList validate(const VendorProfile &profile) const;

    QString levelName() const; // "group", "patient", "system", "type"
    static std::optional<ExportLevel> levelFromName(const QString &name);

    QJsonObject toJson() const;
    static ExportRequest fromJson(const QJsonObject &json);

    // FHIR instant with offset, millisecond precision: 2024-01-31T09:15:00.000+01:00
    static QString formatInstant(const QDateTime &dt);
    // Accepts FHIR instants and dateTimes with an offset or Z; plain dates ("2024-01-31") mean midnight UTC.
    static std::optional<QDateTime> parseInstant(const QString &text);
};
