#include "server/kickoffhandler.h"

#include "export/parameterparser.h"
#include "server/manifestbuilder.h"
#include "server/outcome.h"
#include "server/retryafter.h"

#include <QJsonDocument>

#include <algorithm>
#include <numeric>

KickoffHandler::KickoffHandler(SandboxContext &ctx)
    : m_ctx(ctx)
{
}

std::optional<HttpResponse> KickoffHandler::injectedFault()
{
    const FaultConfig &f = m_ctx.config.faults;
    if (m_ctx.kickoffsThrottled < f.kickoffThrottle) {
        ++m_ctx.kickoffsThrottled;
        HttpResponse r = Outcome::response(429, "throttled", "Too many export requests; retry later");
        RetryAfter::apply(m_ctx, r, f.faultRetryAfterSeconds, nullptr);
        return r;
    }
    if (f.kickoffRejectStatus > 0 && (f.kickoffRejectCount < 0 || m_ctx.kickoffsRejected < f.kickoffRejectCount)) {
        ++m_ctx.kickoffsRejected;
        return Outcome::response(f.kickoffRejectStatus, f.kickoffRejectCode, f.kickoffRejectDiagnostics);
    }
    return std::nullopt;
}

HttpResponse KickoffHandler::handle(const HttpRequest &request, ExportLevel level, const QByteArray &groupId,
                                    const QByteArray &levelType, const AuthService::Principal &principal)
{
    if (std::optional<HttpResponse> fault = injectedFault()) {
        return std::move(*fault);
    }
    Persona &persona = *m_ctx.persona;
    if (!persona.levelSupported(level, levelType)) {
        return Outcome::response(404, "not-supported", "This server does not support " + request.path);
    }
    std::vector<quint32> scope;
    if (level == ExportLevel::Group) {
        const GroupRegistry::Group *group = m_ctx.groups.find(groupId);
        if (!group) {
            return Outcome::response(404, "not-found", "Group/" + groupId + " was not found");
        }
        scope = group->members;
    } else {
        scope.resize(m_ctx.population->patientCount());
        std::iota(scope.begin(), scope.end(), 0u);
    }

    const ParameterParser parser(persona.kickoffRules(), persona.supportedTypes());
    ParameterParser::Result parsed = parser.parse(request, level, groupId, levelType);
    if (const auto *error = std::get_if<KickoffError>(&parsed)) {
        return Outcome::response(error->status, error->code, error->diagnostics);
    }
    const ExportParameters &params = std::get<ExportParameters>(parsed);
    const Persona::KickoffContext kctx{request, params, principal.clientId, principal.scopes, m_ctx.jobs, m_ctx.clock};
    if (std::optional<HttpResponse> refusal = persona.admitKickoff(kctx)) {
        return std::move(*refusal);
    }

    auto job = std::make_unique<ExportJob>();
    job->id = JobStore::newJobId();
    job->params = params;
    job->requestUrl = m_ctx.primaryOrigin + request.target;
    job->clientId = principal.clientId;
    job->groupKey = params.scopeKey(request.path);
    job->kickoffUtc = m_ctx.clock.wallNow();
    job->kickoffMs = m_ctx.clock.nowMs();

    ExportPlanner::Input input;
    if (params.typesGiven) {
        for (const QByteArray &name : params.types) {
            if (!principal.mayExport(name)) {
                return Outcome::response(403, "forbidden",
                                         "The access token's scopes do not allow exporting " + name +
                                             " (granted: " + principal.scopes.join(' ') + ")");
            }
            if (const std::optional<ResourceType> t = ResourceTypes::fromName(name)) {
                input.types.append(*t);
            }
        }
    } else {
        // Without _type: everything the scopes allow.
        for (const ResourceType t : persona.defaultTypes(level, levelType)) {
            if (principal.mayExport(ResourceTypes::name(t))) {
                input.types.append(t);
            }
        }
    }
    resolvePatients(params, scope, input, groupId);
    if (persona.honoursSince()) {
        input.sinceMs = params.sinceMs;
        input.untilMs = params.untilMs;
    }
    input.typeFilters = params.typeFilters;
    input.elements = params.elements;
    input.render = RenderOptions{persona.hasLastUpdated(), m_ctx.config.resourceBytes};
    int note = 0;
    for (const QByteArray &text : params.lenientNotes) {
        input.errorLines.append(ExportPlanner::operationOutcomeLine("lenient-" + QByteArray::number(++note), "warning",
                                                                    "not-supported", text));
    }
    input.syntheticErrors = m_ctx.config.errorLines;
    persona.preparePlan(params, *m_ctx.population, input, *job);
    job->data = ExportPlanner::plan(m_ctx.population, input);
    m_ctx.jobs.buildFiles(*job, persona.fileSplit(), m_ctx.config.faults);

    ExportJob &stored = m_ctx.jobs.add(std::move(job));
    const QByteArray statusUrl = m_ctx.statusUrl(stored);
    if (persona.synchronousKickoff()) {
        m_ctx.completeJob(stored);
        const ManifestBuilder manifest(m_ctx);
        HttpResponse r =
            HttpResponse::json(200, QJsonDocument(manifest.page(stored, 1, static_cast<int>(stored.files.size())))
                                        .toJson(QJsonDocument::Compact));
        persona.kickoffAccepted(stored, statusUrl, r);
        return r;
    }
    HttpResponse r(202);
    r.setHeader("Content-Location", statusUrl);
    QByteArrayList applied{"respond-async"};
    if (params.lenient) {
        applied.append("handling=lenient");
    }
    if (params.separateExportStatus) {
        applied.append("separate-export-status");
    }
    r.setHeader("Preference-Applied", applied.join(", "));
    persona.kickoffAccepted(stored, statusUrl, r);
    return r;
}

void KickoffHandler::resolvePatients(const ExportParameters &params, const std::vector<quint32> &scope,
                                     ExportPlanner::Input &input, const QByteArray &groupId) const
{
    if (params.patientIds.isEmpty()) {
        input.patients = scope;
        return;
    }
    int n = 0;
    for (const QByteArray &id : params.patientIds) {
        const std::optional<quint32> index = m_ctx.population->patientIndexForId(id);
        QByteArray problem;
        if (!index) {
            problem = "Patient/" + id + " was not found";
        } else if (!std::binary_search(scope.begin(), scope.end(), *index)) {
            problem = "Patient/" + id + " is not a member of Group/" + groupId;
        } else {
            input.patients.push_back(*index);
            continue;
        }
        input.errorLines.append(
            ExportPlanner::operationOutcomeLine("patient-" + QByteArray::number(++n), "error", "not-found", problem));
    }
    std::sort(input.patients.begin(), input.patients.end());
    input.patients.erase(std::unique(input.patients.begin(), input.patients.end()), input.patients.end());
}
