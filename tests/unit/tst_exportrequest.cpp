// ExportRequest: URL building per level and encoding, the POST Parameters body, validate() against a vendor
// profile, the journal JSON round trip and instant parsing.
#include "fhir/exportrequest.h"
#include "vendor/vendorprofile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <ctime>

namespace {

// A valid Group export; rows override single keys (fromJson is the one way to describe a request in a table).
QJsonObject validRequest()
{
    return QJsonObject{{QStringLiteral("base"), QStringLiteral("https://fhir.example.org/r4")},
                       {QStringLiteral("level"), QStringLiteral("group")},
                       {QStringLiteral("groupId"), QStringLiteral("grp-1")}};
}

ExportRequest requestWith(const QJsonObject &overrides)
{
    QJsonObject json = validRequest();
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
        json.insert(it.key(), it.value());
    }
    return ExportRequest::fromJson(json);
}

QJsonObject parse(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        qWarning("not JSON: %s", qPrintable(error.errorString()));
    }
    return doc.object();
}

QDateTime at(int y, int mo, int d, int h, int mi, int s, int offsetSeconds)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::OffsetFromUTC, offsetSeconds);
}

} // namespace

class TestExportRequest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void operationUrl_data();
    void operationUrl();
    void kickoffUrl_data();
    void kickoffUrl();
    void kickoffUrlForPostHasNoQuery();
    void parametersBody();
    void parametersBodyEmpty();
    void preferHeader_data();
    void preferHeader();
    void validate_data();
    void validate();
    void jsonRoundTrip();
    void fromJsonDefaults();
    void formatInstant_data();
    void formatInstant();
    void parseInstant_data();
    void parseInstant();
    void levelNames_data();
    void levelNames();
};

void TestExportRequest::initTestCase()
{
    // A zone east of UTC with DST (no tzdata needed for a POSIX rule): local-time mistakes show up as an hour off.
    qputenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3");
    tzset();
    QCOMPARE(QDateTime(QDate(2024, 1, 31), QTime(0, 0)).offsetFromUtc(), 3600);
}

void TestExportRequest::operationUrl_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("level");
    QTest::addColumn<QString>("groupId");
    QTest::addColumn<QString>("resourceType");
    QTest::addColumn<QString>("expected");

    QTest::newRow("system") << "https://fhir.example.org/r4"
                            << "system" << QString() << QString() << "https://fhir.example.org/r4/$export";
    QTest::newRow("system, trailing slash")
        << "https://fhir.example.org/r4/"
        << "system" << QString() << QString() << "https://fhir.example.org/r4/$export";
    QTest::newRow("system, no path") << "https://fhir.example.org"
                                     << "system" << QString() << QString() << "https://fhir.example.org/$export";
    QTest::newRow("system, root slash") << "https://fhir.example.org/"
                                        << "system" << QString() << QString() << "https://fhir.example.org/$export";
    QTest::newRow("patient") << "https://fhir.example.org/r4"
                             << "patient" << QString() << QString() << "https://fhir.example.org/r4/Patient/$export";
    QTest::newRow("patient, several trailing slashes")
        << "https://fhir.example.org/r4//"
        << "patient" << QString() << QString() << "https://fhir.example.org/r4/Patient/$export";
    QTest::newRow("group, Oracle tenant path")
        << "https://fhir-ehr.cerner.com/r4/ec2458f2-1e24-41c8-b71b-0e701af7583d/"
        << "group"
        << "11ec-d16a-c763b73e-98e8-a31715e6a2bf" << QString()
        << "https://fhir-ehr.cerner.com/r4/ec2458f2-1e24-41c8-b71b-0e701af7583d/Group/"
           "11ec-d16a-c763b73e-98e8-a31715e6a2bf/$export";
    QTest::newRow("group, athenahealth id and port")
        << "https://api.platform.athenahealth.com:8443/fhir/r4"
        << "group"
        << "a-1.c-195900" << QString()
        << "https://api.platform.athenahealth.com:8443/fhir/r4/Group/a-1.c-195900/$export";
    QTest::newRow("resource type (InteropiO gateway)")
        << "https://gateway.interop.io/site-7/fhir/r4/"
        << "type" << QString() << "Practitioner"
        << "https://gateway.interop.io/site-7/fhir/r4/Practitioner/$export";
    QTest::newRow("base query and fragment dropped")
        << "https://fhir.example.org/r4?tenant=1#top"
        << "system" << QString() << QString() << "https://fhir.example.org/r4/$export";
    QTest::newRow("loopback http") << "http://127.0.0.1:8080/fhir"
                                   << "patient" << QString() << QString()
                                   << "http://127.0.0.1:8080/fhir/Patient/$export";
}

void TestExportRequest::operationUrl()
{
    QFETCH(QString, base);
    QFETCH(QString, level);
    QFETCH(QString, groupId);
    QFETCH(QString, resourceType);
    QFETCH(QString, expected);

    ExportRequest r;
    r.base = QUrl(base);
    r.level = ExportRequest::levelFromName(level).value();
    r.groupId = groupId;
    r.resourceType = resourceType;
    QCOMPARE(r.operationUrl().toString(QUrl::FullyEncoded), expected);
    // Without parameters the GET kick-off URL is the operation URL itself.
    QCOMPARE(r.kickoffUrl().toString(QUrl::FullyEncoded), expected);
}

void TestExportRequest::kickoffUrl_data()
{
    QTest::addColumn<QJsonObject>("request");
    QTest::addColumn<QString>("query"); // the exact wire query, without '?'

    const auto obj = [](std::initializer_list<QPair<QString, QJsonValue>> items) {
        QJsonObject o;
        for (const auto &[k, v] : items) {
            o.insert(k, v);
        }
        return o;
    };
    const QJsonArray twoTypes{QStringLiteral("Patient"), QStringLiteral("Observation")};
    const QJsonArray filters{QStringLiteral("Observation?category=laboratory,vital-signs&date=ge2024-01-01"),
                             QStringLiteral("MedicationRequest?status=active")};

    QTest::newRow("_type comma-joined") << obj({{QStringLiteral("types"), twoTypes}}) << "_type=Patient,Observation";
    QTest::newRow("_type repeated") << obj({{QStringLiteral("types"), twoTypes},
                                            {QStringLiteral("encoding"), QStringLiteral("get-repeated")}})
                                    << "_type=Patient&_type=Observation";
    QTest::newRow("_since with +01:00 offset is %2B, never a space")
        << obj({{QStringLiteral("since"), QStringLiteral("2024-01-31T09:15:00+01:00")}})
        << "_since=2024-01-31T09:15:00.000%2B01:00";
    QTest::newRow("_since with negative offset")
        << obj({{QStringLiteral("since"), QStringLiteral("2024-01-31T09:15:00.250-05:00")}})
        << "_since=2024-01-31T09:15:00.250-05:00";
    QTest::newRow("_since and _until in UTC")
        << obj({{QStringLiteral("since"), QStringLiteral("2024-01-01T00:00:00Z")},
                {QStringLiteral("until"), QStringLiteral("2024-02-01T00:00:00Z")}})
        << "_since=2024-01-01T00:00:00.000Z&_until=2024-02-01T00:00:00.000Z";
    QTest::newRow("_outputFormat keeps its + as %2B")
        << obj({{QStringLiteral("outputFormat"), QStringLiteral("application/fhir+ndjson")}})
        << "_outputFormat=application%2Ffhir%2Bndjson";
    QTest::newRow("_elements comma-joined")
        << obj({{QStringLiteral("elements"), QJsonArray{QStringLiteral("id"), QStringLiteral("meta")}}})
        << "_elements=id,meta";
    QTest::newRow("_typeFilter comma-joined, percent escape")
        << obj({{QStringLiteral("typeFilters"), filters}})
        << "_typeFilter=Observation%3Fcategory%3Dlaboratory%2Cvital-signs%26date%3Dge2024-01-01,"
           "MedicationRequest%3Fstatus%3Dactive";
    QTest::newRow("_typeFilter comma-joined, backslash escape")
        << obj({{QStringLiteral("typeFilters"), filters},
                {QStringLiteral("typeFilterEscape"), QStringLiteral("backslash")}})
        << "_typeFilter=Observation%3Fcategory%3Dlaboratory%5C,vital-signs%26date%3Dge2024-01-01,"
           "MedicationRequest%3Fstatus%3Dactive";
    QTest::newRow("_typeFilter repeated, commas untouched")
        << obj({{QStringLiteral("typeFilters"), filters}, {QStringLiteral("encoding"), QStringLiteral("get-repeated")}})
        << "_typeFilter=Observation%3Fcategory%3Dlaboratory,vital-signs%26date%3Dge2024-01-01&"
           "_typeFilter=MedicationRequest%3Fstatus%3Dactive";
    QTest::newRow("_typeFilter without commas is the same in both escapes")
        << obj({{QStringLiteral("typeFilters"), QJsonArray{QStringLiteral("Condition?clinical-status=active")}},
                {QStringLiteral("typeFilterEscape"), QStringLiteral("backslash")}})
        << "_typeFilter=Condition%3Fclinical-status%3Dactive";
    QTest::newRow("includeAssociatedData and allowPartialManifests")
        << obj({{QStringLiteral("includeAssociatedData"),
                 QJsonArray{QStringLiteral("LatestProvenanceResources"), QStringLiteral("_custom")}},
                {QStringLiteral("allowPartialManifests"), true}})
        << "includeAssociatedData=LatestProvenanceResources,_custom&allowPartialManifests=true";
    QTest::newRow("every GET parameter in wire order")
        << obj({{QStringLiteral("types"), QJsonArray{QStringLiteral("Patient")}},
                {QStringLiteral("since"), QStringLiteral("2024-01-31T09:15:00+01:00")},
                {QStringLiteral("until"), QStringLiteral("2024-03-01T00:00:00Z")},
                {QStringLiteral("outputFormat"), QStringLiteral("ndjson")},
                {QStringLiteral("elements"), QJsonArray{QStringLiteral("id")}},
                {QStringLiteral("typeFilters"), QJsonArray{QStringLiteral("Patient?active=true")}},
                {QStringLiteral("includeAssociatedData"), QJsonArray{QStringLiteral("LatestProvenanceResources")}},
                {QStringLiteral("allowPartialManifests"), true}})
        << "_type=Patient&_since=2024-01-31T09:15:00.000%2B01:00&_until=2024-03-01T00:00:00.000Z&"
           "_outputFormat=ndjson&_elements=id&_typeFilter=Patient%3Factive%3Dtrue&"
           "includeAssociatedData=LatestProvenanceResources&allowPartialManifests=true";
    QTest::newRow("lenient and patients do not reach a GET query")
        << obj({{QStringLiteral("lenient"), true},
                {QStringLiteral("patients"), QJsonArray{QStringLiteral("Patient/1")}}})
        << QString();
}

void TestExportRequest::kickoffUrl()
{
    QFETCH(QJsonObject, request);
    QFETCH(QString, query);

    const ExportRequest r = requestWith(request);
    const QUrl url = r.kickoffUrl();
    QCOMPARE(url.toString(QUrl::FullyEncoded | QUrl::RemoveQuery),
             QStringLiteral("https://fhir.example.org/r4/Group/grp-1/$export"));
    QCOMPARE(url.query(QUrl::FullyEncoded), query);
    QCOMPARE(url.hasQuery(), !query.isEmpty());
    // What QNetworkRequest sends is toEncoded(): the same bytes.
    QCOMPARE(QString::fromLatin1(url.toEncoded()), QStringLiteral("https://fhir.example.org/r4/Group/grp-1/$export") +
                                                       (query.isEmpty() ? QString() : QStringLiteral("?") + query));
}

void TestExportRequest::kickoffUrlForPostHasNoQuery()
{
    const ExportRequest r = requestWith({{QStringLiteral("encoding"), QStringLiteral("post")},
                                         {QStringLiteral("types"), QJsonArray{QStringLiteral("Patient")}},
                                         {QStringLiteral("since"), QStringLiteral("2024-01-31T09:15:00+01:00")}});
    QVERIFY(r.usesPost());
    QCOMPARE(r.kickoffUrl(), r.operationUrl());
    QCOMPARE(r.kickoffUrl().toString(QUrl::FullyEncoded),
             QStringLiteral("https://fhir.example.org/r4/Group/grp-1/$export"));
    QVERIFY(!requestWith({}).usesPost());
    QVERIFY(!requestWith({{QStringLiteral("encoding"), QStringLiteral("get-repeated")}}).usesPost());
}

void TestExportRequest::parametersBody()
{
    const ExportRequest r = requestWith(
        {{QStringLiteral("encoding"), QStringLiteral("post")},
         {QStringLiteral("types"), QJsonArray{QStringLiteral("Patient"), QStringLiteral("Observation")}},
         {QStringLiteral("since"), QStringLiteral("2024-01-31T09:15:00+01:00")},
         {QStringLiteral("until"), QStringLiteral("2024-02-01T00:00:00Z")},
         {QStringLiteral("outputFormat"), QStringLiteral("application/fhir+ndjson")},
         {QStringLiteral("elements"), QJsonArray{QStringLiteral("id")}},
         {QStringLiteral("typeFilters"), QJsonArray{QStringLiteral("Observation?category=laboratory,vital-signs")}},
         {QStringLiteral("includeAssociatedData"), QJsonArray{QStringLiteral("LatestProvenanceResources")}},
         {QStringLiteral("allowPartialManifests"), true},
         {QStringLiteral("patients"), QJsonArray{QStringLiteral("Patient/123"), QStringLiteral("Patient/456")}}});

    const QJsonObject body = parse(r.parametersBody());
    QCOMPARE(body.value(QStringLiteral("resourceType")).toString(), QStringLiteral("Parameters"));
    const QJsonArray params = body.value(QStringLiteral("parameter")).toArray();

    // name, value[x] key, value: one parameter per value, the _typeFilter verbatim (no escaping in a JSON body).
    const QList<std::tuple<QString, QString, QJsonValue>> expected{
        {QStringLiteral("_type"), QStringLiteral("valueString"), QStringLiteral("Patient")},
        {QStringLiteral("_type"), QStringLiteral("valueString"), QStringLiteral("Observation")},
        {QStringLiteral("_since"), QStringLiteral("valueInstant"), QStringLiteral("2024-01-31T09:15:00.000+01:00")},
        {QStringLiteral("_until"), QStringLiteral("valueInstant"), QStringLiteral("2024-02-01T00:00:00.000Z")},
        {QStringLiteral("_outputFormat"), QStringLiteral("valueString"), QStringLiteral("application/fhir+ndjson")},
        {QStringLiteral("_elements"), QStringLiteral("valueString"), QStringLiteral("id")},
        {QStringLiteral("_typeFilter"), QStringLiteral("valueString"),
         QStringLiteral("Observation?category=laboratory,vital-signs")},
        {QStringLiteral("includeAssociatedData"), QStringLiteral("valueCode"),
         QStringLiteral("LatestProvenanceResources")},
        {QStringLiteral("allowPartialManifests"), QStringLiteral("valueBoolean"), true},
        {QStringLiteral("patient"), QStringLiteral("valueReference"),
         QJsonObject{{QStringLiteral("reference"), QStringLiteral("Patient/123")}}},
        {QStringLiteral("patient"), QStringLiteral("valueReference"),
         QJsonObject{{QStringLiteral("reference"), QStringLiteral("Patient/456")}}},
    };
    QCOMPARE(params.size(), expected.size());
    for (qsizetype i = 0; i < params.size(); ++i) {
        const QJsonObject p = params.at(i).toObject();
        const auto &[name, key, value] = expected.at(i);
        QCOMPARE(p.value(QStringLiteral("name")).toString(), name);
        QCOMPARE(p.keys(), (QStringList{QStringLiteral("name"), key})); // exactly one value[x] (keys sort)
        QCOMPARE(p.value(key), value);
    }
}

void TestExportRequest::parametersBodyEmpty()
{
    const QJsonObject body =
        parse(requestWith({{QStringLiteral("encoding"), QStringLiteral("post")}}).parametersBody());
    QCOMPARE(body.value(QStringLiteral("resourceType")).toString(), QStringLiteral("Parameters"));
    QVERIFY(body.value(QStringLiteral("parameter")).isArray());
    QCOMPARE(body.value(QStringLiteral("parameter")).toArray().size(), 0);
}

void TestExportRequest::preferHeader_data()
{
    QTest::addColumn<bool>("lenient");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("strict") << false << QByteArray("respond-async");
    QTest::newRow("lenient") << true << QByteArray("respond-async, handling=lenient");
}

void TestExportRequest::preferHeader()
{
    QFETCH(bool, lenient);
    QFETCH(QByteArray, expected);
    ExportRequest r;
    r.lenient = lenient;
    QCOMPARE(r.preferHeader(), expected);
}

void TestExportRequest::validate_data()
{
    QTest::addColumn<QJsonObject>("request");
    QTest::addColumn<QJsonObject>("profile"); // VendorProfile::fromJson over generic
    QTest::addColumn<QStringList>("problems");

    const QJsonObject generic;
    const QJsonObject oracle{
        {QStringLiteral("id"), QStringLiteral("oracle-health")},
        {QStringLiteral("displayName"), QStringLiteral("Oracle Health")},
        {QStringLiteral("levels"), QJsonArray{QStringLiteral("group"), QStringLiteral("patient")}},
        {QStringLiteral("typeFilterNeedsType"), true},
        {QStringLiteral("typeFilterOnePerType"), true},
        {QStringLiteral("unsupportedParameters"), QJsonArray{QStringLiteral("_elements"), QStringLiteral("patient")}}};
    const QJsonObject interopio{
        {QStringLiteral("displayName"), QStringLiteral("InteropiO Epic R4 Gateway")},
        {QStringLiteral("levels"), QJsonArray{QStringLiteral("type")}},
        {QStringLiteral("typeLevelResources"),
         QJsonArray{QStringLiteral("Location"), QStringLiteral("Patient"), QStringLiteral("Practitioner")}}};
    const QJsonObject noExtras{
        {QStringLiteral("displayName"), QStringLiteral("Plain")},
        {QStringLiteral("unsupportedParameters"),
         QJsonArray{QStringLiteral("_typeFilter"), QStringLiteral("_until"), QStringLiteral("_since"),
                    QStringLiteral("includeAssociatedData"), QStringLiteral("allowPartialManifests")}}};
    const QString genericName = VendorProfile::generic().displayName;

    QTest::newRow("valid group export") << QJsonObject{} << generic << QStringList{};
    QTest::newRow("https with path and port")
        << QJsonObject{{QStringLiteral("base"), QStringLiteral("https://fhir.example.org:8443/a/b/r4/")}} << generic
        << QStringList{};
    QTest::newRow("http localhost") << QJsonObject{{QStringLiteral("base"),
                                                    QStringLiteral("http://localhost:8080/fhir")}}
                                    << generic << QStringList{};
    QTest::newRow("http 127.0.0.1") << QJsonObject{{QStringLiteral("base"), QStringLiteral("http://127.0.0.1/fhir")}}
                                    << generic << QStringList{};
    QTest::newRow("http [::1]") << QJsonObject{{QStringLiteral("base"), QStringLiteral("http://[::1]:8080/fhir")}}
                                << generic << QStringList{};
    QTest::newRow("http remote") << QJsonObject{{QStringLiteral("base"), QStringLiteral("http://fhir.example.org/r4")}}
                                 << generic
                                 << QStringList{QStringLiteral("The FHIR base URL must use https (plain http is "
                                                               "allowed only for this computer).")};
    QTest::newRow("http host that only starts like localhost")
        << QJsonObject{{QStringLiteral("base"), QStringLiteral("http://localhost.example.org/r4")}} << generic
        << QStringList{QStringLiteral("The FHIR base URL must use https (plain http is allowed only for this "
                                      "computer).")};
    QTest::newRow("ftp") << QJsonObject{{QStringLiteral("base"), QStringLiteral("ftp://fhir.example.org/r4")}}
                         << generic
                         << QStringList{QStringLiteral("The FHIR base URL must use https (plain http is allowed only "
                                                       "for this computer).")};
    QTest::newRow("no host") << QJsonObject{{QStringLiteral("base"), QStringLiteral("fhir.example.org/r4")}} << generic
                             << QStringList{QStringLiteral("The FHIR base URL is not a valid URL.")};
    QTest::newRow("empty base") << QJsonObject{{QStringLiteral("base"), QString()}} << generic
                                << QStringList{QStringLiteral("The FHIR base URL is not a valid URL.")};

    QTest::newRow("system level unsupported by Oracle")
        << QJsonObject{{QStringLiteral("level"), QStringLiteral("system")}} << oracle
        << QStringList{QStringLiteral("Oracle Health does not support exports at this level.")};
    QTest::newRow("type level unsupported by generic")
        << QJsonObject{{QStringLiteral("level"), QStringLiteral("type")},
                       {QStringLiteral("resourceType"), QStringLiteral("Patient")}}
        << generic << QStringList{genericName + QStringLiteral(" does not support exports at this level.")};
    QTest::newRow("type level, allowed type")
        << QJsonObject{{QStringLiteral("level"), QStringLiteral("type")},
                       {QStringLiteral("resourceType"), QStringLiteral("Patient")}}
        << interopio << QStringList{};
    QTest::newRow("type level, type outside the gateway's list")
        << QJsonObject{{QStringLiteral("level"), QStringLiteral("type")},
                       {QStringLiteral("resourceType"), QStringLiteral("Observation")}}
        << interopio
        << QStringList{QStringLiteral("InteropiO Epic R4 Gateway exports only Location, Patient, Practitioner at the "
                                      "resource-type level.")};
    QTest::newRow("type level, no type") << QJsonObject{{QStringLiteral("level"), QStringLiteral("type")}} << interopio
                                         << QStringList{QStringLiteral(
                                                "Choose the resource type to export at the resource-type level.")};

    QTest::newRow("group id with a slash")
        << QJsonObject{{QStringLiteral("groupId"), QStringLiteral("a/b")}} << generic
        << QStringList{QStringLiteral("The group id must be letters, digits, '-' or '.' (got \"a/b\").")};
    QTest::newRow("group id empty") << QJsonObject{{QStringLiteral("groupId"), QString()}} << generic
                                    << QStringList{QStringLiteral(
                                           "The group id must be letters, digits, '-' or '.' (got \"\").")};
    QTest::newRow("group id longer than 64 (Epic)")
        << QJsonObject{{QStringLiteral("groupId"), QString(100, QLatin1Char('7'))}} << generic << QStringList{};
    QTest::newRow("group id with query characters")
        << QJsonObject{{QStringLiteral("groupId"), QStringLiteral("1?_type=Patient")}} << generic
        << QStringList{QStringLiteral("The group id must be letters, digits, '-' or '.' (got \"1?_type=Patient\").")};

    QTest::newRow("bad _type name")
        << QJsonObject{{QStringLiteral("types"), QJsonArray{QStringLiteral("Patient"), QStringLiteral("Obs ervation")}}}
        << generic << QStringList{QStringLiteral("\"Obs ervation\" is not a resource type name.")};

    QTest::newRow("since before until")
        << QJsonObject{{QStringLiteral("since"), QStringLiteral("2024-01-01T00:00:00Z")},
                       {QStringLiteral("until"), QStringLiteral("2024-01-01T00:00:01Z")}}
        << generic << QStringList{};
    QTest::newRow("since equals until")
        << QJsonObject{{QStringLiteral("since"), QStringLiteral("2024-01-01T01:00:00+01:00")},
                       {QStringLiteral("until"), QStringLiteral("2024-01-01T00:00:00Z")}}
        << generic << QStringList{QStringLiteral("_until must be later than _since.")};
    QTest::newRow("until before since")
        << QJsonObject{{QStringLiteral("since"), QStringLiteral("2024-02-01T00:00:00Z")},
                       {QStringLiteral("until"), QStringLiteral("2024-01-01T00:00:00Z")}}
        << generic << QStringList{QStringLiteral("_until must be later than _since.")};

    QTest::newRow("patient with POST at group level")
        << QJsonObject{{QStringLiteral("encoding"), QStringLiteral("post")},
                       {QStringLiteral("patients"), QJsonArray{QStringLiteral("Patient/1")}}}
        << generic << QStringList{};
    QTest::newRow("patient with GET")
        << QJsonObject{{QStringLiteral("patients"), QJsonArray{QStringLiteral("Patient/1")}}} << generic
        << QStringList{QStringLiteral("The patient parameter can only be sent with a POST kick-off.")};
    QTest::newRow("patient at system level")
        << QJsonObject{{QStringLiteral("level"), QStringLiteral("system")},
                       {QStringLiteral("encoding"), QStringLiteral("post")},
                       {QStringLiteral("patients"), QJsonArray{QStringLiteral("Patient/1")}}}
        << generic << QStringList{QStringLiteral("The patient parameter is not allowed in a system-level export.")};
    QTest::newRow("patient with GET at system level")
        << QJsonObject{{QStringLiteral("level"), QStringLiteral("system")},
                       {QStringLiteral("patients"), QJsonArray{QStringLiteral("Patient/1")}}}
        << generic
        << QStringList{QStringLiteral("The patient parameter can only be sent with a POST kick-off."),
                       QStringLiteral("The patient parameter is not allowed in a system-level export.")};

    QTest::newRow("_typeFilter well formed")
        << QJsonObject{{QStringLiteral("typeFilters"), QJsonArray{QStringLiteral("Observation?category=laboratory")}}}
        << generic << QStringList{};
    for (const char *bad : {"Observation", "?category=laboratory", "Observation?", "Obs ervation?code=1", ""}) {
        QTest::addRow("_typeFilter shape \"%s\"", bad)
            << QJsonObject{{QStringLiteral("typeFilters"), QJsonArray{QString::fromLatin1(bad)}}} << generic
            << QStringList{QStringLiteral("_typeFilter \"%1\" must look like Type?search-parameters.")
                               .arg(QString::fromLatin1(bad))};
    }
    QTest::newRow("Oracle: _typeFilter needs its type in _type")
        << QJsonObject{{QStringLiteral("types"), QJsonArray{QStringLiteral("Patient")}},
                       {QStringLiteral("typeFilters"), QJsonArray{QStringLiteral("Observation?category=laboratory")}}}
        << oracle
        << QStringList{QStringLiteral(
               "Oracle Health accepts a _typeFilter only for a type also listed in _type (add Observation).")};
    QTest::newRow("Oracle: _typeFilter with its type")
        << QJsonObject{{QStringLiteral("types"), QJsonArray{QStringLiteral("Observation")}},
                       {QStringLiteral("typeFilters"), QJsonArray{QStringLiteral("Observation?category=laboratory")}}}
        << oracle << QStringList{};
    QTest::newRow("Oracle: one _typeFilter per type")
        << QJsonObject{{QStringLiteral("types"),
                        QJsonArray{QStringLiteral("Observation"), QStringLiteral("Condition")}},
                       {QStringLiteral("typeFilters"),
                        QJsonArray{QStringLiteral("Observation?category=laboratory"),
                                   QStringLiteral("Condition?category=problem-list-item"),
                                   QStringLiteral("Observation?category=vital-signs")}}}
        << oracle
        << QStringList{QStringLiteral(
               "Oracle Health accepts only one _typeFilter per resource type (Observation has several).")};
    QTest::newRow("generic: several _typeFilters per type and no _type are fine")
        << QJsonObject{{QStringLiteral("typeFilters"), QJsonArray{QStringLiteral("Observation?category=laboratory"),
                                                                  QStringLiteral("Observation?category=vital-signs")}}}
        << generic << QStringList{};

    QTest::newRow("Oracle: unsupported _elements and patient")
        << QJsonObject{{QStringLiteral("encoding"), QStringLiteral("post")},
                       {QStringLiteral("elements"), QJsonArray{QStringLiteral("id")}},
                       {QStringLiteral("patients"), QJsonArray{QStringLiteral("Patient/1")}}}
        << oracle
        << QStringList{QStringLiteral("Oracle Health does not support the _elements parameter."),
                       QStringLiteral("Oracle Health does not support the patient parameter.")};
    QTest::newRow("unsupported parameters, each named")
        << QJsonObject{{QStringLiteral("typeFilters"), QJsonArray{QStringLiteral("Patient?active=true")}},
                       {QStringLiteral("since"), QStringLiteral("2024-01-01T00:00:00Z")},
                       {QStringLiteral("until"), QStringLiteral("2024-02-01T00:00:00Z")},
                       {QStringLiteral("includeAssociatedData"), QJsonArray{QStringLiteral("_custom")}},
                       {QStringLiteral("allowPartialManifests"), true}}
        << noExtras
        << QStringList{QStringLiteral("Plain does not support the _typeFilter parameter."),
                       QStringLiteral("Plain does not support the _until parameter."),
                       QStringLiteral("Plain does not support the _since parameter."),
                       QStringLiteral("Plain does not support the includeAssociatedData parameter."),
                       QStringLiteral("Plain does not support the allowPartialManifests parameter.")};
    QTest::newRow("unsupported _outputFormat and _type")
        << QJsonObject{{QStringLiteral("outputFormat"), QStringLiteral("application/ndjson")},
                       {QStringLiteral("types"), QJsonArray{QStringLiteral("Patient")}}}
        << QJsonObject{{QStringLiteral("displayName"), QStringLiteral("Fixed")},
                       {QStringLiteral("unsupportedParameters"),
                        QJsonArray{QStringLiteral("_outputFormat"), QStringLiteral("_type")}}}
        << QStringList{QStringLiteral("Fixed does not support the _type parameter."),
                       QStringLiteral("Fixed does not support the _outputFormat parameter.")};
    QTest::newRow("unsupported parameters that are not used are no problem")
        << QJsonObject{} << noExtras << QStringList{};
}

void TestExportRequest::validate()
{
    QFETCH(QJsonObject, request);
    QFETCH(QJsonObject, profile);
    QFETCH(QStringList, problems);

    VendorProfile p;
    QString error;
    QVERIFY2(VendorProfile::fromJson(profile, &p, &error), qPrintable(error));
    QCOMPARE(requestWith(request).validate(p), problems);
}

void TestExportRequest::jsonRoundTrip()
{
    ExportRequest r;
    r.base = QUrl(QStringLiteral("https://fhir.example.org/r4/"));
    r.level = ExportLevel::ResourceType;
    r.groupId = QStringLiteral("grp-1");
    r.resourceType = QStringLiteral("Patient");
    r.types = {QStringLiteral("Patient"), QStringLiteral("Observation")};
    r.since = at(2024, 1, 31, 9, 15, 0, 3600);
    r.until = at(2024, 2, 29, 23, 59, 59, -5 * 3600);
    r.outputFormat = QStringLiteral("application/fhir+ndjson");
    r.elements = {QStringLiteral("id"), QStringLiteral("meta")};
    r.typeFilters = {QStringLiteral("Observation?category=laboratory,vital-signs")};
    r.includeAssociatedData = {QStringLiteral("LatestProvenanceResources")};
    r.allowPartialManifests = true;
    r.patients = {QStringLiteral("Patient/1")};
    r.lenient = true;
    r.encoding = ParameterEncoding::PostParameters;
    r.typeFilterEscape = TypeFilterEscape::Backslash;

    // Through text, as the journal stores it.
    const QByteArray text = QJsonDocument(r.toJson()).toJson();
    const ExportRequest back = ExportRequest::fromJson(parse(text));
    QCOMPARE(back.base, r.base);
    QCOMPARE(back.level, r.level);
    QCOMPARE(back.groupId, r.groupId);
    QCOMPARE(back.resourceType, r.resourceType);
    QCOMPARE(back.types, r.types);
    QVERIFY(back.since && back.until);
    QCOMPARE(*back.since, *r.since);
    QCOMPARE(back.since->offsetFromUtc(), 3600); // the offset survives, not only the instant
    QCOMPARE(*back.until, *r.until);
    QCOMPARE(back.until->offsetFromUtc(), -5 * 3600);
    QCOMPARE(back.outputFormat, r.outputFormat);
    QCOMPARE(back.elements, r.elements);
    QCOMPARE(back.typeFilters, r.typeFilters);
    QCOMPARE(back.includeAssociatedData, r.includeAssociatedData);
    QCOMPARE(back.allowPartialManifests, true);
    QCOMPARE(back.patients, r.patients);
    QCOMPARE(back.lenient, true);
    QCOMPARE(back.encoding, ParameterEncoding::PostParameters);
    QCOMPARE(back.typeFilterEscape, TypeFilterEscape::Backslash);
    QCOMPARE(back.toJson(), r.toJson());

    // Each of the other enum values survives too.
    for (const auto &[level, enc] : {std::pair{ExportLevel::System, ParameterEncoding::GetRepeated},
                                     std::pair{ExportLevel::Patient, ParameterEncoding::GetCommaJoined},
                                     std::pair{ExportLevel::Group, ParameterEncoding::GetRepeated}}) {
        ExportRequest small;
        small.level = level;
        small.encoding = enc;
        const ExportRequest b = ExportRequest::fromJson(small.toJson());
        QCOMPARE(b.level, level);
        QCOMPARE(b.encoding, enc);
        QCOMPARE(b.typeFilterEscape, TypeFilterEscape::Percent);
        QVERIFY(!b.since && !b.until);
    }
}

void TestExportRequest::fromJsonDefaults()
{
    const ExportRequest r = ExportRequest::fromJson(QJsonObject{});
    QCOMPARE(r.level, ExportLevel::Group);
    QCOMPARE(r.encoding, ParameterEncoding::GetCommaJoined);
    QCOMPARE(r.typeFilterEscape, TypeFilterEscape::Percent);
    QVERIFY(!r.since);
    QVERIFY(!r.until);
    QVERIFY(r.types.isEmpty());
    QVERIFY(!r.lenient);
    QVERIFY(!r.allowPartialManifests);
}

void TestExportRequest::formatInstant_data()
{
    QTest::addColumn<QDateTime>("dt");
    QTest::addColumn<QString>("expected");
    QTest::newRow("+01:00") << at(2024, 1, 31, 9, 15, 0, 3600) << "2024-01-31T09:15:00.000+01:00";
    QTest::newRow("-05:30") << at(2024, 1, 31, 9, 15, 0, -(5 * 3600 + 1800)) << "2024-01-31T09:15:00.000-05:30";
    QTest::newRow("UTC") << QDateTime(QDate(2024, 1, 31), QTime(8, 15, 0, 123), Qt::UTC) << "2024-01-31T08:15:00.123Z";
    QTest::newRow("local time carries its offset")
        << QDateTime(QDate(2024, 7, 1), QTime(12, 0), Qt::LocalTime) << "2024-07-01T12:00:00.000+02:00";
}

void TestExportRequest::formatInstant()
{
    QFETCH(QDateTime, dt);
    QFETCH(QString, expected);
    QCOMPARE(ExportRequest::formatInstant(dt), expected);
}

void TestExportRequest::parseInstant_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected"); // invalid: rejected
    QTest::addColumn<int>("offset");

    QTest::newRow("instant +01:00") << "2024-01-31T09:15:00.000+01:00" << at(2024, 1, 31, 8, 15, 0, 0) << 3600;
    QTest::newRow("instant Z") << "2024-01-31T08:15:00Z" << at(2024, 1, 31, 8, 15, 0, 0) << 0;
    QTest::newRow("instant -05:00 without fraction")
        << "2024-01-31T03:15:00-05:00" << at(2024, 1, 31, 8, 15, 0, 0) << -5 * 3600;
    QTest::newRow("milliseconds") << "2024-01-31T08:15:00.250Z"
                                  << QDateTime(QDate(2024, 1, 31), QTime(8, 15, 0, 250), Qt::UTC) << 0;
    QTest::newRow("surrounding spaces") << "  2024-01-31T08:15:00Z \n" << at(2024, 1, 31, 8, 15, 0, 0) << 0;
    QTest::newRow("plain date is midnight UTC") << "2024-01-31" << at(2024, 1, 31, 0, 0, 0, 0) << 0;
    QTest::newRow("plain date in summer is midnight UTC") << "2024-07-01" << at(2024, 7, 1, 0, 0, 0, 0) << 0;

    QTest::newRow("empty") << "" << QDateTime() << 0;
    QTest::newRow("words") << "yesterday" << QDateTime() << 0;
    QTest::newRow("month 13") << "2024-13-01" << QDateTime() << 0;
    QTest::newRow("30 February") << "2024-02-30" << QDateTime() << 0;
    QTest::newRow("hour 25") << "2024-01-31T25:00:00Z" << QDateTime() << 0;
    QTest::newRow("space instead of T") << "2024-01-31 08:15:00Z" << QDateTime() << 0;
    QTest::newRow("offset without colon") << "2024-01-31T08:15:00+0100" << QDateTime() << 0;
    QTest::newRow("year and month only") << "2024-01" << QDateTime() << 0;
    QTest::newRow("trailing text") << "2024-01-31T08:15:00Z; DROP" << QDateTime() << 0;
    QTest::newRow("HTTP-date") << "Wed, 31 Jan 2024 08:15:00 GMT" << QDateTime() << 0;
}

void TestExportRequest::parseInstant()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    QFETCH(int, offset);

    const std::optional<QDateTime> dt = ExportRequest::parseInstant(text);
    if (!expected.isValid()) {
        QVERIFY2(!dt, qPrintable(dt ? dt->toString(Qt::ISODateWithMs) : QString()));
        return;
    }
    QVERIFY(dt);
    QVERIFY(dt->isValid());
    QCOMPARE(dt->toUTC(), expected);
    QCOMPARE(dt->offsetFromUtc(), offset);
}

void TestExportRequest::levelNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("level"); // -1: unknown
    QTest::newRow("system") << "system" << int(ExportLevel::System);
    QTest::newRow("patient") << "patient" << int(ExportLevel::Patient);
    QTest::newRow("group") << "group" << int(ExportLevel::Group);
    QTest::newRow("type") << "type" << int(ExportLevel::ResourceType);
    QTest::newRow("capitalised") << "Group" << -1;
    QTest::newRow("empty") << "" << -1;
    QTest::newRow("resourceType") << "resourceType" << -1;
}

void TestExportRequest::levelNames()
{
    QFETCH(QString, name);
    QFETCH(int, level);
    const std::optional<ExportLevel> parsed = ExportRequest::levelFromName(name);
    if (level < 0) {
        QVERIFY(!parsed);
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(int(*parsed), level);
    ExportRequest r;
    r.level = *parsed;
    QCOMPARE(r.levelName(), name);
}

QTEST_GUILESS_MAIN(TestExportRequest)
#include "tst_exportrequest.moc"
