// Kick-off of the standard persona (Bulk Data IG STU2 + STU3): levels, every parameter, its errors and
// handling=lenient, checked against /__truth and the downloaded files.
#include "selftest/exportprobe.h"
#include "selftest/rawhttpclient.h"
#include "selftest/sandboxfixture.h"
#include "server/sandboxserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>
#include <QTest>

namespace {

SandboxConfig quickConfig()
{
    SandboxConfig config;
    config.patients = 80;
    config.polls = 0;
    config.quiet = true;
    return config;
}

QString issueText(const RawResponse &r)
{
    const QJsonObject issue = r.json().object().value(QLatin1String("issue")).toArray()[0].toObject();
    return issue.value(QLatin1String("code")).toString() + QLatin1Char(':') +
           issue.value(QLatin1String("diagnostics")).toString();
}

} // namespace

class TstSandboxKickoff : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void kickoffLevels_data();
    void kickoffLevels();
    void kickoffErrors_data();
    void kickoffErrors();
    void lenientIgnoresAndReports();
    void typeCommaJoinedEqualsRepeated();
    void sinceUntilFilterAndDeleted();
    void elementsSubsets();
    void typeFilter();
    void postPatientParameter();

private:
    void start(const SandboxConfig &config);
    QJsonObject truthTypes(const QByteArray &statusUrl) const { return m_f.truthTypes(statusUrl); }

    SandboxFixture m_f;
};

void TstSandboxKickoff::start(const SandboxConfig &config)
{
    QString error;
    QVERIFY2(m_f.start(config, &error), qPrintable(error));
}

void TstSandboxKickoff::init()
{
    start(quickConfig());
}

void TstSandboxKickoff::kickoffLevels_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("patientCount");
    QTest::addColumn<bool>("hasPractitioners");
    QTest::newRow("system") << QByteArray("/fhir/$export") << 80 << true;
    QTest::newRow("patient") << QByteArray("/fhir/Patient/$export") << 80 << false;
    QTest::newRow("group") << QByteArray("/fhir/Group/demo/$export") << 25 << false;
    QTest::newRow("percent-encoded $") << QByteArray("/fhir/Group/all/%24export") << 80 << false;
    QTest::newRow("every accepted parameter")
        << QByteArray("/fhir/Group/demo/$export?_outputFormat=ndjson&includeAssociatedData=LatestProvenanceResources"
                      "&allowPartialManifests=false&_since=2015-01-01T00:00:00.000-05:00")
        << 25 << false;
    QTest::newRow("application/ndjson") << QByteArray("/fhir/$export?_outputFormat=application%2Fndjson") << 80 << true;
}

void TstSandboxKickoff::kickoffLevels()
{
    QFETCH(QByteArray, target);
    QFETCH(int, patientCount);
    QFETCH(bool, hasPractitioners);
    RawResponse r;
    const QByteArray status = m_f.probe().kickoff(target, {}, &r);
    QCOMPARE(r.status, 202);
    QVERIFY2(status.startsWith(QByteArray(m_f.server().fhirBase().toString().toUtf8() + "/_jobs/")),
             status.constData());
    const QJsonObject types = truthTypes(status);
    QCOMPARE(types.value(QLatin1String("Patient")).toObject().value(QLatin1String("count")).toInt(), patientCount);
    QCOMPARE(types.contains(QLatin1String("Practitioner")), hasPractitioners);
}

void TstSandboxKickoff::kickoffErrors_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<bool>("respondAsync");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("mention");
    QTest::newRow("no Prefer") << QByteArray("/fhir/$export") << false << 400 << QStringLiteral("respond-async");
    QTest::newRow("unknown parameter") << QByteArray("/fhir/$export?_foo=1") << true << 400 << QStringLiteral("_foo");
    QTest::newRow("organizeOutputBy") << QByteArray("/fhir/$export?organizeOutputBy=Patient") << true << 400
                                      << QStringLiteral("organizeOutputBy");
    QTest::newRow("unknown type") << QByteArray("/fhir/$export?_type=Patient,Spaceship") << true << 400
                                  << QStringLiteral("Spaceship");
    QTest::newRow("lower-case type") << QByteArray("/fhir/$export?_type=patient") << true << 400
                                     << QStringLiteral("patient");
    QTest::newRow("bad _since") << QByteArray("/fhir/$export?_since=2020-01-01") << true << 400
                                << QStringLiteral("_since");
    QTest::newRow("_since without offset")
        << QByteArray("/fhir/$export?_since=2020-01-01T00:00:00") << true << 400 << QStringLiteral("_since");
    QTest::newRow("bad _until") << QByteArray("/fhir/$export?_until=yesterday") << true << 400
                                << QStringLiteral("_until");
    QTest::newRow("bad format") << QByteArray("/fhir/$export?_outputFormat=text/csv") << true << 400
                                << QStringLiteral("_outputFormat");
    QTest::newRow("patient on GET") << QByteArray("/fhir/Group/demo/$export?patient=Patient/x") << true << 400
                                    << QStringLiteral("patient");
    QTest::newRow("bad _typeFilter") << QByteArray("/fhir/$export?_typeFilter=Observation%3Fcolor%3Dred") << true << 400
                                     << QStringLiteral("color");
    QTest::newRow("bad includeAssociatedData")
        << QByteArray("/fhir/$export?includeAssociatedData=Everything") << true << 400 << QStringLiteral("Everything");
    QTest::newRow("bad allowPartialManifests") << QByteArray("/fhir/$export?allowPartialManifests=maybe") << true << 400
                                               << QStringLiteral("allowPartialManifests");
    QTest::newRow("unknown group") << QByteArray("/fhir/Group/nope/$export") << true << 404 << QStringLiteral("nope");
}

void TstSandboxKickoff::kickoffErrors()
{
    QFETCH(QByteArray, target);
    QFETCH(bool, respondAsync);
    QFETCH(int, status);
    QFETCH(QString, mention);
    const RawResponse r = m_f.http().get(target, respondAsync ? ExportProbe::asyncHeaders() : HeaderList{});
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/fhir+json"));
    QCOMPARE(r.json().object().value(QLatin1String("resourceType")).toString(), QStringLiteral("OperationOutcome"));
    QVERIFY2(issueText(r).contains(mention), qPrintable(issueText(r)));
    QVERIFY(m_f.server().jobs().isEmpty());
}

void TstSandboxKickoff::lenientIgnoresAndReports()
{
    RawResponse r;
    const QByteArray status =
        m_f.probe().kickoff("/fhir/$export?_type=Patient,Spaceship&_foo=1", {{"Prefer", "handling=lenient"}}, &r);
    QCOMPARE(r.status, 202);
    QVERIFY(r.header("Preference-Applied").contains("handling=lenient"));
    const RawResponse manifest = m_f.probe().pollUntilDone(status);
    const QJsonArray errors = manifest.json().object().value(QLatin1String("error")).toArray();
    QCOMPARE(errors.size(), 1);
    const RawResponse file = m_f.probe().fetch(errors[0].toObject().value(QLatin1String("url")).toString().toUtf8());
    const QList<QJsonObject> outcomes = ExportProbe::lines(file.body);
    QCOMPARE(outcomes.size(), 2);
    QVERIFY(file.body.contains("Spaceship"));
    QVERIFY(file.body.contains("_foo"));
    QCOMPARE(outcomes[0].value(QLatin1String("resourceType")).toString(), QStringLiteral("OperationOutcome"));
    QCOMPARE(m_f.server().truth(ExportProbe::jobId(status)).value(QLatin1String("errorLines")).toInt(), 2);
    QCOMPARE(truthTypes(status).keys(), QStringList{QStringLiteral("Patient")});
}

void TstSandboxKickoff::typeCommaJoinedEqualsRepeated()
{
    const QByteArray joined = m_f.probe().kickoff("/fhir/$export?_type=Patient,Condition");
    const QByteArray repeated = m_f.probe().kickoff("/fhir/$export?_type=Patient&_type=Condition");
    QCOMPARE(truthTypes(joined), truthTypes(repeated));
    QCOMPARE(truthTypes(joined).keys(), (QStringList{QStringLiteral("Condition"), QStringLiteral("Patient")}));
}

void TstSandboxKickoff::sinceUntilFilterAndDeleted()
{
    const QByteArray all = m_f.probe().kickoff("/fhir/$export?_type=Observation,Condition");
    const QByteArray since =
        m_f.probe().kickoff("/fhir/$export?_type=Observation,Condition&_since=2020-01-01T00:00:00%2B02:00&"
                            "_until=2023-06-30T23:59:59Z");
    const int allCount =
        truthTypes(all).value(QLatin1String("Observation")).toObject().value(QLatin1String("count")).toInt();
    const int sinceCount =
        truthTypes(since).value(QLatin1String("Observation")).toObject().value(QLatin1String("count")).toInt();
    QVERIFY(sinceCount > 0 && sinceCount < allCount);
    const RawResponse manifest = m_f.probe().pollUntilDone(since);
    const QDateTime from = QDateTime::fromString(QStringLiteral("2019-12-31T22:00:00Z"), Qt::ISODate);
    const QDateTime to = QDateTime::fromString(QStringLiteral("2023-06-30T23:59:59Z"), Qt::ISODate);
    for (const QJsonValue &v : ExportProbe::outputs(manifest)) {
        for (const QJsonObject &r :
             ExportProbe::lines(m_f.probe().fetch(v.toObject().value(QLatin1String("url")).toString().toUtf8()).body)) {
            const QDateTime updated = QDateTime::fromString(
                r.value(QLatin1String("meta")).toObject().value(QLatin1String("lastUpdated")).toString(), Qt::ISODate);
            QVERIFY(updated > from && updated <= to);
        }
    }
    // deleted[]: Bundles of type transaction with DELETE entries, exactly the tombstones the truth lists.
    const QJsonArray deleted = manifest.json().object().value(QLatin1String("deleted")).toArray();
    QCOMPARE(deleted.size(), 1);
    QCOMPARE(deleted[0].toObject().value(QLatin1String("type")).toString(), QStringLiteral("Bundle"));
    QStringList urls;
    for (const QJsonObject &bundle : ExportProbe::lines(
             m_f.probe().fetch(deleted[0].toObject().value(QLatin1String("url")).toString().toUtf8()).body)) {
        QCOMPARE(bundle.value(QLatin1String("type")).toString(), QStringLiteral("transaction"));
        const QJsonObject request =
            bundle.value(QLatin1String("entry")).toArray()[0].toObject().value(QLatin1String("request")).toObject();
        QCOMPARE(request.value(QLatin1String("method")).toString(), QStringLiteral("DELETE"));
        urls.append(request.value(QLatin1String("url")).toString());
    }
    QStringList expected;
    const QJsonObject truthDeleted =
        m_f.server().truth(ExportProbe::jobId(since)).value(QLatin1String("deleted")).toObject();
    for (auto it = truthDeleted.begin(); it != truthDeleted.end(); ++it) {
        for (const QJsonValue &id : it.value().toArray()) {
            expected.append(it.key() + QLatin1Char('/') + id.toString());
        }
    }
    urls.sort();
    expected.sort();
    QVERIFY(!expected.isEmpty());
    QCOMPARE(urls, expected);
    QVERIFY(m_f.probe().pollUntilDone(all).json().object().value(QLatin1String("deleted")).isUndefined());
}

void TstSandboxKickoff::elementsSubsets()
{
    const QByteArray status =
        m_f.probe().kickoff("/fhir/$export?_type=Patient,Observation&_elements=gender,Observation.status");
    const RawResponse manifest = m_f.probe().pollUntilDone(status);
    for (const QJsonValue &v : ExportProbe::outputs(manifest)) {
        const QString type = v.toObject().value(QLatin1String("type")).toString();
        for (const QJsonObject &r :
             ExportProbe::lines(m_f.probe().fetch(v.toObject().value(QLatin1String("url")).toString().toUtf8()).body)) {
            QStringList keys = r.keys();
            keys.sort();
            const QStringList expected = type == QLatin1String("Patient")
                                             ? QStringList{QStringLiteral("gender"), QStringLiteral("id"),
                                                           QStringLiteral("meta"), QStringLiteral("resourceType")}
                                             : QStringList{QStringLiteral("id"), QStringLiteral("meta"),
                                                           QStringLiteral("resourceType"), QStringLiteral("status")};
            QCOMPARE(keys, expected);
            const QJsonArray tags = r.value(QLatin1String("meta")).toObject().value(QLatin1String("tag")).toArray();
            QCOMPARE(tags[0].toObject().value(QLatin1String("code")).toString(), QStringLiteral("SUBSETTED"));
        }
    }
}

void TstSandboxKickoff::typeFilter()
{
    const QByteArray labs = m_f.probe().kickoff("/fhir/$export?_type=Observation,Condition&_typeFilter="
                                                "Observation%3Fcategory%3Dlaboratory");
    const QByteArray labsOrVitals =
        m_f.probe().kickoff("/fhir/$export?_type=Observation&_typeFilter=Observation%3Fcategory%3Dlaboratory"
                            "&_typeFilter=Observation%3Fcategory%3Dvital-signs");
    const QByteArray joined =
        m_f.probe().kickoff("/fhir/$export?_type=Observation&_typeFilter=Observation%3Fcategory%3D"
                            "laboratory%2Cvital-signs");
    const QByteArray active =
        m_f.probe().kickoff("/fhir/$export?_type=Condition&_typeFilter=Condition%3Fclinical-status%3Dactive");
    const QByteArray all = m_f.probe().kickoff("/fhir/$export?_type=Observation,Condition");
    const auto count = [this](const QByteArray &s, const char *type) {
        return truthTypes(s).value(QLatin1String(type)).toObject().value(QLatin1String("count")).toInt();
    };
    QVERIFY(count(labs, "Observation") > 0);
    QVERIFY(count(labs, "Observation") < count(labsOrVitals, "Observation"));
    QVERIFY(count(labsOrVitals, "Observation") < count(all, "Observation"));
    QCOMPARE(count(joined, "Observation"), count(labsOrVitals, "Observation"));
    QCOMPARE(count(labs, "Condition"), count(all, "Condition")); // no filter for Condition
    QVERIFY(count(active, "Condition") > 0 && count(active, "Condition") < count(all, "Condition"));
    const RawResponse manifest = m_f.probe().pollUntilDone(labs);
    for (const QJsonValue &v : ExportProbe::outputs(manifest)) {
        if (v.toObject().value(QLatin1String("type")).toString() != QLatin1String("Observation")) {
            continue;
        }
        for (const QJsonObject &r :
             ExportProbe::lines(m_f.probe().fetch(v.toObject().value(QLatin1String("url")).toString().toUtf8()).body)) {
            QCOMPARE(r.value(QLatin1String("category"))
                         .toArray()[0]
                         .toObject()
                         .value(QLatin1String("coding"))
                         .toArray()[0]
                         .toObject()
                         .value(QLatin1String("code"))
                         .toString(),
                     QStringLiteral("laboratory"));
        }
    }
}

void TstSandboxKickoff::postPatientParameter()
{
    const QJsonObject group = m_f.http().get("/fhir/Group/demo").json().object();
    const QString member = group.value(QLatin1String("member"))
                               .toArray()[3]
                               .toObject()
                               .value(QLatin1String("entity"))
                               .toObject()
                               .value(QLatin1String("reference"))
                               .toString();
    const QByteArray body = ExportProbe::parametersBody(
        {{QStringLiteral("_type"), QStringLiteral("Patient,Condition")},
         {QStringLiteral("patient"), QJsonObject{{QLatin1String("reference"), member}}},
         {QStringLiteral("patient"), QJsonObject{{QLatin1String("reference"), QStringLiteral("Patient/ghost")}}}});
    RawResponse r;
    const QByteArray status = m_f.probe().kickoffPost("/fhir/Group/demo/$export", body, {}, &r);
    QCOMPARE(r.status, 202);
    const QJsonObject truth = m_f.server().truth(ExportProbe::jobId(status));
    const QJsonArray patients = truth.value(QLatin1String("types"))
                                    .toObject()
                                    .value(QLatin1String("Patient"))
                                    .toObject()
                                    .value(QLatin1String("ids"))
                                    .toArray();
    QCOMPARE(patients.size(), 1);
    QCOMPARE(QStringLiteral("Patient/") + patients[0].toString(), member);
    QCOMPARE(truth.value(QLatin1String("errorLines")).toInt(), 1);
    const RawResponse manifest = m_f.probe().pollUntilDone(status);
    const QJsonObject m = manifest.json().object();
    QCOMPARE(m.value(QLatin1String("request")).toString(),
             m_f.server().fhirBase().toString() + QStringLiteral("/Group/demo/$export"));
    const QByteArray errors =
        m_f.probe()
            .fetch(
                m.value(QLatin1String("error")).toArray()[0].toObject().value(QLatin1String("url")).toString().toUtf8())
            .body;
    QVERIFY(errors.contains("Patient/ghost was not found"));
    // The same parameters in a POST of the system level are refused: patient needs a Patient or Group export.
    QCOMPARE(m_f.http().request("POST", "/fhir/$export", ExportProbe::asyncHeaders(), body).status, 400);
}

QTEST_GUILESS_MAIN(TstSandboxKickoff)
#include "tst_sandbox_kickoff.moc"
