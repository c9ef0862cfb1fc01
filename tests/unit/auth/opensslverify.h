#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// Test-side OpenSSL, independent of core/auth: rebuilds a public key from a JWK's members and verifies a JWS
// signature with it, and writes the PEM variants the import tests feed to SigningKey::fromPem.
namespace OpenSslVerify {

// Verifies `signature` (JWS form: PKCS#1 v1.5 for RS384, 96-byte R‖S for ES384) over `input` with the public key
// described by `jwk` (kty RSA n/e, or kty EC crv P-384 x/y). False on any mismatch or malformed input.
bool verify(const QJsonObject &jwk, const QByteArray &input, const QByteArray &signature);

enum class KeyKind { Rsa1024, Rsa2048, Rsa3072, P256, P384, Ed25519 };
enum class PemForm { Pkcs8, Traditional, Encrypted, PublicOnly };
QByteArray makePem(KeyKind kind, PemForm form);

} // namespace OpenSslVerify
