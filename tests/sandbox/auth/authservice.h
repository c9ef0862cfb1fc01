#pragma once

#include "auth/clientregistration.h"
#include "http/httprequest.h"
#include "http/httpresponse.h"

#include <QObject>

#include <functional>
#include <variant>

struct SandboxContext;

// Who may call the protected endpoints, and the token endpoint that says so. With --auth none everybody is the
// "anonymous" client.
class AuthService : public QObject
{
    Q_OBJECT
public:
    struct Principal
    {
        QByteArray clientId = "anonymous";
        QByteArrayList scopes; // granted scopes (empty without auth)
        bool authenticated = false;
    };
    using Responder = std::function<void(HttpResponse)>;

    AuthService(SandboxContext &ctx, QObject *parent = nullptr);
    ~AuthService() override;

    // Authenticates a request to a protected endpoint: the principal, or the 401 to answer.
    std::variant<Principal, HttpResponse> authorize(const HttpRequest &request);
    // POST to the token endpoint; answers through respond (possibly later, after fetching a JWKS).
    void handleTokenRequest(const HttpRequest &request, Responder respond);
    void registerClient(const ClientRegistration &client);

private:
    SandboxContext &m_ctx;
};
