#pragma once

#include "export/exportrecord.h"

#include <QJsonObject>
#include <QString>

// Writes what a finished export leaves beside its data: manifest.json (the server's manifest as received;
// manifest-2.json… for further pages) and export.json (request, timings, per-file bytes, lines and SHA-256,
// transactionTime). Both 0600, atomically; then flushes the export directory to disk once, so files that were
// renamed into place without a per-file fsync are durable before the export is called complete.
namespace ExportSummary {

QJsonObject toJson(const ExportRecord &record);
bool write(const ExportRecord &record, QString *error);

} // namespace ExportSummary
