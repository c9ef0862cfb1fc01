#include "auth/authservice.h"

#include "auth/jwksfetcher.h"
#include "auth/scopeset.h"
#include "auth/tokenendpoint.h"
#include "server/outcome.h"
#include "server/sandboxcontext.h"

bool AuthService::Principal::mayExport(const QByteArray &type) const
{
    return scopes.isEmpty() || ScopeSet(scopes).allowsExport(type);
}

AuthService::AuthService(SandboxContext &ctx, QObject *parent)
    : QObject(parent)
    , m_ctx(ctx)
    , m_fetcher(new JwksFetcher(this))
    , m_endpoint(std::make_unique<TokenEndpoint>(ctx, m_tokens, *m_fetcher))
{
}

AuthService::~AuthService() = default;

void AuthService::registerClient(const ClientRegistration &client)
{
    m_ctx.config.clients.removeIf([&client](const ClientRegistration &c) { return c.clientId == client.clientId; });
    m_ctx.config.clients.append(client);
}

void AuthService::handleTokenRequest(const HttpRequest &request, const Responder &respond)
{
    m_endpoint->handle(request, respond);
}

HttpResponse AuthService::challenge(const QByteArray &error, const QByteArray &description) const
{
    HttpResponse r = Outcome::response(401, "login", description);
    if (m_ctx.config.auth == SandboxConfig::AuthMode::Headers) {
        r.setHeader("WWW-Authenticate", "client-headers realm=\"ferry-sandbox\", Bearer realm=\"ferry-sandbox\"");
    } else if (error.isEmpty()) {
        r.setHeader("WWW-Authenticate", "Bearer realm=\"ferry-sandbox\"");
    } else {
        r.setHeader("WWW-Authenticate", "Bearer realm=\"ferry-sandbox\", error=\"" + error +
                                            "\", error_description=\"" + description + '"');
    }
    return r;
}

std::variant<AuthService::Principal, HttpResponse> AuthService::bearer(const QByteArray &token) const
{
    if (m_ctx.config.auth == SandboxConfig::AuthMode::Static) {
        for (const ClientRegistration &c : m_ctx.config.clients) {
            if (!c.staticToken.isEmpty() && c.staticToken == token) {
                return Principal{c.clientId, c.scopes, true, false};
            }
        }
        return challenge("invalid_token", "Unknown bearer token");
    }
    const std::optional<AccessTokens::Entry> entry = m_tokens.find(token);
    if (!entry) {
        return challenge("invalid_token", "Unknown bearer token");
    }
    if (m_ctx.clock.nowMs() >= entry->expiresAtMs) {
        return challenge("invalid_token", "The access token expired");
    }
    return Principal{entry->clientId, entry->scopes, true, false};
}

std::optional<AuthService::Principal> AuthService::fromHeaders(const HttpRequest &request) const
{
    const QByteArray id = request.header("client_id");
    const QByteArray secret = request.header("client_secret");
    if (id.isEmpty() || secret.isEmpty()) {
        return std::nullopt;
    }
    for (const ClientRegistration &c : m_ctx.config.clients) {
        if (c.clientId == id && !c.clientSecret.isEmpty() && c.clientSecret == secret &&
            (c.userId.isEmpty() || c.userId == request.header("x-oneup-user-id"))) {
            return Principal{c.clientId, c.scopes, true, true};
        }
    }
    return std::nullopt;
}

std::variant<AuthService::Principal, HttpResponse> AuthService::authorize(const HttpRequest &request)
{
    if (m_ctx.config.auth == SandboxConfig::AuthMode::None) {
        return Principal{};
    }
    if (m_ctx.config.auth == SandboxConfig::AuthMode::Headers) {
        if (std::optional<Principal> p = fromHeaders(request)) {
            return *p;
        }
        if (request.hasHeader("client_id") || request.hasHeader("client_secret")) {
            return challenge("invalid_client", "Unknown client_id / client_secret / x-oneup-user-id headers");
        }
    }
    const QByteArray authorization = request.header("Authorization").trimmed();
    if (authorization.isEmpty()) {
        return challenge({}, "This endpoint requires authorization (see .well-known/smart-configuration)");
    }
    if (!authorization.toLower().startsWith("bearer ")) {
        return challenge("invalid_request", "Use an Authorization: Bearer token");
    }
    return bearer(authorization.mid(7).trimmed());
}
