#include "auth/jwk.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

namespace {

constexpr int kP384Bytes = 48;

struct BnDeleter
{
    void operator()(BIGNUM *bn) const { BN_free(bn); }
};
struct BldDeleter
{
    void operator()(OSSL_PARAM_BLD *b) const { OSSL_PARAM_BLD_free(b); }
};
struct ParamDeleter
{
    void operator()(OSSL_PARAM *p) const { OSSL_PARAM_free(p); }
};
struct CtxDeleter
{
    void operator()(EVP_PKEY_CTX *c) const { EVP_PKEY_CTX_free(c); }
};
struct MdDeleter
{
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
struct SigDeleter
{
    void operator()(ECDSA_SIG *s) const { ECDSA_SIG_free(s); }
};

std::unique_ptr<BIGNUM, BnDeleter> bignum(const QByteArray &bytes)
{
    return std::unique_ptr<BIGNUM, BnDeleter>(
        BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes.constData()), static_cast<int>(bytes.size()), nullptr));
}

EVP_PKEY *fromParams(const char *type, OSSL_PARAM_BLD *bld)
{
    std::unique_ptr<OSSL_PARAM, ParamDeleter> params(OSSL_PARAM_BLD_to_param(bld));
    std::unique_ptr<EVP_PKEY_CTX, CtxDeleter> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY *key = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
        return nullptr;
    }
    return key;
}

// JWS ES384 signatures are R||S, 48 bytes each; OpenSSL wants an ASN.1 DER ECDSA-Sig-Value.
QByteArray rawToDer(const QByteArray &raw)
{
    if (raw.size() != 2 * kP384Bytes) {
        return {};
    }
    std::unique_ptr<ECDSA_SIG, SigDeleter> sig(ECDSA_SIG_new());
    BIGNUM *r = BN_bin2bn(reinterpret_cast<const unsigned char *>(raw.constData()), kP384Bytes, nullptr);
    BIGNUM *s = BN_bin2bn(reinterpret_cast<const unsigned char *>(raw.constData()) + kP384Bytes, kP384Bytes, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return {};
    }
    const int length = i2d_ECDSA_SIG(sig.get(), nullptr);
    QByteArray der(length, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    i2d_ECDSA_SIG(sig.get(), &out);
    return der;
}

} // namespace

QByteArray Jwk::base64UrlDecode(const QByteArray &text, bool *ok)
{
    const QByteArray::FromBase64Result r =
        QByteArray::fromBase64Encoding(text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (ok) {
        *ok = static_cast<bool>(r) && !text.contains('=') && !text.contains('+') && !text.contains('/');
    }
    return r.decoded;
}

std::unique_ptr<Jwk> Jwk::fromJson(const QJsonObject &jwk, QByteArray *error)
{
    std::unique_ptr<Jwk> key(new Jwk);
    key->m_kid = jwk.value(QLatin1String("kid")).toString().toUtf8();
    key->m_kty = jwk.value(QLatin1String("kty")).toString().toUtf8();
    key->m_alg = jwk.value(QLatin1String("alg")).toString().toUtf8();
    const auto part = [&jwk](const char *name) {
        return base64UrlDecode(jwk.value(QLatin1String(name)).toString().toLatin1());
    };
    std::unique_ptr<OSSL_PARAM_BLD, BldDeleter> bld(OSSL_PARAM_BLD_new());
    if (key->m_kty == "RSA") {
        const auto n = bignum(part("n"));
        const auto e = bignum(part("e"));
        if (!n || !e || BN_is_zero(n.get()) || BN_is_zero(e.get()) ||
            OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
            OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
            *error = "RSA JWK needs n and e";
            return nullptr;
        }
        key->m_key = fromParams("RSA", bld.get());
    } else if (key->m_kty == "EC") {
        if (jwk.value(QLatin1String("crv")).toString() != QLatin1String("P-384")) {
            *error = "only EC keys on curve P-384 are supported (ES384)";
            return nullptr;
        }
        const QByteArray x = part("x");
        const QByteArray y = part("y");
        if (x.size() != kP384Bytes || y.size() != kP384Bytes) {
            *error = "P-384 JWK needs 48-byte x and y";
            return nullptr;
        }
        QByteArray point = '\x04' + x + y;
        static char group[] = "secp384r1";
        if (OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) != 1 ||
            OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                             static_cast<size_t>(point.size())) != 1) {
            *error = "cannot build the EC key";
            return nullptr;
        }
        key->m_key = fromParams("EC", bld.get());
    } else {
        *error = "unsupported kty '" + key->m_kty + "' (RSA or EC)";
        return nullptr;
    }
    if (!key->m_key) {
        *error = "OpenSSL rejected the " + key->m_kty + " key";
        return nullptr;
    }
    return key;
}

Jwk::~Jwk()
{
    EVP_PKEY_free(m_key);
}

bool Jwk::verify(const QByteArray &alg, const QByteArray &signingInput, const QByteArray &signature) const
{
    QByteArray sig;
    if (alg == "RS384" && m_kty == "RSA") {
        sig = signature;
    } else if (alg == "ES384" && m_kty == "EC") {
        sig = rawToDer(signature);
    }
    if (sig.isEmpty()) {
        return false;
    }
    std::unique_ptr<EVP_MD_CTX, MdDeleter> md(EVP_MD_CTX_new());
    if (!md || EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha384(), nullptr, m_key) != 1) {
        return false;
    }
    return EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char *>(sig.constData()),
                            static_cast<size_t>(sig.size()),
                            reinterpret_cast<const unsigned char *>(signingInput.constData()),
                            static_cast<size_t>(signingInput.size())) == 1;
}
