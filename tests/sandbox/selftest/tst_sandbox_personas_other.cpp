// 1upHealth, eClinicalWorks, athenahealth and HAPI FHIR, each against its documentation and reported quirks.
#include "selftest/authprobe.h"
#include "selftest/sandboxfixture.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QTest>
#include <QTimeZone>

namespace {

SandboxConfig persona(const char *name)
{
    SandboxConfig config;
    config.persona = name;
    config.polls = 0;
    config.jobSeconds = 0;
    return config;
}

} // namespace

class TstSandboxPersonasOther : public QObject
{
    Q_OBJECT
private slots:
    void oneupKickoffBodyAndLowercaseType();
    void oneupStatusIs200WhileRunning();
    void oneupFirstPollsMayBe202();
    void oneupRefusesPostAndDelete();
    void oneupLegacyIsSynchronous();
    void oneupGroupNeedsClientHeaders();
    void ecwRs384Only();
    void ecwRetryAfter7200First();
    void ecwRateLimitBlocksTheMinute();
    void athenaPracticeGroupAndV1Scopes();
    void hapiBinaryWrappedFiles();
    void hapiManifestAndAutoDelete();

private:
    SandboxFixture f;
};

void TstSandboxPersonasOther::oneupKickoffBodyAndLowercaseType()
{
    QVERIFY(f.start(persona("oneup")));
    const RawResponse r = f.http().get("/bulk-data/r4/$export?_type=patient"); // no Prefer header needed
    QCOMPARE(r.status, 202);
    const QByteArray status = r.header("Content-Location");
    QVERIFY2(status.contains("/bulk-data/r4/$export/job/"), status.constData());
    QCOMPARE(r.json().object().value(QLatin1String("id")).toString().toUtf8(), ExportProbe::jobId(status));
    QCOMPARE(f.truthTypes(status).keys(), QStringList{QStringLiteral("Patient")});
}

void TstSandboxPersonasOther::oneupStatusIs200WhileRunning()
{
    SandboxConfig config = persona("oneup");
    config.polls = 2;
    QVERIFY(f.start(config));
    const QByteArray status = f.probe().kickoff("/bulk-data/r4/$export?_type=Patient,Condition");
    for (int i = 0; i < 2; ++i) {
        const RawResponse r = f.http().get(RawHttpClient::target(status));
        QCOMPARE(r.status, 200);
        const QJsonObject body = r.json().object();
        QCOMPARE(body.value(QLatin1String("status")).toString(), QStringLiteral("In Progress"));
        QVERIFY(!body.contains(QLatin1String("output")));
        const QJsonObject batches = body.value(QLatin1String("batches")).toObject();
        QCOMPARE(batches.value(QLatin1String("running")).toInt(), 1);
        QCOMPARE(batches.value(QLatin1String("total")).toInt(), 2);
        QCOMPARE(body.value(QLatin1String("resourceCount")).toInt(),
                 f.truthCount(status, "Patient") + f.truthCount(status, "Condition"));
    }
    const QJsonObject done = f.http().get(RawHttpClient::target(status)).json().object();
    QCOMPARE(done.value(QLatin1String("status")).toString(), QStringLiteral("Successful"));
    QVERIFY(!done.contains(QLatin1String("error")));
    const QJsonObject entry = done.value(QLatin1String("output")).toArray()[0].toObject();
    QVERIFY(entry.contains(QLatin1String("file")));
    QVERIFY(!entry.contains(QLatin1String("url")));
    const RawResponse file = f.probe().fetch(entry.value(QLatin1String("file")).toString().toUtf8());
    QCOMPARE(file.status, 200);
    QCOMPARE(ExportProbe::lines(file.body).size(), 60);
    QVERIFY(!f.http().get(RawHttpClient::target(status)).hasHeader("Expires")); // links never expire
}

void TstSandboxPersonasOther::oneupFirstPollsMayBe202()
{
    SandboxConfig config = persona("oneup");
    config.polls = 2;
    config.oneupAcceptedPolls = 1;
    QVERIFY(f.start(config));
    const QByteArray status = f.probe().kickoff("/bulk-data/r4/$export?_type=Patient");
    QCOMPARE(f.http().get(RawHttpClient::target(status)).status, 202);
    const RawResponse second = f.http().get(RawHttpClient::target(status));
    QCOMPARE(second.status, 200);
    QCOMPARE(second.json().object().value(QLatin1String("status")).toString(), QStringLiteral("In Progress"));
}

void TstSandboxPersonasOther::oneupRefusesPostAndDelete()
{
    QVERIFY(f.start(persona("oneup")));
    const RawResponse post =
        f.http().request("POST", "/bulk-data/r4/$export", ExportProbe::asyncHeaders(),
                         ExportProbe::parametersBody({{QStringLiteral("_type"), QStringLiteral("Patient")}}));
    QCOMPARE(post.status, 403);
    const QByteArray status = f.probe().kickoff("/bulk-data/r4/$export?_type=Patient");
    QCOMPARE(f.http().request("DELETE", RawHttpClient::target(status)).status, 403);
}

void TstSandboxPersonasOther::oneupLegacyIsSynchronous()
{
    SandboxConfig config = persona("oneup");
    config.oneupLegacy = true;
    QVERIFY(f.start(config));
    const RawResponse r = f.http().get("/bulk-data/r4/$export?_type=Patient");
    QCOMPARE(r.status, 200);
    const QJsonObject manifest = r.json().object();
    QVERIFY(manifest.contains(QLatin1String("transactionTime")));
    const QByteArray url =
        manifest.value(QLatin1String("output")).toArray()[0].toObject().value(QLatin1String("url")).toString().toUtf8();
    QCOMPARE(ExportProbe::lines(f.probe().fetch(url).body).size(), 60);
}

void TstSandboxPersonasOther::oneupGroupNeedsClientHeaders()
{
    SandboxConfig config = persona("oneup");
    config.auth = SandboxConfig::AuthMode::Headers;
    ClientRegistration c = SandboxFixture::client("oneup-client", {}, {"system/*.read"}, "oneup-secret");
    c.userId = "client";
    config.clients.append(c);
    QVERIFY(f.start(config));
    const RawResponse token = AuthProbe::postToken(
        f.http(),
        "grant_type=client_credentials&scope=system%2F*.read&client_id=oneup-client&client_secret=oneup-secret");
    QCOMPARE(token.json().object().value(QLatin1String("expires_in")).toInt(), 7200);
    const HeaderList bearer{{"Authorization", AuthProbe::bearer(token)}};
    RawResponse r;
    f.probe().kickoff("/bulk-data/r4/Group/demo/$export", bearer, &r);
    QCOMPARE(r.status, 403);
    QVERIFY(!f.probe().kickoff("/bulk-data/r4/$export?_type=Patient", bearer).isEmpty());
    const HeaderList headers{
        {"client_id", "oneup-client"}, {"client_secret", "oneup-secret"}, {"x-oneup-user-id", "client"}};
    QVERIFY(!f.probe().kickoff("/bulk-data/r4/Group/demo/$export", headers).isEmpty());
}

void TstSandboxPersonasOther::ecwRs384Only()
{
    JwtSigner rsa(JwtSigner::Alg::RS384, "r");
    JwtSigner ec(JwtSigner::Alg::ES384, "e");
    SandboxConfig config = persona("ecw");
    config.auth = SandboxConfig::AuthMode::Smart;
    config.clients.append(SandboxFixture::client(
        "ecw-app", QJsonObject{{QLatin1String("keys"), QJsonArray{rsa.publicJwk(), ec.publicJwk()}}}));
    QVERIFY(f.start(config));
    QCOMPARE(f.server().fhirBase().path(), QStringLiteral("/fhir/r4/JAFJCD"));
    const QJsonObject smart = f.http().get(f.path("/.well-known/smart-configuration")).json().object();
    QCOMPARE(smart.value(QLatin1String("token_endpoint_auth_signing_alg_values_supported")).toArray(),
             QJsonArray{QLatin1String("RS384")});
    const RawResponse refused = AuthProbe::postToken(
        f.http(), AuthProbe::assertionForm(ec.assertion("ecw-app", f.server().tokenUrl().toString().toUtf8())), {},
        f.tokenPath());
    QCOMPARE(refused.status, 400);
    QVERIFY(AuthProbe::oauthError(refused).contains(QLatin1String("ES384")));
    QVERIFY(!f.smartBearer(rsa, "ecw-app").isEmpty());
}

void TstSandboxPersonasOther::ecwRetryAfter7200First()
{
    SandboxConfig config = persona("ecw");
    config.polls = 2;
    QVERIFY(f.start(config));
    const QByteArray status = f.probe().kickoff(f.path("/Group/demo/$export?_type=Patient"));
    QCOMPARE(f.http().get(RawHttpClient::target(status)).header("Retry-After"), QByteArray("7200"));
    QCOMPARE(f.http().get(RawHttpClient::target(status)).header("Retry-After"), QByteArray("120"));
}

void TstSandboxPersonasOther::ecwRateLimitBlocksTheMinute()
{
    SandboxConfig config = persona("ecw");
    config.rateLimitPerMinute = 5;
    config.timeScale = 0.05; // a minute is 3 s: the burst below fits in one
    QVERIFY(f.start(config));
    QList<int> statuses;
    for (int i = 0; i < 8; ++i) {
        statuses.append(f.http().get(f.path("/metadata")).status);
    }
    QCOMPARE(statuses, (QList<int>{200, 200, 200, 200, 200, 429, 429, 429}));
    const RawResponse blocked = AuthProbe::postToken(f.http(), "grant_type=client_credentials", {}, f.tokenPath());
    QCOMPARE(blocked.status, 429); // the token endpoint shares the budget
    const int retryAfter = blocked.header("Retry-After").toInt();
    QVERIFY2(retryAfter >= 1 && retryAfter <= 60, blocked.header("Retry-After").constData());
    QTRY_COMPARE_WITH_TIMEOUT(f.http().get(f.path("/metadata")).status, 200, 10000);
}

void TstSandboxPersonasOther::athenaPracticeGroupAndV1Scopes()
{
    JwtSigner signer(JwtSigner::Alg::ES384, "a");
    SandboxConfig config = persona("athena");
    config.athenaPractice = "195900";
    config.auth = SandboxConfig::AuthMode::Smart;
    config.clients.append(SandboxFixture::client("athena-app", signer.jwks(), {"system/*.read"}));
    QVERIFY(f.start(config));
    const QByteArray v2 =
        AuthProbe::oauthError(
            AuthProbe::postToken(
                f.http(),
                AuthProbe::assertionForm(signer.assertion("athena-app", f.server().tokenUrl().toString().toUtf8()),
                                         "system/*.rs"),
                {}, f.tokenPath()))
            .toUtf8();
    QVERIFY2(v2.startsWith("invalid_scope:"), v2.constData());
    const HeaderList auth{{"Authorization", f.smartBearer(signer, "athena-app", "system/*.read")}};
    const QJsonArray groups =
        f.http().get(f.path("/Group"), auth).json().object().value(QLatin1String("entry")).toArray();
    QCOMPARE(groups.size(), 1);
    QCOMPARE(groups[0].toObject().value(QLatin1String("resource")).toObject().value(QLatin1String("id")).toString(),
             QStringLiteral("a-1.c-195900"));
    const QByteArray status = f.probe().kickoff(f.path("/Group/a-1.c-195900/$export?_type=Patient"), auth);
    QCOMPARE(f.truthCount(status, "Patient"), 60);
    RawResponse r;
    f.probe().kickoff(f.path("/Group/demo/$export"), auth, &r);
    QCOMPARE(r.status, 404);
    f.probe().kickoff(f.path("/$export"), auth, &r);
    QCOMPARE(r.status, 404);
}

void TstSandboxPersonasOther::hapiBinaryWrappedFiles()
{
    QVERIFY(f.start(persona("hapi")));
    const QByteArray status = f.probe().kickoff("/fhir/$export?_type=Patient");
    QVERIFY2(status.contains("/fhir/$export-poll-status?_jobId="), status.constData());
    const RawResponse manifest = f.probe().pollUntilDone(status);
    QCOMPARE(manifest.status, 200);
    const QByteArray url = ExportProbe::outputs(manifest)[0].toObject().value(QLatin1String("url")).toString().toUtf8();
    QVERIFY(url.contains("/fhir/Binary/"));
    const RawResponse ndjson = f.probe().fetch(url, {{"Accept", "application/fhir+ndjson"}});
    QCOMPARE(ndjson.header("Content-Type"), QByteArray("application/fhir+ndjson"));
    QCOMPARE(ExportProbe::lines(ndjson.body).size(), 60);
    const RawResponse wrapped = f.probe().fetch(url);
    QCOMPARE(wrapped.header("Content-Type"), QByteArray("application/fhir+json"));
    QCOMPARE(wrapped.header("Content-Length").toLongLong(), wrapped.body.size());
    const QJsonObject binary = wrapped.json().object();
    QCOMPARE(binary.value(QLatin1String("resourceType")).toString(), QStringLiteral("Binary"));
    QCOMPARE(binary.value(QLatin1String("contentType")).toString(), QStringLiteral("application/fhir+ndjson"));
    QCOMPARE(QByteArray::fromBase64(binary.value(QLatin1String("data")).toString().toLatin1()), ndjson.body);
}

void TstSandboxPersonasOther::hapiManifestAndAutoDelete()
{
    SandboxConfig config = persona("hapi");
    config.manifestPageSize = 1;
    QVERIFY(f.start(config));
    const QByteArray status =
        f.probe().kickoff("/fhir/$export?_type=Patient,Condition&_foo=1", {{"Prefer", "handling=lenient"}});
    const RawResponse manifest = f.probe().pollUntilDone(status);
    const QJsonObject m = manifest.json().object();
    QVERIFY(!m.contains(QLatin1String("error"))); // even with an error file to report
    const QString next = m.value(QLatin1String("link")).toArray()[0].toObject().value(QLatin1String("url")).toString();
    QVERIFY2(next.contains(QLatin1String("_jobId=")) && next.endsWith(QLatin1String("&page=2")), qPrintable(next));
    QCOMPARE(f.http().get(RawHttpClient::target(next.toUtf8())).status, 200);
    QDateTime expires = QLocale::c().toDateTime(QString::fromLatin1(manifest.header("Expires")),
                                                QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    expires.setTimeZone(QTimeZone::utc());
    const qint64 minutes = QDateTime::currentDateTimeUtc().secsTo(expires) / 60;
    QVERIFY2(minutes >= 118 && minutes <= 120, qPrintable(QString::number(minutes)));
    QCOMPARE(f.http().request("DELETE", RawHttpClient::target(status)).status, 404); // already gone by itself
    config.polls = 3;
    QVERIFY(f.start(config));
    const QByteArray running = f.probe().kickoff("/fhir/$export?_type=Patient");
    QCOMPARE(f.http().request("DELETE", RawHttpClient::target(running)).status, 202);
}

QTEST_GUILESS_MAIN(TstSandboxPersonasOther)
#include "tst_sandbox_personas_other.moc"
