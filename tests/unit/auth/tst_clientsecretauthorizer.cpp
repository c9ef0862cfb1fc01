// ClientSecretAuthorizer against a real loopback token endpoint: HTTP Basic and form post, RFC 6749 §2.3.1
// encoding of awkward characters, and that it shares the token caching and error handling of OAuthAuthorizer.
#include "auth/clientsecretauthorizer.h"
#include "util/clock.h"
#include "util/redactor.h"

#include "fakehttpserver.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTest>

#include <memory>
#include <optional>

Q_DECLARE_METATYPE(ClientSecretStyle)

class TestClientSecretAuthorizer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClientSecretAuthorizer> make(const QString &clientId, const QString &secret,
                                                 ClientSecretStyle style)
    {
        OAuthSettings settings;
        settings.fhirBase = m_server->url("/fhir");
        settings.tokenUrl = m_server->url("/token");
        settings.clientId = clientId;
        settings.scope = QStringLiteral("system/Patient.read system/Observation.read");
        return std::make_unique<ClientSecretAuthorizer>(m_nam.get(), &m_clock, settings, secret, style);
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
            AuthFailure timeout;
            timeout.message = QStringLiteral("no callback");
            return timeout;
        }
        return failure;
    }

    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    Clock m_clock;

private slots:
    void init()
    {
        m_server = std::make_unique<FakeHttpServer>();
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_server->setHandler([](const FakeHttpServer::Request &) {
            return FakeHttpServer::Reply{
                200, "{\"access_token\":\"secret-tok\",\"expires_in\":\"570\"}", "application/json", {}};
        });
    }

    void clientAuthentication_data()
    {
        QTest::addColumn<ClientSecretStyle>("style");
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QByteArray>("basic"); // expected Authorization, empty for form
        QTest::newRow("basic") << ClientSecretStyle::Basic << QStringLiteral("ferry") << QStringLiteral("s3cr3t-value")
                               << QByteArray("Basic ") + QByteArray("ferry:s3cr3t-value").toBase64();
        // '+', '/', ':' and space are form-urlencoded before base64, so the server can split id and secret.
        QTest::newRow("basic, awkward characters")
            << ClientSecretStyle::Basic << QStringLiteral("my:client") << QStringLiteral("a+b/c d=e")
            << QByteArray("Basic ") + QByteArray("my%3Aclient:a%2Bb%2Fc%20d%3De").toBase64();
        QTest::newRow("form") << ClientSecretStyle::Form << QStringLiteral("ferry") << QStringLiteral("a+b/c d=e&f")
                              << QByteArray();
    }
    void clientAuthentication()
    {
        QFETCH(ClientSecretStyle, style);
        QFETCH(QString, clientId);
        QFETCH(QString, secret);
        QFETCH(QByteArray, basic);
        auto authorizer = make(clientId, secret, style);
        const std::optional<AuthFailure> failure = authorize(*authorizer);
        QVERIFY2(!failure, failure ? qPrintable(failure->message) : "");

        QCOMPARE(m_server->requests().size(), 1);
        const FakeHttpServer::Request &request = m_server->requests().first();
        const QHash<QString, QString> form = request.form();
        QCOMPARE(form.value(QStringLiteral("grant_type")), QStringLiteral("client_credentials"));
        QCOMPARE(form.value(QStringLiteral("scope")), QStringLiteral("system/Patient.read system/Observation.read"));
        QCOMPARE(request.header("Authorization"), basic);
        if (style == ClientSecretStyle::Form) {
            QCOMPARE(form.value(QStringLiteral("client_id")), clientId);
            QCOMPARE(form.value(QStringLiteral("client_secret")), secret);
        } else {
            QVERIFY(!form.contains(QStringLiteral("client_secret")));
            QVERIFY(!request.body.contains(secret.toUtf8()));
        }
        QVERIFY(!form.contains(QStringLiteral("client_assertion")));

        QNetworkRequest fhir(QUrl(QStringLiteral("https://fhir.example/Patient")));
        authorizer->apply(fhir);
        QCOMPARE(fhir.rawHeader("Authorization"), QByteArray("Bearer secret-tok"));
        // Same caching as SMART: a second caller within the lifetime costs nothing.
        QVERIFY(!authorize(*authorizer));
        QCOMPARE(m_server->requests().size(), 1);
    }

    void secretIsRedacted()
    {
        auto authorizer = make(QStringLiteral("ferry"), QStringLiteral("very-secret-value"), ClientSecretStyle::Basic);
        QCOMPARE(Redactor::instance().text(QStringLiteral("x very-secret-value y")), QStringLiteral("x [redacted] y"));
    }

    void refusalExplainsWhatToCheck()
    {
        m_server->setHandler([](const FakeHttpServer::Request &) {
            return FakeHttpServer::Reply{401,
                                         "{\"error\":\"invalid_client\",\"error_description\":\"Bad credentials\"}",
                                         "application/json",
                                         {}};
        });
        auto authorizer = make(QStringLiteral("ferry"), QStringLiteral("wrong-secret"), ClientSecretStyle::Basic);
        const std::optional<AuthFailure> failure = authorize(*authorizer);
        QVERIFY(failure);
        QCOMPARE(failure->oauthError, QStringLiteral("invalid_client"));
        QCOMPARE(failure->httpStatus, 401);
        QVERIFY2(failure->message.contains(QLatin1String("Bad credentials")), qPrintable(failure->message));
        QVERIFY2(failure->message.contains(QLatin1String("form post")), qPrintable(failure->message));
        QVERIFY(!failure->message.contains(QLatin1String("wrong-secret")));
    }

    void describe()
    {
        QVERIFY(make(QStringLiteral("c1"), QStringLiteral("s"), ClientSecretStyle::Basic)
                    ->describe()
                    .contains(QLatin1String("Basic")));
        QVERIFY(make(QStringLiteral("c1"), QStringLiteral("s"), ClientSecretStyle::Form)
                    ->describe()
                    .contains(QLatin1String("form")));
    }
};

QTEST_GUILESS_MAIN(TestClientSecretAuthorizer)
#include "tst_clientsecretauthorizer.moc"
