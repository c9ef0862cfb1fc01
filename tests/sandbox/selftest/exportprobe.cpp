#include "selftest/exportprobe.h"

#include <QJsonDocument>

ExportProbe::ExportProbe(RawHttpClient &http)
    : m_http(http)
{
}

HeaderList ExportProbe::asyncHeaders(const HeaderList &extra)
{
    HeaderList h{{"Accept", "application/fhir+json"}, {"Prefer", "respond-async"}};
    h += extra;
    return h;
}

QByteArray ExportProbe::kickoff(const QByteArray &target, const HeaderList &extra, RawResponse *response)
{
    const RawResponse r = m_http.get(target, asyncHeaders(extra));
    if (response) {
        *response = r;
    }
    return r.status == 202 ? r.header("Content-Location") : QByteArray();
}

QByteArray ExportProbe::kickoffPost(const QByteArray &target, const QByteArray &parametersJson, const HeaderList &extra,
                                    RawResponse *response)
{
    HeaderList headers = asyncHeaders(extra);
    headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/fhir+json")));
    const RawResponse r = m_http.request("POST", target, headers, parametersJson);
    if (response) {
        *response = r;
    }
    return r.status == 202 ? r.header("Content-Location") : QByteArray();
}

RawResponse ExportProbe::pollUntilDone(const QByteArray &statusUrl, const HeaderList &extra, int maxPolls)
{
    RawResponse r;
    for (int i = 0; i < maxPolls; ++i) {
        r = m_http.get(RawHttpClient::target(statusUrl), extra);
        if (r.status != 202) {
            break;
        }
    }
    return r;
}

RawResponse ExportProbe::fetch(const QByteArray &url, const HeaderList &extra)
{
    return m_http.get(RawHttpClient::target(url), extra);
}

QByteArray ExportProbe::jobId(const QByteArray &statusUrl)
{
    return statusUrl.mid(statusUrl.lastIndexOf('/') + 1);
}

QList<QJsonObject> ExportProbe::lines(const QByteArray &ndjson, int *invalid)
{
    QList<QJsonObject> out;
    int bad = 0;
    for (const QByteArray &line : ndjson.split('\n')) {
        if (line.isEmpty()) {
            continue;
        }
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            ++bad;
            continue;
        }
        out.append(doc.object());
    }
    if (invalid) {
        *invalid = bad;
    }
    return out;
}

QJsonArray ExportProbe::outputs(const RawResponse &manifest)
{
    return manifest.json().object().value(QLatin1String("output")).toArray();
}

QByteArray ExportProbe::parametersBody(const QList<QPair<QString, QJsonValue>> &parameters)
{
    QJsonArray list;
    for (const auto &p : parameters) {
        QJsonObject entry{{QLatin1String("name"), p.first}};
        if (p.second.isObject()) {
            entry.insert(QLatin1String("valueReference"), p.second);
        } else if (p.second.isBool()) {
            entry.insert(QLatin1String("valueBoolean"), p.second);
        } else {
            entry.insert(QLatin1String("valueString"), p.second);
        }
        list.append(entry);
    }
    return QJsonDocument(QJsonObject{{QLatin1String("resourceType"), QLatin1String("Parameters")},
                                     {QLatin1String("parameter"), list}})
        .toJson(QJsonDocument::Compact);
}
