#pragma once

#include "fhir/exportrequest.h"
#include "fhir/manifest.h"
#include "net/networkjob.h"

#include <optional>

// The answer to a kick-off, as a value.
struct KickoffResult
{
    enum class Outcome {
        Accepted,  // 202 + Content-Location: poll statusUrl
        Completed, // 200 + manifest: the server answered synchronously (1upHealth's older endpoint)
        Failed,
    };
    Outcome outcome = Outcome::Failed;
    QUrl statusUrl;
    std::optional<Manifest> manifest;
    std::optional<RetryAfter> retryAfter; // some servers already say when to poll first
    HttpFailure failure;
    QStringList deviations;
};

// Sends the kick-off (GET with comma-joined or repeated parameters, or POST with a Parameters body) with
// Prefer: respond-async. Emits finished() exactly once.
class KickoffJob : public NetworkJob
{
    Q_OBJECT

public:
    KickoffJob(const NetworkContext &context, const ExportRequest &request, QObject *parent = nullptr);

signals:
    void finished(const KickoffResult &result);

protected:
    void succeeded(const HttpResponse &response) override;
    void failed(const HttpFailure &failure) override;

private:
    ExportRequest m_request;
};
