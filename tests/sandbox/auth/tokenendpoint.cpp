#include "auth/tokenendpoint.h"

#include "auth/jwk.h"
#include "auth/jwksfetcher.h"
#include "auth/scopeset.h"
#include "http/querystring.h"
#include "server/sandboxcontext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace {

constexpr const char *kJwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
constexpr qint64 kMaxAssertionLifetime = 300; // SMART: exp at most five minutes in the future
constexpr qint64 kClockSkew = 5;

} // namespace

TokenEndpoint::TokenEndpoint(SandboxContext &ctx, AccessTokens &tokens, JwksFetcher &fetcher)
    : m_ctx(ctx)
    , m_tokens(tokens)
    , m_fetcher(fetcher)
{
}

HttpResponse TokenEndpoint::oauthError(int status, const QByteArray &error, const QByteArray &description)
{
    const QJsonObject body{{QLatin1String("error"), QString::fromUtf8(error)},
                           {QLatin1String("error_description"), QString::fromUtf8(description)}};
    HttpResponse r = HttpResponse::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
    r.setHeader("Cache-Control", "no-store");
    return r;
}

const ClientRegistration *TokenEndpoint::client(const QByteArray &id) const
{
    for (const ClientRegistration &c : m_ctx.config.clients) {
        if (c.clientId == id) {
            return &c;
        }
    }
    return nullptr;
}

void TokenEndpoint::handle(const HttpRequest &request, const Responder &respond)
{
    if (m_ctx.tokensRefused < m_ctx.config.faults.tokenBare400) {
        ++m_ctx.tokensRefused;
        respond(HttpResponse(400)); // a bare 400, no body: what a flaky Epic token endpoint does
        return;
    }
    if (!request.header("Content-Type").toLower().startsWith("application/x-www-form-urlencoded")) {
        respond(oauthError(400, "invalid_request", "The token request must be application/x-www-form-urlencoded"));
        return;
    }
    Form form;
    const QList<QueryItem> items = QueryString::parse(request.body, true);
    form.grantType = QueryString::firstValue(items, "grant_type");
    form.scope = QueryString::firstValue(items, "scope");
    form.clientId = QueryString::firstValue(items, "client_id");
    form.clientSecret = QueryString::firstValue(items, "client_secret");
    form.assertionType = QueryString::firstValue(items, "client_assertion_type");
    form.assertion = QueryString::firstValue(items, "client_assertion");
    const QByteArray authorization = request.header("Authorization");
    if (authorization.toLower().startsWith("basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        form.basic = colon > 0;
        form.basicId = QueryString::decode(decoded.left(colon), true);
        form.basicSecret = QueryString::decode(decoded.mid(colon + 1), true);
    }
    if (form.grantType != "client_credentials") {
        respond(oauthError(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported"));
        return;
    }
    switch (m_ctx.config.auth) {
    case SandboxConfig::AuthMode::Smart:
        handleAssertion(form, respond);
        return;
    case SandboxConfig::AuthMode::ClientSecret:
    case SandboxConfig::AuthMode::Headers:
        handleSecret(form, respond);
        return;
    case SandboxConfig::AuthMode::None:
    case SandboxConfig::AuthMode::Static:
        break;
    }
    respond(oauthError(400, "unauthorized_client",
                       "This sandbox does not issue tokens (--auth " +
                           SandboxConfig::authModeName(m_ctx.config.auth).toUtf8() + ")"));
}

void TokenEndpoint::handleSecret(const Form &form, const Responder &respond)
{
    if (!form.assertion.isEmpty()) {
        respond(oauthError(400, "invalid_client", "This server expects a client secret, not a client_assertion"));
        return;
    }
    const QByteArray id = form.basic ? form.basicId : form.clientId;
    const QByteArray secret = form.basic ? form.basicSecret : form.clientSecret;
    const ClientRegistration *c = client(id);
    if (!c || c->clientSecret.isEmpty() || c->clientSecret != secret) {
        // RFC 6749 §5.2: a client that tried HTTP Basic gets 401 with a challenge.
        HttpResponse r = oauthError(form.basic ? 401 : 400, "invalid_client", "Unknown client or wrong client secret");
        if (form.basic) {
            r.setHeader("WWW-Authenticate", "Basic realm=\"ferry-sandbox\"");
        }
        respond(std::move(r));
        return;
    }
    respond(issue(*c, form.scope));
}

void TokenEndpoint::handleAssertion(const Form &form, const Responder &respond)
{
    if (form.assertionType != kJwtBearer || form.assertion.isEmpty()) {
        respond(oauthError(400, "invalid_client",
                           "Authenticate with client_assertion_type=" + QByteArray(kJwtBearer) +
                               " and a signed client_assertion"));
        return;
    }
    QByteArray error;
    const std::optional<Assertion> assertion = Assertion::parse(form.assertion, &error);
    if (!assertion) {
        respond(oauthError(400, "invalid_client", error));
        return;
    }
    const ClientRegistration *c = client(assertion->claim("iss"));
    if (!c) {
        respond(oauthError(400, "invalid_client", "Unknown client '" + assertion->claim("iss") + "' (iss)"));
        return;
    }
    if (const QByteArray problem = checkClaims(*assertion, *c); !problem.isEmpty()) {
        respond(oauthError(400, "invalid_client", problem));
        return;
    }
    if (!c->jwksUrl.isEmpty()) {
        // Copy what the callback needs: the registration may be replaced while the JWKS is on its way.
        const ClientRegistration registered = *c;
        const Assertion a = *assertion;
        const QByteArray scope = form.scope;
        m_fetcher.fetch(c->jwksUrl,
                        [this, registered, a, scope, respond](const QJsonObject &jwks, const QByteArray &err) {
                            if (!err.isEmpty()) {
                                respond(oauthError(400, "invalid_client", err));
                                return;
                            }
                            finishAssertion(a, registered, jwks, scope, respond);
                        });
        return;
    }
    finishAssertion(*assertion, *c, c->jwks, form.scope, respond);
}

QByteArray TokenEndpoint::checkClaims(const Assertion &a, const ClientRegistration &client) const
{
    if (!m_ctx.persona->signingAlgorithms().contains(a.alg)) {
        return "Unsupported signing algorithm '" + a.alg + "'; use one of " +
               m_ctx.persona->signingAlgorithms().join(", ");
    }
    const QJsonValue typ = a.header.value(QLatin1String("typ"));
    if (!typ.isUndefined() && typ.toString() != QLatin1String("JWT")) {
        return "The JWT header typ must be JWT";
    }
    if (a.kid.isEmpty()) {
        return "The JWT header must name the signing key (kid)";
    }
    if (!a.jku.isEmpty() && a.jku != client.jwksUrl) {
        return "The jku header does not match the JWKS URL registered for this client";
    }
    if (a.claim("sub") != client.clientId) {
        return "sub must equal iss (the client_id)";
    }
    const QJsonValue aud = a.claims.value(QLatin1String("aud"));
    const QString tokenUrl = QString::fromUtf8(m_ctx.tokenUrl());
    if (aud.toString() != tokenUrl && !aud.toArray().contains(QJsonValue(tokenUrl))) {
        return "aud must be the token URL " + m_ctx.tokenUrl();
    }
    const QJsonValue exp = a.claims.value(QLatin1String("exp"));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (!exp.isDouble()) {
        return "exp is required (a NumericDate)";
    }
    if (exp.toInteger() < now - kClockSkew) {
        return "The assertion has expired (exp is in the past)";
    }
    if (exp.toInteger() > now + kMaxAssertionLifetime + kClockSkew) {
        return "exp must be at most five minutes in the future";
    }
    const QByteArray jti = a.claim("jti");
    if (jti.isEmpty()) {
        return "jti is required";
    }
    if (m_usedJti.contains(client.clientId + '|' + jti)) {
        return "This jti was already used (replayed assertion)";
    }
    return {};
}

void TokenEndpoint::finishAssertion(const Assertion &a, const ClientRegistration &client, const QJsonObject &jwks,
                                    const QByteArray &scope, const Responder &respond)
{
    bool known = false;
    for (const QJsonValue &v : jwks.value(QLatin1String("keys")).toArray()) {
        const QJsonObject jwk = v.toObject();
        if (jwk.value(QLatin1String("kid")).toString().toUtf8() != a.kid) {
            continue;
        }
        known = true;
        QByteArray error;
        const std::unique_ptr<Jwk> key = Jwk::fromJson(jwk, &error);
        if (key && (key->alg().isEmpty() || key->alg() == a.alg) && key->verify(a.alg, a.signingInput, a.signature)) {
            // Replays are checked again: another request with the same jti may have won while the JWKS was fetched.
            const QByteArray jtiKey = client.clientId + '|' + a.claim("jti");
            if (m_usedJti.contains(jtiKey)) {
                respond(oauthError(400, "invalid_client", "This jti was already used (replayed assertion)"));
                return;
            }
            m_usedJti.insert(jtiKey, a.claims.value(QLatin1String("exp")).toInteger());
            respond(issue(client, scope));
            return;
        }
    }
    respond(
        oauthError(400, "invalid_client",
                   known ? QByteArray("The assertion signature does not verify with the registered key '" + a.kid + "'")
                         : QByteArray("No registered key has kid '" + a.kid + "'")));
}

HttpResponse TokenEndpoint::issue(const ClientRegistration &client, const QByteArray &requestedScope)
{
    const QByteArrayList requested = requestedScope.simplified().split(' ');
    if (requestedScope.trimmed().isEmpty()) {
        return oauthError(400, "invalid_scope", "scope is required, e.g. system/*.read");
    }
    const ScopeSet allowed(client.scopes);
    QByteArrayList granted;
    for (const QByteArray &s : requested) {
        if (!m_ctx.persona->acceptsV2Scopes() && ScopeSet::isV2(s)) {
            return oauthError(400, "invalid_scope",
                              "SMART v2 scopes are not supported here; use v1 scopes such as system/*.read");
        }
        if (client.scopes.isEmpty() || allowed.covers(s)) {
            granted.append(s);
        }
    }
    if (granted.isEmpty()) {
        return oauthError(
            400, "invalid_scope",
            "None of the requested scopes is allowed for this client (allowed: " + client.scopes.join(' ') + ")");
    }
    const double ttl = m_ctx.timings.tokenTtlSeconds;
    const qint64 now = m_ctx.clock.nowMs();
    const QByteArray token = m_tokens.issue(client.clientId, granted, now + m_ctx.clock.realMs(ttl), now);
    const QJsonObject body{{QLatin1String("access_token"), QString::fromLatin1(token)},
                           {QLatin1String("token_type"), QLatin1String("bearer")},
                           {QLatin1String("expires_in"), static_cast<qint64>(ttl)},
                           {QLatin1String("scope"), QString::fromUtf8(granted.join(' '))}};
    HttpResponse r = HttpResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
    r.setHeader("Cache-Control", "no-store");
    r.setHeader("Pragma", "no-cache");
    return r;
}
