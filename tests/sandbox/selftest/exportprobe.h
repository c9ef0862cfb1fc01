#pragma once

#include "selftest/rawhttpclient.h"

#include <QJsonArray>
#include <QJsonObject>

// Drives the bulk-data flow for the self-tests with plain HTTP (the sandbox does not enforce Retry-After, so a
// test may poll at once; personas with real durations are polled with QTRY_*).
class ExportProbe
{
public:
    explicit ExportProbe(RawHttpClient &http);

    static HeaderList asyncHeaders(const HeaderList &extra = {});
    // Kick-off; the 202's Content-Location (absolute) or empty, and the raw response in `response`.
    QByteArray kickoff(const QByteArray &target, const HeaderList &extra = {}, RawResponse *response = nullptr);
    QByteArray kickoffPost(const QByteArray &target, const QByteArray &parametersJson, const HeaderList &extra = {},
                           RawResponse *response = nullptr);
    // Polls until something other than 202 arrives (at most maxPolls); returns that response.
    RawResponse pollUntilDone(const QByteArray &statusUrl, const HeaderList &extra = {}, int maxPolls = 50);
    // Downloads one file URL (absolute) and returns its body.
    RawResponse fetch(const QByteArray &url, const HeaderList &extra = {});

    static QByteArray jobId(const QByteArray &statusUrl);
    static QList<QJsonObject> lines(const QByteArray &ndjson, int *invalid = nullptr);
    static QJsonArray outputs(const RawResponse &manifest);
    static QByteArray parametersBody(const QList<QPair<QString, QJsonValue>> &parameters);

private:
    RawHttpClient &m_http;
};
