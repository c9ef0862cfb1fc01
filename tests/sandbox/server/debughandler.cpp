#include "server/debughandler.h"

#include "data/jsonline.h"
#include "http/querystring.h"
#include "server/outcome.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <map>

namespace {

void appendIds(std::string &out, std::vector<std::string> &ids)
{
    std::sort(ids.begin(), ids.end());
    out += '[';
    for (size_t i = 0; i < ids.size(); ++i) {
        out += i ? ",\"" : "\"";
        JsonLine::appendEscaped(out, ids[i]);
        out += '"';
    }
    out += ']';
}

} // namespace

DebugHandler::DebugHandler(SandboxContext &ctx, const RequestLog &log)
    : m_ctx(ctx)
    , m_log(log)
{
}

std::optional<HttpResponse> DebugHandler::handle(const HttpRequest &request)
{
    const QByteArray &path = request.path;
    if (path.startsWith("/__truth/")) {
        const ExportJob *job = m_ctx.jobs.find(path.mid(9));
        if (!job) {
            return Outcome::response(404, "not-found", "No job " + path.mid(9));
        }
        return HttpResponse::json(200, truthJson(*job));
    }
    if (path == "/__jobs") {
        return HttpResponse::json(200, jobsJson());
    }
    if (path.startsWith("/__jobs/") && path.endsWith("/expire") && request.method == "POST") {
        ExportJob *job = m_ctx.jobs.find(path.mid(8, path.size() - 8 - 7));
        if (!job) {
            return Outcome::response(404, "not-found", "No such job");
        }
        job->filesExpireAtMs = m_ctx.clock.nowMs();
        for (ExportFile &file : job->files) {
            file.expiresAtMs = job->filesExpireAtMs;
        }
        return HttpResponse(204);
    }
    if (path == "/__log") {
        const QByteArray after = QueryString::firstValue(QueryString::parse(request.query), "after");
        return HttpResponse::json(200, m_log.toJson(after.toLongLong()));
    }
    if (path == "/__faults") {
        if (request.method == "POST") {
            const QString error = applyFaults(request.body + '&' + request.query);
            if (!error.isEmpty()) {
                return Outcome::response(400, "invalid", error.toUtf8());
            }
        }
        return HttpResponse::json(200, m_ctx.config.faults.toJson());
    }
    if (path.startsWith("/__")) {
        return Outcome::response(404, "not-found", "Debug endpoints: /__truth/<job>, /__jobs, /__log, /__faults");
    }
    return std::nullopt;
}

QString DebugHandler::applyFaults(const QByteArray &pairs)
{
    FaultConfig faults;
    for (const QueryItem &item : QueryString::parse(QByteArray(pairs).replace('\n', '&'), true)) {
        const QString error = faults.set(QString::fromUtf8(item.name.trimmed()),
                                         QString::fromUtf8(item.value.isNull() ? "1" : item.value.trimmed()));
        if (!error.isEmpty()) {
            return error;
        }
    }
    m_ctx.config.faults = faults;
    m_ctx.kickoffsThrottled = 0;
    m_ctx.kickoffsRejected = 0;
    m_ctx.tokensRefused = 0;
    return {};
}

QByteArray DebugHandler::truthJson(const ExportJob &job) const
{
    const Population &pop = *job.data->population;
    std::map<std::string, std::vector<std::string>> live;
    std::map<std::string, std::vector<std::string>> gone;
    for (const ResourceKey &key : job.data->keys) {
        std::string id;
        pop.appendId(id, key);
        live[ResourceTypes::cname(key.type)].push_back(std::move(id));
    }
    for (const ResourceKey &key : job.data->deleted) {
        std::string id;
        pop.appendId(id, key);
        gone[ResourceTypes::cname(key.type)].push_back(std::move(id));
    }
    std::string out = "{\"jobId\":\"" + job.id.toStdString() + "\",\"transactionTime\":\"" +
                      m_ctx.persona->transactionTime(job).toStdString() + "\",\"types\":{";
    bool first = true;
    for (auto &[type, ids] : live) {
        out += first ? "\"" : ",\"";
        first = false;
        out += type + "\":{\"count\":" + std::to_string(ids.size()) + ",\"ids\":";
        appendIds(out, ids);
        out += '}';
    }
    out += "},\"deleted\":{";
    first = true;
    for (auto &[type, ids] : gone) {
        out += first ? "\"" : ",\"";
        first = false;
        out += type + "\":";
        appendIds(out, ids);
    }
    out += "},\"errorLines\":" + std::to_string(job.data->errorLines.size()) + '}';
    return QByteArray(out.data(), static_cast<qsizetype>(out.size()));
}

QByteArray DebugHandler::jobsJson() const
{
    QJsonArray list;
    for (const ExportJob *job : m_ctx.jobs.jobs()) {
        list.append(QJsonObject{
            {QLatin1String("id"), QString::fromLatin1(job->id)},
            {QLatin1String("statusUrl"), QString::fromLatin1(m_ctx.statusUrl(*job))},
            {QLatin1String("request"), QString::fromUtf8(job->requestUrl)},
            {QLatin1String("method"), QLatin1String(job->params.post ? "POST" : "GET")},
            {QLatin1String("clientId"), QString::fromUtf8(job->clientId)},
            {QLatin1String("state"), QString::fromLatin1(job->stateName())},
            {QLatin1String("deleted"), job->deleted},
            {QLatin1String("polls"), job->polls},
            {QLatin1String("earlyPolls"), job->earlyPolls},
            {QLatin1String("worstEarlyMs"), job->worstEarlyMs},
            {QLatin1String("files"), static_cast<qint64>(job->files.size())},
            {QLatin1String("resources"), job->resourceCount()},
            {QLatin1String("fileRequests"), job->fileRequests},
        });
    }
    return QJsonDocument(list).toJson(QJsonDocument::Compact);
}
