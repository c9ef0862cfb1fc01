// VendorProfile: presets read from JSON — defaults for missing keys, every key, bad values refused, round trip.
#include "vendor/vendorprofile.h"

#include <QJsonArray>
#include <QJsonDocument>
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

QTEST_GUILESS_MAIN(TestVendorProfile)
#include "tst_vendorprofile.moc"
