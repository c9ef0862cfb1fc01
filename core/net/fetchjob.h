#pragma once

#include "net/networkjob.h"

#include <optional>

// The answer to one plain GET, as a value: the response, or why there is none.
struct FetchResult
{
    std::optional<HttpResponse> response; // set on 2xx
    HttpFailure failure;                  // otherwise

    bool ok() const { return response.has_value(); }
};

// A plain GET of a FHIR or discovery URL (metadata, .well-known/smart-configuration, Group/[id]) with the engine's
// redirect, credential and failure rules. Emits finished() exactly once.
class FetchJob : public NetworkJob
{
    Q_OBJECT

public:
    FetchJob(const NetworkContext &context, const QUrl &url, const QString &operation, bool credentials = true,
             QObject *parent = nullptr);

signals:
    void finished(const FetchResult &result);

protected:
    void succeeded(const HttpResponse &response) override;
    void failed(const HttpFailure &failure) override;
};
