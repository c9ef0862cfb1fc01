#include "export/ndjsonverifier.h"
#include "export/qualityreport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

// The quality report is built from what verification gathered as the bytes arrived; these tests feed real
// NDJSON through NdjsonVerifier, keep its facts as the download queue does, and check the report.
class TestQualityReport : public QObject
{
    Q_OBJECT

private slots:
    void findsDuplicatesMissingLastUpdatedAndCountMismatches();
    void summarisesErrorFiles();
    void missingIdHashesAreReported();
    void writesReportJson();

private:
    void addFile(ExportRecord &r, ManifestEntry::Kind kind, const QString &type, const QByteArray &ndjson,
                 std::optional<qint64> count = std::nullopt);
    QString idFile() const
    {
        return m_dir.path() + QStringLiteral("/") + QString::fromLatin1(QTest::currentTestFunction()) +
               QStringLiteral(".ids");
    }
    QTemporaryDir m_dir;
};

void TestQualityReport::addFile(ExportRecord &r, ManifestEntry::Kind kind, const QString &type,
                                const QByteArray &ndjson, std::optional<qint64> count)
{
    NdjsonVerifier::Options options;
    options.expectedType = kind == ManifestEntry::Kind::Error ? QStringLiteral("OperationOutcome") : type;
    NdjsonVerifier verifier(options);
    QVERIFY(verifier.feed(ndjson));
    QVERIFY(verifier.finish());
    const NdjsonFacts &facts = verifier.facts();
    FileRecord f;
    f.index = static_cast<int>(r.files.size());
    f.kind = kind;
    f.type = type;
    f.count = count;
    f.state = FileRecord::State::Verified;
    f.lines = facts.resources;
    f.withoutLastUpdated = facts.withoutLastUpdated;
    f.idsLongerThan64 = facts.idsLongerThan64;
    f.outcomeCodes = facts.outcomeCodes;
    f.firstDiagnostics = facts.firstDiagnostics;
    QFile ids(idFile());
    QVERIFY(ids.open(QIODevice::WriteOnly | QIODevice::Append));
    const qint64 header[2] = {f.index, qint64(facts.idHashes.size())};
    ids.write(reinterpret_cast<const char *>(header), sizeof header);
    ids.write(reinterpret_cast<const char *>(facts.idHashes.data()), qint64(facts.idHashes.size() * sizeof(quint64)));
    r.files.append(f);
}

void TestQualityReport::findsDuplicatesMissingLastUpdatedAndCountMismatches()
{
    ExportRecord r;
    addFile(r, ManifestEntry::Kind::Output, QStringLiteral("Patient"),
            "{\"resourceType\":\"Patient\",\"id\":\"a\",\"meta\":{\"lastUpdated\":\"2024-01-01T00:00:00Z\"}}\n"
            "{\"resourceType\":\"Patient\",\"id\":\"b\"}\n",
            2);
    addFile(r, ManifestEntry::Kind::Output, QStringLiteral("Patient"),
            "{\"meta\":{\"versionId\":\"1\"},\"id\":\"a\",\"resourceType\":\"Patient\"}\n", 2);
    addFile(
        r, ManifestEntry::Kind::Output, QStringLiteral("Observation"),
        QByteArray("{\"resourceType\":\"Observation\",\"id\":\"") + QByteArray(70, 'x') +
            "\",\"meta\":{\"lastUpdated\":\"2024-01-01T00:00:00Z\"}}\n"
            "{\"resourceType\":\"Observation\",\"id\":\"a\",\"meta\":{\"lastUpdated\":\"2024-01-01T00:00:00Z\"}}\n");
    const QJsonObject report = QualityReport::analyse(r, idFile());
    QCOMPARE(report.value(QStringLiteral("resources")).toInteger(), 5);
    QCOMPARE(report.value(QStringLiteral("duplicateIds")).toInteger(), 1); // Patient/a twice; Observation/a is not
    QCOMPARE(report.value(QStringLiteral("withoutLastUpdated")).toInteger(), 2);
    QCOMPARE(report.value(QStringLiteral("idsLongerThan64")).toInteger(), 1);
    QCOMPARE(report.value(QStringLiteral("sinceTrustworthy")).toBool(), false);
    const QJsonObject patient =
        report.value(QStringLiteral("types")).toObject().value(QStringLiteral("Patient")).toObject();
    QCOMPARE(patient.value(QStringLiteral("manifestCount")).toInteger(), 4);
    QCOMPARE(patient.value(QStringLiteral("matchesManifest")).toBool(), false);
    QVERIFY(!report.value(QStringLiteral("types"))
                 .toObject()
                 .value(QStringLiteral("Observation"))
                 .toObject()
                 .contains(QStringLiteral("manifestCount")));
    const QString summary = QualityReport::summary(report);
    QVERIFY2(summary.contains(QStringLiteral("1 duplicate")) && summary.contains(QStringLiteral("lastUpdated")) &&
                 summary.contains(QStringLiteral("Patient differs")),
             qPrintable(summary));
}

void TestQualityReport::summarisesErrorFiles()
{
    ExportRecord r;
    addFile(r, ManifestEntry::Kind::Error, QString(),
            "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"not-found\","
            "\"diagnostics\":\"Patient/9 not found\"}]}\n"
            "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"warning\",\"code\":\"informational\"},"
            "{\"severity\":\"error\",\"code\":\"not-found\",\"diagnostics\":\"Patient/10 not found\"}]}\n");
    const QJsonObject errors = QualityReport::analyse(r, idFile()).value(QStringLiteral("errors")).toObject();
    QCOMPARE(errors.value(QStringLiteral("lines")).toInteger(), 2);
    const QJsonObject by = errors.value(QStringLiteral("bySeverityAndCode")).toObject();
    QCOMPARE(by.value(QStringLiteral("error/not-found")).toInteger(), 2);
    QCOMPARE(by.value(QStringLiteral("warning/informational")).toInteger(), 1);
    QCOMPARE(errors.value(QStringLiteral("firstDiagnostics")).toArray().first().toString(),
             QStringLiteral("Patient/9 not found"));
}

void TestQualityReport::missingIdHashesAreReported()
{
    ExportRecord r;
    FileRecord f;
    f.index = 0;
    f.type = QStringLiteral("Patient");
    f.state = FileRecord::State::Verified;
    f.lines = 3;
    r.files.append(f);
    const QJsonObject report = QualityReport::analyse(r, m_dir.path() + QStringLiteral("/nowhere"));
    QCOMPARE(report.value(QStringLiteral("resources")).toInteger(), 3);
    QCOMPARE(report.value(QStringLiteral("problems")).toArray().size(), 1);
}

void TestQualityReport::writesReportJson()
{
    QString error;
    QVERIFY(QualityReport::write(m_dir.path(), QJsonObject{{QStringLiteral("resources"), 3}}, &error));
    QFile f(m_dir.path() + QStringLiteral("/report.json"));
    QCOMPARE(f.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("resources")).toInt(), 3);
}

QTEST_GUILESS_MAIN(TestQualityReport)
#include "tst_qualityreport.moc"
