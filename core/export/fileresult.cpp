#include "export/fileresult.h"

QByteArray PartialDownload::ifRangeValidator() const
{
    const bool strongEtag = !etag.isEmpty() && !etag.startsWith("W/");
    if (strongEtag && !contentEncoded) {
        return etag;
    }
    if (!lastModified.isEmpty()) {
        return lastModified;
    }
    return strongEtag ? etag : QByteArray();
}

QString FileResult::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Verified:
        return QStringLiteral("verified");
    case Outcome::VerificationFailed:
        return QStringLiteral("verification-failed");
    case Outcome::RetryableFailure:
        return QStringLiteral("retryable");
    case Outcome::FatalFailure:
        return QStringLiteral("fatal");
    case Outcome::Expired:
        return QStringLiteral("expired");
    case Outcome::Cancelled:
        break;
    }
    return QStringLiteral("cancelled");
}
