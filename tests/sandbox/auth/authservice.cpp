#include "auth/authservice.h"

#include "server/outcome.h"
#include "server/sandboxcontext.h"

AuthService::AuthService(SandboxContext &ctx, QObject *parent)
    : QObject(parent)
    , m_ctx(ctx)
{
}

AuthService::~AuthService() = default;

std::variant<AuthService::Principal, HttpResponse> AuthService::authorize(const HttpRequest &)
{
    return Principal{};
}

void AuthService::handleTokenRequest(const HttpRequest &, Responder respond)
{
    respond(HttpResponse::json(400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"auth is off\"}"));
}

void AuthService::registerClient(const ClientRegistration &client)
{
    m_ctx.config.clients.append(client);
}
