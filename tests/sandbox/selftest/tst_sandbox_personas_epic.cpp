// The Epic personas: Epic direct (epic) and the InteropiO Epic R4 Gateway (epic-interopio), as their
// documentation and the research notes describe them, awkward parts included.
#include "selftest/sandboxfixture.h"

#include <QJsonArray>
#include <QTest>

namespace {

SandboxConfig persona(const char *name)
{
    SandboxConfig config;
    config.persona = name;
    config.polls = 0;
    config.jobSeconds = 0;
    return config;
}

QString diagnostics(const RawResponse &r)
{
    return r.json()
        .object()
        .value(QLatin1String("issue"))
        .toArray()[0]
        .toObject()
        .value(QLatin1String("diagnostics"))
        .toString();
}

} // namespace

class TstSandboxPersonasEpic : public QObject
{
    Q_OBJECT
private slots:
    void epicDataLacksLastUpdatedAndHasLongIds();
    void epicIgnoresSince();
    void epicTypeFilterCommasMustBeEscaped();
    void epicOneKickoffPerWindow();
    void epicWindowElapses();
    void epicClientIdHeader();
    void epicUnsupportedObservationCategoryFails();
    void interopioOnlyResourceLevels();
    void interopioStagedPatients();
    void interopioPractitionersAndLocations();
    void interopioMissingIdentifierFile();
    void interopioGrowingRetryAfterAndProgress();
    void interopioDeleteThenError();

private:
    SandboxFixture f;
};

void TstSandboxPersonasEpic::epicDataLacksLastUpdatedAndHasLongIds()
{
    QVERIFY(f.start(persona("epic")));
    QCOMPARE(f.http()
                 .get("/fhir/metadata")
                 .json()
                 .object()
                 .value(QLatin1String("software"))
                 .toObject()
                 .value(QLatin1String("name"))
                 .toString(),
             QStringLiteral("Epic"));
    const RawResponse manifest =
        f.probe().pollUntilDone(f.probe().kickoff("/fhir/Group/all/$export?_type=Patient,Condition"));
    int longIds = 0;
    int total = 0;
    for (const QJsonValue &v : ExportProbe::outputs(manifest)) {
        for (const QJsonObject &r :
             ExportProbe::lines(f.probe().fetch(v.toObject().value(QLatin1String("url")).toString().toUtf8()).body)) {
            QVERIFY(!r.contains(QLatin1String("meta")));
            longIds += r.value(QLatin1String("id")).toString().size() > 64 ? 1 : 0;
            ++total;
        }
    }
    QVERIFY2(longIds > 0 && longIds < total, qPrintable(QStringLiteral("%1 of %2").arg(longIds).arg(total)));
}

void TstSandboxPersonasEpic::epicIgnoresSince()
{
    SandboxConfig config = persona("epic");
    config.epicWindowSeconds = 0;
    QVERIFY(f.start(config));
    const QByteArray all = f.probe().kickoff("/fhir/Group/demo/$export?_type=Observation");
    const QByteArray since =
        f.probe().kickoff("/fhir/Group/demo/$export?_type=Observation&_since=2022-01-01T00:00:00Z");
    QCOMPARE(f.truthTypes(since), f.truthTypes(all));
    QVERIFY(!f.probe().pollUntilDone(since).json().object().value(QLatin1String("deleted")).toArray().size());
}

void TstSandboxPersonasEpic::epicTypeFilterCommasMustBeEscaped()
{
    SandboxConfig config = persona("epic");
    config.epicWindowSeconds = 0;
    QVERIFY(f.start(config));
    RawResponse r;
    f.probe().kickoff(
        "/fhir/Group/demo/$export?_type=Observation&_typeFilter=Observation?category=laboratory,vital-signs", {}, &r);
    QCOMPARE(r.status, 400);
    QVERIFY2(diagnostics(r).contains(QLatin1String("unescaped comma")), qPrintable(diagnostics(r)));
    const QByteArray percent = f.probe().kickoff(
        "/fhir/Group/demo/$export?_type=Observation&_typeFilter=Observation?category=laboratory%2Cvital-signs");
    const QByteArray backslash = f.probe().kickoff(
        "/fhir/Group/demo/$export?_type=Observation&_typeFilter=Observation?category=laboratory%5C,vital-signs");
    QVERIFY(!percent.isEmpty() && !backslash.isEmpty());
    QCOMPARE(f.truthTypes(backslash), f.truthTypes(percent));
    // A raw comma between two whole filters is the list separator, not part of a value.
    QVERIFY(!f.probe()
                 .kickoff("/fhir/Group/demo/$export?_type=Observation,Condition&_typeFilter="
                          "Observation?category=laboratory,Condition?clinical-status=active")
                 .isEmpty());
    // The standard persona reads the same raw comma as a continuation of the value.
    QVERIFY(f.start(persona("standard")));
    QVERIFY(
        !f.probe()
             .kickoff(
                 "/fhir/Group/demo/$export?_type=Observation&_typeFilter=Observation?category=laboratory,vital-signs")
             .isEmpty());
}

void TstSandboxPersonasEpic::epicOneKickoffPerWindow()
{
    QVERIFY(f.start(persona("epic")));
    const QByteArray first = f.probe().kickoff("/fhir/Group/demo/$export");
    QVERIFY(!first.isEmpty());
    RawResponse r;
    QVERIFY(f.probe().kickoff("/fhir/Group/demo/$export?_type=Patient", {}, &r).isEmpty());
    QCOMPARE(r.status, 403);
    QCOMPARE(diagnostics(r), QStringLiteral("Error processing Bulk Data Kickoff request: Request not allowed: The "
                                            "Client requested this Group too recently."));
    QVERIFY(!f.probe().kickoff("/fhir/Group/all/$export").isEmpty()); // another group is fine
    QCOMPARE(f.http().request("DELETE", RawHttpClient::target(first)).status, 202);
    f.probe().kickoff("/fhir/Group/demo/$export", {}, &r); // DELETE does not reset Epic's window
    QCOMPARE(r.status, 403);
    SandboxConfig config = persona("epic");
    config.epicWindowSeconds = 0;
    QVERIFY(f.start(config));
    QVERIFY(!f.probe().kickoff("/fhir/Group/demo/$export").isEmpty());
    QVERIFY(!f.probe().kickoff("/fhir/Group/demo/$export").isEmpty());
}

void TstSandboxPersonasEpic::epicWindowElapses()
{
    SandboxConfig config = persona("epic");
    config.epicWindowSeconds = 86400;
    config.timeScale = 0.000002; // a day in ~170 ms
    QVERIFY(f.start(config));
    QVERIFY(!f.probe().kickoff("/fhir/Group/demo/$export").isEmpty());
    // QTRY evaluates its condition once more at the end: remember the first success instead of kicking off again.
    bool accepted = false;
    QTRY_VERIFY_WITH_TIMEOUT(accepted || (accepted = !f.probe().kickoff("/fhir/Group/demo/$export").isEmpty()), 5000);
}

void TstSandboxPersonasEpic::epicClientIdHeader()
{
    JwtSigner signer(JwtSigner::Alg::RS384, "epic-key");
    SandboxConfig config = persona("epic");
    config.auth = SandboxConfig::AuthMode::Smart;
    config.epicWindowSeconds = 0;
    config.clients.append(SandboxFixture::client("epic-app", signer.jwks()));
    QVERIFY(f.start(config));
    const QByteArray bearer = f.smartBearer(signer, "epic-app");
    QVERIFY(!bearer.isEmpty());
    RawResponse r;
    f.probe().kickoff("/fhir/Group/demo/$export", {{"Authorization", bearer}}, &r);
    QCOMPARE(r.status, 403);
    QVERIFY(diagnostics(r).contains(QLatin1String("Epic-Client-ID")));
    f.probe().kickoff("/fhir/Group/demo/$export", {{"Authorization", bearer}, {"Epic-Client-ID", "other"}}, &r);
    QCOMPARE(r.status, 403);
    const QByteArray status =
        f.probe().kickoff("/fhir/Group/demo/$export", {{"Authorization", bearer}, {"Epic-Client-ID", "epic-app"}});
    QVERIFY(!status.isEmpty());
    QCOMPARE(f.http().get(RawHttpClient::target(status), {{"Authorization", bearer}}).status, 403);
}

void TstSandboxPersonasEpic::epicUnsupportedObservationCategoryFails()
{
    QVERIFY(f.start(persona("epic")));
    const QByteArray status =
        f.probe().kickoff("/fhir/Group/demo/$export?_type=Observation&_typeFilter=Observation%3Fcategory%3Dtherapy");
    const RawResponse r = f.probe().pollUntilDone(status);
    QCOMPARE(r.status, 500);
    QVERIFY(diagnostics(r).contains(QLatin1String("therapy")));
}

void TstSandboxPersonasEpic::interopioOnlyResourceLevels()
{
    QVERIFY(f.start(persona("epic-interopio")));
    RawResponse r;
    for (const char *target : {"/fhir/$export", "/fhir/Group/demo/$export", "/fhir/Observation/$export"}) {
        f.probe().kickoff(target, {}, &r);
        QCOMPARE(r.status, 404);
    }
    QCOMPARE(f.http().get("/fhir/Patient/$export").status, 400); // Prefer: respond-async is required
}

void TstSandboxPersonasEpic::interopioStagedPatients()
{
    SandboxConfig config = persona("epic-interopio");
    config.patients = 250;
    QVERIFY(f.start(config));
    // Default staging: the demo cohort plus two ids Epic does not know.
    QByteArray status = f.probe().kickoff("/fhir/Patient/$export");
    QCOMPARE(f.truthTypes(status).keys(), QStringList{QStringLiteral("Patient")});
    QCOMPARE(f.truthCount(status, "Patient"), 25);
    RawResponse manifest = f.probe().pollUntilDone(status);
    const QJsonArray errors = manifest.json().object().value(QLatin1String("error")).toArray();
    QCOMPARE(errors.size(), 1);
    const QByteArray errorFile =
        f.probe().fetch(errors[0].toObject().value(QLatin1String("url")).toString().toUtf8()).body;
    QCOMPARE(ExportProbe::lines(errorFile).size(), 2);
    QVERIFY(errorFile.contains("e00000-missing-1"));
    // Every id staged: 250 patients in files of at most 100.
    config.stagedDefaults = false;
    config.staged.insert("Patient", {"*"});
    QVERIFY(f.start(config));
    manifest = f.probe().pollUntilDone(f.probe().kickoff("/fhir/Patient/$export"));
    QList<int> counts;
    for (const QJsonValue &v : ExportProbe::outputs(manifest)) {
        counts.append(v.toObject().value(QLatin1String("count")).toInt());
    }
    QCOMPARE(counts, (QList<int>{100, 100, 50}));
}

void TstSandboxPersonasEpic::interopioPractitionersAndLocations()
{
    SandboxConfig config = persona("epic-interopio");
    config.stagedDefaults = false;
    config.staged.insert("Practitioner", {"*"});
    config.staged.insert("Location", {"loc-nope-0"});
    QVERIFY(f.start(config));
    const QByteArray practitioners = f.probe().kickoff("/fhir/Practitioner/$export");
    QCOMPARE(f.truthTypes(practitioners).keys(), QStringList{QStringLiteral("Practitioner")});
    QCOMPARE(f.truthCount(practitioners, "Practitioner"), 3);
    const QByteArray locations = f.probe().kickoff("/fhir/Location/$export");
    QVERIFY(f.truthTypes(locations).isEmpty());
    QCOMPARE(f.server().truth(ExportProbe::jobId(locations)).value(QLatin1String("errorLines")).toInt(), 1);
}

void TstSandboxPersonasEpic::interopioMissingIdentifierFile()
{
    SandboxConfig config = persona("epic-interopio");
    config.stagedDefaults = false;
    config.staged.insert("Practitioner", {"*"});
    QVERIFY(f.start(config));
    const RawResponse r = f.probe().pollUntilDone(f.probe().kickoff("/fhir/Patient/$export"));
    QCOMPARE(r.status, 500);
    QCOMPARE(r.json().object().value(QLatin1String("resourceType")).toString(), QStringLiteral("OperationOutcome"));
    QVERIFY(diagnostics(r).contains(QLatin1String("Patient/Patient.csv")));
}

void TstSandboxPersonasEpic::interopioGrowingRetryAfterAndProgress()
{
    SandboxConfig config = persona("epic-interopio");
    config.polls = 4;
    config.retryAfterSeconds = 5;
    QVERIFY(f.start(config));
    const QByteArray status = f.probe().kickoff("/fhir/Patient/$export");
    QList<QByteArray> retryAfter;
    QList<QByteArray> progress;
    for (int i = 0; i < 4; ++i) {
        const RawResponse r = f.http().get(RawHttpClient::target(status));
        QCOMPARE(r.status, 202);
        retryAfter.append(r.header("Retry-After"));
        progress.append(r.header("X-Progress"));
    }
    QCOMPARE(retryAfter, (QList<QByteArray>{"5", "10", "15", "20"}));
    QCOMPARE(progress, (QList<QByteArray>{"5 of 27 ids processed", "10 of 27 ids processed", "16 of 27 ids processed",
                                          "21 of 27 ids processed"}));
    const RawResponse done = f.http().get(RawHttpClient::target(status));
    QCOMPARE(done.status, 200);
    QVERIFY(!done.header("Expires").isEmpty());
}

void TstSandboxPersonasEpic::interopioDeleteThenError()
{
    SandboxConfig config = persona("epic-interopio");
    config.polls = 3;
    QVERIFY(f.start(config));
    const QByteArray status = f.probe().kickoff("/fhir/Patient/$export");
    QCOMPARE(f.http().request("DELETE", RawHttpClient::target(status)).status, 202);
    const RawResponse r = f.http().get(RawHttpClient::target(status));
    QCOMPARE(r.status, 500);
    QVERIFY(diagnostics(r).contains(QLatin1String("cancelled")));
}

QTEST_GUILESS_MAIN(TstSandboxPersonasEpic)
#include "tst_sandbox_personas_epic.moc"
