#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

class SigningKey;

// Compact JWS serialisation (RFC 7515 §7.1): base64url(header) "." base64url(claims) "." base64url(signature),
// all without padding. The header's `alg` is set from the key, overriding any value the caller put there.
namespace Jws {

QByteArray sign(QJsonObject header, const QJsonObject &claims, const SigningKey &key, QString *error = nullptr);

// The decoded header and claims of a compact JWS/JWT, without verifying anything (for display and tests).
QJsonObject header(const QByteArray &compact);
QJsonObject claims(const QByteArray &compact);

} // namespace Jws
