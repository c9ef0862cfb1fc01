#include "net/fetchjob.h"

FetchJob::FetchJob(const NetworkContext &context, const QUrl &url, const QString &operation, bool credentials,
                   QObject *parent)
    : NetworkJob(context, RequestRole::Fhir, operation, parent)
{
    setRequest("GET", url);
    setCredentialsAllowed(credentials);
}

void FetchJob::succeeded(const HttpResponse &response)
{
    FetchResult result;
    result.response = response;
    emit finished(result);
}

void FetchJob::failed(const HttpFailure &failure)
{
    FetchResult result;
    result.failure = failure;
    emit finished(result);
}
