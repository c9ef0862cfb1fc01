#pragma once

#include "auth/oauthauthorizer.h"

#include <QString>

// How a client secret travels to the token endpoint (RFC 6749 §2.3.1).
enum class ClientSecretStyle {
    Basic, // Authorization: Basic base64(urlencode(id):urlencode(secret)) — what Oracle Health and BCDA expect
    Form,  // client_id and client_secret in the form body — Keycloak (1upHealth) accepts both
};

// client_credentials with a shared secret. Same token handling as SmartAuthorizer; only the client authentication
// differs.
class ClientSecretAuthorizer : public OAuthAuthorizer
{
    Q_OBJECT

public:
    ClientSecretAuthorizer(QNetworkAccessManager *nam, const Clock *clock, const OAuthSettings &settings,
                           const QString &clientSecret, ClientSecretStyle style = ClientSecretStyle::Basic,
                           QObject *parent = nullptr);
    ~ClientSecretAuthorizer() override;

    QString describe() const override;

protected:
    bool authenticate(TokenRequest &request, AuthFailure *failure) const override;
    QString credentialHint() const override;

private:
    QString m_secret;
    ClientSecretStyle m_style;
};
