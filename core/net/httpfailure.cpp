#include "net/httpfailure.h"

#include <QNetworkReply>

#include <algorithm>

bool HttpFailure::isRetryable() const
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
        return true;
    case Kind::Http:
        if (status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504) {
            // A 500 that says, in an OperationOutcome, that the job itself failed (an error or fatal issue with a
            // non-transient code) is not worth retrying. Warnings alone say nothing about the job.
            if (status == 500 && outcome && !outcome->isTransient()) {
                const bool reportsFailure =
                    std::any_of(outcome->issues.begin(), outcome->issues.end(), [](const OperationOutcome::Issue &i) {
                        return i.severity == QLatin1String("error") || i.severity == QLatin1String("fatal") ||
                               i.severity.isEmpty();
                    });
                return !reportsFailure;
            }
            return true;
        }
        return outcome && outcome->isTransient();
    case Kind::Auth:
        return authRetryable;
    case Kind::Tls:
    case Kind::Redirect:
    case Kind::Protocol:
    case Kind::Local:
    case Kind::Cancelled:
        break;
    }
    return false;
}

bool HttpFailure::neverReachedServer() const
{
    return kind == Kind::Network &&
           (networkError == QNetworkReply::ConnectionRefusedError || networkError == QNetworkReply::HostNotFoundError ||
            networkError == QNetworkReply::TemporaryNetworkFailureError ||
            networkError == QNetworkReply::NetworkSessionFailedError ||
            networkError == QNetworkReply::ProxyConnectionRefusedError ||
            networkError == QNetworkReply::ProxyNotFoundError);
}
