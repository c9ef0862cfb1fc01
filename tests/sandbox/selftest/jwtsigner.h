#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>

struct evp_pkey_st;

// The client side of SMART Backend Services auth, for the self-tests only: a fresh RS384 (RSA 2048) or ES384
// (P-384) key, its public JWK, and signed client assertions (ES384 as JWS raw R||S, or deliberately as DER).
class JwtSigner
{
public:
    enum class Alg { RS384, ES384 };

    JwtSigner(Alg alg, const QByteArray &kid);
    ~JwtSigner();
    JwtSigner(const JwtSigner &) = delete;
    JwtSigner &operator=(const JwtSigner &) = delete;

    QByteArray alg() const { return m_alg == Alg::RS384 ? "RS384" : "ES384"; }
    QByteArray kid() const { return m_kid; }
    QJsonObject publicJwk() const;
    QJsonObject jwks() const { return QJsonObject{{QLatin1String("keys"), QJsonArray{publicJwk()}}}; }

    QByteArray sign(const QJsonObject &header, const QJsonObject &claims, bool derSignature = false) const;
    // A valid assertion for client_id at the token URL (exp in 4 minutes, random jti); `claims` overrides.
    QByteArray assertion(const QByteArray &clientId, const QByteArray &tokenUrl, const QJsonObject &claims = {},
                         const QJsonObject &header = {}) const;

private:
    Alg m_alg;
    QByteArray m_kid;
    evp_pkey_st *m_key = nullptr;
};
