#pragma once

#include "export/exportrecord.h"

// ferry-cli's documented exit codes (README "Exit codes", `ferry-cli --help`).
enum ExitCode : int {
    ExitSuccess = 0,
    ExitLocal = 1,        // this computer: disk full, cannot write, journal damaged
    ExitUsage = 2,        // bad command line or an invalid export request
    ExitServer = 3,       // the server refused or failed the export
    ExitAuth = 4,         // credentials missing, refused or expired
    ExitNetwork = 5,      // the server could not be reached, or downloads kept failing
    ExitVerification = 6, // a downloaded file failed verification (kept aside in rejected/)
    ExitCancelled = 7,    // cancelled (DELETE sent to the server)
    ExitExpired = 8,      // the server's files expired before they could all be downloaded
    ExitInterrupted = 130 // Ctrl-C: stopped locally, resumable with `ferry-cli resume`
};

inline int exitCodeFor(const ExportRecord &record)
{
    switch (record.state) {
    case ExportState::Completed:
        return ExitSuccess;
    case ExportState::Cancelled:
        return ExitCancelled;
    case ExportState::Expired:
        return ExitExpired;
    case ExportState::Failed:
        break;
    default:
        return ExitInterrupted;
    }
    const QString &k = record.failureKind;
    if (k == QLatin1String("auth")) {
        return ExitAuth;
    }
    if (k == QLatin1String("network")) {
        return ExitNetwork;
    }
    if (k == QLatin1String("verification")) {
        return ExitVerification;
    }
    if (k == QLatin1String("local")) {
        return ExitLocal;
    }
    if (k == QLatin1String("request")) {
        return ExitUsage;
    }
    return ExitServer;
}
