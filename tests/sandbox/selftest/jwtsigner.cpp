#include "selftest/jwtsigner.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUuid>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>

namespace {

QByteArray b64url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray bnParam(evp_pkey_st *key, const char *name, int pad)
{
    BIGNUM *bn = nullptr;
    EVP_PKEY_get_bn_param(key, name, &bn);
    QByteArray out(pad > 0 ? pad : BN_num_bytes(bn), Qt::Uninitialized);
    BN_bn2binpad(bn, reinterpret_cast<unsigned char *>(out.data()), static_cast<int>(out.size()));
    BN_free(bn);
    return out;
}

} // namespace

JwtSigner::JwtSigner(Alg alg, const QByteArray &kid)
    : m_alg(alg)
    , m_kid(kid)
{
    m_key = alg == Alg::RS384 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048))
                              : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
    Q_ASSERT(m_key);
}

JwtSigner::~JwtSigner()
{
    EVP_PKEY_free(m_key);
}

QJsonObject JwtSigner::publicJwk() const
{
    if (m_alg == Alg::RS384) {
        return QJsonObject{{QLatin1String("kty"), QLatin1String("RSA")},
                           {QLatin1String("kid"), QString::fromUtf8(m_kid)},
                           {QLatin1String("alg"), QLatin1String("RS384")},
                           {QLatin1String("use"), QLatin1String("sig")},
                           {QLatin1String("n"), QString::fromLatin1(b64url(bnParam(m_key, OSSL_PKEY_PARAM_RSA_N, 0)))},
                           {QLatin1String("e"), QString::fromLatin1(b64url(bnParam(m_key, OSSL_PKEY_PARAM_RSA_E, 0)))}};
    }
    return QJsonObject{{QLatin1String("kty"), QLatin1String("EC")},
                       {QLatin1String("crv"), QLatin1String("P-384")},
                       {QLatin1String("kid"), QString::fromUtf8(m_kid)},
                       {QLatin1String("alg"), QLatin1String("ES384")},
                       {QLatin1String("x"), QString::fromLatin1(b64url(bnParam(m_key, OSSL_PKEY_PARAM_EC_PUB_X, 48)))},
                       {QLatin1String("y"), QString::fromLatin1(b64url(bnParam(m_key, OSSL_PKEY_PARAM_EC_PUB_Y, 48)))}};
}

QByteArray JwtSigner::sign(const QJsonObject &header, const QJsonObject &claims, bool derSignature) const
{
    const QByteArray input = b64url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                             b64url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_DigestSignInit(md, nullptr, EVP_sha384(), nullptr, m_key);
    size_t length = 0;
    const auto *data = reinterpret_cast<const unsigned char *>(input.constData());
    EVP_DigestSign(md, nullptr, &length, data, static_cast<size_t>(input.size()));
    QByteArray sig(static_cast<qsizetype>(length), Qt::Uninitialized);
    EVP_DigestSign(md, reinterpret_cast<unsigned char *>(sig.data()), &length, data, static_cast<size_t>(input.size()));
    sig.resize(static_cast<qsizetype>(length));
    EVP_MD_CTX_free(md);
    if (m_alg == Alg::ES384 && !derSignature) {
        const auto *p = reinterpret_cast<const unsigned char *>(sig.constData());
        ECDSA_SIG *ecdsa = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
        QByteArray raw(96, Qt::Uninitialized);
        BN_bn2binpad(ECDSA_SIG_get0_r(ecdsa), reinterpret_cast<unsigned char *>(raw.data()), 48);
        BN_bn2binpad(ECDSA_SIG_get0_s(ecdsa), reinterpret_cast<unsigned char *>(raw.data()) + 48, 48);
        ECDSA_SIG_free(ecdsa);
        sig = raw;
    }
    return input + '.' + b64url(sig);
}

QByteArray JwtSigner::assertion(const QByteArray &clientId, const QByteArray &tokenUrl, const QJsonObject &claims,
                                const QJsonObject &header) const
{
    QJsonObject h{{QLatin1String("alg"), QString::fromLatin1(alg())},
                  {QLatin1String("kid"), QString::fromUtf8(m_kid)},
                  {QLatin1String("typ"), QLatin1String("JWT")}};
    for (auto it = header.begin(); it != header.end(); ++it) {
        if (it.value().isNull()) {
            h.remove(it.key());
        } else {
            h.insert(it.key(), it.value());
        }
    }
    QJsonObject c{{QLatin1String("iss"), QString::fromUtf8(clientId)},
                  {QLatin1String("sub"), QString::fromUtf8(clientId)},
                  {QLatin1String("aud"), QString::fromUtf8(tokenUrl)},
                  {QLatin1String("exp"), QDateTime::currentSecsSinceEpoch() + 240},
                  {QLatin1String("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces)}};
    for (auto it = claims.begin(); it != claims.end(); ++it) {
        if (it.value().isNull()) {
            c.remove(it.key());
        } else {
            c.insert(it.key(), it.value());
        }
    }
    return sign(h, c);
}
