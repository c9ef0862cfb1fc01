// SmartAuthorizer and the OAuthAuthorizer plumbing it shares with client secrets, against a real loopback token
// endpoint: the assertion's header, claims and signature; caching; renewal ahead of a 3-second expiry on an
// injected clock; one renewal for concurrent callers; the bare-400 retry; OAuth error text; discovery.
#include "auth/jws.h"
#include "auth/signingkey.h"
#include "auth/smartauthorizer.h"
#include "util/clock.h"

#include "fakehttpserver.h"
#include "opensslverify.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTest>

#include <memory>
#include <optional>

Q_DECLARE_METATYPE(SigningAlgorithm)

namespace {
const QString kClientId = QStringLiteral("ferry-test-client");
}

class TestSmartAuthorizer : public QObject
{
    Q_OBJECT

private:
    struct Outcome
    {
        bool called = false;
        std::optional<AuthFailure> failure;
    };

    std::unique_ptr<SmartAuthorizer> make(const QUrl &tokenUrl, SigningAlgorithm algorithm = SigningAlgorithm::ES384,
                                          const QUrl &jku = {})
    {
        OAuthSettings settings;
        settings.fhirBase = m_server ? m_server->url("/fhir") : QUrl(QStringLiteral("https://fhir.example/r4"));
        settings.tokenUrl = tokenUrl;
        settings.clientId = kClientId;
        settings.scope = QStringLiteral("system/*.read");
        return std::make_unique<SmartAuthorizer>(m_nam.get(), &m_clock, settings, key(algorithm), QString(), jku);
    }
    SigningKey key(SigningAlgorithm algorithm)
    {
        SigningKey &slot = algorithm == SigningAlgorithm::RS384 ? m_rsa : m_ec;
        if (slot.isNull()) {
            slot = SigningKey::generate(algorithm, nullptr, 2048);
        }
        return slot;
    }
    // Calls authorize() and waits for its callback.
    Outcome authorize(Authorizer &authorizer)
    {
        auto outcome = std::make_shared<Outcome>();
        authorizer.authorize(this, [outcome](const std::optional<AuthFailure> &f) {
            outcome->called = true;
            outcome->failure = f;
        });
        if (!QTest::qWaitFor([&] { return outcome->called; }, 10'000)) {
            qWarning("authorize() did not call back");
        }
        return *outcome;
    }
    static FakeHttpServer::Reply token(const QByteArray &value, const QByteArray &expiresIn = "3")
    {
        return {200,
                "{\"access_token\":\"" + value + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn +
                    ",\"scope\":\"system/*.read\"}",
                "application/json",
                {}};
    }
    QByteArray bearer(const Authorizer &authorizer) const
    {
        QNetworkRequest request(QUrl(QStringLiteral("https://fhir.example/x")));
        authorizer.apply(request);
        return request.rawHeader("Authorization");
    }
    QByteArray assertionOf(int index) const
    {
        return m_server->requests().at(index).form().value(QStringLiteral("client_assertion")).toLatin1();
    }

    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    Clock m_clock;
    QDateTime m_now;
    SigningKey m_rsa;
    SigningKey m_ec;
    int m_issued = 0;

private slots:
    void init()
    {
        m_server = std::make_unique<FakeHttpServer>();
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_now = QDateTime(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC);
        m_clock = Clock();
        m_clock.setNow([this] { return m_now; });
        m_issued = 0;
        m_server->setHandler(
            [this](const FakeHttpServer::Request &) { return token("tok-" + QByteArray::number(++m_issued)); });
    }

    void assertion_data()
    {
        QTest::addColumn<SigningAlgorithm>("algorithm");
        QTest::addColumn<bool>("withJku");
        QTest::newRow("RS384") << SigningAlgorithm::RS384 << false;
        QTest::newRow("ES384") << SigningAlgorithm::ES384 << false;
        QTest::newRow("ES384 + jku") << SigningAlgorithm::ES384 << true;
    }
    void assertion()
    {
        QFETCH(SigningAlgorithm, algorithm);
        QFETCH(bool, withJku);
        const QUrl tokenUrl = m_server->url("/auth/token");
        const QUrl jku(QStringLiteral("https://keys.example.org/ferry/jwks.json"));
        auto authorizer = make(tokenUrl, algorithm, withJku ? jku : QUrl());
        const Outcome outcome = authorize(*authorizer);
        QVERIFY(outcome.called);
        QVERIFY2(!outcome.failure, outcome.failure ? qPrintable(outcome.failure->message) : "");
        QCOMPARE(bearer(*authorizer), QByteArray("Bearer tok-1"));

        QCOMPARE(m_server->requests().size(), 1);
        const FakeHttpServer::Request &request = m_server->requests().first();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path, QByteArray("/auth/token"));
        QCOMPARE(request.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
        QVERIFY(request.header("User-Agent").startsWith("Ferry/"));
        const QHash<QString, QString> form = request.form();
        QCOMPARE(form.value(QStringLiteral("grant_type")), QStringLiteral("client_credentials"));
        QCOMPARE(form.value(QStringLiteral("client_assertion_type")),
                 QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
        QCOMPARE(form.value(QStringLiteral("scope")), QStringLiteral("system/*.read"));

        const QByteArray jwt = form.value(QStringLiteral("client_assertion")).toLatin1();
        const QJsonObject header = Jws::header(jwt);
        QCOMPARE(header.value(QLatin1String("alg")).toString(), SigningKey::algorithmName(algorithm));
        QCOMPARE(header.value(QLatin1String("typ")).toString(), QStringLiteral("JWT"));
        QCOMPARE(header.value(QLatin1String("kid")).toString(), key(algorithm).thumbprint());
        QCOMPARE(header.value(QLatin1String("jku")).toString(), withJku ? jku.toString() : QString());
        const QJsonObject claims = Jws::claims(jwt);
        QCOMPARE(claims.value(QLatin1String("iss")).toString(), kClientId);
        QCOMPARE(claims.value(QLatin1String("sub")).toString(), kClientId);
        QCOMPARE(claims.value(QLatin1String("aud")).toString(), tokenUrl.toString());
        const qint64 now = m_now.toSecsSinceEpoch();
        QCOMPARE(claims.value(QLatin1String("iat")).toInteger(), now);
        const qint64 exp = claims.value(QLatin1String("exp")).toInteger();
        QVERIFY(exp > now && exp <= now + 300);
        QVERIFY(!claims.value(QLatin1String("jti")).toString().isEmpty());

        const QList<QByteArray> parts = jwt.split('.');
        QVERIFY(OpenSslVerify::verify(key(algorithm).publicJwk(), parts.at(0) + '.' + parts.at(1),
                                      QByteArray::fromBase64(parts.at(2), QByteArray::Base64UrlEncoding)));
    }

    void cachesToken()
    {
        auto authorizer = make(m_server->url("/token"));
        QVERIFY(!authorize(*authorizer).failure);
        QVERIFY(!authorize(*authorizer).failure);
        QVERIFY(!authorize(*authorizer).failure);
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(authorizer->expiresAt(), m_now.addSecs(3));
        QCOMPARE(authorizer->grantedScope(), QStringLiteral("system/*.read"));
    }

    void renewsAheadOfExpiry()
    {
        // A 3-second token is renewed once three quarters of its life are over (2.25 s), before it lapses.
        auto authorizer = make(m_server->url("/token"));
        QVERIFY(!authorize(*authorizer).failure);
        m_now = m_now.addMSecs(2000);
        QVERIFY(!authorize(*authorizer).failure);
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(bearer(*authorizer), QByteArray("Bearer tok-1"));

        m_now = m_now.addMSecs(500); // 2.5 s after issue, 0.5 s before expiry
        QVERIFY(!authorize(*authorizer).failure);
        QCOMPARE(m_server->requests().size(), 2);
        QCOMPARE(bearer(*authorizer), QByteArray("Bearer tok-2"));
        QCOMPARE(authorizer->expiresAt(), m_now.addSecs(3));
        QVERIFY(Jws::claims(assertionOf(0)).value(QLatin1String("jti")) !=
                Jws::claims(assertionOf(1)).value(QLatin1String("jti")));

        // Any number of expiries: each lapse costs exactly one renewal.
        for (int i = 0; i < 5; ++i) {
            m_now = m_now.addSecs(10);
            QVERIFY(!authorize(*authorizer).failure);
        }
        QCOMPARE(m_server->requests().size(), 7);
    }

    void renewalMargin_data()
    {
        QTest::addColumn<int>("lifetimeMs");
        QTest::addColumn<int>("marginMs");
        QTest::newRow("3 s") << 3000 << 750;
        QTest::newRow("5 min") << 300'000 << 60'000;
        QTest::newRow("1 h") << 3'600'000 << 60'000;
        QTest::newRow("0") << 0 << 0;
    }
    void renewalMargin()
    {
        QFETCH(int, lifetimeMs);
        QFETCH(int, marginMs);
        QCOMPARE(OAuthAuthorizer::renewalMargin(std::chrono::milliseconds(lifetimeMs)).count(), marginMs);
    }

    void concurrentCallersShareOneRenewal()
    {
        auto authorizer = make(m_server->url("/token"));
        int successes = 0;
        std::vector<std::unique_ptr<QObject>> contexts;
        for (int i = 0; i < 5; ++i) {
            contexts.push_back(std::make_unique<QObject>());
            authorizer->authorize(contexts.back().get(), [&successes](const std::optional<AuthFailure> &f) {
                if (!f) {
                    ++successes;
                }
            });
        }
        contexts.erase(contexts.begin()); // a caller that went away is simply not called
        QTRY_COMPARE(successes, 4);
        QCOMPARE(m_server->requests().size(), 1);
    }

    void invalidateForcesRenewal()
    {
        auto authorizer = make(m_server->url("/token"));
        QVERIFY(!authorize(*authorizer).failure);
        authorizer->invalidate();
        QVERIFY(!authorize(*authorizer).failure);
        QCOMPARE(m_server->requests().size(), 2);
        QCOMPARE(bearer(*authorizer), QByteArray("Bearer tok-2"));
        QVERIFY(authorizer->canRenew());
    }

    void bare400RetriedOnce_data()
    {
        QTest::addColumn<int>("bareAnswers");
        QTest::addColumn<bool>("succeeds");
        QTest::newRow("once: retried and fine") << 1 << true;
        QTest::newRow("twice: fails") << 2 << false;
    }
    void bare400RetriedOnce()
    {
        QFETCH(int, bareAnswers);
        QFETCH(bool, succeeds);
        m_clock.setTimeScale(0.01); // the pause before the second attempt: 3 s → 30 ms
        int seen = 0;
        m_server->setHandler([&](const FakeHttpServer::Request &) {
            return ++seen <= bareAnswers ? FakeHttpServer::Reply{400, {}, {}, {}} : token("after-400");
        });
        auto authorizer = make(m_server->url("/token"));
        const Outcome outcome = authorize(*authorizer);
        QCOMPARE(m_server->requests().size(), 2);
        QCOMPARE(!outcome.failure, succeeds);
        if (!succeeds) {
            QVERIFY2(outcome.failure->message.contains(QLatin1String("HTTP 400")),
                     qPrintable(outcome.failure->message));
            QCOMPARE(outcome.failure->httpStatus, 400);
        }
        // The second attempt is a new assertion, not a replay.
        QVERIFY(Jws::claims(assertionOf(0)).value(QLatin1String("jti")) !=
                Jws::claims(assertionOf(1)).value(QLatin1String("jti")));
    }

    void errors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("oauthError");
        QTest::addColumn<bool>("retryable");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("invalid_client") << 401
                                        << QByteArray(
                                               "{\"error\":\"invalid_client\",\"error_description\":\"unknown kid\"}")
                                        << QStringLiteral("invalid_client") << false
                                        << QStringList{QStringLiteral("did not accept the client's credentials"),
                                                       QStringLiteral("invalid_client: unknown kid"),
                                                       QStringLiteral("kid \""), kClientId};
        QTest::newRow("invalid_scope") << 400 << QByteArray("{\"error\":\"invalid_scope\"}")
                                       << QStringLiteral("invalid_scope") << false
                                       << QStringList{QStringLiteral("scope"), QStringLiteral("(invalid_scope)")};
        QTest::newRow("503 page") << 503 << QByteArray("<html><body><h1>Service Unavailable</h1></body></html>")
                                  << QString() << true
                                  << QStringList{QStringLiteral("HTTP 503"), QStringLiteral("Service Unavailable")};
        QTest::newRow("403 no body") << 403 << QByteArray() << QString() << false
                                     << QStringList{QStringLiteral("HTTP 403"), QStringLiteral("client ID")};
        QTest::newRow("200 without token") << 200 << QByteArray("{\"token_type\":\"bearer\"}") << QString() << false
                                           << QStringList{QStringLiteral("access_token")};
    }
    void errors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, oauthError);
        QFETCH(bool, retryable);
        QFETCH(QStringList, words);
        m_server->setHandler([&](const FakeHttpServer::Request &) {
            return FakeHttpServer::Reply{status, body, body.startsWith('{') ? "application/json" : "text/html", {}};
        });
        auto authorizer = make(m_server->url("/token"));
        const Outcome outcome = authorize(*authorizer);
        QVERIFY(outcome.failure);
        QCOMPARE(outcome.failure->oauthError, oauthError);
        QCOMPARE(outcome.failure->retryable, retryable);
        for (const QString &word : words) {
            QVERIFY2(outcome.failure->message.contains(word), qPrintable(outcome.failure->message));
        }
        QCOMPARE(m_server->requests().size(), 1); // only a bare 400 is repeated
        QVERIFY(bearer(*authorizer).isEmpty());
    }

    void networkErrorIsRetryable()
    {
        QUrl closed = m_server->url("/token");
        m_server.reset(); // nothing listens there any more
        auto authorizer = make(closed);
        const Outcome outcome = authorize(*authorizer);
        QVERIFY(outcome.failure);
        QVERIFY(outcome.failure->retryable);
        QVERIFY2(outcome.failure->message.contains(QLatin1String("Could not reach")),
                 qPrintable(outcome.failure->message));
    }

    void expiresIn_data()
    {
        QTest::addColumn<QByteArray>("expiresIn");
        QTest::addColumn<int>("seconds");
        QTest::newRow("number") << QByteArray("570") << 570;
        QTest::newRow("string") << QByteArray("\"300\"") << 300;
        QTest::newRow("fraction") << QByteArray("299.9") << 299;
        QTest::newRow("absent") << QByteArray("null") << 300;
    }
    void expiresIn()
    {
        QFETCH(QByteArray, expiresIn);
        QFETCH(int, seconds);
        m_server->setHandler([&](const FakeHttpServer::Request &) { return token("t", expiresIn); });
        auto authorizer = make(m_server->url("/token"));
        QVERIFY(!authorize(*authorizer).failure);
        QCOMPARE(authorizer->expiresAt(), m_now.addSecs(seconds));
    }

    void lifetimeFollowsTheClockScale()
    {
        // Like every wait, a token's lifetime is scaled: a time-scaled sandbox and Ferry agree on when it lapses.
        m_clock.setTimeScale(0.5);
        m_server->setHandler([&](const FakeHttpServer::Request &) { return token("t", "300"); });
        auto authorizer = make(m_server->url("/token"));
        QVERIFY(!authorize(*authorizer).failure);
        QCOMPARE(authorizer->expiresAt(), m_now.addSecs(150));
    }

    void discoversTokenEndpoint()
    {
        m_server->setHandler([this](const FakeHttpServer::Request &r) {
            if (r.path == "/fhir/.well-known/smart-configuration") {
                return FakeHttpServer::Reply{200,
                                             "{\"token_endpoint\":\"" + m_server->url("/oauth/token").toEncoded() +
                                                 "\"}",
                                             "text/plain",
                                             {}};
            }
            if (r.path == "/oauth/token") {
                return token("discovered");
            }
            return FakeHttpServer::Reply{404, {}, {}, {}};
        });
        auto authorizer = make(QUrl());
        QVERIFY(!authorize(*authorizer).failure);
        QCOMPARE(authorizer->tokenUrl(), m_server->url("/oauth/token"));
        QCOMPARE(Jws::claims(assertionOf(1)).value(QLatin1String("aud")).toString(),
                 m_server->url("/oauth/token").toString());
        // Discovery happens once; later renewals go straight to the token endpoint.
        authorizer->invalidate();
        QVERIFY(!authorize(*authorizer).failure);
        QCOMPARE(m_server->count("/fhir/.well-known"), 1);
        QCOMPARE(m_server->count("/oauth/token"), 2);
    }

    void tokenRequestIsNeverRedirected()
    {
        m_server->setHandler([this](const FakeHttpServer::Request &r) {
            if (r.path == "/token") {
                return FakeHttpServer::Reply{307, {}, {}, {{"Location", m_server->url("/elsewhere").toEncoded()}}};
            }
            return token("leaked");
        });
        auto authorizer = make(m_server->url("/token"));
        const Outcome outcome = authorize(*authorizer);
        QVERIFY(outcome.failure);
        QVERIFY2(outcome.failure->message.contains(QLatin1String("redirect")), qPrintable(outcome.failure->message));
        QCOMPARE(m_server->count("/elsewhere"), 0);
    }

    void plainHttpTokenUrlRefused()
    {
        auto authorizer = make(QUrl(QStringLiteral("http://auth.example.org/token")));
        const Outcome outcome = authorize(*authorizer);
        QVERIFY(outcome.failure);
        QVERIFY2(outcome.failure->message.contains(QLatin1String("https")), qPrintable(outcome.failure->message));
        QCOMPARE(m_server->requests().size(), 0);
    }

    void describe()
    {
        auto authorizer = make(m_server->url("/token"), SigningAlgorithm::RS384);
        QCOMPARE(authorizer->describe(), QStringLiteral("SMART Backend Services (RS384, client %1)").arg(kClientId));
    }
};

QTEST_GUILESS_MAIN(TestSmartAuthorizer)
#include "tst_smartauthorizer.moc"
