// AuthorizerFactory: the right Authorizer for each auth method, secrets read asynchronously from the store (or from
// CLI overrides), and the refusals a person reads when a profile cannot work. SMART and client-secret authorizers
// it makes are driven through a real token request on loopback.
#include "auth/authorizerfactory.h"
#include "auth/clientsecretauthorizer.h"
#include "auth/headerauthorizer.h"
#include "auth/noauthorizer.h"
#include "auth/signingkey.h"
#include "auth/smartauthorizer.h"
#include "auth/statictokenauthorizer.h"
#include "store/memorysecretstore.h"
#include "store/serverprofile.h"
#include "util/clock.h"
#include "vendor/vendorprofile.h"

#include "fakehttpserver.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTest>

#include <memory>

class TestAuthorizerFactory : public QObject
{
    Q_OBJECT

private:
    struct Made
    {
        std::unique_ptr<Authorizer> authorizer;
        std::optional<AuthFailure> failure;
    };

    ServerProfile profile(AuthMethod method)
    {
        ServerProfile p;
        p.id = QStringLiteral("srv");
        p.displayName = QStringLiteral("Test server");
        p.fhirBase = m_server->url("/fhir");
        p.authMethod = method;
        p.clientId = QStringLiteral("ferry-client");
        p.tokenUrl = m_server->url("/token");
        return p;
    }
    Made create(const ServerProfile &p, const VendorProfile &vendor = VendorProfile::generic())
    {
        Made made;
        bool called = false;
        m_factory->create(p, vendor, this, [&](std::unique_ptr<Authorizer> a, const std::optional<AuthFailure> &f) {
            called = true;
            made.authorizer = std::move(a);
            made.failure = f;
        });
        if (called) {
            qWarning("create() called back synchronously");
            made.failure = AuthFailure{QStringLiteral("synchronous"), {}, 0, false};
            return made;
        }
        if (!QTest::qWaitFor([&] { return called; }, 10'000)) {
            qWarning("timed out waiting for a callback");
        }
        return made;
    }
    void storeSecret(const QString &name, const QString &value)
    {
        bool done = false;
        m_secrets->write(SecretStore::key(QStringLiteral("srv"), name), value, this,
                         [&](const SecretResult &) { done = true; });
        if (!QTest::qWaitFor([&] { return done; }, 5000)) {
            qWarning("timed out waiting for a callback");
        }
    }
    std::optional<AuthFailure> authorize(Authorizer &authorizer)
    {
        bool called = false;
        std::optional<AuthFailure> failure;
        authorizer.authorize(this, [&](const std::optional<AuthFailure> &f) {
            called = true;
            failure = f;
        });
        if (!QTest::qWaitFor([&] { return called; }, 10'000)) {
            qWarning("timed out waiting for a callback");
        }
        return failure;
    }
    static QByteArray header(const Authorizer &authorizer, const QByteArray &name)
    {
        QNetworkRequest request(QUrl(QStringLiteral("https://fhir.example/Patient")));
        authorizer.apply(request);
        return request.rawHeader(name);
    }

    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<AuthorizerFactory> m_factory;
    Clock m_clock;

private slots:
    void init()
    {
        m_server = std::make_unique<FakeHttpServer>();
        m_server->setHandler([](const FakeHttpServer::Request &) {
            return FakeHttpServer::Reply{
                200, "{\"access_token\":\"factory-token\",\"expires_in\":300}", "application/json", {}};
        });
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_secrets = std::make_unique<MemorySecretStore>();
        m_factory = std::make_unique<AuthorizerFactory>(m_nam.get(), m_secrets.get(), &m_clock);
    }

    void none()
    {
        const Made made = create(profile(AuthMethod::None));
        QVERIFY(!made.failure);
        QVERIFY(qobject_cast<NoAuthorizer *>(made.authorizer.get()));
        QVERIFY(header(*made.authorizer, "Authorization").isEmpty());
    }

    void staticTokenShowsJwtExpiry()
    {
        const QByteArray payload =
            QByteArray("{\"exp\":4102444800}").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        const QString jwt =
            QStringLiteral("eyJhbGciOiJSUzI1NiJ9.") + QString::fromLatin1(payload) + QStringLiteral(".c2lnbmF0dXJl");
        storeSecret(QStringLiteral("token"), QStringLiteral("Bearer ") + jwt);
        const Made made = create(profile(AuthMethod::StaticToken));
        QVERIFY(!made.failure);
        auto *token = qobject_cast<StaticTokenAuthorizer *>(made.authorizer.get());
        QVERIFY(token);
        QCOMPARE(token->expiresAt(), QDateTime(QDate(2100, 1, 1), QTime(0, 0), Qt::UTC));
        QVERIFY2(token->describe().contains(QLatin1String("expires 2100-01-01")), qPrintable(token->describe()));
        QCOMPARE(header(*token, "Authorization"), "Bearer " + jwt.toLatin1()); // pasted "Bearer " dropped
    }

    void smartUsesStoredKeyAndVendorScope()
    {
        const SigningKey key = SigningKey::generate(SigningAlgorithm::ES384);
        storeSecret(QStringLiteral("private-key"), QString::fromLatin1(key.privateKeyPem()));
        VendorProfile vendor;
        vendor.defaultScope = QStringLiteral("system/*.rs");
        const Made made = create(profile(AuthMethod::SmartBackend), vendor);
        QVERIFY2(!made.failure, made.failure ? qPrintable(made.failure->message) : "");
        auto *smart = qobject_cast<SmartAuthorizer *>(made.authorizer.get());
        QVERIFY(smart);
        QCOMPARE(smart->kid(), key.thumbprint());
        QCOMPARE(smart->settings().scope, QStringLiteral("system/*.rs"));

        QVERIFY(!authorize(*smart));
        QCOMPARE(header(*smart, "Authorization"), QByteArray("Bearer factory-token"));
        QCOMPARE(m_server->requests().first().form().value(QStringLiteral("scope")), QStringLiteral("system/*.rs"));
    }

    void clientSecretFromOverride()
    {
        // Unattended: nothing in the store, the CLI read the secret from a file or the environment.
        m_factory->setSecretOverride(QStringLiteral("client-secret"), QStringLiteral("override-secret-value"));
        ServerProfile p = profile(AuthMethod::ClientSecret);
        p.secretInBody = true;
        p.scope = QStringLiteral("system/Patient.read");
        const Made made = create(p);
        QVERIFY(!made.failure);
        QVERIFY(qobject_cast<ClientSecretAuthorizer *>(made.authorizer.get()));
        QVERIFY(!authorize(*made.authorizer));
        const QHash<QString, QString> form = m_server->requests().first().form();
        QCOMPARE(form.value(QStringLiteral("client_secret")), QStringLiteral("override-secret-value"));
        QCOMPARE(form.value(QStringLiteral("scope")), QStringLiteral("system/Patient.read"));
    }

    void headersMixStoredAndPlainValues()
    {
        storeSecret(QStringLiteral("header/client_secret"), QStringLiteral("oneup-secret-value"));
        ServerProfile p = profile(AuthMethod::Headers);
        p.headers = {{QStringLiteral("client_id"), QStringLiteral("oneup-client"), false},
                     {QStringLiteral("client_secret"), QString(), true},
                     {QStringLiteral("x-oneup-user-id"), QStringLiteral("client"), false}};
        const Made made = create(p);
        QVERIFY(!made.failure);
        QVERIFY(qobject_cast<HeaderAuthorizer *>(made.authorizer.get()));
        QVERIFY(!authorize(*made.authorizer));
        QCOMPARE(header(*made.authorizer, "client_id"), QByteArray("oneup-client"));
        QCOMPARE(header(*made.authorizer, "client_secret"), QByteArray("oneup-secret-value"));
        QCOMPARE(header(*made.authorizer, "x-oneup-user-id"), QByteArray("client"));
        QVERIFY(!made.authorizer->canRenew());
    }

    void refusals_data()
    {
        QTest::addColumn<int>("scenario");
        QTest::addColumn<QString>("words");
        QTest::newRow("no key stored") << 0 << QStringLiteral("No private key is stored for Test server");
        QTest::newRow("session-only store said so") << 0 << QStringLiteral("No system keychain is available");
        QTest::newRow("vendor takes RS384 only") << 1 << QStringLiteral("accepts only RS384 keys");
        QTest::newRow("algorithm differs from key") << 2 << QStringLiteral("the stored key is an ES384 key");
        QTest::newRow("key unusable") << 3 << QStringLiteral("cannot be used");
        QTest::newRow("incomplete profile") << 4 << QStringLiteral("client ID");
        QTest::newRow("missing header value") << 5 << QStringLiteral("header client_secret");
    }
    void refusals()
    {
        QFETCH(int, scenario);
        QFETCH(QString, words);
        ServerProfile p = profile(AuthMethod::SmartBackend);
        VendorProfile vendor;
        if (scenario >= 1 && scenario <= 2) {
            storeSecret(QStringLiteral("private-key"),
                        QString::fromLatin1(SigningKey::generate(SigningAlgorithm::ES384).privateKeyPem()));
        }
        switch (scenario) {
        case 1:
            vendor.displayName = QStringLiteral("eClinicalWorks");
            vendor.signingAlgorithms = {QStringLiteral("RS384")};
            break;
        case 2:
            p.algorithm = QStringLiteral("RS384");
            break;
        case 3:
            storeSecret(QStringLiteral("private-key"), QStringLiteral("not a key"));
            break;
        case 4:
            p.clientId.clear();
            break;
        case 5:
            p.authMethod = AuthMethod::Headers;
            p.headers = {{QStringLiteral("client_secret"), QString(), true}};
            break;
        default:
            break;
        }
        const Made made = create(p, vendor);
        QVERIFY(!made.authorizer);
        QVERIFY(made.failure);
        QVERIFY2(made.failure->message.contains(words), qPrintable(made.failure->message));
    }
};

QTEST_GUILESS_MAIN(TestAuthorizerFactory)
#include "tst_authorizerfactory.moc"
