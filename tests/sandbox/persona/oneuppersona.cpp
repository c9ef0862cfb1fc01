#include "persona/oneuppersona.h"

#include "data/timeformat.h"
#include "server/outcome.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

KickoffRules OneupPersona::kickoffRules() const
{
    KickoffRules rules;
    rules.requireRespondAsync = false;
    rules.postAllowed = false;
    rules.caseInsensitiveTypes = true;
    return rules;
}

Persona::Timings OneupPersona::defaultTimings() const
{
    Timings t;
    t.polls = 2;
    t.retryAfterSeconds = 5;
    t.fileTtlSeconds = -1; // "The Status endpoint and the links to your NDJSON files do not expire."
    t.tokenTtlSeconds = 7200;
    return t;
}

std::optional<HttpResponse> OneupPersona::admitKickoff(const KickoffContext &ctx)
{
    if (config().auth == SandboxConfig::AuthMode::Headers && ctx.params.level == ExportLevel::Group &&
        !ctx.request.hasHeader("client_id")) {
        return Outcome::response(403, "forbidden",
                                 "Group exports require client header authentication (client_id, client_secret, "
                                 "x-oneup-user-id)");
    }
    return std::nullopt;
}

void OneupPersona::kickoffAccepted(const ExportJob &job, const QByteArray &statusUrl, HttpResponse &response) const
{
    if (config().oneupLegacy) {
        return;
    }
    const QJsonObject body{{QLatin1String("id"), QString::fromLatin1(job.id)},
                           {QLatin1String("statusUrl"), QString::fromUtf8(statusUrl)},
                           {QLatin1String("message"), QLatin1String("Export job started")}};
    response.setHeader("Content-Type", "application/json");
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QJsonObject OneupPersona::statusBody(const ExportJob &job, double fraction) const
{
    const int total = std::max(1, static_cast<int>(job.files.size()));
    const int complete = std::min(total, static_cast<int>(std::floor(total * fraction)));
    const bool done = fraction >= 1.0;
    return QJsonObject{
        {QLatin1String("id"), QString::fromLatin1(job.id)},
        {QLatin1String("transactionTime"), QString::fromLatin1(transactionTime(job))},
        {QLatin1String("request"), QString::fromUtf8(job.requestUrl)},
        {QLatin1String("requiresAccessToken"), config().auth != SandboxConfig::AuthMode::None},
        {QLatin1String("status"), QLatin1String(done ? "Successful" : "In Progress")},
        {QLatin1String("resourceCount"), job.resourceCount()},
        {QLatin1String("batches"),
         QJsonObject{{QLatin1String("running"), done ? 0 : 1},
                     {QLatin1String("complete"), done ? total : std::min(complete, total - 1)},
                     {QLatin1String("failed"), 0},
                     {QLatin1String("total"), total}}},
        {QLatin1String("lastUpdated"), QString::fromLatin1(TimeFormat::instant(QDateTime::currentDateTimeUtc()))},
    };
}

void OneupPersona::inProgress(const ExportJob &job, double fraction, HttpResponse &response) const
{
    if (job.pollsAccepted <= config().oneupAcceptedPolls) {
        return; // a plain 202 first, if configured
    }
    response.status = 200; // "still running" is a 200 with a JSON status
    response.removeHeader("Retry-After");
    response.removeHeader("X-Progress");
    response.setHeader("Content-Type", "application/json");
    response.body = QJsonDocument(statusBody(job, fraction)).toJson(QJsonDocument::Compact);
}

void OneupPersona::decorateManifest(const ExportJob &job, QJsonObject &manifest) const
{
    if (config().oneupLegacy) {
        return;
    }
    const QJsonObject status = statusBody(job, 1.0);
    for (auto it = status.begin(); it != status.end(); ++it) {
        manifest.insert(it.key(), it.value());
    }
    QJsonArray outputs;
    for (const QJsonValue &v : manifest.value(QLatin1String("output")).toArray()) {
        QJsonObject entry = v.toObject();
        entry.remove(QLatin1String("count"));
        outputs.append(entry);
    }
    manifest.insert(QLatin1String("output"), outputs);
    manifest.remove(QLatin1String("deleted"));
}

std::optional<HttpResponse> OneupPersona::deleteJob(const ExportJob &) const
{
    return Outcome::response(403, "forbidden", "DELETE is not supported on population-level exports");
}
