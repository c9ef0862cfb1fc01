#include "auth/signingkey.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace {

constexpr int kP384Bytes = 48; // coordinate and R/S size of P-384

QString tr(const char *text)
{
    return QCoreApplication::translate("SigningKey", text);
}

void setError(QString *error, const QString &text)
{
    if (error) {
        *error = text;
    }
}

// The last OpenSSL error as text, for the technical half of a message; clears the queue either way.
QString openSslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) {
        return tr("unknown OpenSSL error");
    }
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

struct PKeyCtxFree
{
    void operator()(EVP_PKEY_CTX *ctx) const { EVP_PKEY_CTX_free(ctx); }
};
struct BioFree
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct BnFree
{
    void operator()(BIGNUM *bn) const { BN_free(bn); }
};
struct MdCtxFree
{
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
struct EcdsaSigFree
{
    void operator()(ECDSA_SIG *sig) const { ECDSA_SIG_free(sig); }
};
using PKeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PKeyCtxFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

std::shared_ptr<EVP_PKEY> adopt(EVP_PKEY *key)
{
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

// Refuses to prompt on a terminal for a passphrase: an encrypted key is reported instead.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

QByteArray b64url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray bnParam(const EVP_PKEY *key, const char *name, int padTo = 0)
{
    BIGNUM *raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) {
        ERR_clear_error();
        return {};
    }
    BnPtr bn(raw);
    QByteArray out(padTo > 0 ? padTo : BN_num_bytes(bn.get()), Qt::Uninitialized);
    const int n = padTo > 0 ? BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char *>(out.data()), padTo)
                            : BN_bn2bin(bn.get(), reinterpret_cast<unsigned char *>(out.data()));
    return n < 0 ? QByteArray() : out;
}

QString curveName(const EVP_PKEY *key)
{
    char name[80] = {};
    size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &length) != 1) {
        ERR_clear_error();
        return tr("an unknown curve");
    }
    return QString::fromLatin1(name, static_cast<qsizetype>(length));
}

bool isP384(const QString &curve)
{
    return curve == QLatin1String("secp384r1") || curve == QLatin1String("P-384");
}

QByteArray writePem(const EVP_PKEY *key, bool privateHalf)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    const int ok = privateHalf ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
                               : PEM_write_bio_PUBKEY(bio.get(), key);
    if (ok != 1) {
        ERR_clear_error();
        return {};
    }
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, size);
}

} // namespace

SigningKey::SigningKey() = default;
SigningKey::~SigningKey() = default;
SigningKey::SigningKey(const SigningKey &other) = default;
SigningKey &SigningKey::operator=(const SigningKey &other) = default;

SigningKey SigningKey::generate(SigningAlgorithm algorithm, QString *error, int rsaBits)
{
    const bool rsa = algorithm == SigningAlgorithm::RS384;
    if (rsa && rsaBits < kMinimumRsaBits) {
        setError(error, tr("RSA keys for SMART Backend Services need at least %1 bits.").arg(kMinimumRsaBits));
        return {};
    }
    PKeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, rsa ? "RSA" : "EC", nullptr));
    EVP_PKEY *raw = nullptr;
    const bool ok = ctx && EVP_PKEY_keygen_init(ctx.get()) == 1 &&
                    (rsa ? EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), rsaBits) == 1
                         : EVP_PKEY_CTX_set_group_name(ctx.get(), "P-384") == 1) &&
                    EVP_PKEY_generate(ctx.get(), &raw) == 1;
    if (!ok) {
        setError(error, tr("Could not generate the key (%1).").arg(openSslError()));
        return {};
    }
    SigningKey key;
    key.m_key = adopt(raw);
    key.m_algorithm = algorithm;
    return key;
}

void SigningKey::generateAsync(SigningAlgorithm algorithm, QObject *context,
                               std::function<void(const SigningKey &, const QString &)> done, int rsaBits)
{
    // The worker writes the result before QThread::finished is emitted; the queued connection to `context`
    // then delivers it in the context's thread, and Qt drops the delivery if the context is gone by then.
    auto result = std::make_shared<std::pair<SigningKey, QString>>();
    QThread *thread = QThread::create(
        [algorithm, rsaBits, result] { result->first = generate(algorithm, &result->second, rsaBits); });
    QObject::connect(thread, &QThread::finished, context,
                     [result, done = std::move(done)] { done(result->first, result->second); });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

SigningKey SigningKey::fromPem(const QByteArray &pem, QString *error)
{
    const QByteArray text = pem.trimmed() + '\n';
    if (text.contains("ENCRYPTED")) {
        setError(error, tr("This private key is protected by a passphrase. Export it without one (for example "
                           "`openssl pkey -in key.pem -out plain.pem`); Ferry keeps it in the system keychain."));
        return {};
    }
    if (text.contains("-----BEGIN PUBLIC KEY-----") || text.contains("-----BEGIN RSA PUBLIC KEY-----") ||
        text.contains("-----BEGIN CERTIFICATE-----")) {
        setError(error, tr("This is a public key or certificate. Import the private key (the PEM text that begins "
                           "with -----BEGIN PRIVATE KEY-----); Ferry derives the public key from it."));
        return {};
    }
    BioPtr bio(BIO_new_mem_buf(text.constData(), static_cast<int>(text.size())));
    EVP_PKEY *raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr);
    if (!raw) {
        ERR_clear_error();
        setError(error, tr("This is not a PEM private key Ferry can read. Expected text that begins with "
                           "-----BEGIN PRIVATE KEY----- (PKCS#8), -----BEGIN RSA PRIVATE KEY----- or "
                           "-----BEGIN EC PRIVATE KEY-----."));
        return {};
    }
    SigningKey key;
    key.m_key = adopt(raw);
    switch (EVP_PKEY_get_base_id(raw)) {
    case EVP_PKEY_RSA:
        if (key.bits() < kMinimumRsaBits) {
            setError(error, tr("This RSA key has only %1 bits; SMART Backend Services needs at least %2 "
                               "(3072 recommended). Generate a new key.")
                                .arg(key.bits())
                                .arg(kMinimumRsaBits));
            return {};
        }
        key.m_algorithm = SigningAlgorithm::RS384;
        return key;
    case EVP_PKEY_EC: {
        const QString curve = curveName(raw);
        if (!isP384(curve)) {
            setError(error, tr("This EC key uses %1; ES384 needs the P-384 curve (secp384r1). Generate a new key or "
                               "use an RSA key for RS384.")
                                .arg(curve));
            return {};
        }
        key.m_algorithm = SigningAlgorithm::ES384;
        return key;
    }
    default:
        setError(error, tr("This is a %1 key; SMART Backend Services needs an RSA key (RS384) or an EC P-384 key "
                           "(ES384).")
                            .arg(QString::fromLatin1(EVP_PKEY_get0_type_name(raw))));
        return {};
    }
}

int SigningKey::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key.get()) : 0;
}

QByteArray SigningKey::privateKeyPem() const
{
    return m_key ? writePem(m_key.get(), true) : QByteArray();
}

QByteArray SigningKey::publicKeyPem() const
{
    return m_key ? writePem(m_key.get(), false) : QByteArray();
}

QJsonObject SigningKey::publicJwk(const QString &kid) const
{
    if (!m_key) {
        return {};
    }
    QJsonObject jwk;
    if (m_algorithm == SigningAlgorithm::RS384) {
        jwk.insert(QLatin1String("kty"), QLatin1String("RSA"));
        jwk.insert(QLatin1String("n"), QString::fromLatin1(b64url(bnParam(m_key.get(), OSSL_PKEY_PARAM_RSA_N))));
        jwk.insert(QLatin1String("e"), QString::fromLatin1(b64url(bnParam(m_key.get(), OSSL_PKEY_PARAM_RSA_E))));
    } else {
        jwk.insert(QLatin1String("kty"), QLatin1String("EC"));
        jwk.insert(QLatin1String("crv"), QLatin1String("P-384"));
        // Fixed-width coordinates (RFC 7518 §6.2.1.2): a leading zero byte must stay.
        jwk.insert(QLatin1String("x"),
                   QString::fromLatin1(b64url(bnParam(m_key.get(), OSSL_PKEY_PARAM_EC_PUB_X, kP384Bytes))));
        jwk.insert(QLatin1String("y"),
                   QString::fromLatin1(b64url(bnParam(m_key.get(), OSSL_PKEY_PARAM_EC_PUB_Y, kP384Bytes))));
    }
    jwk.insert(QLatin1String("kid"), kid.isEmpty() ? thumbprint(jwk) : kid);
    jwk.insert(QLatin1String("alg"), algorithmName());
    jwk.insert(QLatin1String("use"), QLatin1String("sig"));
    jwk.insert(QLatin1String("key_ops"), QJsonArray{QLatin1String("verify")});
    return jwk;
}

QByteArray SigningKey::publicJwks(const QString &kid) const
{
    QJsonObject set;
    set.insert(QLatin1String("keys"), QJsonArray{publicJwk(kid)});
    return QJsonDocument(set).toJson(QJsonDocument::Indented);
}

QString SigningKey::thumbprint() const
{
    return thumbprint(publicJwk(QStringLiteral("-")));
}

QString SigningKey::thumbprint(const QJsonObject &jwk)
{
    // Required members in lexicographic order, no whitespace (RFC 7638 §3.2). All values are base64url or
    // short ASCII names, so no JSON escaping can arise.
    auto member = [&jwk](const char *name) { return jwk.value(QLatin1String(name)).toString(); };
    QString canonical;
    if (member("kty") == QLatin1String("RSA") && !member("n").isEmpty() && !member("e").isEmpty()) {
        canonical = QStringLiteral("{\"e\":\"%1\",\"kty\":\"RSA\",\"n\":\"%2\"}").arg(member("e"), member("n"));
    } else if (member("kty") == QLatin1String("EC") && !member("crv").isEmpty() && !member("x").isEmpty() &&
               !member("y").isEmpty()) {
        canonical = QStringLiteral("{\"crv\":\"%1\",\"kty\":\"EC\",\"x\":\"%2\",\"y\":\"%3\"}")
                        .arg(member("crv"), member("x"), member("y"));
    } else {
        return {};
    }
    const QByteArray digest = QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256);
    return QString::fromLatin1(b64url(digest));
}

QByteArray SigningKey::sign(QByteArrayView signingInput, QString *error) const
{
    if (!m_key) {
        setError(error, tr("No signing key."));
        return {};
    }
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
    size_t length = 0;
    const auto *input = reinterpret_cast<const unsigned char *>(signingInput.data());
    const auto inputLength = static_cast<size_t>(signingInput.size());
    // RSA keys default to PKCS#1 v1.5 padding, which is what RS384 means.
    if (!md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha384(), nullptr, m_key.get()) != 1 ||
        EVP_DigestSign(md.get(), nullptr, &length, input, inputLength) != 1) {
        setError(error, tr("Could not sign (%1).").arg(openSslError()));
        return {};
    }
    QByteArray signature(static_cast<qsizetype>(length), Qt::Uninitialized);
    if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, input, inputLength) !=
        1) {
        setError(error, tr("Could not sign (%1).").arg(openSslError()));
        return {};
    }
    signature.resize(static_cast<qsizetype>(length));
    if (m_algorithm == SigningAlgorithm::RS384) {
        return signature;
    }

    // OpenSSL produces a DER ECDSA-Sig-Value; JWS wants R and S as two fixed-width big-endian halves.
    const auto *der = reinterpret_cast<const unsigned char *>(signature.constData());
    std::unique_ptr<ECDSA_SIG, EcdsaSigFree> sig(d2i_ECDSA_SIG(nullptr, &der, static_cast<long>(signature.size())));
    if (!sig) {
        setError(error, tr("Could not sign (%1).").arg(openSslError()));
        return {};
    }
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    QByteArray raw(2 * kP384Bytes, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    if (BN_bn2binpad(r, out, kP384Bytes) != kP384Bytes || BN_bn2binpad(s, out + kP384Bytes, kP384Bytes) != kP384Bytes) {
        setError(error, tr("Could not sign (%1).").arg(openSslError()));
        return {};
    }
    return raw;
}

QString SigningKey::algorithmName(SigningAlgorithm algorithm)
{
    return algorithm == SigningAlgorithm::RS384 ? QStringLiteral("RS384") : QStringLiteral("ES384");
}

std::optional<SigningAlgorithm> SigningKey::algorithmFromName(const QString &name)
{
    if (name.compare(QLatin1String("RS384"), Qt::CaseInsensitive) == 0) {
        return SigningAlgorithm::RS384;
    }
    if (name.compare(QLatin1String("ES384"), Qt::CaseInsensitive) == 0) {
        return SigningAlgorithm::ES384;
    }
    return std::nullopt;
}
