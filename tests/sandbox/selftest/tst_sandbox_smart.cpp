// SMART Backend Services on the server side, for real: RS384 and ES384 assertions verified with OpenSSL, every
// claim rule, JWKS URLs, scopes on the token, token expiry, the bare-400 fault, --client-config.
#include "selftest/authfixture.h"
#include "selftest/authprobe.h"
#include "selftest/exportprobe.h"
#include "selftest/jwkshost.h"
#include "selftest/jwtsigner.h"
#include "selftest/rawhttpclient.h"
#include "server/sandboxserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>

using A = AuthProbe;

class TstSandboxSmart : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void smartTokenOpensTheEndpoints_data();
    void smartTokenOpensTheEndpoints();
    void assertionRejected_data();
    void assertionRejected();
    void replayedJtiRejected();
    void jwksUrlIsFetched();
    void jwksUrlMustBeLoopback();
    void grantAndScopeErrors();
    void tokenExpires();
    void bareToken400Fault();
    void clientConfigFile();

private:
    void start(SandboxConfig config);
    QByteArray token(const QByteArray &scope = "system/*.read");

    AuthFixture m_f;
};

void TstSandboxSmart::initTestCase()
{
    m_f.createKeys();
}

void TstSandboxSmart::start(SandboxConfig config)
{
    QString error;
    QVERIFY2(m_f.start(std::move(config), &error), qPrintable(error));
}

QByteArray TstSandboxSmart::token(const QByteArray &scope)
{
    return m_f.token(scope);
}

void TstSandboxSmart::smartTokenOpensTheEndpoints_data()
{
    QTest::addColumn<bool>("ec");
    QTest::newRow("RS384") << false;
    QTest::newRow("ES384") << true;
}

void TstSandboxSmart::smartTokenOpensTheEndpoints()
{
    QFETCH(bool, ec);
    SandboxConfig config;
    config.auth = SandboxConfig::AuthMode::Smart;
    config.tokenTtlSeconds = 300;
    start(config);
    const JwtSigner &signer = ec ? *m_f.ec : *m_f.rsa;
    const RawResponse t = A::postToken(*m_f.http, A::assertionForm(signer.assertion("ferry-test", m_f.tokenUrl)));
    QCOMPARE(t.status, 200);
    QCOMPARE(t.header("Cache-Control"), QByteArray("no-store"));
    const QJsonObject body = t.json().object();
    QCOMPARE(body.value(QLatin1String("token_type")).toString(), QStringLiteral("bearer"));
    QCOMPARE(body.value(QLatin1String("expires_in")).toInt(), 300);
    QCOMPARE(body.value(QLatin1String("scope")).toString(), QStringLiteral("system/*.read"));
    const QByteArray bearer = "Bearer " + body.value(QLatin1String("access_token")).toString().toUtf8();

    ExportProbe probe(*m_f.http);
    RawResponse refused;
    QVERIFY(probe.kickoff("/fhir/Group/demo/$export", {}, &refused).isEmpty());
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.header("WWW-Authenticate"), QByteArray("Bearer realm=\"ferry-sandbox\""));
    QCOMPARE(
        m_f.http->get("/fhir/Group/demo/$export", ExportProbe::asyncHeaders({{"Authorization", "Bearer nope"}})).status,
        401);
    const QByteArray status = probe.kickoff("/fhir/Group/demo/$export?_type=Patient", {{"Authorization", bearer}});
    QVERIFY(!status.isEmpty());
    QCOMPARE(m_f.http->get(RawHttpClient::target(status)).status, 401);
    const RawResponse manifest = probe.pollUntilDone(status, {{"Authorization", bearer}});
    QCOMPARE(manifest.status, 200);
    QCOMPARE(manifest.json().object().value(QLatin1String("requiresAccessToken")).toBool(), true);
    const QByteArray url = ExportProbe::outputs(manifest)[0].toObject().value(QLatin1String("url")).toString().toUtf8();
    QCOMPARE(probe.fetch(url).status, 401);
    QCOMPARE(probe.fetch(url, {{"Authorization", bearer}}).status, 200);
    // The log knows the kind of credential, never its value.
    const QByteArray log = m_f.server->requestLogJson();
    QVERIFY(!log.contains(bearer.mid(7)));
    QVERIFY(!log.contains("client_assertion="));
    QCOMPARE(m_f.server->requestLog().constLast().authorization, QByteArray("bearer"));
    QCOMPARE(m_f.server->requestLog().at(m_f.server->requestLog().size() - 2).authorization, QByteArray("absent"));
}

void TstSandboxSmart::assertionRejected_data()
{
    QTest::addColumn<bool>("ec");
    QTest::addColumn<QJsonObject>("claims");
    QTest::addColumn<QJsonObject>("header");
    QTest::addColumn<bool>("der");
    QTest::addColumn<QString>("mention");
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject none;
    QTest::newRow("sub differs") << false << QJsonObject{{QLatin1String("sub"), QLatin1String("someone")}} << none
                                 << false << QStringLiteral("sub");
    QTest::newRow("wrong aud") << false << QJsonObject{{QLatin1String("aud"), QLatin1String("http://x/token")}} << none
                               << false << QStringLiteral("aud");
    QTest::newRow("no exp") << false << QJsonObject{{QLatin1String("exp"), QJsonValue::Null}} << none << false
                            << QStringLiteral("exp");
    QTest::newRow("exp too far") << false << QJsonObject{{QLatin1String("exp"), now + 600}} << none << false
                                 << QStringLiteral("five minutes");
    QTest::newRow("expired") << false << QJsonObject{{QLatin1String("exp"), now - 60}} << none << false
                             << QStringLiteral("expired");
    QTest::newRow("no jti") << false << QJsonObject{{QLatin1String("jti"), QJsonValue::Null}} << none << false
                            << QStringLiteral("jti");
    QTest::newRow("unknown client") << false
                                    << QJsonObject{{QLatin1String("iss"), QLatin1String("stranger")},
                                                   {QLatin1String("sub"), QLatin1String("stranger")}}
                                    << none << false << QStringLiteral("Unknown client");
    QTest::newRow("unknown kid") << false << none << QJsonObject{{QLatin1String("kid"), QLatin1String("other")}}
                                 << false << QStringLiteral("kid");
    QTest::newRow("no kid") << false << none << QJsonObject{{QLatin1String("kid"), QJsonValue::Null}} << false
                            << QStringLiteral("kid");
    QTest::newRow("HS256") << false << none << QJsonObject{{QLatin1String("alg"), QLatin1String("HS256")}} << false
                           << QStringLiteral("HS256");
    QTest::newRow("alg vs key") << false << none << QJsonObject{{QLatin1String("alg"), QLatin1String("ES384")}} << false
                                << QStringLiteral("verify");
    QTest::newRow("jku mismatch") << false << none
                                  << QJsonObject{{QLatin1String("jku"), QLatin1String("http://127.0.0.1:1/other.json")}}
                                  << false << QStringLiteral("jku");
    QTest::newRow("typ") << false << none << QJsonObject{{QLatin1String("typ"), QLatin1String("JOSE+JSON")}} << false
                         << QStringLiteral("typ");
    QTest::newRow("ES384 as DER") << true << none << none << true << QStringLiteral("verify");
}

void TstSandboxSmart::assertionRejected()
{
    QFETCH(bool, ec);
    QFETCH(QJsonObject, claims);
    QFETCH(QJsonObject, header);
    QFETCH(bool, der);
    QFETCH(QString, mention);
    SandboxConfig config;
    config.auth = SandboxConfig::AuthMode::Smart;
    start(config);
    const JwtSigner &signer = ec ? *m_f.ec : *m_f.rsa;
    QByteArray assertion = signer.assertion("ferry-test", m_f.tokenUrl, claims, header);
    if (der) {
        const QList<QByteArray> parts = assertion.split('.');
        const QJsonObject h =
            QJsonDocument::fromJson(QByteArray::fromBase64(parts[0], QByteArray::Base64UrlEncoding)).object();
        const QJsonObject c =
            QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding)).object();
        assertion = signer.sign(h, c, true);
    }
    const RawResponse r = A::postToken(*m_f.http, A::assertionForm(assertion));
    QCOMPARE(r.status, 400);
    QVERIFY2(A::oauthError(r).startsWith(QLatin1String("invalid_client:")), qPrintable(A::oauthError(r)));
    QVERIFY2(A::oauthError(r).contains(mention), qPrintable(A::oauthError(r)));
}

void TstSandboxSmart::replayedJtiRejected()
{
    SandboxConfig config;
    config.auth = SandboxConfig::AuthMode::Smart;
    start(config);
    const QByteArray assertion = m_f.rsa->assertion("ferry-test", m_f.tokenUrl);
    QCOMPARE(A::postToken(*m_f.http, A::assertionForm(assertion)).status, 200);
    const RawResponse again = A::postToken(*m_f.http, A::assertionForm(assertion));
    QCOMPARE(again.status, 400);
    QVERIFY(A::oauthError(again).contains(QLatin1String("already used")));
    // A signature made with another key under the same kid does not verify.
    JwtSigner impostor(JwtSigner::Alg::RS384, "rsa-1");
    const RawResponse forged =
        A::postToken(*m_f.http, A::assertionForm(impostor.assertion("ferry-test", m_f.tokenUrl)));
    QCOMPARE(forged.status, 400);
    QVERIFY(A::oauthError(forged).contains(QLatin1String("does not verify")));
}

void TstSandboxSmart::jwksUrlIsFetched()
{
    JwksHost host;
    QVERIFY(host.listen());
    host.setJwks(m_f.ec->jwks());
    SandboxConfig config;
    config.auth = SandboxConfig::AuthMode::Smart;
    ClientRegistration client;
    client.clientId = "hosted";
    client.jwksUrl = host.url();
    client.scopes = {"system/*.read"};
    config.clients.append(client);
    start(config);
    const RawResponse r = A::postToken(
        *m_f.http, A::assertionForm(m_f.ec->assertion("hosted", m_f.tokenUrl, {},
                                                      {{QLatin1String("jku"), QString::fromUtf8(host.url())}})));
    QCOMPARE(r.status, 200);
    QCOMPARE(host.hits(), 1);
    // Rotated keys: the old signer no longer verifies once the host serves another key.
    JwtSigner rotated(JwtSigner::Alg::ES384, "ec-1");
    host.setJwks(rotated.jwks());
    QCOMPARE(A::postToken(*m_f.http, A::assertionForm(m_f.ec->assertion("hosted", m_f.tokenUrl))).status, 400);
    QCOMPARE(A::postToken(*m_f.http, A::assertionForm(rotated.assertion("hosted", m_f.tokenUrl))).status, 200);
}

void TstSandboxSmart::jwksUrlMustBeLoopback()
{
    SandboxConfig config;
    config.auth = SandboxConfig::AuthMode::Smart;
    ClientRegistration client;
    client.clientId = "remote";
    client.jwksUrl = "https://example.org/jwks.json";
    client.scopes = {"system/*.read"};
    config.clients.append(client);
    start(config);
    const RawResponse r = A::postToken(*m_f.http, A::assertionForm(m_f.rsa->assertion("remote", m_f.tokenUrl)));
    QCOMPARE(r.status, 400);
    QVERIFY(A::oauthError(r).contains(QLatin1String("loopback")));
}

void TstSandboxSmart::grantAndScopeErrors()
{
    SandboxConfig config;
    config.auth = SandboxConfig::AuthMode::Smart;
    ClientRegistration narrow;
    narrow.clientId = "narrow";
    narrow.jwks = m_f.rsa->jwks();
    narrow.scopes = {"system/Patient.read"};
    config.clients.append(narrow);
    start(config);
    RawResponse r = A::postToken(*m_f.http, "grant_type=password&username=a&password=b");
    QCOMPARE(r.status, 400);
    QVERIFY(A::oauthError(r).startsWith(QLatin1String("unsupported_grant_type:")));
    r = A::postToken(*m_f.http, A::assertionForm(m_f.rsa->assertion("narrow", m_f.tokenUrl), ""));
    QVERIFY(A::oauthError(r).startsWith(QLatin1String("invalid_scope:")));
    r = A::postToken(*m_f.http, A::assertionForm(m_f.rsa->assertion("narrow", m_f.tokenUrl), "system/Condition.read"));
    QVERIFY(A::oauthError(r).startsWith(QLatin1String("invalid_scope:")));
    r = A::postToken(*m_f.http, A::assertionForm(m_f.rsa->assertion("narrow", m_f.tokenUrl),
                                                 "system/Patient.rs system/Condition.rs"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object().value(QLatin1String("scope")).toString(), QStringLiteral("system/Patient.rs"));
    r = A::postToken(*m_f.http, "grant_type=client_credentials&scope=system%2F*.read");
    QVERIFY(A::oauthError(r).startsWith(QLatin1String("invalid_client:")));
    r = m_f.http->request("POST", "/auth/token", {{"Content-Type", "application/json"}}, "{}");
    QVERIFY(A::oauthError(r).startsWith(QLatin1String("invalid_request:")));
}

void TstSandboxSmart::tokenExpires()
{
    SandboxConfig config;
    config.auth = SandboxConfig::AuthMode::Smart;
    config.tokenTtlSeconds = 3;
    config.timeScale = 0.2; // 3 logical seconds = 600 ms
    start(config);
    const RawResponse t = A::postToken(*m_f.http, A::assertionForm(m_f.rsa->assertion("ferry-test", m_f.tokenUrl)));
    QCOMPARE(t.json().object().value(QLatin1String("expires_in")).toInt(), 3);
    const QByteArray bearer = "Bearer " + t.json().object().value(QLatin1String("access_token")).toString().toUtf8();
    QCOMPARE(m_f.http->get("/fhir/Group/demo", {{"Authorization", bearer}}).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_f.http->get("/fhir/Group/demo", {{"Authorization", bearer}}).status, 401, 5000);
    const RawResponse expired = m_f.http->get("/fhir/Group/demo", {{"Authorization", bearer}});
    QVERIFY(expired.header("WWW-Authenticate").contains("error=\"invalid_token\""));
    QVERIFY(expired.header("WWW-Authenticate").contains("expired"));
}

void TstSandboxSmart::bareToken400Fault()
{
    SandboxConfig config;
    config.auth = SandboxConfig::AuthMode::Smart;
    QVERIFY(config.faults.apply(QStringLiteral("token-400=2")).isEmpty());
    start(config);
    for (int i = 0; i < 2; ++i) {
        const RawResponse r = A::postToken(*m_f.http, A::assertionForm(m_f.rsa->assertion("ferry-test", m_f.tokenUrl)));
        QCOMPARE(r.status, 400);
        QVERIFY(r.body.isEmpty());
        QVERIFY(!r.hasHeader("Content-Type"));
        QCOMPARE(r.header("Content-Length"), QByteArray("0"));
    }
    QCOMPARE(A::postToken(*m_f.http, A::assertionForm(m_f.rsa->assertion("ferry-test", m_f.tokenUrl))).status, 200);
}

void TstSandboxSmart::clientConfigFile()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    const QJsonObject config{
        {QLatin1String("clients"),
         QJsonArray{QJsonObject{{QLatin1String("client_id"), QLatin1String("from-file")},
                                {QLatin1String("jwks"), m_f.ec->jwks()},
                                {QLatin1String("scopes"), QJsonArray{QLatin1String("system/*.read")}}}}}};
    file.write(QJsonDocument(config).toJson());
    file.close();
    QProcess p;
    p.start(qEnvironmentVariable("FERRY_SANDBOX"),
            {QStringLiteral("--auth"), QStringLiteral("smart"), QStringLiteral("--client-config"), file.fileName(),
             QStringLiteral("--quiet")});
    QSignalSpy output(&p, &QProcess::readyReadStandardOutput);
    QVERIFY(output.wait(10000));
    const QJsonObject startup = QJsonDocument::fromJson(p.readLine()).object();
    const QByteArray tokenUrl = startup.value(QLatin1String("tokenUrl")).toString().toUtf8();
    RawHttpClient http{QUrl(startup.value(QLatin1String("fhirBase")).toString())};
    QCOMPARE(A::postToken(http, A::assertionForm(m_f.ec->assertion("from-file", tokenUrl))).status, 200);
    p.terminate();
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TstSandboxSmart)
#include "tst_sandbox_smart.moc"
