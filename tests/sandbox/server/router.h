#pragma once

#include "auth/authservice.h"
#include "server/debughandler.h"
#include "server/filehandler.h"
#include "server/kickoffhandler.h"
#include "server/metadatahandler.h"
#include "server/ratelimiter.h"
#include "server/statushandler.h"

// Maps a request to its handler: storage origin -> files; /__* -> debug; token endpoint; discovery; then the
// protected bulk-data endpoints behind authentication (and the persona's per-request checks).
class Router
{
public:
    Router(SandboxContext &ctx, AuthService &auth, const RequestLog &log);

    // Answers through respond, exactly once (synchronously except for deferred token requests).
    void route(const HttpRequest &request, const AuthService::Responder &respond);
    DebugHandler &debug() { return m_debug; }

private:
    HttpResponse routeFhir(const HttpRequest &request, const QByteArray &rest);
    HttpResponse routeExport(const HttpRequest &request, const QByteArray &rest,
                             const AuthService::Principal &principal);
    // The principal, or the response refusing the request.
    std::variant<AuthService::Principal, HttpResponse> authenticate(const HttpRequest &request);

    SandboxContext &m_ctx;
    AuthService &m_auth;
    KickoffHandler m_kickoff;
    StatusHandler m_status;
    FileHandler m_files;
    MetadataHandler m_metadata;
    DebugHandler m_debug;
    RateLimiter m_limiter;
};
