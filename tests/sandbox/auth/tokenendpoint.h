#pragma once

#include "auth/accesstokens.h"
#include "auth/assertion.h"
#include "auth/clientregistration.h"
#include "http/httprequest.h"
#include "http/httpresponse.h"

#include <QHash>

#include <functional>

class JwksFetcher;
struct SandboxContext;

// POST [token URL]: OAuth 2.0 client_credentials (RFC 6749 §4.4). With --auth smart the client authenticates with
// a SMART Backend Services JWT assertion (RS384/ES384, kid lookup, iss == sub == client_id, aud == token URL,
// exp present and at most 5 minutes ahead, jti never replayed, jku == the registered JWKS URL); with
// --auth client-secret (and headers) with HTTP Basic or form-posted client_id/client_secret.
// Errors follow RFC 6749 §5.2 (invalid_request, invalid_client, invalid_grant, invalid_scope,
// unsupported_grant_type) with an error_description.
class TokenEndpoint
{
public:
    using Responder = std::function<void(HttpResponse)>;

    TokenEndpoint(SandboxContext &ctx, AccessTokens &tokens, JwksFetcher &fetcher);

    void handle(const HttpRequest &request, const Responder &respond);
    static HttpResponse oauthError(int status, const QByteArray &error, const QByteArray &description);

private:
    struct Form
    {
        QByteArray grantType;
        QByteArray scope;
        QByteArray clientId;
        QByteArray clientSecret;
        QByteArray assertionType;
        QByteArray assertion;
        QByteArray basicId; // from Authorization: Basic
        QByteArray basicSecret;
        bool basic = false;
    };

    void handleSecret(const Form &form, const Responder &respond);
    void handleAssertion(const Form &form, const Responder &respond);
    // Everything about the assertion except its signature; returns an error description or empty.
    QByteArray checkClaims(const Assertion &assertion, const ClientRegistration &client) const;
    void finishAssertion(const Assertion &assertion, const ClientRegistration &client, const QJsonObject &jwks,
                         const QByteArray &scope, const Responder &respond);
    HttpResponse issue(const ClientRegistration &client, const QByteArray &requestedScope);
    const ClientRegistration *client(const QByteArray &id) const;

    SandboxContext &m_ctx;
    AccessTokens &m_tokens;
    JwksFetcher &m_fetcher;
    QHash<QByteArray, qint64> m_usedJti; // client|jti -> exp (epoch seconds)
};
