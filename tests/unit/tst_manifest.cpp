// Manifest: STU2/STU3/STU4-draft completion bodies and every leniency the parser promises, with the deviation and
// problem sentences it reports.
#include "fhir/manifest.h"
#include "vendor/vendorprofile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

const QUrl kStatusUrl(QStringLiteral("https://fhir.example.org/r4/bulkstatus/42"));

VendorProfile oneUpHealth()
{
    VendorProfile p;
    p.id = QStringLiteral("oneup");
    p.fileUrlKeys = {QStringLiteral("url"), QStringLiteral("file")};
    return p;
}

QByteArray toBytes(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// The smallest manifest that parses without deviations; rows replace or add keys.
QJsonObject minimal()
{
    return QJsonObject{{QStringLiteral("transactionTime"), QStringLiteral("2024-01-31T09:15:00.123+01:00")},
                       {QStringLiteral("request"), QStringLiteral("https://fhir.example.org/r4/Group/1/$export")},
                       {QStringLiteral("requiresAccessToken"), true},
                       {QStringLiteral("output"), QJsonArray{}},
                       {QStringLiteral("error"), QJsonArray{}}};
}

QJsonObject with(QJsonObject o, const QString &key, const QJsonValue &value)
{
    if (value.isUndefined()) {
        o.remove(key);
    } else {
        o.insert(key, value);
    }
    return o;
}

QJsonObject entry(const QString &type, const QString &url)
{
    return QJsonObject{{QStringLiteral("type"), type}, {QStringLiteral("url"), url}};
}

std::optional<Manifest> parseOk(const QJsonObject &json, const VendorProfile &profile = VendorProfile::generic())
{
    QString error;
    std::optional<Manifest> m = Manifest::parse(toBytes(json), kStatusUrl, profile, &error);
    if (!m) {
        qWarning("unexpected parse failure: %s", qPrintable(error));
    }
    return m;
}

} // namespace

Q_DECLARE_METATYPE(std::optional<qint64>)

class TestManifest : public QObject
{
    Q_OBJECT

private slots:
    void stu2Complete();
    void stu3PagedAndOrganized();
    void stu4Draft();
    void oneUpHealthBody_data();
    void oneUpHealthBody();
    void requiresAccessToken_data();
    void requiresAccessToken();
    void counts_data();
    void counts();
    void fileAddress_data();
    void fileAddress();
    void listShapes_data();
    void listShapes();
    void transactionTime_data();
    void transactionTime();
    void missingType();
    void notAManifest_data();
    void notAManifest();
    void nextLink_data();
    void nextLink();
    void extension();
    void kinds_data();
    void kinds();
};

void TestManifest::stu2Complete()
{
    QJsonObject json = minimal();
    json.insert(
        QStringLiteral("output"),
        QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("Patient")},
                               {QStringLiteral("url"), QStringLiteral("https://files.example.org/p1.ndjson")},
                               {QStringLiteral("count"), 1200}},
                   QJsonObject{{QStringLiteral("type"), QStringLiteral("Observation")},
                               {QStringLiteral("url"), QStringLiteral("https://files.example.org/o1.ndjson")}}});
    json.insert(QStringLiteral("error"), QJsonArray{entry(QStringLiteral("OperationOutcome"),
                                                          QStringLiteral("https://files.example.org/e.ndjson"))});
    json.insert(QStringLiteral("deleted"),
                QJsonArray{entry(QStringLiteral("Bundle"), QStringLiteral("https://files.example.org/d.ndjson"))});

    const std::optional<Manifest> m = parseOk(json);
    QVERIFY(m);
    QCOMPARE(m->transactionTime, QDateTime(QDate(2024, 1, 31), QTime(8, 15, 0, 123), Qt::UTC));
    QCOMPARE(m->request, QStringLiteral("https://fhir.example.org/r4/Group/1/$export"));
    QCOMPARE(m->requiresAccessToken, true);
    QCOMPARE(m->deviations, QStringList{});
    QCOMPARE(m->problems, QStringList{});
    QVERIFY(m->nextPage.isEmpty());
    QVERIFY(m->outputOrganizedBy.isEmpty());

    QCOMPARE(m->entries.size(), 4);
    QCOMPARE(m->countOf(ManifestEntry::Kind::Output), 2);
    QCOMPARE(m->countOf(ManifestEntry::Kind::Error), 1);
    QCOMPARE(m->countOf(ManifestEntry::Kind::Deleted), 1);

    const ManifestEntry &p = m->entries.at(0);
    QCOMPARE(p.kind, ManifestEntry::Kind::Output);
    QCOMPARE(p.type, QStringLiteral("Patient"));
    QCOMPARE(p.url, QUrl(QStringLiteral("https://files.example.org/p1.ndjson")));
    QCOMPARE(p.count, std::optional<qint64>(1200));
    QCOMPARE(p.fileSize, std::nullopt);
    QVERIFY(p.problem.isEmpty());
    QCOMPARE(p.expectedResourceType(), QStringLiteral("Patient"));

    QCOMPARE(m->entries.at(1).type, QStringLiteral("Observation"));
    QCOMPARE(m->entries.at(1).count, std::nullopt);

    QCOMPARE(m->entries.at(2).kind, ManifestEntry::Kind::Error);
    QCOMPARE(m->entries.at(2).expectedResourceType(), QStringLiteral("OperationOutcome"));
    QCOMPARE(m->entries.at(3).kind, ManifestEntry::Kind::Deleted);
    QCOMPARE(m->entries.at(3).url, QUrl(QStringLiteral("https://files.example.org/d.ndjson")));
    QCOMPARE(m->entries.at(3).expectedResourceType(), QStringLiteral("Bundle"));
}

void TestManifest::stu3PagedAndOrganized()
{
    QJsonObject json = minimal();
    json.insert(QStringLiteral("outputOrganizedBy"), QStringLiteral("Patient"));
    json.insert(
        QStringLiteral("output"),
        QJsonArray{
            QJsonObject{{QStringLiteral("url"), QStringLiteral("https://files.example.org/b1.ndjson")},
                        {QStringLiteral("continuesInFile"), QStringLiteral("https://files.example.org/b2.ndjson")}},
            QJsonObject{{QStringLiteral("url"), QStringLiteral("https://files.example.org/b2.ndjson")}}});
    json.insert(QStringLiteral("link"),
                QJsonArray{QJsonObject{{QStringLiteral("relation"), QStringLiteral("next")},
                                       {QStringLiteral("url"), QStringLiteral("https://fhir.example.org/r4/page/2")}}});

    const std::optional<Manifest> m = parseOk(json);
    QVERIFY(m);
    QCOMPARE(m->outputOrganizedBy, QStringLiteral("Patient"));
    QCOMPARE(m->deviations, QStringList{}); // entries without type are expected when organised
    QCOMPARE(m->countOf(ManifestEntry::Kind::Output), 2);
    QCOMPARE(m->entries.at(0).type, QString());
    QCOMPARE(m->entries.at(0).expectedResourceType(), QString());
    QCOMPARE(m->nextPage, QUrl(QStringLiteral("https://fhir.example.org/r4/page/2")));
}

void TestManifest::stu4Draft()
{
    QJsonObject json = minimal();
    json.remove(QStringLiteral("request"));
    json.remove(QStringLiteral("error"));
    json.insert(QStringLiteral("manifestType"), QStringLiteral("full"));
    json.insert(QStringLiteral("outputFormat"), QStringLiteral("application/fhir+ndjson"));
    json.insert(QStringLiteral("output"),
                QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("Patient")},
                                       {QStringLiteral("url"), QStringLiteral("https://files.example.org/p.ndjson")},
                                       {QStringLiteral("count"), 10},
                                       {QStringLiteral("fileSize"), 52341}}});
    json.insert(QStringLiteral("outcome"),
                QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("OperationOutcome")},
                                       {QStringLiteral("url"), QStringLiteral("https://files.example.org/o.ndjson")},
                                       {QStringLiteral("fileSize"), QStringLiteral("77")}}});
    json.insert(QStringLiteral("extension"),
                QJsonArray{QJsonObject{{QStringLiteral("url"), QStringLiteral("http://example.org/ext")},
                                       {QStringLiteral("valueString"), QStringLiteral("x")}}});

    const std::optional<Manifest> m = parseOk(json);
    QVERIFY(m);
    QCOMPARE(m->deviations, QStringList{}); // "outcome" is the STU4 name, not a deviation
    QCOMPARE(m->request, QString());
    QCOMPARE(m->entries.size(), 2);
    QCOMPARE(m->entries.at(0).fileSize, std::optional<qint64>(52341));
    QCOMPARE(m->entries.at(0).count, std::optional<qint64>(10));
    QCOMPARE(m->entries.at(1).kind, ManifestEntry::Kind::Error);
    QCOMPARE(m->entries.at(1).fileSize, std::optional<qint64>(77));
    QVERIFY(m->extension.isArray());
    QCOMPARE(m->extension.toArray().size(), 1);
}

void TestManifest::oneUpHealthBody_data()
{
    QTest::addColumn<bool>("oneUpProfile");
    QTest::addColumn<QStringList>("deviations");
    const QStringList always{QStringLiteral("the \"error\" list is missing")};
    QTest::newRow("generic profile")
        << false
        << QStringList{QStringLiteral("output[0] gives its address in \"file\" instead of \"url\""),
                       QStringLiteral("output[1] gives its address in \"file\" instead of \"url\""), always.at(0)};
    QTest::newRow("1upHealth profile") << true << always;
}

void TestManifest::oneUpHealthBody()
{
    QFETCH(bool, oneUpProfile);
    QFETCH(QStringList, deviations);

    // From 1upHealth's documentation (vendor-docs/1uphealth-bulk-export.txt).
    const QByteArray body =
        "{\"id\":\"d1dfde63-68dc-4654-bb01-ebcb83505db1\",\"transactionTime\":\"2023-09-25T18:38:13.238Z\","
        "\"request\":\"http://analytics2.1uphealthdev3.com/bulk-data/r4/$export\",\"requiresAccessToken\":true,"
        "\"status\":\"Successful\",\"resourceCount\":15,"
        "\"batches\":{\"running\":0,\"complete\":2,\"failed\":0,\"total\":2},"
        "\"lastUpdated\":\"2023-09-25T18:38:17.711Z\",\"output\":["
        "{\"type\":\"Provenance\",\"file\":\"http://analytics2.1uphealthdev3.com/bulk-data/r4/$export/file/"
        "Provenance_5e42f2b3.ndjson\"},"
        "{\"type\":\"Patient\",\"file\":\"http://analytics2.1uphealthdev3.com/bulk-data/r4/$export/file/"
        "Patient_ceabd525.ndjson\"}]}";
    QString error;
    const std::optional<Manifest> m =
        Manifest::parse(body, kStatusUrl, oneUpProfile ? oneUpHealth() : VendorProfile::generic(), &error);
    QVERIFY2(m, qPrintable(error));
    QCOMPARE(m->deviations, deviations);
    QCOMPARE(m->problems, QStringList{});
    QCOMPARE(m->entries.size(), 2);
    QCOMPARE(m->entries.at(1).type, QStringLiteral("Patient"));
    QCOMPARE(m->entries.at(1).url.toString(),
             QStringLiteral("http://analytics2.1uphealthdev3.com/bulk-data/r4/$export/file/Patient_ceabd525.ndjson"));
    QCOMPARE(m->transactionTime, QDateTime(QDate(2023, 9, 25), QTime(18, 38, 13, 238), Qt::UTC));
}

void TestManifest::requiresAccessToken_data()
{
    QTest::addColumn<QJsonValue>("value"); // undefined: key absent
    QTest::addColumn<bool>("expected");
    QTest::addColumn<QStringList>("deviations");

    QTest::newRow("true") << QJsonValue(true) << true << QStringList{};
    QTest::newRow("false") << QJsonValue(false) << false << QStringList{};
    QTest::newRow("string true (Soarian)")
        << QJsonValue(QStringLiteral("true")) << true
        << QStringList{QStringLiteral("requiresAccessToken is the string \"true\", not a boolean")};
    QTest::newRow("string false") << QJsonValue(QStringLiteral("false")) << false
                                  << QStringList{
                                         QStringLiteral("requiresAccessToken is the string \"false\", not a boolean")};
    QTest::newRow("string FALSE") << QJsonValue(QStringLiteral("FALSE")) << false
                                  << QStringList{
                                         QStringLiteral("requiresAccessToken is the string \"FALSE\", not a boolean")};
    QTest::newRow("missing: assume a token is needed")
        << QJsonValue(QJsonValue::Undefined) << true
        << QStringList{QStringLiteral("requiresAccessToken is missing; assuming files need the access token")};
    QTest::newRow("null: assume a token is needed")
        << QJsonValue(QJsonValue::Null) << true
        << QStringList{QStringLiteral("requiresAccessToken is missing; assuming files need the access token")};
}

void TestManifest::requiresAccessToken()
{
    QFETCH(QJsonValue, value);
    QFETCH(bool, expected);
    QFETCH(QStringList, deviations);

    const std::optional<Manifest> m = parseOk(with(minimal(), QStringLiteral("requiresAccessToken"), value));
    QVERIFY(m);
    QCOMPARE(m->requiresAccessToken, expected);
    QCOMPARE(m->deviations, deviations);
}

void TestManifest::counts_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<std::optional<qint64>>("expected");

    QTest::newRow("number") << QJsonValue(1200) << std::optional<qint64>(1200);
    QTest::newRow("zero") << QJsonValue(0) << std::optional<qint64>(0);
    QTest::newRow("string") << QJsonValue(QStringLiteral("1200")) << std::optional<qint64>(1200);
    QTest::newRow("large") << QJsonValue(qint64(5'000'000'000)) << std::optional<qint64>(5'000'000'000);
    QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined) << std::optional<qint64>();
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << std::optional<qint64>();
    QTest::newRow("negative") << QJsonValue(-1) << std::optional<qint64>();
    QTest::newRow("negative string") << QJsonValue(QStringLiteral("-1")) << std::optional<qint64>();
    QTest::newRow("words") << QJsonValue(QStringLiteral("many")) << std::optional<qint64>();
    QTest::newRow("fraction") << QJsonValue(12.5) << std::optional<qint64>();
    QTest::newRow("boolean") << QJsonValue(true) << std::optional<qint64>();
}

void TestManifest::counts()
{
    QFETCH(QJsonValue, value);
    QFETCH(std::optional<qint64>, expected);

    QJsonObject e = entry(QStringLiteral("Patient"), QStringLiteral("https://files.example.org/p.ndjson"));
    if (!value.isUndefined()) {
        e.insert(QStringLiteral("count"), value);
        e.insert(QStringLiteral("fileSize"), value);
    }
    const std::optional<Manifest> m = parseOk(with(minimal(), QStringLiteral("output"), QJsonArray{e}));
    QVERIFY(m);
    QCOMPARE(m->entries.size(), 1);
    QCOMPARE(m->entries.at(0).count, expected);
    QCOMPARE(m->entries.at(0).fileSize, expected);
}

void TestManifest::fileAddress_data()
{
    QTest::addColumn<QJsonObject>("item");
    QTest::addColumn<bool>("oneUpProfile");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QStringList>("deviations");

    const QString fileDeviation = QStringLiteral("output[0] gives its address in \"file\" instead of \"url\"");
    const auto item = [](const char *key, const QJsonValue &v) {
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("Patient")}, {QLatin1String(key), v}};
    };

    QTest::newRow("https url") << item("url", QStringLiteral("https://files.example.org/p.ndjson")) << false
                               << "https://files.example.org/p.ndjson" << QString() << QStringList{};
    QTest::newRow("http url") << item("url", QStringLiteral("http://files.example.org/p.ndjson")) << false
                              << "http://files.example.org/p.ndjson" << QString() << QStringList{};
    QTest::newRow("file key, generic profile")
        << item("file", QStringLiteral("https://files.example.org/p.ndjson")) << false
        << "https://files.example.org/p.ndjson" << QString() << QStringList{fileDeviation};
    QTest::newRow("file key, 1upHealth profile")
        << item("file", QStringLiteral("https://files.example.org/p.ndjson")) << true
        << "https://files.example.org/p.ndjson" << QString() << QStringList{};
    QTest::newRow("url wins over file")
        << QJsonObject{{QStringLiteral("type"), QStringLiteral("Patient")},
                       {QStringLiteral("file"), QStringLiteral("https://files.example.org/file.ndjson")},
                       {QStringLiteral("url"), QStringLiteral("https://files.example.org/url.ndjson")}}
        << false << "https://files.example.org/url.ndjson" << QString() << QStringList{};
    QTest::newRow("empty url falls back to file")
        << QJsonObject{{QStringLiteral("type"), QStringLiteral("Patient")},
                       {QStringLiteral("url"), QString()},
                       {QStringLiteral("file"), QStringLiteral("https://files.example.org/file.ndjson")}}
        << true << "https://files.example.org/file.ndjson" << QString() << QStringList{};
    QTest::newRow("relative path") << item("url", QStringLiteral("files/p.ndjson")) << false
                                   << "https://fhir.example.org/r4/bulkstatus/files/p.ndjson" << QString()
                                   << QStringList{};
    QTest::newRow("absolute path") << item("url", QStringLiteral("/download/p.ndjson")) << false
                                   << "https://fhir.example.org/download/p.ndjson" << QString() << QStringList{};
    QTest::newRow("no url") << QJsonObject{{QStringLiteral("type"), QStringLiteral("Patient")}} << false << QString()
                            << "output[0] has no url" << QStringList{};
    QTest::newRow("url not a string") << item("url", 17) << false << QString() << "output[0] has no url"
                                      << QStringList{};
    QTest::newRow("ftp") << item("url", QStringLiteral("ftp://files.example.org/p.ndjson")) << false
                         << "ftp://files.example.org/p.ndjson"
                         << "output[0] has an address Ferry cannot fetch (ftp)" << QStringList{};
    QTest::newRow("javascript") << item("url", QStringLiteral("javascript:alert(1)")) << false << "javascript:alert(1)"
                                << "output[0] has an address Ferry cannot fetch (javascript)" << QStringList{};
    QTest::newRow("file: scheme") << item("url", QStringLiteral("file:///etc/passwd")) << false << "file:///etc/passwd"
                                  << "output[0] has an address Ferry cannot fetch (file)" << QStringList{};
    QTest::newRow("item not an object") << QJsonObject{} << false << QString() << "output[0] has no url"
                                        << QStringList{QStringLiteral(
                                               "output[0] has no type; its lines are not checked against one")};
}

void TestManifest::fileAddress()
{
    QFETCH(QJsonObject, item);
    QFETCH(bool, oneUpProfile);
    QFETCH(QString, url);
    QFETCH(QString, problem);
    QFETCH(QStringList, deviations);

    const std::optional<Manifest> m = parseOk(with(minimal(), QStringLiteral("output"), QJsonArray{item}),
                                              oneUpProfile ? oneUpHealth() : VendorProfile::generic());
    QVERIFY(m);
    QCOMPARE(m->entries.size(), 1); // unusable entries are kept, not dropped
    QCOMPARE(m->entries.at(0).url.toString(), url);
    QCOMPARE(m->entries.at(0).problem, problem);
    QCOMPARE(m->problems, problem.isEmpty() ? QStringList{} : QStringList{problem});
    QCOMPARE(m->deviations, deviations);
}

void TestManifest::listShapes_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<int>("errors");
    QTest::addColumn<QStringList>("deviations");
    QTest::addColumn<QStringList>("problems");

    const QJsonArray oneError{entry(QStringLiteral("OperationOutcome"), QStringLiteral("https://f.example.org/e"))};
    const QJsonObject noError = with(minimal(), QStringLiteral("error"), QJsonValue::Undefined);

    QTest::newRow("error present and empty") << minimal() << 0 << QStringList{} << QStringList{};
    QTest::newRow("error missing (HAPI, IBM)")
        << noError << 0 << QStringList{QStringLiteral("the \"error\" list is missing")} << QStringList{};
    QTest::newRow("outcome instead of error")
        << with(noError, QStringLiteral("outcome"), oneError) << 1 << QStringList{} << QStringList{};
    QTest::newRow("error wins over outcome")
        << with(with(minimal(), QStringLiteral("outcome"), oneError), QStringLiteral("error"), QJsonArray{}) << 0
        << QStringList{} << QStringList{};
    QTest::newRow("error is an object") << with(minimal(), QStringLiteral("error"), QJsonObject{}) << 0 << QStringList{}
                                        << QStringList{QStringLiteral(
                                               "\"error\" is not a list; its files cannot be downloaded.")};
    QTest::newRow("deleted is a string") << with(minimal(), QStringLiteral("deleted"), QStringLiteral("none")) << 0
                                         << QStringList{}
                                         << QStringList{QStringLiteral(
                                                "\"deleted\" is not a list; its files cannot be downloaded.")};
    QTest::newRow("error entry without url")
        << with(minimal(), QStringLiteral("error"),
                QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("OperationOutcome")}}})
        << 1 << QStringList{} << QStringList{QStringLiteral("error[0] has no url")};
    QTest::newRow("second deleted entry with a bad scheme")
        << with(minimal(), QStringLiteral("deleted"),
                QJsonArray{entry(QStringLiteral("Bundle"), QStringLiteral("https://f.example.org/d1")),
                           entry(QStringLiteral("Bundle"), QStringLiteral("gopher://f.example.org/d2"))})
        << 0 << QStringList{} << QStringList{QStringLiteral("deleted[1] has an address Ferry cannot fetch (gopher)")};
}

void TestManifest::listShapes()
{
    QFETCH(QJsonObject, json);
    QFETCH(int, errors);
    QFETCH(QStringList, deviations);
    QFETCH(QStringList, problems);

    const std::optional<Manifest> m = parseOk(json);
    QVERIFY(m);
    QCOMPARE(m->countOf(ManifestEntry::Kind::Error), errors);
    QCOMPARE(m->deviations, deviations);
    QCOMPARE(m->problems, problems);
}

void TestManifest::transactionTime_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QDateTime>("expected");
    QTest::addColumn<QStringList>("deviations");

    QTest::newRow("Z") << QJsonValue(QStringLiteral("2023-09-25T18:38:13.238Z"))
                       << QDateTime(QDate(2023, 9, 25), QTime(18, 38, 13, 238), Qt::UTC) << QStringList{};
    QTest::newRow("offset, no fraction") << QJsonValue(QStringLiteral("2024-01-31T10:00:00-05:00"))
                                         << QDateTime(QDate(2024, 1, 31), QTime(15, 0), Qt::UTC) << QStringList{};
    QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined) << QDateTime()
                             << QStringList{
                                    QStringLiteral("transactionTime is missing; the next export cannot start from it")};
    QTest::newRow("garbage") << QJsonValue(QStringLiteral("last tuesday")) << QDateTime()
                             << QStringList{QStringLiteral("transactionTime \"last tuesday\" is not an instant")};
}

void TestManifest::transactionTime()
{
    QFETCH(QJsonValue, value);
    QFETCH(QDateTime, expected);
    QFETCH(QStringList, deviations);

    const std::optional<Manifest> m = parseOk(with(minimal(), QStringLiteral("transactionTime"), value));
    QVERIFY(m);
    QCOMPARE(m->transactionTime.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(m->transactionTime, expected);
    }
    QCOMPARE(m->deviations, deviations);
}

void TestManifest::missingType()
{
    const std::optional<Manifest> m =
        parseOk(with(minimal(), QStringLiteral("output"),
                     QJsonArray{entry(QStringLiteral("Patient"), QStringLiteral("https://f.example.org/1")),
                                QJsonObject{{QStringLiteral("url"), QStringLiteral("https://f.example.org/2")}}}));
    QVERIFY(m);
    QCOMPARE(m->deviations,
             QStringList{QStringLiteral("output[1] has no type; its lines are not checked against one")});
    QCOMPARE(m->problems, QStringList{});
    QCOMPARE(m->entries.size(), 2);
}

void TestManifest::notAManifest_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");

    QJsonParseError pe;
    QJsonDocument::fromJson("{\"output\": [", &pe);
    QTest::newRow("invalid JSON")
        << QByteArray("{\"output\": [")
        << QStringLiteral("The manifest is not valid JSON (%1 at byte %2).").arg(pe.errorString()).arg(pe.offset);
    QJsonDocument::fromJson("", &pe);
    QTest::newRow("empty body")
        << QByteArray()
        << QStringLiteral("The manifest is not valid JSON (%1 at byte %2).").arg(pe.errorString()).arg(pe.offset);
    QTest::newRow("array") << QByteArray("[]") << QStringLiteral("The manifest is not a JSON object.");
    QTest::newRow("no output")
        << QByteArray("{\"transactionTime\":\"2024-01-01T00:00:00Z\",\"status\":\"In Progress\"}")
        << QStringLiteral("The manifest has no \"output\" list, so it names no files to download.");
    QTest::newRow("output is an object") << QByteArray("{\"output\":{}}")
                                         << QStringLiteral("The manifest's \"output\" is not a list.");
    QTest::newRow("output is null") << QByteArray("{\"output\":null}")
                                    << QStringLiteral("The manifest's \"output\" is not a list.");
    QTest::newRow("OperationOutcome") << QByteArray("{\"resourceType\":\"OperationOutcome\",\"issue\":[]}")
                                      << QStringLiteral(
                                             "The manifest has no \"output\" list, so it names no files to download.");
}

void TestManifest::notAManifest()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);

    QString actual;
    QVERIFY(!Manifest::parse(body, kStatusUrl, VendorProfile::generic(), &actual));
    QCOMPARE(actual, error);
}

void TestManifest::nextLink_data()
{
    QTest::addColumn<QJsonValue>("link");
    QTest::addColumn<QString>("next");

    const auto link = [](const char *relation, const char *url) {
        return QJsonObject{{QStringLiteral("relation"), QLatin1String(relation)},
                           {QStringLiteral("url"), QLatin1String(url)}};
    };
    QTest::newRow("absolute") << QJsonValue(QJsonArray{link("next", "https://fhir.example.org/r4/page/2")})
                              << "https://fhir.example.org/r4/page/2";
    QTest::newRow("relative") << QJsonValue(QJsonArray{link("next", "42?page=2")})
                              << "https://fhir.example.org/r4/bulkstatus/42?page=2";
    QTest::newRow("only next counts") << QJsonValue(QJsonArray{link("self", "https://fhir.example.org/self"),
                                                               link("next", "https://n.example.org/2")})
                                      << "https://n.example.org/2";
    QTest::newRow("no next") << QJsonValue(QJsonArray{link("previous", "https://fhir.example.org/1")}) << QString();
    QTest::newRow("link not a list") << QJsonValue(link("next", "https://fhir.example.org/2")) << QString();
    QTest::newRow("absent") << QJsonValue(QJsonValue::Undefined) << QString();
}

void TestManifest::nextLink()
{
    QFETCH(QJsonValue, link);
    QFETCH(QString, next);
    const std::optional<Manifest> m = parseOk(with(minimal(), QStringLiteral("link"), link));
    QVERIFY(m);
    QCOMPARE(m->nextPage.toString(), next);
}

void TestManifest::extension()
{
    // STU2/STU3: an object at the top and inside file items.
    QJsonObject json = minimal();
    json.insert(QStringLiteral("extension"),
                QJsonObject{{QStringLiteral("http://ibm.com/fhir/extension/no-data"), true}});
    QJsonObject item = entry(QStringLiteral("Patient"), QStringLiteral("https://f.example.org/p"));
    item.insert(QStringLiteral("extension"), QJsonObject{{QStringLiteral("checksum"), QStringLiteral("abc")}});
    json.insert(QStringLiteral("output"), QJsonArray{item});

    std::optional<Manifest> m = parseOk(json);
    QVERIFY(m);
    QVERIFY(m->extension.isObject());
    QCOMPARE(m->extension.toObject().value(QStringLiteral("http://ibm.com/fhir/extension/no-data")), QJsonValue(true));
    QCOMPARE(m->entries.at(0).extension, (QJsonObject{{QStringLiteral("checksum"), QStringLiteral("abc")}}));
    QCOMPARE(m->deviations, QStringList{});

    // Absent: undefined, not an empty object.
    m = parseOk(minimal());
    QVERIFY(m);
    QVERIFY(m->extension.isUndefined());
}

void TestManifest::kinds_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expectedType");
    QTest::newRow("output") << int(ManifestEntry::Kind::Output) << "output"
                            << "Condition";
    QTest::newRow("error") << int(ManifestEntry::Kind::Error) << "error"
                           << "OperationOutcome";
    QTest::newRow("deleted") << int(ManifestEntry::Kind::Deleted) << "deleted"
                             << "Bundle";
}

void TestManifest::kinds()
{
    QFETCH(int, kind);
    QFETCH(QString, name);
    QFETCH(QString, expectedType);
    ManifestEntry e;
    e.kind = ManifestEntry::Kind(kind);
    e.type = QStringLiteral("Condition"); // errors and deleted entries are checked by kind, whatever the type says
    QCOMPARE(ManifestEntry::kindName(e.kind), name);
    QCOMPARE(e.expectedResourceType(), expectedType);
}

QTEST_GUILESS_MAIN(TestManifest)
#include "tst_manifest.moc"
