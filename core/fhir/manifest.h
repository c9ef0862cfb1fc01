#pragma once

#include "vendor/vendorprofile.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

// One file the server produced. An entry Ferry cannot fetch (no URL, unknown scheme) is kept with `problem`
// set, so it is reported instead of silently skipped.
struct ManifestEntry
{
    enum class Kind { Output, Error, Deleted };

    Kind kind = Kind::Output;
    QString type; // resourceType of every line (empty under organizeOutputBy)
    QUrl url;
    std::optional<qint64> count; // resources in the file, when the server says
    std::optional<qint64> fileSize;
    QString problem;       // why the entry cannot be downloaded; empty when usable
    QJsonObject extension; // per-file extension object (STU2/STU3)

    // The resourceType every line must have: the entry's type, OperationOutcome for errors, Bundle for deleted.
    QString expectedResourceType() const;
    static QString kindName(Kind kind); // "output", "error", "deleted"
};

// The completion body of a bulk export, one page of it when the server pages (link next).
// Parsed leniently: every departure from the IG that Ferry tolerates is listed in `deviations` so the log names
// it; a body that cannot be a manifest at all is an error (Manifest::parse returns std::nullopt).
struct Manifest
{
    QDateTime transactionTime;
    QString request;
    bool requiresAccessToken = true;
    QList<ManifestEntry> entries; // output, then error, then deleted, each in server order
    QUrl nextPage;                // link[relation=next], STU3 paged manifests
    QString outputOrganizedBy;
    QJsonValue extension;   // object (STU2/3) or array (STU4)
    QStringList deviations; // "requiresAccessToken is a string", "error is missing", …
    QStringList problems;   // unusable entries, in words
    QJsonObject raw;        // the page as received

    qsizetype countOf(ManifestEntry::Kind kind) const;

    // `base` resolves relative file URLs (the status URL). `error` receives a sentence when parsing fails.
    static std::optional<Manifest> parse(const QByteArray &body, const QUrl &base, const VendorProfile &profile,
                                         QString *error);
    static std::optional<Manifest> fromJson(const QJsonObject &json, const QUrl &base, const VendorProfile &profile,
                                            QString *error);
};
