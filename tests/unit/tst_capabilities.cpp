#include "preflight/capabilities.h"

#include <QTest>

class TestCapabilities : public QObject
{
    Q_OBJECT

private slots:
    void readsBulkDeclarations();
    void rejectsOtherResources();
};

void TestCapabilities::readsBulkDeclarations()
{
    const QByteArray body = R"({
      "resourceType": "CapabilityStatement", "fhirVersion": "4.0.1", "publisher": "Oracle Health",
      "software": {"name": "Millennium", "version": "2025.1"},
      "rest": [{
        "mode": "server",
        "security": {"extension": [{"url": "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
                      "extension": [{"url": "token", "valueUri": "https://auth.example.org/token"}]}]},
        "operation": [{"name": "export", "definition": "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export"}],
        "resource": [
          {"type": "Patient", "operation": [{"name": "export"}],
           "searchParam": [{"name": "birthdate"}]},
          {"type": "Group", "operation": [{"name": "export"}]},
          {"type": "Binary", "extension": [{"url": "http://hl7.org/fhir/uv/bulkdata/Extension/operation-not-supported"}]},
          {"type": "Observation", "searchParam": [
              {"name": "category"},
              {"name": "code", "extension": [{"url": "http://hl7.org/fhir/uv/bulkdata/Extension/operation-not-supported"}]}]}
        ]
      }]
    })";
    QString error;
    const auto c = ServerCapabilities::parse(body, &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->softwareName, QStringLiteral("Millennium"));
    QCOMPARE(c->publisher, QStringLiteral("Oracle Health"));
    QCOMPARE(c->fhirVersion, QStringLiteral("4.0.1"));
    QCOMPARE(c->exportLevels,
             (QStringList{QStringLiteral("system"), QStringLiteral("patient"), QStringLiteral("group")}));
    QCOMPARE(c->resourceTypes.size(), 4);
    QCOMPARE(c->notSupportedInBulk, QStringList{QStringLiteral("Binary")});
    QCOMPARE(c->searchParams.value(QStringLiteral("Observation")), QStringList{QStringLiteral("category")});
    QCOMPARE(c->tokenUrl, QUrl(QStringLiteral("https://auth.example.org/token")));
}

void TestCapabilities::rejectsOtherResources()
{
    QString error;
    QVERIFY(!ServerCapabilities::parse(R"({"resourceType":"OperationOutcome"})", &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!ServerCapabilities::parse("<html>login</html>", &error));
}

QTEST_GUILESS_MAIN(TestCapabilities)
#include "tst_capabilities.moc"
