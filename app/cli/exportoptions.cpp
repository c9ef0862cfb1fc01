#include "exportoptions.h"

#include "export/exporthistory.h"
#include "export/kickoffremedy.h"
#include "export/outputlayout.h"
#include "store/serverprofile.h"
#include "util/clock.h"
#include "vendor/vendorregistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ExportOptions", text);
}

// "--type Patient,Observation --type Condition" → [Patient, Observation, Condition]
QStringList splitValues(const QStringList &values)
{
    QStringList out;
    for (const QString &v : values) {
        for (const QString &part : v.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            out << part.trimmed();
        }
    }
    return out;
}

} // namespace

namespace ExportOptions {

// "Vendor preset (default: generic): epic = Epic (direct), oracle = Oracle Health …; `ferry-cli vendors` says more."
QString vendorHelp()
{
    QStringList presets;
    for (const VendorProfile &v : VendorRegistry::instance().all()) {
        presets << QStringLiteral("%1 = %2").arg(v.id, v.displayName);
    }
    return tr("Vendor preset (default: generic): %1. `ferry-cli vendors` shows how to connect to each.")
        .arg(presets.join(QStringLiteral("; ")));
}

QString defaultDestination()
{
    const QString docs = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return (docs.isEmpty() ? QDir::homePath() : docs) + QStringLiteral("/Ferry");
}

void add(QCommandLineParser &p)
{
    p.addOptions({
        {QStringLiteral("profile"),
         tr("A stored server profile (`ferry-cli profiles list`): its URL, vendor, credentials, groups and defaults."),
         QStringLiteral("name")},
        {QStringLiteral("base"), tr("FHIR base URL of the server (https; http only for this computer)."),
         QStringLiteral("url")},
        {QStringLiteral("group"), tr("Export the members of Group <id> (the usual case)."), QStringLiteral("id")},
        {QStringLiteral("patient-level"), tr("Export all patients: [base]/Patient/$export.")},
        {QStringLiteral("system"), tr("Export everything: [base]/$export.")},
        {QStringLiteral("resource-type"), tr("Resource-type level [base]/<type>/$export (InteropiO's gateway)."),
         QStringLiteral("type")},
        {QStringLiteral("type"), tr("Resource types to export, comma-separated or repeated (_type)."),
         QStringLiteral("types")},
        {QStringLiteral("since"), tr("Only resources changed after this FHIR instant, e.g. 2024-01-31T00:00:00Z."),
         QStringLiteral("instant")},
        {QStringLiteral("since-last"),
         tr("Only resources changed since the last completed export of this server and group.")},
        {QStringLiteral("until"), tr("Only resources changed up to this instant (_until, STU3)."),
         QStringLiteral("instant")},
        {QStringLiteral("type-filter"), tr("A _typeFilter query such as Observation?category=laboratory (repeatable)."),
         QStringLiteral("query")},
        {QStringLiteral("elements"), tr("Only these elements (_elements), comma-separated."), QStringLiteral("list")},
        {QStringLiteral("output-format"), tr("_outputFormat (default: the server's, NDJSON)."), QStringLiteral("mime")},
        {QStringLiteral("include-associated-data"), tr("includeAssociatedData value (repeatable)."),
         QStringLiteral("code")},
        {QStringLiteral("patient"), tr("Only this patient, e.g. Patient/123 (repeatable; implies --post)."),
         QStringLiteral("reference")},
        {QStringLiteral("partial-manifests"), tr("Ask for partial manifests (allowPartialManifests, STU3).")},
        {QStringLiteral("post"), tr("Kick off with POST and a FHIR Parameters body.")},
        {QStringLiteral("repeat-params"), tr("Repeat parameters (_type=A&_type=B) instead of joining with commas.")},
        {QStringLiteral("lenient"),
         tr("Send Prefer: handling=lenient (the server may skip what it does not support).")},
        {QStringLiteral("drop-parameter"),
         tr("Leave this kick-off parameter out even if the profile or preset sets it, e.g. after the server "
            "refused it (repeatable): %1.")
             .arg(KickoffRemedy::parameterNames().join(QStringLiteral(", "))),
         QStringLiteral("name")},
        {QStringLiteral("vendor"), vendorHelp(), QStringLiteral("id")},
        {QStringLiteral("client-id"), tr("Your client id, for vendor headers such as Epic-Client-ID."),
         QStringLiteral("id")},
        {QStringLiteral("label"), tr("Name of this server in the output path (default: its host name)."),
         QStringLiteral("name")},
        {QStringLiteral("out"), tr("Destination folder (default: %1).").arg(defaultDestination()),
         QStringLiteral("dir")},
        {QStringLiteral("parallel"), tr("Files downloaded at once (default: the preset's, usually 4)."),
         QStringLiteral("n")},
        {QStringLiteral("no-delete"), tr("Do not DELETE the export on the server after a verified download.")},
    });
}

std::optional<ExportRecord> toRecord(const QCommandLineParser &p, const ExportHistory &history,
                                     const ServerProfile *profile, QString *error)
{
    QString vendorId = p.value(QStringLiteral("vendor"));
    if (vendorId.isEmpty() && profile) {
        vendorId = profile->vendorId;
    }
    if (!vendorId.isEmpty() && !VendorRegistry::instance().contains(vendorId)) {
        *error = tr("Unknown vendor preset \"%1\". Known: %2.")
                     .arg(vendorId, VendorRegistry::instance().ids().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    const VendorProfile vendor =
        VendorRegistry::instance().profile(vendorId.isEmpty() ? QStringLiteral("generic") : vendorId);
    ExportRecord r;
    r.vendorId = vendor.id;
    r.clientId =
        p.isSet(QStringLiteral("client-id")) || !profile ? p.value(QStringLiteral("client-id")) : profile->clientId;
    ExportRequest &q = r.request;
    q.base = p.isSet(QStringLiteral("base")) || !profile ? QUrl(p.value(QStringLiteral("base")), QUrl::StrictMode)
                                                         : profile->fhirBase;
    if (!q.base.isValid() || q.base.isEmpty()) {
        *error = tr("Give the server's FHIR base URL with --base (or a stored --profile).");
        return std::nullopt;
    }
    const int levels = int(p.isSet(QStringLiteral("group"))) + int(p.isSet(QStringLiteral("patient-level"))) +
                       int(p.isSet(QStringLiteral("system"))) + int(p.isSet(QStringLiteral("resource-type")));
    const bool profileGroup = levels == 0 && profile && !profile->groups.isEmpty();
    if (levels != 1 && !profileGroup) {
        *error = tr("Choose exactly one of --group <id>, --patient-level, --system or --resource-type <type>.");
        return std::nullopt;
    }
    if (p.isSet(QStringLiteral("group")) || profileGroup) {
        q.level = ExportLevel::Group;
        q.groupId = profileGroup ? profile->groups.first().id : p.value(QStringLiteral("group"));
        if (profile) {
            for (const ProfileGroup &g : profile->groups) {
                if (!g.label.isEmpty() && g.label.compare(q.groupId, Qt::CaseInsensitive) == 0) {
                    q.groupId = g.id; // the group by its label
                }
            }
        }
    } else if (p.isSet(QStringLiteral("patient-level"))) {
        q.level = ExportLevel::Patient;
    } else if (p.isSet(QStringLiteral("system"))) {
        q.level = ExportLevel::System;
    } else {
        q.level = ExportLevel::ResourceType;
        q.resourceType = p.value(QStringLiteral("resource-type"));
    }
    q.types = splitValues(p.values(QStringLiteral("type")));
    if (q.types.isEmpty() && profile) {
        q.types = profile->defaultTypes;
    }
    q.elements = splitValues(p.values(QStringLiteral("elements")));
    q.typeFilters = p.values(QStringLiteral("type-filter"));
    q.includeAssociatedData = splitValues(p.values(QStringLiteral("include-associated-data")));
    q.patients = p.values(QStringLiteral("patient"));
    q.outputFormat = p.value(QStringLiteral("output-format"));
    q.allowPartialManifests = p.isSet(QStringLiteral("partial-manifests"));
    q.lenient = p.isSet(QStringLiteral("lenient")) || vendor.preferLenient;
    q.encoding = vendor.encoding;
    if (p.isSet(QStringLiteral("repeat-params"))) {
        q.encoding = ParameterEncoding::GetRepeated;
    }
    if (p.isSet(QStringLiteral("post")) || !q.patients.isEmpty()) {
        q.encoding = ParameterEncoding::PostParameters;
    }
    q.typeFilterEscape = vendor.typeFilterEscape;

    if (p.isSet(QStringLiteral("since")) && p.isSet(QStringLiteral("since-last"))) {
        *error = tr("Use either --since or --since-last, not both.");
        return std::nullopt;
    }
    if (p.isSet(QStringLiteral("since"))) {
        q.since = ExportRequest::parseInstant(p.value(QStringLiteral("since")));
        if (!q.since) {
            *error = tr("--since must be a FHIR instant such as 2024-01-31T00:00:00Z or a date such as 2024-01-31.");
            return std::nullopt;
        }
    }
    if (p.isSet(QStringLiteral("since-last"))) {
        const auto last = history.last(q);
        if (!last) {
            *error = tr("There is no completed export of this server and group yet to continue from; run one "
                        "without --since-last first.");
            return std::nullopt;
        }
        q.since = last->transactionTime;
    }
    if (p.isSet(QStringLiteral("until"))) {
        q.until = ExportRequest::parseInstant(p.value(QStringLiteral("until")));
        if (!q.until) {
            *error = tr("--until must be a FHIR instant such as 2024-12-31T23:59:59Z.");
            return std::nullopt;
        }
    }
    // Last, so it also removes what --since-last or the profile added.
    KickoffRemedy drop;
    drop.dropParameters = p.values(QStringLiteral("drop-parameter"));
    if (!drop.apply(&q, error)) {
        return std::nullopt;
    }
    if (const QStringList problems = q.validate(vendor); !problems.isEmpty()) {
        *error = problems.join(QLatin1Char(' '));
        return std::nullopt;
    }

    r.parallelDownloads = vendor.parallelDownloads;
    if (p.isSet(QStringLiteral("parallel"))) {
        bool ok = false;
        r.parallelDownloads = p.value(QStringLiteral("parallel")).toInt(&ok);
        if (!ok || r.parallelDownloads < 1 || r.parallelDownloads > 64) {
            *error = tr("--parallel takes a number from 1 to 64.");
            return std::nullopt;
        }
    }
    if (profile && profile->parallelDownloads && !p.isSet(QStringLiteral("parallel"))) {
        r.parallelDownloads = *profile->parallelDownloads;
    }
    r.deleteAfterDownload =
        (profile && profile->deleteAfterDownload ? *profile->deleteAfterDownload : vendor.deleteAfterDownload) &&
        !p.isSet(QStringLiteral("no-delete"));
    const QDateTime now = Clock::system()->nowUtc();
    r.id = ExportRecord::newId(now);
    r.createdAt = now;
    r.profileName = p.value(QStringLiteral("label"));
    if (profile) {
        r.profileId = profile->id;
        if (r.profileName.isEmpty()) {
            r.profileName = profile->displayName;
        }
    }
    const QString destination = p.isSet(QStringLiteral("out"))               ? p.value(QStringLiteral("out"))
                                : profile && !profile->destination.isEmpty() ? profile->destination
                                                                             : defaultDestination();
    r.outputDir = OutputLayout::exportDirectory(QDir(destination).absolutePath(), r.profileName, q, now);
    const QString base = r.outputDir;
    for (int n = 2; QFileInfo::exists(r.outputDir); ++n) {
        r.outputDir = base + QLatin1Char('-') + QString::number(n); // two exports started in the same second
    }
    return r;
}

} // namespace ExportOptions
