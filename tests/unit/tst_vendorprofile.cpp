// VendorProfile: presets read from JSON — defaults for missing keys, every key, bad values refused, round trip —
// and every preset Ferry ships (resources/vendors/*.json): it loads, lists only what differs from the standard,
// is recognised from its server's CapabilityStatement, and carries its vendor's documented quirks.
#include "vendor/vendorprofile.h"

#include "net/failuretext.h"
#include "vendor/vendorregistry.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace std::chrono;

namespace {

// Every key with a value that differs from the generic default.
QJsonObject everyKey()
{
    return QJsonObject{
        {QStringLiteral("id"), QStringLiteral("oracle-health")},
        {QStringLiteral("displayName"), QStringLiteral("Oracle Health (Cerner Millennium)")},
        {QStringLiteral("description"), QStringLiteral("Group export per tenant")},
        {QStringLiteral("levels"), QJsonArray{QStringLiteral("group"), QStringLiteral("type")}},
        {QStringLiteral("typeLevelResources"), QJsonArray{QStringLiteral("Patient"), QStringLiteral("Location")}},
        {QStringLiteral("encoding"), QStringLiteral("get-repeated")},
        {QStringLiteral("preferLenient"), true},
        {QStringLiteral("typeFilterEscape"), QStringLiteral("backslash")},
        {QStringLiteral("typeFilterNeedsType"), true},
        {QStringLiteral("typeFilterOnePerType"), true},
        {QStringLiteral("unsupportedParameters"), QJsonArray{QStringLiteral("_elements"), QStringLiteral("patient")}},
        {QStringLiteral("supportedTypes"), QJsonArray{QStringLiteral("Patient"), QStringLiteral("Observation")}},
        {QStringLiteral("extraHeaders"), QJsonObject{{QStringLiteral("Epic-Client-ID"), QStringLiteral("{clientId}")},
                                                     {QStringLiteral("X-Tenant"), QStringLiteral("t1")}}},
        {QStringLiteral("sinceUnreliable"), true},
        {QStringLiteral("sinceWarning"), QStringLiteral("meta.lastUpdated is not populated")},
        {QStringLiteral("typeAdvice"), QStringLiteral("add Provenance")},
        {QStringLiteral("groupIdHint"), QStringLiteral("a-1.c-{practiceId}")},
        {QStringLiteral("maxConcurrentExports"), 1},
        {QStringLiteral("retryAfterUnit"), QStringLiteral("milliseconds")},
        {QStringLiteral("pollMinimumSeconds"), 30},
        {QStringLiteral("pollMaximumSeconds"), 3600},
        {QStringLiteral("pollInitialSeconds"), 60},
        {QStringLiteral("honourGrowingRetryAfter"), true},
        {QStringLiteral("statusBodyMayBeRunning"), true},
        {QStringLiteral("fileUrlKeys"), QJsonArray{QStringLiteral("url"), QStringLiteral("file")}},
        {QStringLiteral("parallelDownloads"), 2},
        {QStringLiteral("requestsPerMinute"), 250},
        {QStringLiteral("deleteAfterDownload"), false},
        {QStringLiteral("cleanupMayBeForbidden"), true},
        {QStringLiteral("signingAlgorithms"), QJsonArray{QStringLiteral("RS384")}},
        {QStringLiteral("defaultScope"), QStringLiteral("system/Patient.read system/Observation.read")},
        {QStringLiteral("jkuRequired"), true},
        {QStringLiteral("defaultAuthMethod"), QStringLiteral("client-secret")},
        {QStringLiteral("softwareNames"), QJsonArray{QStringLiteral("Cerner Millennium")}},
        {QStringLiteral("traps"), QJsonArray{QStringLiteral("one export per client")}},
        {QStringLiteral("errorHints"),
         QJsonArray{QJsonObject{{QStringLiteral("contains"), QStringLiteral("too recently")},
                                {QStringLiteral("advice"), QStringLiteral("wait 24 h")}}}},
        {QStringLiteral("connectionHelp"), QStringLiteral("Register a system account")},
    };
}

std::optional<VendorProfile> read(const QJsonObject &json, QString *error = nullptr)
{
    VendorProfile p;
    QString e;
    if (!VendorProfile::fromJson(json, &p, &e)) {
        if (error) {
            *error = e;
        }
        return std::nullopt;
    }
    return p;
}

const QStringList kShipped{
    QStringLiteral("generic"),  QStringLiteral("epic"),  QStringLiteral("epic-interopio"), QStringLiteral("oracle"),
    QStringLiteral("veradigm"), QStringLiteral("oneup"), QStringLiteral("ms-retry-after"), QStringLiteral("ecw"),
    QStringLiteral("athena"),   QStringLiteral("hapi")};

QJsonObject presetFile(const QString &id)
{
    QFile file(QStringLiteral(":/vendors/%1.json").arg(id));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

VendorProfile shipped(const QString &id)
{
    return VendorRegistry::instance().profile(id);
}

// The rule ConnectionCheck uses to recognise a vendor from CapabilityStatement software.name / publisher.
QStringList recognisedBy(const QString &softwareName, const QString &publisher)
{
    QStringList ids;
    for (const VendorProfile &p : VendorRegistry::instance().all()) {
        for (const QString &name : p.softwareNames) {
            if (softwareName.contains(name, Qt::CaseInsensitive) || publisher.contains(name, Qt::CaseInsensitive)) {
                ids << p.id;
                break;
            }
        }
    }
    return ids;
}

} // namespace

class TestVendorProfile : public QObject
{
    Q_OBJECT

private slots:
    void genericDefaults();
    void missingKeysKeepDefaults();
    void eachKey_data();
    void eachKey();
    void everyKeyFields();
    void roundTrip();
    void badValues_data();
    void badValues();
    void failureLeavesProfileAlone();
    void enumNames_data();
    void enumNames();

    void shippedPresetLoads_data();
    void shippedPresetLoads();
    void registryListsEveryPreset();
    void recognisedFromCapabilities_data();
    void recognisedFromCapabilities();
    void errorHintsTurnServerTextIntoAdvice_data();
    void errorHintsTurnServerTextIntoAdvice();
    void epicQuirks();
    void interopioQuirks();
    void oracleQuirks();
    void msRetryAfterQuirks();
    void veradigmQuirks();
    void oneupQuirks();
    void ecwAthenaHapiQuirks();
};

void TestVendorProfile::genericDefaults()
{
    const VendorProfile p = VendorProfile::generic();
    QCOMPARE(p.id, QStringLiteral("generic"));
    QCOMPARE(p.levels, (QStringList{QStringLiteral("group"), QStringLiteral("patient"), QStringLiteral("system")}));
    QCOMPARE(p.encoding, ParameterEncoding::GetCommaJoined);
    QCOMPARE(p.typeFilterEscape, TypeFilterEscape::Percent);
    QCOMPARE(p.retryAfterUnit, RetryAfterUnit::Seconds);
    QCOMPARE(p.pollMinimum, seconds(1));
    QCOMPARE(p.pollMaximum, seconds(900));
    QCOMPARE(p.pollInitial, seconds(2));
    QCOMPARE(p.fileUrlKeys, QStringList{QStringLiteral("url")});
    QCOMPARE(p.parallelDownloads, 4);
    QCOMPARE(p.deleteAfterDownload, true);
    QCOMPARE(p.signingAlgorithms, (QStringList{QStringLiteral("RS384"), QStringLiteral("ES384")}));
    QCOMPARE(p.defaultScope, QStringLiteral("system/*.read"));
    QVERIFY(p.supportsLevel(QStringLiteral("group")));
    QVERIFY(!p.supportsLevel(QStringLiteral("type")));
    QVERIFY(p.supportsParameter(QStringLiteral("_typeFilter")));
}

void TestVendorProfile::missingKeysKeepDefaults()
{
    const std::optional<VendorProfile> p = read(QJsonObject{});
    QVERIFY(p);
    QCOMPARE(p->toJson(), VendorProfile::generic().toJson());
    // Unknown keys are ignored, not errors (a newer preset on an older Ferry).
    const std::optional<VendorProfile> q = read(QJsonObject{{QStringLiteral("futureKey"), 1}});
    QVERIFY(q);
    QCOMPARE(q->toJson(), VendorProfile::generic().toJson());
}

void TestVendorProfile::eachKey_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    const QJsonObject all = everyKey();
    for (auto it = all.begin(); it != all.end(); ++it) {
        QTest::addRow("%s", qPrintable(it.key())) << it.key() << QJsonValue(it.value());
    }
}

void TestVendorProfile::eachKey()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);

    const std::optional<VendorProfile> p = read(QJsonObject{{key, value}});
    QVERIFY(p);
    const QJsonObject out = p->toJson();
    const QJsonObject generic = VendorProfile::generic().toJson();
    QCOMPARE(out.keys(), generic.keys());
    for (auto it = out.begin(); it != out.end(); ++it) {
        if (it.key() == key) {
            QVERIFY2(it.value() != generic.value(key), qPrintable(key)); // the row really changes something
            QCOMPARE(it.value(), value);
        } else {
            QCOMPARE(it.value(), generic.value(it.key())); // and nothing else
        }
    }
}

void TestVendorProfile::everyKeyFields()
{
    const std::optional<VendorProfile> p = read(everyKey());
    QVERIFY(p);
    QCOMPARE(p->encoding, ParameterEncoding::GetRepeated);
    QCOMPARE(p->typeFilterEscape, TypeFilterEscape::Backslash);
    QCOMPARE(p->retryAfterUnit, RetryAfterUnit::Milliseconds);
    QCOMPARE(p->pollMinimum, seconds(30));
    QCOMPARE(p->pollMaximum, seconds(3600));
    QCOMPARE(p->pollInitial, seconds(60));
    QCOMPARE(p->extraHeaders,
             (QList<QPair<QByteArray, QString>>{{QByteArray("Epic-Client-ID"), QStringLiteral("{clientId}")},
                                                {QByteArray("X-Tenant"), QStringLiteral("t1")}}));
    QCOMPARE(p->errorHints.size(), 1);
    QCOMPARE(p->errorHints.at(0).contains, QStringLiteral("too recently"));
    QCOMPARE(p->errorHints.at(0).advice, QStringLiteral("wait 24 h"));
    QVERIFY(p->supportsLevel(QStringLiteral("type")));
    QVERIFY(!p->supportsLevel(QStringLiteral("system")));
    QVERIFY(!p->supportsParameter(QStringLiteral("_elements")));
    QVERIFY(p->supportsParameter(QStringLiteral("_since")));
    QCOMPARE(p->maxConcurrentExports, 1);
    QCOMPARE(p->requestsPerMinute, 250);
    QCOMPARE(p->cleanupMayBeForbidden, true);
    QCOMPARE(p->statusBodyMayBeRunning, true);
    QCOMPARE(p->honourGrowingRetryAfter, true);
}

void TestVendorProfile::roundTrip()
{
    const std::optional<VendorProfile> p = read(everyKey());
    QVERIFY(p);
    QCOMPARE(p->toJson(), everyKey());
    // Through text, as a preset file.
    const std::optional<VendorProfile> q = read(QJsonDocument::fromJson(QJsonDocument(p->toJson()).toJson()).object());
    QVERIFY(q);
    QCOMPARE(q->toJson(), everyKey());
    // And the generic profile.
    QCOMPARE(read(VendorProfile::generic().toJson())->toJson(), VendorProfile::generic().toJson());
}

void TestVendorProfile::badValues_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("error");

    QTest::newRow("encoding") << QJsonObject{{QStringLiteral("encoding"), QStringLiteral("GET")}}
                              << "unknown encoding \"GET\" (use get-comma, get-repeated or post)";
    QTest::newRow("encoding not a string") << QJsonObject{{QStringLiteral("encoding"), 2}}
                                           << "unknown encoding \"\" (use get-comma, get-repeated or post)";
    QTest::newRow("retryAfterUnit") << QJsonObject{{QStringLiteral("retryAfterUnit"), QStringLiteral("hours")}}
                                    << "unknown retryAfterUnit \"hours\" (use seconds, milliseconds or minutes)";
    QTest::newRow("retryAfterUnit capitalised")
        << QJsonObject{{QStringLiteral("retryAfterUnit"), QStringLiteral("Seconds")}}
        << "unknown retryAfterUnit \"Seconds\" (use seconds, milliseconds or "
           "minutes)";
    QTest::newRow("typeFilterEscape") << QJsonObject{{QStringLiteral("typeFilterEscape"), QStringLiteral("slash")}}
                                      << "unknown typeFilterEscape \"slash\" (use percent or backslash)";
    QTest::newRow("levels") << QJsonObject{{QStringLiteral("levels"),
                                            QJsonArray{QStringLiteral("group"), QStringLiteral("Patient")}}}
                            << "unknown level \"Patient\" (use group, patient, system or type)";
    QTest::newRow("negative minimum") << QJsonObject{{QStringLiteral("pollMinimumSeconds"), -1}}
                                      << "poll bounds or parallelDownloads out of range";
    QTest::newRow("maximum below minimum")
        << QJsonObject{{QStringLiteral("pollMinimumSeconds"), 60}, {QStringLiteral("pollMaximumSeconds"), 30}}
        << "poll bounds or parallelDownloads out of range";
    QTest::newRow("no downloads") << QJsonObject{{QStringLiteral("parallelDownloads"), 0}}
                                  << "poll bounds or parallelDownloads out of range";
}

void TestVendorProfile::badValues()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!read(json, &actual));
    QCOMPARE(actual, error);
}

void TestVendorProfile::failureLeavesProfileAlone()
{
    VendorProfile p;
    p.id = QStringLiteral("before");
    QString error;
    QVERIFY(!VendorProfile::fromJson(QJsonObject{{QStringLiteral("id"), QStringLiteral("after")},
                                                 {QStringLiteral("encoding"), QStringLiteral("nope")}},
                                     &p, &error));
    QCOMPARE(p.id, QStringLiteral("before"));
}

void TestVendorProfile::enumNames_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("name");
    for (const char *n : {"get-comma", "get-repeated", "post"}) {
        QTest::addRow("encoding %s", n) << "encoding" << QString::fromLatin1(n);
    }
    for (const char *n : {"seconds", "milliseconds", "minutes"}) {
        QTest::addRow("retryAfterUnit %s", n) << "retryAfterUnit" << QString::fromLatin1(n);
    }
    for (const char *n : {"percent", "backslash"}) {
        QTest::addRow("typeFilterEscape %s", n) << "typeFilterEscape" << QString::fromLatin1(n);
    }
}

void TestVendorProfile::enumNames()
{
    QFETCH(QString, key);
    QFETCH(QString, name);
    // Each accepted name is written back as the same name.
    const std::optional<VendorProfile> p = read(QJsonObject{{key, name}});
    QVERIFY(p);
    QCOMPARE(p->toJson().value(key).toString(), name);
}

void TestVendorProfile::shippedPresetLoads_data()
{
    QTest::addColumn<QString>("id");
    for (const QString &id : kShipped) {
        QTest::addRow("%s", qPrintable(id)) << id;
    }
}

void TestVendorProfile::shippedPresetLoads()
{
    QFETCH(QString, id);
    const QJsonObject json = presetFile(id);
    QVERIFY2(!json.isEmpty(), "the preset is compiled in as :/vendors/<id>.json and is a JSON object");
    VendorProfile p;
    QString error;
    QVERIFY2(VendorProfile::fromJson(json, &p, &error), qPrintable(error));
    QCOMPARE(p.id, id);
    QVERIFY(!p.displayName.isEmpty());
    QVERIFY(!p.description.isEmpty());
    QVERIFY2(p.connectionHelp.size() > 80, "says what to register and which URL to paste");
    QCOMPARE(shipped(id).toJson(), p.toJson()); // the registry did not drop or alter it

    // Every key is one Ferry reads (a misspelt key would silently keep the generic value), and a preset lists
    // only where its vendor differs from the standard.
    const QJsonObject generic = VendorProfile::generic().toJson();
    const QStringList descriptive{QStringLiteral("id"), QStringLiteral("displayName"), QStringLiteral("description"),
                                  QStringLiteral("connectionHelp")};
    for (auto it = json.begin(); it != json.end(); ++it) {
        QVERIFY2(generic.contains(it.key()), qPrintable(QStringLiteral("unknown key %1").arg(it.key())));
        if (id != QLatin1String("generic") && !descriptive.contains(it.key())) {
            QVERIFY2(p.toJson().value(it.key()) != generic.value(it.key()),
                     qPrintable(QStringLiteral("%1 repeats the generic value").arg(it.key())));
        }
    }
    if (id != QLatin1String("generic")) {
        QVERIFY2(p.displayName != VendorProfile::generic().displayName, "each preset has its own name");
        // The millisecond vendor's documentation does not name its product, so nothing can recognise it.
        QVERIFY2(!p.softwareNames.isEmpty() || id == QLatin1String("ms-retry-after"),
                 "the preflight can recognise the vendor");
        QVERIFY2(!p.traps.isEmpty(), "the preflight explains the vendor's traps");
    }
    for (const ErrorHint &hint : std::as_const(p.errorHints)) {
        QVERIFY(hint.contains.size() >= 5);
        QVERIFY(hint.advice.size() > 30);
    }
}

void TestVendorProfile::registryListsEveryPreset()
{
    const VendorRegistry &registry = VendorRegistry::instance();
    const QStringList ids = registry.ids();
    QCOMPARE(QSet<QString>(ids.begin(), ids.end()), QSet<QString>(kShipped.begin(), kShipped.end()));
    QCOMPARE(registry.all().first().id, QStringLiteral("generic"));
    QCOMPARE(QDir(QStringLiteral(":/vendors")).entryList({QStringLiteral("*.json")}).size(), kShipped.size());
    QSet<QString> names;
    for (const VendorProfile &p : registry.all()) {
        names.insert(p.displayName);
    }
    QCOMPARE(names.size(), kShipped.size()); // no two presets look alike in a list
}

void TestVendorProfile::recognisedFromCapabilities_data()
{
    // software.name and publisher as each vendor's server (and its ferry-sandbox persona) reports them.
    QTest::addColumn<QString>("softwareName");
    QTest::addColumn<QString>("publisher");
    QTest::addColumn<QString>("id");
    QTest::newRow("epic") << "Epic"
                          << "Epic Systems Corporation"
                          << "epic";
    QTest::newRow("interopio") << "InteropiO Epic R4 Gateway"
                               << "InteropiO"
                               << "epic-interopio";
    QTest::newRow("oracle") << "Oracle Health Millennium Platform"
                            << "Oracle Health"
                            << "oracle";
    QTest::newRow("cerner") << "Cerner Millennium FHIR R4"
                            << "Cerner Corporation"
                            << "oracle";
    QTest::newRow("veradigm") << "Veradigm FHIR API"
                              << "Veradigm"
                              << "veradigm";
    QTest::newRow("oneup") << "1upHealth FHIR Server"
                           << "1upHealth"
                           << "oneup";
    QTest::newRow("ecw") << "eClinicalWorks FHIR"
                         << "eClinicalWorks"
                         << "ecw";
    QTest::newRow("athena") << "athenahealth FHIR"
                            << "athenahealth"
                            << "athena";
    QTest::newRow("hapi") << "HAPI FHIR Server"
                          << "Not provided"
                          << "hapi";
    QTest::newRow("unknown") << "ferry-sandbox"
                             << "Ferry"
                             << "";
}

void TestVendorProfile::recognisedFromCapabilities()
{
    QFETCH(QString, softwareName);
    QFETCH(QString, publisher);
    QFETCH(QString, id);
    // Exactly one preset claims the server: the first match wins in ConnectionCheck, so overlaps would depend on
    // the order of display names.
    QCOMPARE(recognisedBy(softwareName, publisher), id.isEmpty() ? QStringList() : QStringList{id});
}

void TestVendorProfile::errorHintsTurnServerTextIntoAdvice_data()
{
    // Server texts as the vendors (and their sandbox personas) send them, and a word the advice must contain.
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("serverText");
    QTest::addColumn<QString>("adviceMentions");
    QTest::newRow("epic too recently")
        << "epic"
        << "error (forbidden): Error processing Bulk Data Kickoff request: Request not allowed: The Client requested "
           "this Group too recently."
        << "24 hours";
    QTest::newRow("epic client id header")
        << "epic"
        << "The Epic-Client-ID header is missing or does not match the authenticated client"
        << "client id";
    QTest::newRow("interopio identifier file")
        << "epic-interopio"
        << "Bulk export failed: the identifier file /site/Patient/Patient.csv was not found"
        << "Patient.csv";
    QTest::newRow("oracle throttled")
        << "oracle"
        << "error (throttled): An export for this client is already in progress (j1); only one export at a time is "
           "allowed"
        << "one export at a time";
    QTest::newRow("ms not available") << "ms-retry-after"
                                      << "error (forbidden): The requested export j1 is not available"
                                      << "seven days";
    QTest::newRow("veradigm type") << "veradigm"
                                   << "The resource type 'Claim' in _type is not supported by this server"
                                   << "23";
    QTest::newRow("athena v2 scope") << "athena"
                                     << "invalid_scope: system/Patient.rs"
                                     << "system/Patient.read";
}

void TestVendorProfile::errorHintsTurnServerTextIntoAdvice()
{
    QFETCH(QString, id);
    QFETCH(QString, serverText);
    QFETCH(QString, adviceMentions);
    const QString advice = FailureText::vendorAdvice(serverText, shipped(id));
    QVERIFY2(advice.contains(adviceMentions), qPrintable(advice));
    // The same text under the generic profile gets no vendor advice.
    QVERIFY(FailureText::vendorAdvice(serverText, VendorProfile::generic()).isEmpty());
}

void TestVendorProfile::epicQuirks()
{
    const VendorProfile p = shipped(QStringLiteral("epic"));
    QCOMPARE(p.levels, QStringList{QStringLiteral("group")});
    QCOMPARE(p.extraHeaders,
             (QList<QPair<QByteArray, QString>>{{QByteArray("Epic-Client-ID"), QStringLiteral("{clientId}")}}));
    QVERIFY(p.sinceUnreliable);
    QVERIFY(p.sinceWarning.contains(QStringLiteral("meta.lastUpdated")));
    QCOMPARE(p.typeFilterEscape, TypeFilterEscape::Backslash);
    QVERIFY(p.deleteAfterDownload); // Epic refuses a second export of the group until the window has passed
    QVERIFY(p.jkuRequired);
    QCOMPARE(p.retryAfterUnit, RetryAfterUnit::Seconds);
}

void TestVendorProfile::interopioQuirks()
{
    const VendorProfile p = shipped(QStringLiteral("epic-interopio"));
    QCOMPARE(p.levels, QStringList{QStringLiteral("type")});
    QCOMPARE(p.typeLevelResources,
             (QStringList{QStringLiteral("Patient"), QStringLiteral("Practitioner"), QStringLiteral("Location")}));
    QVERIFY(p.honourGrowingRetryAfter);
    QVERIFY(!p.supportsLevel(QStringLiteral("group")));
    QCOMPARE(p.retryAfterUnit, RetryAfterUnit::Seconds);
}

void TestVendorProfile::oracleQuirks()
{
    const VendorProfile p = shipped(QStringLiteral("oracle"));
    QCOMPARE(p.levels, QStringList{QStringLiteral("group")});
    QCOMPARE(p.encoding, ParameterEncoding::GetCommaJoined); // repeated _type is refused
    QVERIFY(!p.supportsParameter(QStringLiteral("_elements")));
    QVERIFY(!p.supportsParameter(QStringLiteral("patient")));
    QVERIFY(p.supportsParameter(QStringLiteral("_since")));
    QVERIFY(p.typeFilterNeedsType);
    QVERIFY(p.typeFilterOnePerType);
    QCOMPARE(p.maxConcurrentExports, 1);
    QVERIFY(p.deleteAfterDownload);
    QVERIFY(p.pollMaximum >= minutes(10)); // its Retry-After: 600 is honoured, not cut to the generic bound
}

void TestVendorProfile::msRetryAfterQuirks()
{
    const VendorProfile p = shipped(QStringLiteral("ms-retry-after"));
    QCOMPARE(p.retryAfterUnit, RetryAfterUnit::Milliseconds);
    QCOMPARE(p.levels, QStringList{QStringLiteral("group")});
}

void TestVendorProfile::veradigmQuirks()
{
    const VendorProfile p = shipped(QStringLiteral("veradigm"));
    QCOMPARE(p.retryAfterUnit, RetryAfterUnit::Minutes);
    QCOMPARE(p.levels, QStringList{QStringLiteral("group")});
    QCOMPARE(p.supportedTypes.size(), 23);
    for (const char *type : {"AllergyIntolerance", "Binary", "Group", "Provenance", "RelatedPerson"}) {
        QVERIFY2(p.supportedTypes.contains(QLatin1String(type)), type);
    }
    QVERIFY(!p.supportedTypes.contains(QStringLiteral("MedicationAdministration")));
    QVERIFY(p.typeAdvice.contains(QStringLiteral("Provenance")));
}

void TestVendorProfile::oneupQuirks()
{
    const VendorProfile p = shipped(QStringLiteral("oneup"));
    QVERIFY(p.statusBodyMayBeRunning);
    QVERIFY(p.fileUrlKeys.contains(QStringLiteral("file")));
    QVERIFY(p.cleanupMayBeForbidden);
    QCOMPARE(p.encoding, ParameterEncoding::GetCommaJoined); // POST is refused with 403
    QVERIFY(!p.supportsParameter(QStringLiteral("patient")));
    QCOMPARE(p.defaultAuthMethod, QStringLiteral("headers")); // Group exports need the client headers
}

void TestVendorProfile::ecwAthenaHapiQuirks()
{
    const VendorProfile ecw = shipped(QStringLiteral("ecw"));
    QVERIFY(ecw.requestsPerMinute > 0 && ecw.requestsPerMinute < 250);
    QCOMPARE(ecw.signingAlgorithms, QStringList{QStringLiteral("RS384")});
    QVERIFY(ecw.pollMaximum < hours(2)); // its two-hour first Retry-After is clamped

    const VendorProfile athena = shipped(QStringLiteral("athena"));
    QCOMPARE(athena.levels, QStringList{QStringLiteral("group")});
    QCOMPARE(athena.groupIdHint, QStringLiteral("a-1.c-{practiceId}"));
    QCOMPARE(athena.defaultScope, QStringLiteral("system/*.read")); // SMART v1

    const VendorProfile hapi = shipped(QStringLiteral("hapi"));
    QCOMPARE(hapi.levels, VendorProfile::generic().levels);
    QVERIFY(hapi.deleteAfterDownload); // its 404 to DELETE counts as already gone
    QVERIFY(hapi.traps.join(QLatin1Char(' ')).contains(QStringLiteral("two hours")));
}

QTEST_GUILESS_MAIN(TestVendorProfile)
#include "tst_vendorprofile.moc"
