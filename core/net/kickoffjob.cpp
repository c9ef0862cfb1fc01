#include "net/kickoffjob.h"

#include "util/clock.h"

#include <QJsonDocument>
#include <QJsonObject>

KickoffJob::KickoffJob(const NetworkContext &context, const ExportRequest &request, QObject *parent)
    : NetworkJob(context, RequestRole::Kickoff, tr("kick-off"), parent)
    , m_request(request)
{
    if (request.usesPost()) {
        setRequest("POST", request.kickoffUrl(), request.parametersBody(), "application/fhir+json");
    } else {
        setRequest("GET", request.kickoffUrl());
    }
    setHeader("Prefer", request.preferHeader());
}

void KickoffJob::succeeded(const HttpResponse &response)
{
    KickoffResult result;
    const VendorProfile &profile = context().factory->profile();
    if (response.status == 202) {
        const QByteArray location = response.header("Content-Location");
        if (location.isEmpty()) {
            result.failure = makeFailure(HttpFailure::Kind::Protocol,
                                         tr("the server accepted the export (HTTP 202) but sent no Content-Location "
                                            "header, so Ferry cannot know where to check its status"));
            result.failure.status = 202;
            emit finished(result);
            return;
        }
        const QUrl raw(QString::fromUtf8(location));
        if (raw.isRelative()) {
            result.deviations << tr("Content-Location is relative (%1); resolved against the kick-off URL")
                                     .arg(QString::fromUtf8(location));
        }
        result.outcome = KickoffResult::Outcome::Accepted;
        result.statusUrl = response.url.resolved(raw);
        result.retryAfter =
            RetryAfter::parse(response.header("Retry-After"), profile.retryAfterUnit, context().clock->nowUtc());
        emit finished(result);
        return;
    }
    if (response.status == 200) {
        QString error;
        result.manifest = Manifest::parse(response.body, response.url, profile, &error);
        if (result.manifest) {
            result.outcome = KickoffResult::Outcome::Completed;
            result.deviations << tr("the server answered the kick-off synchronously (HTTP 200 with the manifest)");
        } else {
            result.failure = makeFailure(HttpFailure::Kind::Protocol,
                                         tr("HTTP 200 instead of 202, and the body is not a manifest: %1").arg(error));
            result.failure.status = 200;
        }
        emit finished(result);
        return;
    }
    result.failure =
        makeFailure(HttpFailure::Kind::Protocol, tr("unexpected HTTP %1 (expected 202 Accepted)").arg(response.status));
    result.failure.status = response.status;
    emit finished(result);
}

void KickoffJob::failed(const HttpFailure &failure)
{
    KickoffResult result;
    result.failure = failure;
    emit finished(result);
}
