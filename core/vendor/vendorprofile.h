#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <chrono>

// How a server spells "wait": RFC 9110 says seconds, but vendors document milliseconds or minutes.
enum class RetryAfterUnit { Seconds, Milliseconds, Minutes };

// How the kick-off carries its parameters (ExportRequest serialises all three).
enum class ParameterEncoding {
    GetCommaJoined, // ?_type=Patient,Observation — what every server accepts (Oracle refuses repeats)
    GetRepeated,    // ?_type=Patient&_type=Observation
    PostParameters, // POST with a FHIR Parameters body (the STU4 draft allows only this)
};

// How a comma inside one _typeFilter query is escaped when several filters are comma-joined.
enum class TypeFilterEscape { Percent, Backslash };

// A known server message and the plain-language advice to show with it.
struct ErrorHint
{
    QString contains; // case-insensitive substring of the server's text
    QString advice;
};

// The quirks of one vendor's bulk-data server: a value loaded from resources/vendors/<id>.json that the engine
// consults instead of testing for a vendor name. Missing keys keep the generic (FHIR Bulk Data IG v2/v3) values,
// so a preset lists only where its server differs from the standard.
struct VendorProfile
{
    QString id = QStringLiteral("generic");
    QString displayName = QStringLiteral("Generic (FHIR Bulk Data IG v2 / STU3)");
    QString description;

    // --- kick-off
    QStringList levels{QStringLiteral("group"), QStringLiteral("patient"), QStringLiteral("system")}; // + "type"
    QStringList typeLevelResources; // resource types allowed at [base]/[Type]/$export
    ParameterEncoding encoding = ParameterEncoding::GetCommaJoined;
    bool preferLenient = false; // send Prefer: handling=lenient by default
    TypeFilterEscape typeFilterEscape = TypeFilterEscape::Percent;
    bool typeFilterNeedsType = false;  // Oracle: _typeFilter only together with _type
    bool typeFilterOnePerType = false; // Oracle: at most one query per resource type
    QStringList unsupportedParameters; // hidden in the export form, refused before kick-off
    QStringList supportedTypes;        // the preset's _type choices (empty: every type the server declares)
    QList<QPair<QByteArray, QString>> extraHeaders; // sent to the FHIR origin only; {clientId} is substituted
    bool sinceUnreliable = false;                   // resources lack meta.lastUpdated (Epic)
    QString sinceWarning;
    QString typeAdvice;           // shown at the _type checklist (Veradigm's Provenance rule)
    QString groupIdHint;          // athenahealth: a-1.c-{practiceId}
    int maxConcurrentExports = 0; // 0: no known limit (Oracle: 1 per client)

    // --- polling
    RetryAfterUnit retryAfterUnit = RetryAfterUnit::Seconds;
    std::chrono::seconds pollMinimum{1};   // never poll more often than this
    std::chrono::seconds pollMaximum{900}; // never wait longer than this, whatever the server asked
    std::chrono::seconds pollInitial{2};   // first backoff step when the server sends no Retry-After
    bool honourGrowingRetryAfter = false;  // InteropiO: never undercut, even above pollMaximum
    bool statusBodyMayBeRunning = false;   // 1upHealth: HTTP 200 + {"status":"In Progress"} is not completion

    // --- manifest and files
    QStringList fileUrlKeys{QStringLiteral("url")}; // 1upHealth uses "file"; the engine always tries "url" first
    int parallelDownloads = 4;
    int requestsPerMinute = 0;          // 0: unlimited (eClinicalWorks: 250 per practice)
    bool deleteAfterDownload = true;    // free the server's files once verified
    bool cleanupMayBeForbidden = false; // 1upHealth: DELETE → 403 is expected; skip clean-up quietly

    // --- auth
    QStringList signingAlgorithms{QStringLiteral("RS384"), QStringLiteral("ES384")};
    QString defaultScope = QStringLiteral("system/*.read");
    bool jkuRequired = false;
    QString defaultAuthMethod = QStringLiteral("smart");

    // --- recognising the server and explaining its traps
    QStringList softwareNames; // CapabilityStatement software.name / publisher matches
    QStringList traps;         // warnings the preflight shows for this vendor
    QList<ErrorHint> errorHints;
    QString connectionHelp; // what to register and which URL to paste

    bool supportsLevel(const QString &level) const { return levels.contains(level); }
    bool supportsParameter(const QString &name) const { return !unsupportedParameters.contains(name); }
    // Wait bounds are logical durations (before Clock scaling).

    static VendorProfile generic();
    // Reads a preset; keys that are absent keep generic() values. Returns false with `error` set on bad JSON.
    static bool fromJson(const QJsonObject &json, VendorProfile *profile, QString *error);
    QJsonObject toJson() const;
};
