#include "opensslverify.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>

namespace {

QByteArray b64(const QJsonObject &jwk, const char *member)
{
    return QByteArray::fromBase64(jwk.value(QLatin1String(member)).toString().toLatin1(),
                                  QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
}

BIGNUM *toBn(const QByteArray &bytes)
{
    return BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes.constData()), static_cast<int>(bytes.size()),
                     nullptr);
}

EVP_PKEY *publicKey(const QJsonObject &jwk)
{
    const QString kty = jwk.value(QLatin1String("kty")).toString();
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    BIGNUM *n = nullptr;
    BIGNUM *e = nullptr;
    QByteArray point;
    const char *type = nullptr;
    if (kty == QLatin1String("RSA")) {
        type = "RSA";
        n = toBn(b64(jwk, "n"));
        e = toBn(b64(jwk, "e"));
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n);
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e);
    } else if (kty == QLatin1String("EC") && jwk.value(QLatin1String("crv")).toString() == QLatin1String("P-384")) {
        type = "EC";
        const QByteArray x = b64(jwk, "x");
        const QByteArray y = b64(jwk, "y");
        if (x.size() != 48 || y.size() != 48) {
            OSSL_PARAM_BLD_free(bld);
            return nullptr;
        }
        point = QByteArray(1, '\x04') + x + y;
        OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "P-384", 0);
        OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                         static_cast<size_t>(point.size()));
    } else {
        OSSL_PARAM_BLD_free(bld);
        return nullptr;
    }
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
    EVP_PKEY *key = nullptr;
    if (EVP_PKEY_fromdata_init(ctx) != 1 || EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) != 1) {
        key = nullptr;
    }
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_free(n);
    BN_free(e);
    return key;
}

EVP_PKEY *generate(OpenSslVerify::KeyKind kind)
{
    using K = OpenSslVerify::KeyKind;
    const char *type = kind == K::Ed25519 ? "ED25519" : (kind == K::P256 || kind == K::P384) ? "EC" : "RSA";
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
    EVP_PKEY_keygen_init(ctx);
    switch (kind) {
    case K::Rsa1024:
        EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 1024);
        break;
    case K::Rsa2048:
        EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 2048);
        break;
    case K::Rsa3072:
        EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 3072);
        break;
    case K::P256:
        EVP_PKEY_CTX_set_group_name(ctx, "P-256");
        break;
    case K::P384:
        EVP_PKEY_CTX_set_group_name(ctx, "P-384");
        break;
    case K::Ed25519:
        break;
    }
    EVP_PKEY *key = nullptr;
    EVP_PKEY_generate(ctx, &key);
    EVP_PKEY_CTX_free(ctx);
    return key;
}

} // namespace

namespace OpenSslVerify {

bool verify(const QJsonObject &jwk, const QByteArray &input, const QByteArray &signature)
{
    EVP_PKEY *key = publicKey(jwk);
    if (!key) {
        return false;
    }
    QByteArray sig = signature;
    if (jwk.value(QLatin1String("kty")).toString() == QLatin1String("EC")) {
        if (signature.size() != 96) {
            EVP_PKEY_free(key);
            return false;
        }
        ECDSA_SIG *ecdsa = ECDSA_SIG_new();
        ECDSA_SIG_set0(ecdsa, toBn(signature.left(48)), toBn(signature.mid(48)));
        unsigned char *der = nullptr;
        const int length = i2d_ECDSA_SIG(ecdsa, &der);
        sig = QByteArray(reinterpret_cast<const char *>(der), length);
        OPENSSL_free(der);
        ECDSA_SIG_free(ecdsa);
    }
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    const bool ok =
        EVP_DigestVerifyInit(md, nullptr, EVP_sha384(), nullptr, key) == 1 &&
        EVP_DigestVerify(md, reinterpret_cast<const unsigned char *>(sig.constData()), static_cast<size_t>(sig.size()),
                         reinterpret_cast<const unsigned char *>(input.constData()),
                         static_cast<size_t>(input.size())) == 1;
    EVP_MD_CTX_free(md);
    EVP_PKEY_free(key);
    return ok;
}

QByteArray makePem(KeyKind kind, PemForm form)
{
    EVP_PKEY *key = generate(kind);
    BIO *bio = BIO_new(BIO_s_mem());
    static const char passphrase[] = "correct horse";
    switch (form) {
    case PemForm::Pkcs8:
        PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
        break;
    case PemForm::Traditional:
        PEM_write_bio_PrivateKey_traditional(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
        break;
    case PemForm::Encrypted:
        PEM_write_bio_PrivateKey(bio, key, EVP_aes_256_cbc(), reinterpret_cast<const unsigned char *>(passphrase),
                                 static_cast<int>(sizeof passphrase - 1), nullptr, nullptr);
        break;
    case PemForm::PublicOnly:
        PEM_write_bio_PUBKEY(bio, key);
        break;
    }
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, size);
    BIO_free(bio);
    EVP_PKEY_free(key);
    return pem;
}

} // namespace OpenSslVerify
