#include "net/httpfailure.h"

#include <QNetworkReply>

bool HttpFailure::isRetryable() const
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
        return true;
    case Kind::Http:
        if (status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504) {
            // A 500 that says, in an OperationOutcome, that the job itself failed is not worth retrying.
            return !(status == 500 && outcome && !outcome->issues.isEmpty() && !outcome->isTransient());
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
