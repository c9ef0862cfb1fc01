#pragma once

#include "export/exportdata.h"
#include "export/exportparameters.h"
#include "export/filecontent.h"

#include <QByteArray>
#include <QDateTime>

#include <memory>
#include <vector>

// One file of a completed export, as listed in the manifest.
struct ExportFile
{
    FileContent::Kind kind = FileContent::Kind::Output;
    QByteArray type;      // manifest "type": the resource type, OperationOutcome (error) or Bundle (deleted)
    qint64 count = 0;     // manifest "count"
    int outputIndex = -1; // index among output files (faults target files by it)
    std::shared_ptr<const FileContent> content;
    std::shared_ptr<const FileContent::Layout> layout; // measured on first request
    QByteArray token;        // names the file in its URL; replaced when expired links are refreshed
    qint64 expiresAtMs = -1; // monotonic; -1 = never
    int attempts = 0;        // GET requests so far (drop faults hit the first ones)
    QByteArray etag;         // strong validator, stable for the job's life
};

// One export: its request, what it contains (planned at kick-off) and where it is in its life.
struct ExportJob
{
    enum class State { InProgress, Completed, Failed };

    QByteArray id;
    ExportParameters params;
    QByteArray requestUrl; // the kick-off URL, absolute
    QByteArray clientId;   // who kicked it off ("anonymous" without auth); personas restrict by it
    QByteArray groupKey;   // Group id or level, for Epic's one-export-per-window rule
    QDateTime kickoffUtc;  // transactionTime for most personas
    QDateTime completedUtc;
    qint64 kickoffMs = 0; // server monotonic clock
    qint64 completedMs = -1;
    State state = State::InProgress;
    bool deleted = false;
    int failureStatus = 500;
    QByteArray failureCode;
    QByteArray failureDiagnostics;

    std::shared_ptr<const ExportData> data;
    std::vector<ExportFile> files; // built when the job completes
    qint64 filesExpireAtMs = -1;
    int linkGeneration = 0;

    // Polling bookkeeping
    int polls = 0;         // status requests seen
    int pollsAccepted = 0; // answered "still running" (202, or 200 in-progress for 1upHealth)
    int throttledPolls = 0;
    int unavailablePolls = 0;
    int transientPolls = 0;
    int fileRequests = 0;
    int throttledFiles = 0;
    int unavailableFiles = 0;
    qint64 notBeforeMs = -1; // earliest next poll the last Retry-After allowed (monotonic, scaled)
    qint64 lastRetryAfterMs = 0;
    int earlyPolls = 0;      // polls that undercut Retry-After
    qint64 worstEarlyMs = 0; // by how much the earliest one undercut it

    bool completed() const { return state == State::Completed; }
    qint64 resourceCount() const { return data ? static_cast<qint64>(data->keys.size()) : 0; }
    QByteArray stateName() const;
};
