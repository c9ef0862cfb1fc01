#pragma once

#include "fhir/operationoutcome.h"
#include "fhir/retryafter.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <optional>

// Why one HTTP exchange did not succeed, as a value. Jobs produce it; the retry logic reads isRetryable() and
// retryAfter; FailureText::describe() turns it into the sentence a person reads.
struct HttpFailure
{
    enum class Kind {
        Network,   // connection refused, reset, DNS, …
        Timeout,   // no bytes for the transfer timeout
        Tls,       // certificate or handshake problem: always fatal
        Http,      // the server answered with an error status
        Redirect,  // too many redirects, https→http, a redirect without Location
        Auth,      // credentials could not be obtained, or were refused twice
        Protocol,  // the answer could not be used (not JSON, no Content-Location, too large, …)
        Local,     // this computer: disk full, cannot write, …
        Cancelled, // the user or the engine stopped it
    };

    Kind kind = Kind::Network;
    QString operation; // "kick-off", "status check", "file download", "DELETE", "manifest page"
    QUrl url;
    int status = 0;       // HTTP status when there was one
    int networkError = 0; // QNetworkReply::NetworkError when there was no HTTP status
    QString detail;       // Qt's error text, the parse error, the local error, …
    std::optional<OperationOutcome> outcome;
    QByteArray bodyExcerpt;                       // first bytes of a non-FHIR error body (a gateway's HTML page)
    QList<QPair<QByteArray, QByteArray>> headers; // of the answer that failed, when there was one (Content-Range
                                                  // of a 416, a gateway's request id for a support ticket)
    std::optional<RetryAfter> retryAfter;
    bool authRetryable = false; // Kind::Auth only: the token endpoint failed in a way worth retrying

    // Temporary by the server's or the network's own account: 408, 429, 500, 502, 503, 504, dropped and timed-out
    // connections, and any error whose OperationOutcome is transient. Never TLS, never 4xx other than 408/429.
    bool isRetryable() const;
    // 429 or 503: the server asks for less traffic (download concurrency backs off).
    // The request certainly never reached the server (refused connection, unknown host): safe to resend even
    // when resending is not idempotent, such as a kick-off.
    bool neverReachedServer() const;
    bool isThrottle() const { return kind == Kind::Http && (status == 429 || status == 503); }
};
