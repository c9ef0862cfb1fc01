// The synthetic data: deterministic per seed, valid FHIR-shaped JSON, exactly what /__truth says, padded to
// --resource-bytes, groups as configured.
#include "selftest/exportprobe.h"
#include "selftest/rawhttpclient.h"
#include "server/sandboxserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>
#include <QTimeZone>
#include <QTest>

namespace {

struct Export
{
    QByteArray statusUrl;
    RawResponse manifest;
    QMap<QString, QList<QJsonObject>> byType; // every resource downloaded, by manifest type
    QByteArray allBytes;                      // all output files concatenated in manifest order
};

SandboxConfig quickConfig(quint64 seed = 1, quint32 patients = 80)
{
    SandboxConfig config;
    config.seed = seed;
    config.patients = patients;
    config.polls = 0;
    config.quiet = true;
    return config;
}

Export runExport(SandboxServer &server, const QByteArray &target)
{
    RawHttpClient http(server.fhirBase());
    ExportProbe probe(http);
    Export e;
    e.statusUrl = probe.kickoff(target);
    e.manifest = probe.pollUntilDone(e.statusUrl);
    for (const QJsonValue &v : ExportProbe::outputs(e.manifest)) {
        const QJsonObject entry = v.toObject();
        const RawResponse file = probe.fetch(entry.value(QLatin1String("url")).toString().toUtf8());
        e.allBytes += file.body;
        e.byType[entry.value(QLatin1String("type")).toString()] += ExportProbe::lines(file.body);
    }
    return e;
}

} // namespace

class TstSandboxData : public QObject
{
    Q_OBJECT
private slots:
    void sameSeedSameBytes();
    void otherSeedOtherBytes();
    void filesMatchTruthExactly();
    void resourcesAreWellFormed();
    void referencesResolveToExportedPatients();
    void countsVaryPerPatient();
    void documentReferenceCarriesText();
    void resourceBytesPadsLines();
    void groupsAreDeterministicSubsets();
    void groupEndpoints();
    void resourcesPerFileSplits();
};

void TstSandboxData::sameSeedSameBytes()
{
    SandboxServer a(quickConfig(7));
    SandboxServer b(quickConfig(7));
    QVERIFY(a.listen());
    QVERIFY(b.listen());
    const Export ea = runExport(a, "/fhir/Group/demo/$export");
    const Export eb = runExport(b, "/fhir/Group/demo/$export");
    QVERIFY(ea.allBytes.size() > 10000);
    QCOMPARE(ea.allBytes, eb.allBytes);
}

void TstSandboxData::otherSeedOtherBytes()
{
    SandboxServer a(quickConfig(7));
    SandboxServer b(quickConfig(8));
    QVERIFY(a.listen());
    QVERIFY(b.listen());
    QVERIFY(runExport(a, "/fhir/$export?_type=Patient").allBytes !=
            runExport(b, "/fhir/$export?_type=Patient").allBytes);
}

void TstSandboxData::filesMatchTruthExactly()
{
    SandboxServer server(quickConfig());
    QVERIFY(server.listen());
    const Export e = runExport(server, "/fhir/$export");
    const QJsonObject truth = server.truth(ExportProbe::jobId(e.statusUrl));
    const QJsonObject types = truth.value(QLatin1String("types")).toObject();
    QCOMPARE(types.keys().size(), 13); // every standard type on a system export
    qint64 total = 0;
    for (auto it = types.begin(); it != types.end(); ++it) {
        QStringList expected;
        for (const QJsonValue &id : it.value().toObject().value(QLatin1String("ids")).toArray()) {
            expected.append(id.toString());
        }
        QStringList got;
        for (const QJsonObject &r : e.byType.value(it.key())) {
            QCOMPARE(r.value(QLatin1String("resourceType")).toString(), it.key());
            got.append(r.value(QLatin1String("id")).toString());
        }
        got.sort();
        QCOMPARE(got, expected);
        QCOMPARE(it.value().toObject().value(QLatin1String("count")).toInt(), expected.size());
        total += expected.size();
    }
    qint64 manifestTotal = 0;
    for (const QJsonValue &v : ExportProbe::outputs(e.manifest)) {
        manifestTotal += v.toObject().value(QLatin1String("count")).toInteger();
    }
    QCOMPARE(manifestTotal, total);
    QCOMPARE(truth.value(QLatin1String("transactionTime")).toString(),
             e.manifest.json().object().value(QLatin1String("transactionTime")).toString());
}

void TstSandboxData::resourcesAreWellFormed()
{
    SandboxServer server(quickConfig());
    QVERIFY(server.listen());
    const Export e = runExport(server, "/fhir/$export");
    QSet<QString> ids;
    const QDateTime first(QDate(2015, 1, 1), QTime(0, 0), QTimeZone::utc());
    const QDateTime last(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc());
    for (auto it = e.byType.begin(); it != e.byType.end(); ++it) {
        for (const QJsonObject &r : it.value()) {
            const QString key = it.key() + QLatin1Char('/') + r.value(QLatin1String("id")).toString();
            QVERIFY2(!ids.contains(key), qPrintable(key));
            ids.insert(key);
            const QDateTime updated = QDateTime::fromString(
                r.value(QLatin1String("meta")).toObject().value(QLatin1String("lastUpdated")).toString(), Qt::ISODate);
            QVERIFY2(updated.isValid() && updated >= first && updated < last, qPrintable(key));
        }
    }
    const QJsonObject obs = e.byType.value(QStringLiteral("Observation")).first();
    QCOMPARE(obs.value(QLatin1String("code"))
                 .toObject()
                 .value(QLatin1String("coding"))
                 .toArray()[0]
                 .toObject()
                 .value(QLatin1String("system")),
             QJsonValue(QStringLiteral("http://loinc.org")));
    const QJsonObject cond = e.byType.value(QStringLiteral("Condition")).first();
    QCOMPARE(cond.value(QLatin1String("code"))
                 .toObject()
                 .value(QLatin1String("coding"))
                 .toArray()[0]
                 .toObject()
                 .value(QLatin1String("system")),
             QJsonValue(QStringLiteral("http://snomed.info/sct")));
    const QJsonObject patient = e.byType.value(QStringLiteral("Patient")).first();
    QVERIFY(!patient.value(QLatin1String("name")).toArray().isEmpty());
    QVERIFY(QDate::fromString(patient.value(QLatin1String("birthDate")).toString(), Qt::ISODate).isValid());
}

void TstSandboxData::referencesResolveToExportedPatients()
{
    SandboxServer server(quickConfig());
    QVERIFY(server.listen());
    const Export e = runExport(server, "/fhir/Group/demo/$export");
    QSet<QString> patients;
    for (const QJsonObject &p : e.byType.value(QStringLiteral("Patient"))) {
        patients.insert(QStringLiteral("Patient/") + p.value(QLatin1String("id")).toString());
    }
    QCOMPARE(patients.size(), 25);
    int checked = 0;
    for (auto it = e.byType.begin(); it != e.byType.end(); ++it) {
        for (const QJsonObject &r : it.value()) {
            for (const char *field : {"subject", "patient"}) {
                const QString ref =
                    r.value(QLatin1String(field)).toObject().value(QLatin1String("reference")).toString();
                if (!ref.isEmpty()) {
                    QVERIFY2(patients.contains(ref), qPrintable(ref));
                    ++checked;
                }
            }
        }
    }
    QVERIFY(checked > 100);
}

void TstSandboxData::countsVaryPerPatient()
{
    SandboxServer server(quickConfig());
    QVERIFY(server.listen());
    const Export e = runExport(server, "/fhir/$export?_type=Observation");
    QMap<QString, int> perPatient;
    for (const QJsonObject &r : e.byType.value(QStringLiteral("Observation"))) {
        ++perPatient[r.value(QLatin1String("subject")).toObject().value(QLatin1String("reference")).toString()];
    }
    QList<int> counts = perPatient.values();
    std::sort(counts.begin(), counts.end());
    QVERIFY(counts.first() < counts.last());
    QSet<QString> categories;
    for (const QJsonObject &r : e.byType.value(QStringLiteral("Observation"))) {
        categories.insert(r.value(QLatin1String("category"))
                              .toArray()[0]
                              .toObject()
                              .value(QLatin1String("coding"))
                              .toArray()[0]
                              .toObject()
                              .value(QLatin1String("code"))
                              .toString());
    }
    QVERIFY(categories.contains(QStringLiteral("vital-signs")) && categories.contains(QStringLiteral("laboratory")));
}

void TstSandboxData::documentReferenceCarriesText()
{
    SandboxServer server(quickConfig());
    QVERIFY(server.listen());
    const Export e = runExport(server, "/fhir/$export?_type=DocumentReference");
    const QList<QJsonObject> docs = e.byType.value(QStringLiteral("DocumentReference"));
    QVERIFY(!docs.isEmpty());
    const QJsonObject attachment = docs.first()
                                       .value(QLatin1String("content"))
                                       .toArray()[0]
                                       .toObject()
                                       .value(QLatin1String("attachment"))
                                       .toObject();
    QVERIFY(attachment.value(QLatin1String("contentType")).toString().startsWith(QLatin1String("text/plain")));
    const QByteArray text = QByteArray::fromBase64(attachment.value(QLatin1String("data")).toString().toLatin1());
    QVERIFY2(text.contains("patient seen for follow-up"), text.constData());
}

void TstSandboxData::resourceBytesPadsLines()
{
    SandboxConfig config = quickConfig();
    config.resourceBytes = 4000;
    SandboxServer server(config);
    QVERIFY(server.listen());
    const Export e = runExport(server, "/fhir/Group/demo/$export?_type=Patient,Observation");
    const QList<QByteArray> lines = e.allBytes.split('\n');
    QVERIFY(lines.size() > 100);
    for (const QByteArray &line : lines) {
        if (!line.isEmpty()) {
            QCOMPARE(line.size(), 4000);
        }
    }
    const QJsonObject patient = e.byType.value(QStringLiteral("Patient")).first();
    QCOMPARE(patient.value(QLatin1String("text")).toObject().value(QLatin1String("status")).toString(),
             QStringLiteral("generated"));
}

void TstSandboxData::groupsAreDeterministicSubsets()
{
    SandboxConfig config = quickConfig(3, 500);
    config.groups.append({"cohort", 40});
    SandboxServer a(config);
    SandboxServer b(config);
    QVERIFY(a.listen());
    QVERIFY(b.listen());
    RawHttpClient ha(a.fhirBase());
    RawHttpClient hb(b.fhirBase());
    const QJsonObject ga = ha.get("/fhir/Group/cohort").json().object();
    QCOMPARE(ga.value(QLatin1String("quantity")).toInt(), 40);
    QCOMPARE(ga.value(QLatin1String("member")).toArray().size(), 40);
    QCOMPARE(ga, hb.get("/fhir/Group/cohort").json().object());
    QCOMPARE(ha.get("/fhir/Group/demo").json().object().value(QLatin1String("quantity")).toInt(), 25);
    QCOMPARE(ha.get("/fhir/Group/all").json().object().value(QLatin1String("quantity")).toInt(), 500);
    // Members are not simply the first N patients.
    const QString lastMember = ga.value(QLatin1String("member"))
                                   .toArray()
                                   .last()
                                   .toObject()
                                   .value(QLatin1String("entity"))
                                   .toObject()
                                   .value(QLatin1String("reference"))
                                   .toString();
    QVERIFY2(lastMember.section(QLatin1Char('-'), -1).toInt() > 40, qPrintable(lastMember));
}

void TstSandboxData::groupEndpoints()
{
    SandboxServer server(quickConfig());
    QVERIFY(server.listen());
    RawHttpClient http(server.fhirBase());
    const RawResponse search = http.get("/fhir/Group?name=dem&_count=10");
    QCOMPARE(search.status, 200);
    const QJsonObject bundle = search.json().object();
    QCOMPARE(bundle.value(QLatin1String("type")).toString(), QStringLiteral("searchset"));
    QCOMPARE(bundle.value(QLatin1String("entry")).toArray().size(), 1);
    QCOMPARE(http.get("/fhir/Group").json().object().value(QLatin1String("entry")).toArray().size(), 2);
    QCOMPARE(http.get("/fhir/Group/missing").status, 404);
}

void TstSandboxData::resourcesPerFileSplits()
{
    SandboxConfig config = quickConfig();
    config.resourcesPerFile = 100;
    SandboxServer server(config);
    QVERIFY(server.listen());
    const Export e = runExport(server, "/fhir/$export?_type=Observation");
    const QJsonArray outputs = ExportProbe::outputs(e.manifest);
    const qint64 total = e.byType.value(QStringLiteral("Observation")).size();
    QCOMPARE(outputs.size(), static_cast<int>((total + 99) / 100));
    for (int i = 0; i < outputs.size() - 1; ++i) {
        QCOMPARE(outputs[i].toObject().value(QLatin1String("count")).toInt(), 100);
    }
}

QTEST_GUILESS_MAIN(TstSandboxData)
#include "tst_sandbox_data.moc"
