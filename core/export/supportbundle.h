#pragma once

#include "export/exportrecord.h"

#include <QString>

// What a vendor's support desk asks for, in one folder: the redacted HTTP trace (headers, statuses, timings; no
// token, no body, no patient data), the kick-off as an equivalent curl command and as a Parameters JSON (patient
// references removed), the export's summary without file addresses, and the log text the caller supplies (run
// through the redactor again). Written as <directory>/ferry-support-<export id>/ with a README.txt; 0700/0600.
namespace SupportBundle {

// Returns the folder written, or an empty string with `error` set.
QString write(const ExportRecord &record, const QString &tracePath, const QString &logText, const QString &directory,
              QString *error);

// The kick-off as a shell command: curl with the same method, URL, headers and body, the token as $FERRY_TOKEN.
QString curlCommand(const ExportRecord &record);
// The Parameters body with patient references replaced by a count (they identify people).
QByteArray shareableParameters(const ExportRecord &record);

} // namespace SupportBundle
