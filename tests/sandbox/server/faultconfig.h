#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// Faults a run can switch on, from the command line (--fault NAME=VALUE), the C++ API (SandboxServer::setFaults)
// or at run time over HTTP (POST /__faults). Counters ("first N polls") count per export job; kick-off and token
// counters count per server, and restart whenever the faults are replaced.
struct FaultConfig
{
    enum class RetryAfterForm { Seconds, HttpDate, Absent };
    enum class Corruption { None, InvalidJson, WrongType, ExtraLines };

    // Status polling
    int pollThrottle = 0;                // poll-429: answer 429 + Retry-After to the first N polls
    int pollUnavailable = 0;             // poll-503: then 503 + Retry-After to the next N
    int pollTransient = 0;               // poll-transient: then 500 + OperationOutcome code "transient" N times
    int fatalAfterPolls = -1;            // poll-fatal: the job fails after N accepted (202) polls; -1 = never
    QByteArray fatalCode = "processing"; // fatal-code
    QByteArray fatalDiagnostics = "Export job failed: simulated unrecoverable error while generating files";
    RetryAfterForm retryAfterForm = RetryAfterForm::Seconds; // retry-after-form: seconds | http-date | absent
    double faultRetryAfterSeconds = 1; // retry-after: value sent with the 429/503 faults (logical seconds)

    // Kick-off
    int kickoffRejectStatus = 0; // kickoff-reject: refuse kick-offs with this 4xx/5xx status
    int kickoffRejectCount = -1; // kickoff-reject-count: only the first N (-1 = all)
    QByteArray kickoffRejectCode = "processing";
    QByteArray kickoffRejectDiagnostics = "Simulated kick-off rejection";
    int kickoffThrottle = 0; // kickoff-429: answer the first N kick-offs 429 throttled

    // Files
    int fileThrottle = 0;                     // file-429: first N file requests of each job answer 429
    int fileUnavailable = 0;                  // file-503: then the next N answer 503
    qint64 dropAfterBytes = -1;               // drop-after: close the connection after K body bytes
    QList<int> dropFiles;                     // drop-files: output indexes to drop (empty = every file)
    int dropAttempts = 1;                     // drop-attempts: how many attempts per file are dropped
    qint64 dripBytesPerSecond = 0;            // drip: send file bodies at most this fast
    Corruption corruption = Corruption::None; // corrupt: invalid-json | wrong-type | extra-lines
    int corruptFile = 0;                      // corrupt-file: output index of the corrupted file
    int corruptLine = 1;                      // corrupt-line: 1-based line to break
    bool ignoreRange = false;                 // ignore-range: always answer 200 with the whole file

    // Token endpoint
    int tokenBare400 = 0; // token-400: answer the first N token requests with a bare 400

    // Applies one NAME=VALUE; returns an error message, or an empty string when applied.
    QString set(const QString &name, const QString &value);
    // Applies "name=value" (or a bare "name" meaning 1/true).
    QString apply(const QString &assignment);
    QByteArray toJson() const;
    static QString help();
};
