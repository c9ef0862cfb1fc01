#include "auth/assertion.h"

#include "auth/jwk.h"

#include <QJsonDocument>

std::optional<Assertion> Assertion::parse(const QByteArray &compact, QByteArray *error)
{
    const QList<QByteArray> parts = compact.trimmed().split('.');
    if (parts.size() != 3) {
        *error = "client_assertion is not a compact JWS (header.payload.signature)";
        return std::nullopt;
    }
    bool okHeader = false;
    bool okPayload = false;
    bool okSignature = false;
    const QJsonDocument header = QJsonDocument::fromJson(Jwk::base64UrlDecode(parts[0], &okHeader));
    const QJsonDocument claims = QJsonDocument::fromJson(Jwk::base64UrlDecode(parts[1], &okPayload));
    Assertion a;
    a.signature = Jwk::base64UrlDecode(parts[2], &okSignature);
    if (!okHeader || !okPayload || !okSignature || !header.isObject() || !claims.isObject()) {
        *error = "client_assertion parts are not base64url-encoded JSON";
        return std::nullopt;
    }
    a.header = header.object();
    a.claims = claims.object();
    a.signingInput = parts[0] + '.' + parts[1];
    a.alg = a.header.value(QLatin1String("alg")).toString().toUtf8();
    a.kid = a.header.value(QLatin1String("kid")).toString().toUtf8();
    a.jku = a.header.value(QLatin1String("jku")).toString().toUtf8();
    return a;
}

QByteArray Assertion::claim(const char *name) const
{
    return claims.value(QLatin1String(name)).toString().toUtf8();
}
