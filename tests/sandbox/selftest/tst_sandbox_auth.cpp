// The other auth modes (client secret, static token, 1upHealth headers), scopes limiting an export, discovery
// documents, and the storage origin that needs no token.
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

class TstSandboxAuth : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void clientSecret();
    void staticToken();
    void oneupHeaders();
    void scopesLimitTheExport();
    void discovery();
    void storageOriginNeedsNoToken();

private:
    void start(SandboxConfig config);
    QByteArray token(const QByteArray &scope = "system/*.read");

    AuthFixture m_f;
};

void TstSandboxAuth::initTestCase()
{
    m_f.createKeys();
}

void TstSandboxAuth::start(SandboxConfig config)
{
    QString error;
    QVERIFY2(m_f.start(std::move(config), &error), qPrintable(error));
}

QByteArray TstSandboxAuth::token(const QByteArray &scope)
{
    return m_f.token(scope);
}

void TstSandboxAuth::clientSecret()
{
    SandboxConfig config;
    config.auth = SandboxConfig::AuthMode::ClientSecret;
    start(config);
    const QByteArray basic = "Basic " + QByteArray("ferry-test:s3cret").toBase64();
    RawResponse r =
        A::postToken(*m_f.http, "grant_type=client_credentials&scope=system%2F*.read", {{"Authorization", basic}});
    QCOMPARE(r.status, 200);
    const QByteArray bearer = "Bearer " + r.json().object().value(QLatin1String("access_token")).toString().toUtf8();
    QCOMPARE(m_f.http->get("/fhir/Group/demo", {{"Authorization", bearer}}).status, 200);
    r = A::postToken(*m_f.http,
                     "grant_type=client_credentials&scope=system%2F*.read&client_id=ferry-test&client_secret=s3cret");
    QCOMPARE(r.status, 200);
    r = A::postToken(*m_f.http, "grant_type=client_credentials&scope=system%2F*.read",
                     {{"Authorization", "Basic " + QByteArray("ferry-test:wrong").toBase64()}});
    QCOMPARE(r.status, 401);
    QCOMPARE(r.header("WWW-Authenticate"), QByteArray("Basic realm=\"ferry-sandbox\""));
    QVERIFY(A::oauthError(r).startsWith(QLatin1String("invalid_client:")));
    r = A::postToken(*m_f.http,
                     "grant_type=client_credentials&scope=system%2F*.read&client_id=ferry-test&client_secret=x");
    QCOMPARE(r.status, 400);
    r = A::postToken(*m_f.http, A::assertionForm(m_f.rsa->assertion("ferry-test", m_f.tokenUrl)));
    QVERIFY(A::oauthError(r).startsWith(QLatin1String("invalid_client:")));
}

void TstSandboxAuth::staticToken()
{
    SandboxConfig config;
    config.auth = SandboxConfig::AuthMode::Static;
    ClientRegistration client;
    client.clientId = "static-client";
    client.staticToken = "let-me-in";
    config.clients.append(client);
    start(config);
    QCOMPARE(m_f.http->get("/fhir/Group/demo", {{"Authorization", "Bearer let-me-in"}}).status, 200);
    QCOMPARE(m_f.http->get("/fhir/Group/demo", {{"Authorization", "Bearer let-me-out"}}).status, 401);
    QCOMPARE(A::postToken(*m_f.http, "grant_type=client_credentials").status, 400);
}

void TstSandboxAuth::oneupHeaders()
{
    SandboxConfig config;
    config.auth = SandboxConfig::AuthMode::Headers;
    ClientRegistration client;
    client.clientId = "oneup-client";
    client.clientSecret = "oneup-secret";
    client.userId = "client";
    config.clients.append(client);
    start(config);
    const HeaderList good{
        {"client_id", "oneup-client"}, {"client_secret", "oneup-secret"}, {"x-oneup-user-id", "client"}};
    QCOMPARE(m_f.http->get("/fhir/Group/demo", good).status, 200);
    QCOMPARE(m_f.http->get("/fhir/Group/demo", {good[0], good[1], {"x-oneup-user-id", "someone"}}).status, 401);
    const RawResponse missing = m_f.http->get("/fhir/Group/demo");
    QCOMPARE(missing.status, 401);
    QVERIFY(missing.header("WWW-Authenticate").contains("client-headers"));
    QVERIFY(!m_f.server->requestLogJson().contains("oneup-secret"));
}

void TstSandboxAuth::scopesLimitTheExport()
{
    SandboxConfig config;
    config.auth = SandboxConfig::AuthMode::Smart;
    ClientRegistration client;
    client.clientId = "ferry-test";
    client.jwks = m_f.rsa->jwks();
    client.scopes = {"system/Patient.read", "system/Observation.rs"};
    config.clients.append(client);
    start(config);
    const QByteArray bearer = "Bearer " + token("system/Patient.read system/Observation.rs");
    ExportProbe probe(*m_f.http);
    RawResponse r;
    probe.kickoff("/fhir/Group/demo/$export?_type=Patient,Condition", {{"Authorization", bearer}}, &r);
    QCOMPARE(r.status, 403);
    QVERIFY(r.body.contains("Condition"));
    const QByteArray status = probe.kickoff("/fhir/Group/demo/$export", {{"Authorization", bearer}});
    QCOMPARE(m_f.server->truth(ExportProbe::jobId(status)).value(QLatin1String("types")).toObject().keys(),
             (QStringList{QStringLiteral("Observation"), QStringLiteral("Patient")}));
}

void TstSandboxAuth::discovery()
{
    SandboxConfig config;
    config.auth = SandboxConfig::AuthMode::Smart;
    start(config);
    const RawResponse r = m_f.http->get("/fhir/.well-known/smart-configuration", {{"Accept", "text/html"}});
    QCOMPARE(r.status, 200);
    const QJsonObject c = r.json().object();
    QCOMPARE(c.value(QLatin1String("token_endpoint")).toString().toUtf8(), m_f.tokenUrl);
    QCOMPARE(c.value(QLatin1String("grant_types_supported")).toArray(),
             QJsonArray{QLatin1String("client_credentials")});
    QCOMPARE(c.value(QLatin1String("token_endpoint_auth_methods_supported")).toArray(),
             QJsonArray{QLatin1String("private_key_jwt")});
    QCOMPARE(c.value(QLatin1String("token_endpoint_auth_signing_alg_values_supported")).toArray(),
             (QJsonArray{QLatin1String("RS384"), QLatin1String("ES384")}));
    QVERIFY(c.value(QLatin1String("scopes_supported")).toArray().contains(QLatin1String("system/*.read")));
    QVERIFY(c.value(QLatin1String("capabilities")).toArray().contains(QLatin1String("client-confidential-asymmetric")));
    const QJsonObject capability = m_f.http->get("/fhir/metadata").json().object();
    const QJsonObject oauth = capability.value(QLatin1String("rest"))
                                  .toArray()[0]
                                  .toObject()
                                  .value(QLatin1String("security"))
                                  .toObject()
                                  .value(QLatin1String("extension"))
                                  .toArray()[0]
                                  .toObject();
    QCOMPARE(oauth.value(QLatin1String("url")).toString(),
             QStringLiteral("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris"));
    QCOMPARE(oauth.value(QLatin1String("extension"))
                 .toArray()[0]
                 .toObject()
                 .value(QLatin1String("valueUri"))
                 .toString()
                 .toUtf8(),
             m_f.tokenUrl);
    start(SandboxConfig{});
    QCOMPARE(m_f.http->get("/fhir/.well-known/smart-configuration").status, 404);
    QVERIFY(!m_f.http->get("/fhir/metadata").body.contains("oauth-uris"));
}

void TstSandboxAuth::storageOriginNeedsNoToken()
{
    SandboxConfig config;
    config.auth = SandboxConfig::AuthMode::Smart;
    config.fileOrigin = SandboxConfig::FileOrigin::Secondary;
    start(config);
    const QByteArray bearer = "Bearer " + token();
    ExportProbe probe(*m_f.http);
    const RawResponse manifest =
        probe.pollUntilDone(probe.kickoff("/fhir/Group/demo/$export?_type=Patient", {{"Authorization", bearer}}),
                            {{"Authorization", bearer}});
    QCOMPARE(manifest.json().object().value(QLatin1String("requiresAccessToken")).toBool(true), false);
    const QByteArray url = ExportProbe::outputs(manifest)[0].toObject().value(QLatin1String("url")).toString().toUtf8();
    RawHttpClient storage(m_f.server->fileOrigin());
    QCOMPARE(storage.get(RawHttpClient::target(url)).status, 200);
    QCOMPARE(storage.get(RawHttpClient::target(url), {{"Authorization", bearer}}).status, 400);
}

QTEST_GUILESS_MAIN(TstSandboxAuth)
#include "tst_sandbox_auth.moc"
