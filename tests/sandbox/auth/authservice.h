#pragma once

#include "auth/accesstokens.h"
#include "auth/clientregistration.h"
#include "http/httprequest.h"
#include "http/httpresponse.h"

#include <QObject>

#include <functional>
#include <memory>
#include <variant>

class JwksFetcher;
class TokenEndpoint;
struct SandboxContext;

// Who may call the protected endpoints (kick-off, status, files on the primary origin, DELETE, Group), and the
// token endpoint that says so. Modes (--auth): none (everyone is "anonymous"), smart and client-secret (bearer
// tokens from the token endpoint), static (a configured bearer token), headers (1upHealth's client_id,
// client_secret and x-oneup-user-id headers; bearer tokens from client-secret also accepted). Failures answer
// 401 with WWW-Authenticate and an OperationOutcome.
class AuthService : public QObject
{
    Q_OBJECT
public:
    struct Principal
    {
        QByteArray clientId = "anonymous";
        QByteArrayList scopes; // granted scopes; empty = unrestricted (auth off, or none registered)
        bool authenticated = false;
        bool viaHeaders = false; // authenticated with 1upHealth client headers rather than a token

        bool mayExport(const QByteArray &type) const;
    };
    using Responder = std::function<void(HttpResponse)>;

    explicit AuthService(SandboxContext &ctx, QObject *parent = nullptr);
    ~AuthService() override;

    // Authenticates a request to a protected endpoint: the principal, or the 401 to answer.
    std::variant<Principal, HttpResponse> authorize(const HttpRequest &request);
    // POST to the token endpoint; answers through respond, possibly later (after fetching a JWKS URL).
    void handleTokenRequest(const HttpRequest &request, const Responder &respond);
    void registerClient(const ClientRegistration &client);

private:
    HttpResponse challenge(const QByteArray &error, const QByteArray &description) const;
    std::variant<Principal, HttpResponse> bearer(const QByteArray &token) const;
    std::optional<Principal> fromHeaders(const HttpRequest &request) const;

    SandboxContext &m_ctx;
    AccessTokens m_tokens;
    JwksFetcher *m_fetcher;
    std::unique_ptr<TokenEndpoint> m_endpoint;
};
