#pragma once

#include "export/exportstate.h"
#include "export/filerecord.h"
#include "fhir/exportprogress.h"
#include "fhir/exportrequest.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

// Everything one export knows about itself: what was asked, where it stands, and each file. This is the journal
// snapshot (one small JSON file per export) and the source of export.json. A value; ExportJob owns the live copy.
struct ExportRecord
{
    QString id;          // stable identifier, e.g. 20261123-093012-a1b2
    QString profileId;   // the server profile it came from (empty for ad-hoc CLI exports)
    QString profileName; // for people and for the output path
    QString vendorId = QStringLiteral("generic");
    QString clientId; // substituted into vendor headers (Epic-Client-ID); not a secret
    ExportRequest request;

    // options fixed at creation
    QString outputDir; // absolute: <destination>/<profile>/<group or level>/<UTC timestamp>
    int parallelDownloads = 4;
    bool deleteAfterDownload = true;

    ExportState state = ExportState::Created;
    QString message;     // the last failure or notice, in words
    QString failureKind; // why it failed, for exit codes: server, auth, network, verification, local, request
    // The kick-off parameter a 400/422 refusal named: ExportJob::retryKickoff() can send the export again leniently
    // or without it (empty: none named).
    QString rejectedParameter;
    QString activity; // what it is doing now: "server asked 5 h; checking every 15 min"
    QDateTime createdAt, kickoffAt, manifestAt, finishedAt;
    QUrl statusUrl;
    int polls = 0;
    ExportProgress progress;

    // manifest
    QJsonArray manifestPages; // as received, page by page
    bool manifestComplete = false;
    QDateTime transactionTime;
    bool requiresAccessToken = true;
    QDateTime expires;
    bool manifestRefreshed = false; // the one re-fetch for fresh links after expiry has been spent
    QStringList deviations;         // where the server departed from the IG (logged once, kept for support)
    QStringList problems;           // unusable manifest entries

    QList<FileRecord> files;
    bool serverDeleted = false;
    QString cleanupNote;      // what happened to the server-side clean-up
    QString qualitySummary;   // one line from report.json, once the quality report ran
    qint64 eventSequence = 0; // journal bookkeeping: the last file event folded into this snapshot

    // derived figures
    qint64 bytesDone() const;
    int filesIn(FileRecord::State state) const;
    int filesFinal() const;
    bool hasStatusUrl() const { return statusUrl.isValid() && !statusUrl.isEmpty(); }
    FileRecord *file(int index);
    const FileRecord *file(int index) const;

    QJsonObject toJson() const;
    // QJsonDocument(toJson()).toJson(Compact), byte for byte, at a fraction of the cost (the journal snapshot).
    QByteArray toCompactJson() const;
    static ExportRecord fromJson(const QJsonObject &json);

    static QString newId(const QDateTime &nowUtc);
};
