#include "auth/clientsecretauthorizer.h"

#include "util/redactor.h"

ClientSecretAuthorizer::ClientSecretAuthorizer(QNetworkAccessManager *nam, const Clock *clock,
                                               const OAuthSettings &settings, const QString &clientSecret,
                                               ClientSecretStyle style, QObject *parent)
    : OAuthAuthorizer(nam, clock, settings, parent)
    , m_secret(clientSecret)
    , m_style(style)
{
    Redactor::instance().addSecret(m_secret);
}

ClientSecretAuthorizer::~ClientSecretAuthorizer() = default;

QString ClientSecretAuthorizer::describe() const
{
    return m_style == ClientSecretStyle::Basic ? tr("Client secret, HTTP Basic (client %1)").arg(settings().clientId)
                                               : tr("Client secret, form post (client %1)").arg(settings().clientId);
}

bool ClientSecretAuthorizer::authenticate(TokenRequest &request, AuthFailure *failure) const
{
    if (m_secret.isEmpty()) {
        failure->message = tr("No client secret is available for this server. Enter it in the server's settings.");
        return false;
    }
    if (m_style == ClientSecretStyle::Form) {
        request.form.append({QStringLiteral("client_id"), settings().clientId});
        request.form.append({QStringLiteral("client_secret"), m_secret});
        return true;
    }
    // Both halves are form-urlencoded before base64 (RFC 6749 §2.3.1), so a ':' in the id cannot split them.
    const QByteArray pair = QUrl::toPercentEncoding(settings().clientId) + ':' + QUrl::toPercentEncoding(m_secret);
    request.headers.append({QByteArrayLiteral("Authorization"), "Basic " + pair.toBase64()});
    return true;
}

QString ClientSecretAuthorizer::credentialHint() const
{
    return tr("Check the client ID (%1) and the client secret stored for this server; if they are right, try the "
              "other way of sending the secret (HTTP Basic or form post).")
        .arg(settings().clientId);
}
