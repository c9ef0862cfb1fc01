// KickoffRemedy: which parameter a refused kick-off names (from the vendors' own texts), and how a remedy changes
// the request (lenient handling, parameters left out), refusing names Ferry does not send.
#include "export/kickoffremedy.h"

#include "fhir/exportrequest.h"
#include "net/httpfailure.h"

#include <QTest>

namespace {

// A request that sends every parameter Ferry knows.
ExportRequest everything()
{
    ExportRequest r;
    r.base = QUrl(QStringLiteral("https://fhir.example.org/r4"));
    r.groupId = QStringLiteral("g1");
    r.types = {QStringLiteral("Patient"), QStringLiteral("Observation")};
    r.since = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    r.until = QDateTime(QDate(2024, 6, 1), QTime(0, 0), Qt::UTC);
    r.outputFormat = QStringLiteral("application/fhir+ndjson");
    r.elements = {QStringLiteral("id")};
    r.typeFilters = {QStringLiteral("Observation?category=laboratory")};
    r.includeAssociatedData = {QStringLiteral("LatestProvenanceResources")};
    r.allowPartialManifests = true;
    r.patients = {QStringLiteral("Patient/1")};
    r.encoding = ParameterEncoding::PostParameters;
    return r;
}

HttpFailure refusal(int status, const QString &diagnostics)
{
    HttpFailure f;
    f.kind = HttpFailure::Kind::Http;
    f.status = status;
    f.operation = QStringLiteral("kick-off");
    const QByteArray body = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                            "\"code\":\"invalid\",\"diagnostics\":\"" +
                            diagnostics.toUtf8() + "\"}]}";
    f.outcome = OperationOutcome::parse(body);
    return f;
}

} // namespace

class TestKickoffRemedy : public QObject
{
    Q_OBJECT

private slots:
    void rejectedParameter_data();
    void rejectedParameter();
    void onlyParametersTheRequestSends();
    void plainBodyIsRead();
    void apply_data();
    void apply();
    void unknownNameIsRefused();
    void describe();
};

void TestKickoffRemedy::rejectedParameter_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("parameter");
    QTest::newRow("oracle _elements") << 400 << "The parameter '_elements' is not supported by this server"
                                      << "_elements";
    QTest::newRow("typeFilter 422") << 422 << "_typeFilter is not supported for Patient"
                                    << "_typeFilter";
    QTest::newRow("_type is not _typeFilter") << 400 << "The resource type 'Claim' in _type is not supported"
                                              << "_type";
    QTest::newRow("earliest mention wins") << 400 << "_typeFilter requires _type"
                                           << "_typeFilter";
    QTest::newRow("since") << 400 << "Invalid _since: must be an instant"
                           << "_since";
    QTest::newRow("quoted patient") << 400 << "The parameter \\\"patient\\\" is not supported"
                                    << "patient";
    QTest::newRow("patient as a word") << 400 << "Too many patients in the group for an export"
                                       << "";
    QTest::newRow("includeAssociatedData") << 400 << "includeAssociatedData=Foo is not a known value"
                                           << "includeAssociatedData";
    QTest::newRow("names none") << 400 << "Malformed request"
                                << "";
    QTest::newRow("403 is not a parameter refusal") << 403 << "_type names a type the token may not read"
                                                    << "";
    QTest::newRow("500 is not either") << 500 << "_elements processing failed"
                                       << "";
}

void TestKickoffRemedy::rejectedParameter()
{
    QFETCH(int, status);
    QFETCH(QString, text);
    QFETCH(QString, parameter);
    QCOMPARE(KickoffRemedy::rejectedParameter(refusal(status, text), everything()), parameter);
}

void TestKickoffRemedy::onlyParametersTheRequestSends()
{
    ExportRequest r = everything();
    r.elements.clear();
    QCOMPARE(KickoffRemedy::rejectedParameter(refusal(400, QStringLiteral("_elements is not supported")), r),
             QString());
    QVERIFY(!KickoffRemedy::usedParameters(r).contains(QStringLiteral("_elements")));
    QCOMPARE(KickoffRemedy::usedParameters(everything()), KickoffRemedy::parameterNames());
}

void TestKickoffRemedy::plainBodyIsRead()
{
    HttpFailure f;
    f.kind = HttpFailure::Kind::Http;
    f.status = 400;
    f.bodyExcerpt = "<html><body>Unsupported parameter _outputFormat</body></html>";
    QCOMPARE(KickoffRemedy::rejectedParameter(f, everything()), QStringLiteral("_outputFormat"));
}

void TestKickoffRemedy::apply_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : KickoffRemedy::parameterNames()) {
        QTest::addRow("%s", qPrintable(name)) << name;
    }
}

void TestKickoffRemedy::apply()
{
    QFETCH(QString, name);
    ExportRequest r = everything();
    KickoffRemedy remedy;
    remedy.dropParameters = {name};
    QString error;
    QVERIFY2(remedy.apply(&r, &error), qPrintable(error));
    QStringList expected = KickoffRemedy::parameterNames();
    expected.removeOne(name);
    QCOMPARE(KickoffRemedy::usedParameters(r), expected); // that one gone, the others kept
    QVERIFY(!r.lenient);
    QVERIFY(!r.parametersBody().contains(QByteArray('"' + name.toUtf8() + '"')));

    KickoffRemedy lenient;
    lenient.lenient = true;
    QVERIFY(lenient.apply(&r, &error));
    QVERIFY(r.lenient);
    QCOMPARE(r.preferHeader(), QByteArray("respond-async, handling=lenient"));
}

void TestKickoffRemedy::unknownNameIsRefused()
{
    ExportRequest r = everything();
    KickoffRemedy remedy;
    remedy.lenient = true;
    remedy.dropParameters = {QStringLiteral("_elements"), QStringLiteral("_count")};
    QString error;
    QVERIFY(!remedy.apply(&r, &error));
    QVERIFY2(error.contains(QStringLiteral("_count")), qPrintable(error));
    QCOMPARE(r.toJson(), everything().toJson()); // untouched, not half-applied
}

void TestKickoffRemedy::describe()
{
    KickoffRemedy remedy;
    QVERIFY(remedy.isEmpty());
    remedy.lenient = true;
    QCOMPARE(remedy.describe(), QStringLiteral("with Prefer: handling=lenient"));
    remedy.dropParameters = {QStringLiteral("_elements"), QStringLiteral("_typeFilter")};
    QCOMPARE(remedy.describe(), QStringLiteral("with Prefer: handling=lenient and without _elements, _typeFilter"));
    QVERIFY(!remedy.isEmpty());
}

QTEST_GUILESS_MAIN(TestKickoffRemedy)
#include "tst_kickoffremedy.moc"
