#include "auth/smartauthorizer.h"

#include "auth/jws.h"
#include "util/clock.h"

#include <QJsonObject>
#include <QUuid>

SmartAuthorizer::SmartAuthorizer(QNetworkAccessManager *nam, const Clock *clock, const OAuthSettings &settings,
                                 const SigningKey &key, const QString &kid, const QUrl &jku, QObject *parent)
    : OAuthAuthorizer(nam, clock, settings, parent)
    , m_key(key)
    , m_kid(kid.isEmpty() ? key.thumbprint() : kid)
    , m_jku(jku)
{
}

SmartAuthorizer::~SmartAuthorizer() = default;

QString SmartAuthorizer::describe() const
{
    return tr("SMART Backend Services (%1, client %2)").arg(m_key.algorithmName(), settings().clientId);
}

QByteArray SmartAuthorizer::clientAssertion(const QUrl &tokenUrl, QString *error) const
{
    QJsonObject header;
    header.insert(QLatin1String("typ"), QLatin1String("JWT"));
    header.insert(QLatin1String("kid"), m_kid);
    if (m_jku.isValid() && !m_jku.isEmpty()) {
        header.insert(QLatin1String("jku"), m_jku.toString(QUrl::FullyEncoded));
    }
    // Wall-clock seconds, never Clock-scaled: the server compares them with its own clock.
    const qint64 now = clock()->nowUtc().toSecsSinceEpoch();
    QJsonObject claims;
    claims.insert(QLatin1String("iss"), settings().clientId);
    claims.insert(QLatin1String("sub"), settings().clientId);
    claims.insert(QLatin1String("aud"), tokenUrl.toString(QUrl::FullyEncoded));
    claims.insert(QLatin1String("iat"), now);
    claims.insert(QLatin1String("exp"), now + kAssertionLifetime.count());
    claims.insert(QLatin1String("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    // Not registered with the Redactor one by one (a new one every few minutes): its JWT shape is redacted anyway.
    return Jws::sign(header, claims, m_key, error);
}

bool SmartAuthorizer::authenticate(TokenRequest &request, AuthFailure *failure) const
{
    if (m_key.isNull()) {
        failure->message = tr("No private key is available for this server. Generate or import one in the server's "
                              "settings.");
        return false;
    }
    QString error;
    const QByteArray assertion = clientAssertion(request.tokenUrl, &error);
    if (assertion.isEmpty()) {
        failure->message = tr("Could not sign the client assertion: %1").arg(error);
        return false;
    }
    request.form.append({QStringLiteral("client_assertion_type"),
                         QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")});
    request.form.append({QStringLiteral("client_assertion"), QString::fromLatin1(assertion)});
    return true;
}

QString SmartAuthorizer::credentialHint() const
{
    return tr("Check the client ID (%1), that the server has the public key with kid \"%2\" (%3) registered or can "
              "fetch it from the registered JWKS URL, and that this computer's clock is correct.")
        .arg(settings().clientId, m_kid, m_key.algorithmName());
}
