#include "net/statusjob.h"

#include "util/clock.h"

#include <QJsonDocument>
#include <QJsonObject>

StatusJob::StatusJob(const NetworkContext &context, const QUrl &url, const QString &operation, QObject *parent)
    : NetworkJob(context, RequestRole::Status, operation, parent)
{
    setRequest("GET", url);
}

void StatusJob::succeeded(const HttpResponse &response)
{
    StatusResult result;
    const VendorProfile &profile = context().factory->profile();
    result.retryAfter =
        RetryAfter::parse(response.header("Retry-After"), profile.retryAfterUnit, context().clock->nowUtc());
    result.progress = ExportProgress::fromHeader(response.header("X-Progress"));
    const QByteArray expires = response.header("Expires");
    if (!expires.isEmpty()) {
        result.expires = RetryAfter::parseHttpDate(QString::fromLatin1(expires));
    }

    int jobStatus = response.status;
    // STU3 separate-export-status: the HTTP status describes the poll, X-Export-Status the export.
    const QByteArray exportStatus = response.header("X-Export-Status").trimmed();
    if (!exportStatus.isEmpty()) {
        jobStatus = exportStatus.left(3).toInt();
        if (jobStatus >= 400) {
            result.failure = makeFailure(HttpFailure::Kind::Http, QString::fromLatin1(exportStatus));
            result.failure.status = jobStatus;
            result.failure.outcome = OperationOutcome::parse(response.body);
            if (!result.failure.outcome) {
                result.failure.bodyExcerpt = response.body.left(4096);
            }
            result.failure.retryAfter = result.retryAfter;
            emit finished(result);
            return;
        }
    }
    interpret(jobStatus, response, &result);
    emit finished(result);
}

void StatusJob::interpret(int jobStatus, const HttpResponse &response, StatusResult *result)
{
    const VendorProfile &profile = context().factory->profile();
    const QJsonDocument doc = QJsonDocument::fromJson(response.body);
    const QJsonObject body = doc.object();

    if (jobStatus == 202) {
        result->outcome = StatusResult::Outcome::InProgress;
        if (body.value(QLatin1String("output")).isArray()) {
            QString error;
            result->manifest = Manifest::fromJson(body, response.url, profile, &error);
        }
        if (const auto running = ExportProgress::fromRunningBody(body); running && result->progress.isEmpty()) {
            result->progress = *running;
        }
        return;
    }
    if (jobStatus == 200 || jobStatus == 201) {
        if (const auto running = ExportProgress::fromRunningBody(body)) {
            // 1upHealth answers 200 while the job still runs; a 200 is completion only when the body agrees.
            result->outcome = StatusResult::Outcome::InProgress;
            if (result->progress.isEmpty()) {
                result->progress = *running;
            }
            if (!profile.statusBodyMayBeRunning) {
                result->deviations << tr("HTTP 200 with a body saying the export is still running (\"%1\"); "
                                         "treated as running")
                                          .arg(running->text);
            }
            return;
        }
        QString error;
        result->manifest = Manifest::parse(response.body, response.url, profile, &error);
        if (!result->manifest) {
            result->failure = makeFailure(HttpFailure::Kind::Protocol, error);
            result->failure.status = jobStatus;
            return;
        }
        result->outcome = StatusResult::Outcome::Completed;
        return;
    }
    result->failure =
        makeFailure(HttpFailure::Kind::Protocol, tr("unexpected HTTP %1 (expected 202 or 200)").arg(jobStatus));
    result->failure.status = jobStatus;
}

void StatusJob::failed(const HttpFailure &failure)
{
    StatusResult result;
    result.failure = failure;
    result.retryAfter = failure.retryAfter;
    emit finished(result);
}
