#pragma once

#include "fhir/exportprogress.h"
#include "fhir/manifest.h"
#include "net/networkjob.h"

#include <QDateTime>

#include <optional>

// The answer to one status poll (or one manifest page fetch), as a value.
struct StatusResult
{
    enum class Outcome {
        InProgress, // keep polling; `manifest` may hold a partial manifest (STU3 allowPartialManifests)
        Completed,  // `manifest` is the (first page of the) complete manifest
        Failed,     // `failure` says why; failure.isRetryable() says whether polling may go on
    };
    Outcome outcome = Outcome::Failed;
    ExportProgress progress;
    std::optional<RetryAfter> retryAfter;
    std::optional<Manifest> manifest;
    QDateTime expires; // from the Expires header, when sent
    HttpFailure failure;
    QStringList deviations;
};

// GET on the status URL (or on a manifest's `next` link). Understands 202 + X-Progress, 200 + manifest, STU3's
// X-Export-Status, and status bodies that say the job is still running even with HTTP 200 (1upHealth).
class StatusJob : public NetworkJob
{
    Q_OBJECT

public:
    StatusJob(const NetworkContext &context, const QUrl &url, const QString &operation, QObject *parent = nullptr);

signals:
    void finished(const StatusResult &result);

protected:
    void succeeded(const HttpResponse &response) override;
    void failed(const HttpFailure &failure) override;

private:
    void interpret(int jobStatus, const HttpResponse &response, StatusResult *result);
};
