#include "net/deletejob.h"

DeleteJob::DeleteJob(const NetworkContext &context, const QUrl &statusUrl, QObject *parent)
    : NetworkJob(context, RequestRole::Delete, tr("DELETE"), parent)
{
    setRequest("DELETE", statusUrl);
}

void DeleteJob::succeeded(const HttpResponse &)
{
    DeleteResult result;
    result.outcome = DeleteResult::Outcome::Deleted;
    emit finished(result);
}

void DeleteJob::failed(const HttpFailure &failure)
{
    DeleteResult result;
    result.failure = failure;
    if (failure.kind == HttpFailure::Kind::Http && (failure.status == 404 || failure.status == 410)) {
        result.outcome = DeleteResult::Outcome::AlreadyGone;
    } else if (failure.kind == HttpFailure::Kind::Http && failure.status == 403 &&
               context().factory->profile().cleanupMayBeForbidden) {
        result.outcome = DeleteResult::Outcome::Refused;
    }
    emit finished(result);
}
