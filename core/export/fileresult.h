#pragma once

#include "export/ndjsonverifier.h"
#include "fhir/retryafter.h"
#include "net/httpfailure.h"

#include <QByteArray>
#include <QString>

#include <optional>

// What an attempt left in `<final>.part` for the next one to continue, and the validators of the response those
// bytes came from (sent back as If-Range). The queue copies FileResult::partial into the next job's Params.
struct PartialDownload
{
    qint64 bytes = 0;            // bytes in the .part; 0: the next attempt starts from scratch
    QByteArray etag;             // as the server sent it, quotes and W/ included
    QByteArray lastModified;     // HTTP-date
    bool contentEncoded = false; // the bytes came gzip-decoded: that ETag names the gzip variant, not the file

    // What to send as If-Range, empty when nothing usable is known. It must be a strong validator (RFC 9110
    // §13.1.5): a weak ETag is never used, and the ETag of a gzip-encoded answer names that variant, which the
    // identity answer a resume asks for will not match, so Last-Modified is preferred then.
    QByteArray ifRangeValidator() const;
};

// The single result of one FileDownloadJob attempt (STYLE rule 4).
struct FileResult
{
    enum class Outcome {
        Verified,           // the file is at finalPath, complete and checked line by line
        VerificationFailed, // the server's content is wrong; the bytes are at rejectedPath, nothing to resume
        RetryableFailure,   // network trouble, 408/429/5xx, a resume the server could not honour: try again
        FatalFailure,       // TLS, 401/403, refused redirect, local disk problem: retrying now will not help
        Expired,            // 404 or 410: the server no longer has the file (re-fetch the manifest)
        Cancelled,          // abort() was called
    };

    Outcome outcome = Outcome::FatalFailure;
    QString finalPath;        // where the verified file is (Verified) or would go
    QString rejectedPath;     // VerificationFailed: the bytes that failed, kept for inspection
    qint64 bytes = 0;         // size of the verified or rejected file; otherwise of the .part
    qint64 bytesReceived = 0; // body bytes this attempt received (after gzip decoding)
    qint64 lines = 0;         // resources verified (the whole file when Verified)
    QByteArray sha256;        // 64 hex digits of the file as stored; Verified only
    NdjsonFacts facts;
    std::optional<VerificationError> verificationError; // VerificationFailed only
    std::optional<HttpFailure> failure;   // Retryable/Fatal/Expired/Cancelled: what went wrong (Kind::Local: disk)
    std::optional<RetryAfter> retryAfter; // the server's Retry-After (429/503): the queue backs off
    PartialDownload partial;              // what the next attempt can resume from
    bool restartedFromZero = false;       // an earlier .part was thrown away and the file fetched from byte 0
    QString restartReason;
    bool unwrappedBinary = false; // the server sent a FHIR Binary wrapper; its base64 data was stored

    bool isVerified() const { return outcome == Outcome::Verified; }
    // "verified", "verification-failed", "retryable", "fatal", "expired", "cancelled" (logs, export.json).
    static QString outcomeName(Outcome outcome);
};
