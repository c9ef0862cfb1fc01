#include "export/qualityreport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

class TestQualityReport : public QObject
{
    Q_OBJECT

private slots:
    void findsDuplicatesMissingLastUpdatedAndCountMismatches();
    void summarisesErrorFiles();
    void writesReportJson();

private:
    static FileRecord file(ExportRecord &r, const QString &name, ManifestEntry::Kind kind, const QString &type,
                           const QByteArray &content, std::optional<qint64> count = std::nullopt);
    QTemporaryDir m_dir;
};

FileRecord TestQualityReport::file(ExportRecord &r, const QString &name, ManifestEntry::Kind kind, const QString &type,
                                   const QByteArray &content, std::optional<qint64> count)
{
    QFile f(r.outputDir + QLatin1Char('/') + name);
    f.open(QIODevice::WriteOnly);
    f.write(content);
    FileRecord rec;
    rec.index = static_cast<int>(r.files.size());
    rec.name = name;
    rec.kind = kind;
    rec.type = type;
    rec.count = count;
    rec.state = FileRecord::State::Verified;
    r.files.append(rec);
    return rec;
}

void TestQualityReport::findsDuplicatesMissingLastUpdatedAndCountMismatches()
{
    ExportRecord r;
    r.outputDir = m_dir.path();
    file(r, QStringLiteral("Patient.000001.ndjson"), ManifestEntry::Kind::Output, QStringLiteral("Patient"),
         "{\"resourceType\":\"Patient\",\"id\":\"a\",\"meta\":{\"lastUpdated\":\"2024-01-01T00:00:00Z\"}}\n"
         "{\"resourceType\":\"Patient\",\"id\":\"b\"}\n",
         2);
    file(r, QStringLiteral("Patient.000002.ndjson"), ManifestEntry::Kind::Output, QStringLiteral("Patient"),
         "{\"meta\":{\"versionId\":\"1\"},\"id\":\"a\",\"resourceType\":\"Patient\"}\n", 2);
    file(r, QStringLiteral("Observation.000001.ndjson"), ManifestEntry::Kind::Output, QStringLiteral("Observation"),
         QByteArray("{\"resourceType\":\"Observation\",\"id\":\"") + QByteArray(70, 'x') +
             "\",\"meta\":{\"lastUpdated\":\"2024-01-01T00:00:00Z\"}}\n");
    const QJsonObject report = QualityReport::analyse(r);
    QCOMPARE(report.value(QStringLiteral("resources")).toInteger(), 4);
    QCOMPARE(report.value(QStringLiteral("duplicateIds")).toInteger(), 1);
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
    r.outputDir = m_dir.path();
    QDir().mkpath(m_dir.path() + QStringLiteral("/errors"));
    file(r, QStringLiteral("errors/OperationOutcome.000001.ndjson"), ManifestEntry::Kind::Error, QString(),
         "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"not-found\","
         "\"diagnostics\":\"Patient/9 not found\"}]}\n"
         "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"warning\",\"code\":\"informational\"},"
         "{\"severity\":\"error\",\"code\":\"not-found\",\"diagnostics\":\"Patient/10 not found\"}]}\n");
    const QJsonObject errors = QualityReport::analyse(r).value(QStringLiteral("errors")).toObject();
    QCOMPARE(errors.value(QStringLiteral("lines")).toInteger(), 2);
    const QJsonObject by = errors.value(QStringLiteral("bySeverityAndCode")).toObject();
    QCOMPARE(by.value(QStringLiteral("error/not-found")).toInteger(), 2);
    QCOMPARE(by.value(QStringLiteral("warning/informational")).toInteger(), 1);
    QCOMPARE(errors.value(QStringLiteral("firstDiagnostics")).toArray().first().toString(),
             QStringLiteral("Patient/9 not found"));
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
