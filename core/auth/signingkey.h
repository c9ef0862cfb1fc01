#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QObject;
struct evp_pkey_st;

// The two JWS algorithms SMART Backend Services clients SHALL support.
enum class SigningAlgorithm { RS384, ES384 };

// An asymmetric key pair that signs SMART client assertions: RSA ≥ 2048 bits (RS384) or EC P-384 (ES384),
// held by OpenSSL 3. A cheap, shared, immutable value; a default-constructed key is null.
//
// The private half only ever leaves as privateKeyPem(), and that text belongs in the secret store (never in a
// file Ferry writes, never in a log). The public half is published as a JWK Set for the EHR to register.
class SigningKey
{
public:
    static constexpr int kDefaultRsaBits = 3072;
    static constexpr int kMinimumRsaBits = 2048;

    SigningKey();
    ~SigningKey();
    SigningKey(const SigningKey &other);
    SigningKey &operator=(const SigningKey &other);

    // Creates a new key pair. Blocks for up to a few seconds for RSA: from a GUI use generateAsync().
    static SigningKey generate(SigningAlgorithm algorithm, QString *error = nullptr, int rsaBits = kDefaultRsaBits);
    // Generates on a worker thread; `done` runs later in `context`'s thread, unless `context` is destroyed first.
    static void generateAsync(SigningAlgorithm algorithm, QObject *context,
                              std::function<void(const SigningKey &key, const QString &error)> done,
                              int rsaBits = kDefaultRsaBits);
    // Reads an unencrypted private key (PKCS#8 "PRIVATE KEY", or the traditional "RSA/EC PRIVATE KEY" forms).
    // Refuses, with a sentence a person can act on, anything that could not sign a SMART assertion: RSA below
    // 2048 bits, EC curves other than P-384, other key types, public keys, passphrase-protected keys.
    static SigningKey fromPem(const QByteArray &pem, QString *error = nullptr);

    bool isNull() const { return !m_key; }
    SigningAlgorithm algorithm() const { return m_algorithm; }
    QString algorithmName() const { return algorithmName(m_algorithm); }
    int bits() const;

    // PKCS#8 PEM of the private key, for the secret store only.
    QByteArray privateKeyPem() const;
    QByteArray publicKeyPem() const;

    // The public key as a JWK: kty, kid, alg, use "sig", key_ops ["verify"], and n/e or crv/x/y.
    // An empty `kid` means the RFC 7638 thumbprint.
    QJsonObject publicJwk(const QString &kid = {}) const;
    // {"keys":[publicJwk(kid)]}, indented: what the user hosts at their JWKS URL or uploads to the EHR.
    QByteArray publicJwks(const QString &kid = {}) const;
    // RFC 7638 SHA-256 thumbprint of the public key, base64url without padding: Ferry's default kid.
    QString thumbprint() const;

    // The JWS signature of `signingInput` (the ASCII "header.payload"): RSASSA-PKCS1-v1_5 with SHA-384 for RS384,
    // ECDSA P-384 with SHA-384 as the 96-byte R‖S concatenation (RFC 7518 §3.4) for ES384. Empty on failure.
    QByteArray sign(QByteArrayView signingInput, QString *error = nullptr) const;

    static QString algorithmName(SigningAlgorithm algorithm);
    static std::optional<SigningAlgorithm> algorithmFromName(const QString &name);
    // RFC 7638 thumbprint of an RSA or EC public JWK (only the required members count); empty if not one.
    static QString thumbprint(const QJsonObject &jwk);

private:
    std::shared_ptr<evp_pkey_st> m_key;
    SigningAlgorithm m_algorithm = SigningAlgorithm::RS384;
};
