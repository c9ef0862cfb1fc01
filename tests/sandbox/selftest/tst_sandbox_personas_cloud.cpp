// Oracle Health, the milliseconds Retry-After vendor (ms-retry-after) and Veradigm, each against its documentation.
#include "selftest/authprobe.h"
#include "selftest/sandboxfixture.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
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

QString issue(const RawResponse &r)
{
    const QJsonObject i = r.json().object().value(QLatin1String("issue")).toArray()[0].toObject();
    return i.value(QLatin1String("code")).toString() + QLatin1Char(':') +
           i.value(QLatin1String("diagnostics")).toString();
}

QDateTime httpDate(const QByteArray &text)
{
    QDateTime t = QLocale::c().toDateTime(QString::fromLatin1(text), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    t.setTimeZone(QTimeZone::utc());
    return t;
}

} // namespace

class TstSandboxPersonasCloud : public QObject
{
    Q_OBJECT
private slots:
    void oracleUrlsCarryTheTenant();
    void oracleParameterRules_data();
    void oracleParameterRules();
    void oracleOneExportAtATime();
    void oracleStatusHeaders();
    void oracleTinyFilesBehindRedirects();
    void msRetryAfterInMilliseconds();
    void msOnlyTheOwnerSeesTheJob();
    void msScopesRejectKickoff();
    void msJobsExpireAfterSevenDays();
    void veradigmMinutesAndPercent();
    void veradigmTypesAndProvenance();
    void veradigmUnderReportsAuthMethods();

private:
    SandboxFixture f;
};

void TstSandboxPersonasCloud::oracleUrlsCarryTheTenant()
{
    JwtSigner signer(JwtSigner::Alg::ES384, "oracle-key");
    SandboxConfig config = persona("oracle-health");
    config.oracleTenant = "ec2458f2-tenant";
    config.auth = SandboxConfig::AuthMode::Smart;
    config.clients.append(SandboxFixture::client("oracle-app", signer.jwks()));
    QVERIFY(f.start(config));
    QCOMPARE(f.server().fhirBase().path(), QStringLiteral("/r4/ec2458f2-tenant"));
    QCOMPARE(f.server().tokenUrl().path(),
             QStringLiteral("/tenants/ec2458f2-tenant/protocols/oauth2/profiles/smart-v1/token"));
    const QByteArray bearer = f.smartBearer(signer, "oracle-app");
    QVERIFY(!bearer.isEmpty());
    const QByteArray status =
        f.probe().kickoff(f.path("/Group/demo/$export?_type=Patient"), {{"Authorization", bearer}});
    QVERIFY2(status.contains("/r4/ec2458f2-tenant/bulk-export/jobs/"), status.constData());
    RawResponse r;
    f.probe().kickoff(f.path("/Patient/$export"), {{"Authorization", bearer}}, &r);
    QCOMPARE(r.status, 404);
}

void TstSandboxPersonasCloud::oracleParameterRules_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<bool>("lenient");
    QTest::addColumn<int>("status");
    QTest::newRow("comma-joined _type") << QByteArray("_type=Patient,Condition") << false << 202;
    QTest::newRow("repeated _type") << QByteArray("_type=Patient&_type=Condition") << false << 400;
    QTest::newRow("_elements") << QByteArray("_type=Patient&_elements=id") << false << 400;
    QTest::newRow("_elements lenient") << QByteArray("_type=Patient&_elements=id") << true << 202;
    QTest::newRow("_typeFilter without _type")
        << QByteArray("_typeFilter=Condition%3Fclinical-status%3Dactive") << false << 422;
    QTest::newRow("one _typeFilter") << QByteArray("_type=Condition&_typeFilter=Condition%3Fclinical-status%3Dactive")
                                     << false << 202;
    QTest::newRow("two for one type")
        << QByteArray("_type=Condition&_typeFilter=Condition%3Fclinical-status%3Dactive&_typeFilter=Condition%3F"
                      "category%3Dproblem-list-item")
        << false << 422;
    QTest::newRow("_typeFilter on Patient")
        << QByteArray("_type=Patient&_typeFilter=Patient%3Fgender%3Dfemale") << false << 422;
    QTest::newRow("bad _typeFilter value")
        << QByteArray("_type=Condition&_typeFilter=Condition%3Fcolour%3Dred") << false << 422;
}

void TstSandboxPersonasCloud::oracleParameterRules()
{
    QFETCH(QByteArray, query);
    QFETCH(bool, lenient);
    QFETCH(int, status);
    QVERIFY(f.start(persona("oracle-health")));
    RawResponse r;
    f.probe().kickoff(f.path("/Group/demo/$export?") + query,
                      lenient ? HeaderList{{"Prefer", "handling=lenient"}} : HeaderList{}, &r);
    QCOMPARE(r.status, status);
    if (status != 202) {
        QCOMPARE(r.json().object().value(QLatin1String("resourceType")).toString(), QStringLiteral("OperationOutcome"));
    }
}

void TstSandboxPersonasCloud::oracleOneExportAtATime()
{
    SandboxConfig config = persona("oracle-health");
    config.polls = 1;
    QVERIFY(f.start(config));
    const QByteArray first = f.probe().kickoff(f.path("/Group/demo/$export?_type=Patient"));
    QVERIFY(!first.isEmpty());
    RawResponse r;
    f.probe().kickoff(f.path("/Group/all/$export?_type=Patient"), {}, &r);
    QCOMPARE(r.status, 429);
    QVERIFY(issue(r).startsWith(QLatin1String("throttled:")));
    QCOMPARE(r.header("Retry-After"), QByteArray("600"));
    QCOMPARE(f.probe().pollUntilDone(first).status, 200);
    QVERIFY(!f.probe().kickoff(f.path("/Group/all/$export?_type=Patient")).isEmpty());
}

void TstSandboxPersonasCloud::oracleStatusHeaders()
{
    SandboxConfig config = persona("oracle-health");
    config.polls = 1;
    config.jobSeconds.reset(); // Oracle's own 20 minutes ...
    config.timeScale = 0.0005; // ... are 600 ms here
    QVERIFY(f.start(config));
    const QByteArray status = f.probe().kickoff(f.path("/Group/demo/$export?_type=Patient"));
    const RawResponse running = f.http().get(RawHttpClient::target(status));
    QCOMPARE(running.status, 202);
    QCOMPARE(running.header("Retry-After"), QByteArray("600"));
    QCOMPARE(running.header("X-Progress"), QByteArray("in-progress"));
    QTRY_COMPARE_WITH_TIMEOUT(f.http().get(RawHttpClient::target(status)).status, 200, 5000);
    const RawResponse done = f.http().get(RawHttpClient::target(status));
    const qint64 days = QDateTime::currentDateTimeUtc().secsTo(httpDate(done.header("Expires"))) / 86400;
    QVERIFY2(days >= 29 && days <= 30, qPrintable(QString::number(days)));
    QCOMPARE(f.http().request("DELETE", RawHttpClient::target(status)).status, 202);
    QCOMPARE(f.http().get(RawHttpClient::target(status)).status, 404);
}

void TstSandboxPersonasCloud::oracleTinyFilesBehindRedirects()
{
    JwtSigner signer(JwtSigner::Alg::RS384, "oracle-key");
    SandboxConfig config = persona("oracle-health");
    config.auth = SandboxConfig::AuthMode::Smart;
    config.clients.append(SandboxFixture::client("oracle-app", signer.jwks()));
    QVERIFY(f.start(config));
    const QByteArray bearer = f.smartBearer(signer, "oracle-app");
    const HeaderList auth{{"Authorization", bearer}};
    const QByteArray status = f.probe().kickoff(f.path("/Group/demo/$export?_type=Observation"), auth);
    const RawResponse manifest = f.probe().pollUntilDone(status, auth);
    QCOMPARE(manifest.json().object().value(QLatin1String("requiresAccessToken")).toBool(), true);
    const QJsonArray outputs = ExportProbe::outputs(manifest);
    QCOMPARE(outputs.size(), 25); // one file per patient
    RawHttpClient storage(f.server().fileOrigin());
    int lines = 0;
    for (const QJsonValue &v : outputs) {
        const QByteArray url = v.toObject().value(QLatin1String("url")).toString().toUtf8();
        QVERIFY(url.contains("/bulk-export/files/"));
        QCOMPARE(f.probe().fetch(url).status, 401);
        const RawResponse redirect = f.probe().fetch(url, auth);
        QCOMPARE(redirect.status, 307);
        const QByteArray location = redirect.header("Location");
        QVERIFY(location.startsWith(f.server().fileOrigin().toString().toUtf8()));
        // Forwarding the token to storage is exactly what S3 refuses.
        const RawResponse refused = storage.get(RawHttpClient::target(location), auth);
        QCOMPARE(refused.status, 400);
        QVERIFY(refused.body.contains("Only one auth mechanism allowed"));
        const QList<QJsonObject> file = ExportProbe::lines(storage.get(RawHttpClient::target(location)).body);
        QCOMPARE(file.size(), v.toObject().value(QLatin1String("count")).toInt());
        QVERIFY(file.size() <= 200);
        QSet<QString> subjects;
        for (const QJsonObject &r : file) {
            subjects.insert(r.value(QLatin1String("subject")).toObject().value(QLatin1String("reference")).toString());
        }
        QCOMPARE(subjects.size(), 1);
        lines += file.size();
    }
    QCOMPARE(lines, f.truthCount(status, "Observation"));
}

void TstSandboxPersonasCloud::msRetryAfterInMilliseconds()
{
    SandboxConfig config = persona("ms-retry-after");
    config.polls = 3;
    config.retryAfterSeconds = 5;
    QVERIFY(f.start(config));
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const QByteArray status = f.probe().kickoff("/fhir/Group/demo/$export?_type=Patient");
    QList<QByteArray> progress;
    for (int i = 0; i < 3; ++i) {
        const RawResponse r = f.http().get(RawHttpClient::target(status));
        QCOMPARE(r.status, 202);
        QCOMPARE(r.header("Retry-After"), QByteArray("5000"));
        QVERIFY(r.body.isEmpty());
        progress.append(r.header("X-Progress"));
    }
    QCOMPARE(progress, (QList<QByteArray>{"scheduled", "started", "completed"}));
    const RawResponse done = f.http().get(RawHttpClient::target(status));
    QCOMPARE(done.status, 200);
    const QString tx = done.json().object().value(QLatin1String("transactionTime")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$")).match(tx).hasMatch(),
             qPrintable(tx));
    QVERIFY(QDateTime::fromString(tx, Qt::ISODate) >= before);
    const RawResponse unknown = f.http().get("/fhir/_jobs/does-not-exist");
    QCOMPARE(unknown.status, 404);
    QVERIFY2(issue(unknown).startsWith(QLatin1String("forbidden:")) &&
                 issue(unknown).contains(QLatin1String("not available")),
             qPrintable(issue(unknown)));
    RawResponse r;
    f.probe().kickoff("/fhir/$export", {}, &r);
    QCOMPARE(r.status, 404); // Group exports only
}

void TstSandboxPersonasCloud::msOnlyTheOwnerSeesTheJob()
{
    SandboxConfig config = persona("ms-retry-after");
    config.auth = SandboxConfig::AuthMode::ClientSecret;
    config.clients.append(SandboxFixture::client("alice", {}, {"system/*.read"}, "a-secret"));
    config.clients.append(SandboxFixture::client("bob", {}, {"system/*.read"}, "b-secret"));
    QVERIFY(f.start(config));
    const HeaderList alice{{"Authorization", f.secretBearer("alice", "a-secret")}};
    const HeaderList bob{{"Authorization", f.secretBearer("bob", "b-secret")}};
    const QByteArray status = f.probe().kickoff("/fhir/Group/demo/$export?_type=Patient", alice);
    const RawResponse manifest = f.probe().pollUntilDone(status, alice);
    QCOMPARE(manifest.status, 200);
    const QByteArray url = ExportProbe::outputs(manifest)[0].toObject().value(QLatin1String("url")).toString().toUtf8();
    const RawResponse foreignPoll = f.http().get(RawHttpClient::target(status), bob);
    QCOMPARE(foreignPoll.status, 404);
    QVERIFY(issue(foreignPoll).startsWith(QLatin1String("forbidden:")));
    QCOMPARE(f.probe().fetch(url, bob).status, 404);
    QCOMPARE(f.http().request("DELETE", RawHttpClient::target(status), bob).status, 404);
    QCOMPARE(f.probe().fetch(url, alice).status, 200);
    QCOMPARE(f.http().request("DELETE", RawHttpClient::target(status), alice).status, 202);
    QCOMPARE(f.http().get(RawHttpClient::target(status), alice).status, 404);
}

void TstSandboxPersonasCloud::msScopesRejectKickoff()
{
    SandboxConfig config = persona("ms-retry-after");
    config.auth = SandboxConfig::AuthMode::ClientSecret;
    config.clients.append(SandboxFixture::client("narrow", {}, {"system/Patient.read"}, "n-secret"));
    QVERIFY(f.start(config));
    const HeaderList auth{{"Authorization", f.secretBearer("narrow", "n-secret", "system/Patient.read")}};
    RawResponse r;
    f.probe().kickoff("/fhir/Group/demo/$export?_type=Patient,Condition", auth, &r);
    QCOMPARE(r.status, 403);
    const QByteArray status = f.probe().kickoff("/fhir/Group/demo/$export", auth);
    QCOMPARE(f.truthTypes(status).keys(), QStringList{QStringLiteral("Patient")});
}

void TstSandboxPersonasCloud::msJobsExpireAfterSevenDays()
{
    SandboxConfig config = persona("ms-retry-after");
    config.timeScale = 0.0000005; // seven days in ~300 ms
    QVERIFY(f.start(config));
    const QByteArray status = f.probe().kickoff("/fhir/Group/demo/$export?_type=Patient");
    QCOMPARE(f.probe().pollUntilDone(status).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(f.http().get(RawHttpClient::target(status)).status, 404, 5000);
    QVERIFY(issue(f.http().get(RawHttpClient::target(status))).contains(QLatin1String("not available")));
}

void TstSandboxPersonasCloud::veradigmMinutesAndPercent()
{
    SandboxConfig config = persona("veradigm");
    config.polls = 2;
    config.retryAfterSeconds = 90;
    QVERIFY(f.start(config));
    const QByteArray status = f.probe().kickoff("/fhir/Group/demo/$export?_type=Patient");
    RawResponse r = f.http().get(RawHttpClient::target(status));
    QCOMPARE(r.header("Retry-After"), QByteArray("2")); // minutes: 90 s rounds up to 2
    QCOMPARE(r.header("X-Progress"), QByteArray("33%"));
    r = f.http().get(RawHttpClient::target(status));
    QCOMPARE(r.header("X-Progress"), QByteArray("66%"));
    QCOMPARE(f.http().get(RawHttpClient::target(status)).status, 200);
    config.retryAfterSeconds.reset();
    QVERIFY(f.start(config));
    QCOMPARE(f.http().get(RawHttpClient::target(f.probe().kickoff("/fhir/Group/demo/$export"))).header("Retry-After"),
             QByteArray("1"));
}

void TstSandboxPersonasCloud::veradigmTypesAndProvenance()
{
    QVERIFY(f.start(persona("veradigm")));
    RawResponse r;
    f.probe().kickoff("/fhir/Group/demo/$export?_type=Coverage", {}, &r);
    QCOMPARE(r.status, 400);
    QVERIFY(!f.probe().kickoff("/fhir/Group/demo/$export?_type=CarePlan,Goal").isEmpty());
    const QByteArray all = f.probe().kickoff("/fhir/Group/demo/$export");
    QCOMPARE(f.truthCount(all, "Provenance"), 25);
    const QByteArray without = f.probe().kickoff("/fhir/Group/demo/$export?_type=Patient,Condition");
    QVERIFY(!f.truthTypes(without).contains(QLatin1String("Provenance")));
    const QByteArray with = f.probe().kickoff("/fhir/Group/demo/$export?_type=Patient,Provenance");
    QCOMPARE(f.truthCount(with, "Provenance"), 25);
    const RawResponse manifest = f.probe().pollUntilDone(with);
    for (const QJsonValue &v : ExportProbe::outputs(manifest)) {
        if (v.toObject().value(QLatin1String("type")).toString() == QLatin1String("Provenance")) {
            const QJsonObject p =
                ExportProbe::lines(f.probe().fetch(v.toObject().value(QLatin1String("url")).toString().toUtf8()).body)
                    .first();
            QVERIFY(p.value(QLatin1String("target"))
                        .toArray()[0]
                        .toObject()
                        .value(QLatin1String("reference"))
                        .toString()
                        .startsWith(QLatin1String("Patient/")));
        }
    }
}

void TstSandboxPersonasCloud::veradigmUnderReportsAuthMethods()
{
    JwtSigner signer(JwtSigner::Alg::RS384, "v-key");
    SandboxConfig config = persona("veradigm");
    config.auth = SandboxConfig::AuthMode::Smart;
    config.clients.append(SandboxFixture::client("veradigm-app", signer.jwks()));
    QVERIFY(f.start(config));
    const QJsonObject smart = f.http().get("/fhir/.well-known/smart-configuration").json().object();
    QCOMPARE(smart.value(QLatin1String("token_endpoint_auth_methods_supported")).toArray(), QJsonArray{});
    QVERIFY(!f.smartBearer(signer, "veradigm-app").isEmpty()); // private_key_jwt works all the same
    config.auth = SandboxConfig::AuthMode::ClientSecret;
    QString error;
    QVERIFY(!f.start(config, &error));
    QVERIFY2(error.contains(QLatin1String("JWKS")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TstSandboxPersonasCloud)
#include "tst_sandbox_personas_cloud.moc"
