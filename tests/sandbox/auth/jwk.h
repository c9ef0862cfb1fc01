#pragma once

#include <QByteArray>
#include <QJsonObject>

#include <memory>

struct evp_pkey_st;

// One public key from a JWK Set, ready to verify JWS signatures with OpenSSL: RSA (kty RSA, n/e) for RS384 and
// EC P-384 (kty EC, crv P-384, x/y) for ES384. ES384 signatures arrive as the JWS form, raw R||S (96 bytes);
// they are converted to DER for OpenSSL here, and anything else (e.g. a DER signature) fails verification.
class Jwk
{
public:
    // Parses a public JWK; returns nullptr and sets error when it is not a usable RSA or P-384 key.
    static std::unique_ptr<Jwk> fromJson(const QJsonObject &jwk, QByteArray *error);
    ~Jwk();
    Jwk(const Jwk &) = delete;
    Jwk &operator=(const Jwk &) = delete;

    QByteArray kid() const { return m_kid; }
    QByteArray kty() const { return m_kty; }
    QByteArray alg() const { return m_alg; } // the JWK's own "alg", if it declares one
    // True when signature is a valid `alg` signature of signingInput under this key.
    bool verify(const QByteArray &alg, const QByteArray &signingInput, const QByteArray &signature) const;

    static QByteArray base64UrlDecode(const QByteArray &text, bool *ok = nullptr);

private:
    Jwk() = default;

    QByteArray m_kid;
    QByteArray m_kty;
    QByteArray m_alg;
    evp_pkey_st *m_key = nullptr;
};
