#include "server/router.h"

#include "server/outcome.h"

namespace {

HttpResponse methodNotAllowed(const QByteArray &allow)
{
    HttpResponse r = Outcome::response(405, "not-supported", "Method not allowed here; use " + allow);
    r.setHeader("Allow", allow);
    return r;
}

} // namespace

Router::Router(SandboxContext &ctx, AuthService &auth, const RequestLog &log)
    : m_ctx(ctx)
    , m_auth(auth)
    , m_kickoff(ctx)
    , m_status(ctx)
    , m_files(ctx)
    , m_metadata(ctx)
    , m_debug(ctx, log)
    , m_limiter(ctx)
{
}

void Router::route(const HttpRequest &request, const AuthService::Responder &respond)
{
    if (request.origin == Origin::Secondary) {
        respond(m_files.storage(request));
        return;
    }
    if (std::optional<HttpResponse> debug = m_debug.handle(request)) {
        respond(std::move(*debug));
        return;
    }
    if (std::optional<HttpResponse> limited = m_limiter.admit()) {
        respond(std::move(*limited));
        return;
    }
    if (request.path == m_ctx.persona->tokenPath()) {
        if (request.method != "POST") {
            respond(methodNotAllowed("POST"));
            return;
        }
        m_auth.handleTokenRequest(request, respond);
        return;
    }
    const QByteArray base = m_ctx.persona->basePath();
    if (!request.path.startsWith(QByteArray(base + '/'))) {
        respond(Outcome::response(404, "not-found", "Not a sandbox endpoint; the FHIR base is " + m_ctx.fhirBase()));
        return;
    }
    respond(routeFhir(request, request.path.mid(base.size())));
}

std::variant<AuthService::Principal, HttpResponse> Router::authenticate(const HttpRequest &request)
{
    std::variant<AuthService::Principal, HttpResponse> result = m_auth.authorize(request);
    if (const auto *principal = std::get_if<AuthService::Principal>(&result)) {
        if (std::optional<HttpResponse> refusal =
                m_ctx.persona->checkRequest(request, principal->clientId, principal->authenticated)) {
            return std::move(*refusal);
        }
    }
    return result;
}

HttpResponse Router::routeFhir(const HttpRequest &request, const QByteArray &rest)
{
    const bool read = request.method == "GET" || request.method == "HEAD";
    if (rest == "/metadata") {
        return read ? m_metadata.capabilityStatement() : methodNotAllowed("GET");
    }
    if (rest == "/.well-known/smart-configuration") {
        return read ? m_metadata.smartConfiguration() : methodNotAllowed("GET");
    }

    const QByteArray token = m_ctx.persona->fileTokenFromPath(request.path);
    const QByteArray jobId = token.isEmpty() ? m_ctx.persona->jobIdFromRequest(request) : QByteArray();
    if (!token.isEmpty() && !m_ctx.filesRequireToken()) {
        return m_files.primary(request, token, AuthService::Principal{}); // capability URL: no token needed
    }
    std::variant<AuthService::Principal, HttpResponse> auth = authenticate(request);
    if (auto *refusal = std::get_if<HttpResponse>(&auth)) {
        return std::move(*refusal);
    }
    const AuthService::Principal &principal = std::get<AuthService::Principal>(auth);
    if (!token.isEmpty()) {
        return m_files.primary(request, token, principal);
    }
    if (!jobId.isEmpty()) {
        if (request.method == "GET") {
            return m_status.poll(request, jobId, principal);
        }
        if (request.method == "DELETE") {
            return m_status.cancel(jobId, principal);
        }
        return methodNotAllowed("GET, DELETE");
    }
    if (rest.endsWith("/$export")) {
        if (request.method != "GET" && request.method != "POST") {
            return methodNotAllowed("GET, POST");
        }
        return routeExport(request, rest, principal);
    }
    if (rest == "/Group") {
        return read ? m_metadata.groupSearch(request) : methodNotAllowed("GET");
    }
    if (rest.startsWith("/Group/") && rest.count('/') == 2) {
        return read ? m_metadata.groupRead(rest.mid(7)) : methodNotAllowed("GET");
    }
    return Outcome::response(404, "not-found", "Unknown endpoint " + request.path);
}

HttpResponse Router::routeExport(const HttpRequest &request, const QByteArray &rest,
                                 const AuthService::Principal &principal)
{
    const QList<QByteArray> parts = rest.mid(1).split('/'); // e.g. [Group, id, $export]
    if (parts.size() == 1) {
        return m_kickoff.handle(request, ExportLevel::System, {}, {}, principal);
    }
    if (parts.size() == 2 && parts[0] == "Patient") {
        return m_kickoff.handle(request, ExportLevel::Patient, {}, {}, principal);
    }
    if (parts.size() == 3 && parts[0] == "Group" && !parts[1].isEmpty()) {
        return m_kickoff.handle(request, ExportLevel::Group, parts[1], {}, principal);
    }
    if (parts.size() == 2) {
        return m_kickoff.handle(request, ExportLevel::Resource, {}, parts[0], principal);
    }
    return Outcome::response(404, "not-found", "Unknown export endpoint " + request.path);
}
