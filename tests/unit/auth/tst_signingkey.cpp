// SigningKey and Jws: key generation, PEM import rules, JWKS export, RFC 7638 thumbprints, and JWS signatures
// checked by an independent OpenSSL verifier that knows the key only from the exported JWKS.
#include "auth/jws.h"
#include "auth/signingkey.h"

#include "opensslverify.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using OpenSslVerify::KeyKind;
using OpenSslVerify::PemForm;

Q_DECLARE_METATYPE(SigningAlgorithm)
Q_DECLARE_METATYPE(OpenSslVerify::KeyKind)
Q_DECLARE_METATYPE(OpenSslVerify::PemForm)

class TestSigningKey : public QObject
{
    Q_OBJECT

private:
    // One key per algorithm for the whole run: RSA-3072 generation costs a second.
    SigningKey key(SigningAlgorithm algorithm)
    {
        SigningKey &slot = algorithm == SigningAlgorithm::RS384 ? m_rsa : m_ec;
        if (slot.isNull()) {
            QString error;
            slot = SigningKey::generate(algorithm, &error);
            if (slot.isNull()) {
                qFatal("key generation failed: %s", qPrintable(error));
            }
        }
        return slot;
    }
    static QJsonObject jwkFromJwks(const QByteArray &jwks)
    {
        const QJsonArray keys = QJsonDocument::fromJson(jwks).object().value(QLatin1String("keys")).toArray();
        return keys.size() == 1 ? keys.first().toObject() : QJsonObject();
    }

    SigningKey m_rsa;
    SigningKey m_ec;

private slots:
    void algorithms_data()
    {
        QTest::addColumn<SigningAlgorithm>("algorithm");
        QTest::newRow("RS384") << SigningAlgorithm::RS384;
        QTest::newRow("ES384") << SigningAlgorithm::ES384;
    }

    void generate_data() { algorithms_data(); }
    void generate()
    {
        QFETCH(SigningAlgorithm, algorithm);
        const SigningKey k = key(algorithm);
        QCOMPARE(k.algorithm(), algorithm);
        QCOMPARE(k.bits(), algorithm == SigningAlgorithm::RS384 ? SigningKey::kDefaultRsaBits : 384);
        QVERIFY(k.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"));
        QVERIFY(k.publicKeyPem().startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    void generateRefusesSmallRsa()
    {
        QString error;
        QVERIFY(SigningKey::generate(SigningAlgorithm::RS384, &error, 1024).isNull());
        QVERIFY2(error.contains(QLatin1String("2048")), qPrintable(error));
    }

    void generateAsync()
    {
        SigningKey result;
        QString error = QStringLiteral("not called");
        QObject context;
        SigningKey::generateAsync(SigningAlgorithm::ES384, &context, [&](const SigningKey &k, const QString &e) {
            result = k;
            error = e;
        });
        QTRY_VERIFY(!result.isNull());
        QVERIFY(error.isEmpty());
        QCOMPARE(result.algorithm(), SigningAlgorithm::ES384);
    }

    void jwksMembers_data() { algorithms_data(); }
    void jwksMembers()
    {
        QFETCH(SigningAlgorithm, algorithm);
        const SigningKey k = key(algorithm);
        const QJsonObject jwk = jwkFromJwks(k.publicJwks());
        QCOMPARE(jwk.value(QLatin1String("alg")).toString(), k.algorithmName());
        QCOMPARE(jwk.value(QLatin1String("use")).toString(), QStringLiteral("sig"));
        QCOMPARE(jwk.value(QLatin1String("key_ops")).toArray(), QJsonArray{QStringLiteral("verify")});
        QCOMPARE(jwk.value(QLatin1String("kid")).toString(), k.thumbprint());
        QCOMPARE(k.thumbprint().size(), 43); // base64url of 32 bytes, no padding
        if (algorithm == SigningAlgorithm::RS384) {
            QCOMPARE(jwk.value(QLatin1String("kty")).toString(), QStringLiteral("RSA"));
            QCOMPARE(jwk.value(QLatin1String("e")).toString(), QStringLiteral("AQAB"));
            QCOMPARE(QByteArray::fromBase64(jwk.value(QLatin1String("n")).toString().toLatin1(),
                                            QByteArray::Base64UrlEncoding)
                         .size(),
                     SigningKey::kDefaultRsaBits / 8);
        } else {
            QCOMPARE(jwk.value(QLatin1String("kty")).toString(), QStringLiteral("EC"));
            QCOMPARE(jwk.value(QLatin1String("crv")).toString(), QStringLiteral("P-384"));
            QCOMPARE(jwk.value(QLatin1String("x")).toString().size(), 64); // 48 bytes, fixed width
            QCOMPARE(jwk.value(QLatin1String("y")).toString().size(), 64);
        }
        // Nothing private leaves in the public set.
        for (const char *member : {"d", "p", "q", "dp", "dq", "qi"}) {
            QVERIFY2(!jwk.contains(QLatin1String(member)), member);
        }
        QCOMPARE(k.publicJwk(QStringLiteral("my-kid")).value(QLatin1String("kid")).toString(),
                 QStringLiteral("my-kid"));
    }

    void thumbprintRfc7638()
    {
        // RFC 7638 §3.1: the example key and its SHA-256 thumbprint. Optional members do not change it.
        const QJsonObject jwk{
            {QLatin1String("kty"), QLatin1String("RSA")},
            {QLatin1String("n"),
             QLatin1String(
                 "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPe"
                 "bWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY3"
                 "68QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0f"
                 "M4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw")},
            {QLatin1String("e"), QLatin1String("AQAB")},
            {QLatin1String("alg"), QLatin1String("RS256")},
            {QLatin1String("kid"), QLatin1String("2011-04-29")}};
        QCOMPARE(SigningKey::thumbprint(jwk), QStringLiteral("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"));
        QVERIFY(SigningKey::thumbprint(QJsonObject{{QLatin1String("kty"), QLatin1String("oct")}}).isEmpty());
    }

    void jwsVerifiesWithExportedJwks_data() { algorithms_data(); }
    void jwsVerifiesWithExportedJwks()
    {
        QFETCH(SigningAlgorithm, algorithm);
        const SigningKey k = key(algorithm);
        const QJsonObject jwk = jwkFromJwks(k.publicJwks());
        const QJsonObject claims{{QLatin1String("iss"), QLatin1String("ferry-test")},
                                 {QLatin1String("jti"), QLatin1String("1")}};
        QString error;
        const QByteArray jws = Jws::sign(
            {{QLatin1String("kid"), k.thumbprint()}, {QLatin1String("typ"), QLatin1String("JWT")}}, claims, k, &error);
        QVERIFY2(!jws.isEmpty(), qPrintable(error));
        QVERIFY(!jws.contains('=')); // base64url without padding

        const QList<QByteArray> parts = jws.split('.');
        QCOMPARE(parts.size(), 3);
        QCOMPARE(Jws::header(jws).value(QLatin1String("alg")).toString(), k.algorithmName());
        QCOMPARE(Jws::claims(jws), claims);
        const QByteArray input = parts.at(0) + '.' + parts.at(1);
        const QByteArray signature = QByteArray::fromBase64(parts.at(2), QByteArray::Base64UrlEncoding);
        if (algorithm == SigningAlgorithm::ES384) {
            QCOMPARE(signature.size(), 96);
        } else {
            QCOMPARE(signature.size(), SigningKey::kDefaultRsaBits / 8);
        }
        QVERIFY(OpenSslVerify::verify(jwk, input, signature));
        // The verifier can say no: a changed payload or the other key fails.
        QVERIFY(!OpenSslVerify::verify(jwk, input + 'x', signature));
        const SigningKey other =
            key(algorithm == SigningAlgorithm::RS384 ? SigningAlgorithm::ES384 : SigningAlgorithm::RS384);
        QVERIFY(!OpenSslVerify::verify(jwkFromJwks(other.publicJwks()), input, signature));
    }

    void es384SignatureIsAlwaysFixedWidth()
    {
        // About one signature in 128 has an R or S below 2^376 (a leading zero byte): DER drops it, JWS keeps it.
        // Sign until a few such signatures were seen, so the padding is exercised every run.
        const SigningKey k = key(SigningAlgorithm::ES384);
        const QJsonObject jwk = k.publicJwk();
        int padded = 0;
        for (int i = 0; i < 20'000 && padded < 3; ++i) {
            const QByteArray input = "message " + QByteArray::number(i);
            const QByteArray signature = k.sign(input);
            QCOMPARE(signature.size(), 96);
            QVERIFY2(OpenSslVerify::verify(jwk, input, signature), qPrintable(QString::number(i)));
            if (signature.at(0) == 0 || signature.at(48) == 0) {
                ++padded;
            }
        }
        QCOMPARE(padded, 3);
    }

    void pemImport_data()
    {
        QTest::addColumn<QByteArray>("pem");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("expected"); // algorithm name, or a word the refusal must contain

        auto pem = OpenSslVerify::makePem;
        QTest::newRow("RSA 2048 PKCS#8") << pem(KeyKind::Rsa2048, PemForm::Pkcs8) << true << QStringLiteral("RS384");
        QTest::newRow("RSA 3072 traditional")
            << pem(KeyKind::Rsa3072, PemForm::Traditional) << true << QStringLiteral("RS384");
        QTest::newRow("P-384 PKCS#8") << pem(KeyKind::P384, PemForm::Pkcs8) << true << QStringLiteral("ES384");
        QTest::newRow("P-384 traditional")
            << pem(KeyKind::P384, PemForm::Traditional) << true << QStringLiteral("ES384");
        QTest::newRow("RSA 1024") << pem(KeyKind::Rsa1024, PemForm::Pkcs8) << false << QStringLiteral("2048");
        QTest::newRow("P-256") << pem(KeyKind::P256, PemForm::Pkcs8) << false << QStringLiteral("P-384");
        QTest::newRow("Ed25519") << pem(KeyKind::Ed25519, PemForm::Pkcs8) << false << QStringLiteral("ED25519");
        QTest::newRow("encrypted") << pem(KeyKind::P384, PemForm::Encrypted) << false << QStringLiteral("passphrase");
        QTest::newRow("public key") << pem(KeyKind::Rsa2048, PemForm::PublicOnly) << false
                                    << QStringLiteral("public key");
        QTest::newRow("garbage") << QByteArray("hello, world") << false << QStringLiteral("PEM");
        QTest::newRow("empty") << QByteArray() << false << QStringLiteral("PEM");
    }
    void pemImport()
    {
        QFETCH(QByteArray, pem);
        QFETCH(bool, accepted);
        QFETCH(QString, expected);
        QString error;
        const SigningKey k = SigningKey::fromPem(pem, &error);
        QCOMPARE(!k.isNull(), accepted);
        if (accepted) {
            QCOMPARE(k.algorithmName(), expected);
            QVERIFY(error.isEmpty());
            // What goes to the keychain reads back as the same key.
            const SigningKey again = SigningKey::fromPem(k.privateKeyPem());
            QCOMPARE(again.thumbprint(), k.thumbprint());
            QVERIFY(OpenSslVerify::verify(k.publicJwk(), "x", k.sign("x")));
        } else {
            QVERIFY2(error.contains(expected, Qt::CaseInsensitive), qPrintable(error));
        }
    }

    void algorithmNames()
    {
        QCOMPARE(SigningKey::algorithmFromName(QStringLiteral("rs384")), SigningAlgorithm::RS384);
        QCOMPARE(SigningKey::algorithmFromName(QStringLiteral("ES384")), SigningAlgorithm::ES384);
        QVERIFY(!SigningKey::algorithmFromName(QStringLiteral("RS256")));
    }
};

QTEST_GUILESS_MAIN(TestSigningKey)
#include "tst_signingkey.moc"
