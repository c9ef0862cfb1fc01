// ServerProfile: JSON round trip, the problems a profile editor shows, ids, and the secret names per method.
#include "store/serverprofile.h"
#include "vendor/vendorprofile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

Q_DECLARE_METATYPE(ServerProfile)
Q_DECLARE_METATYPE(AuthMethod)

namespace {

ServerProfile full()
{
    ServerProfile p;
    p.id = QStringLiteral("epic-prod");
    p.displayName = QStringLiteral("Epic – Production");
    p.fhirBase = QUrl(QStringLiteral("https://fhir.example.org/api/FHIR/R4/"));
    p.vendorId = QStringLiteral("epic");
    p.authMethod = AuthMethod::SmartBackend;
    p.clientId = QStringLiteral("0f9a-client");
    p.tokenUrl = QUrl(QStringLiteral("https://fhir.example.org/oauth2/token"));
    p.scope = QStringLiteral("system/Patient.read system/Observation.read");
    p.algorithm = QStringLiteral("ES384");
    p.kid = QStringLiteral("key-2025");
    p.jwksUrl = QUrl(QStringLiteral("https://keys.example.org/ferry/jwks.json"));
    p.secretInBody = true;
    p.headers = {{QStringLiteral("x-oneup-user-id"), QStringLiteral("client"), false},
                 {QStringLiteral("client_secret"), QString(), true}};
    p.groups = {{QStringLiteral("g-1"), QStringLiteral("Diabetes registry")}, {QStringLiteral("g-2"), QString()}};
    p.defaultTypes = {QStringLiteral("Patient"), QStringLiteral("Observation")};
    p.destination = QStringLiteral("/data/exports");
    p.pollMinimum = std::chrono::seconds(5);
    p.pollMaximum = std::chrono::seconds(600);
    p.parallelDownloads = 6;
    p.deleteAfterDownload = false;
    return p;
}

} // namespace

class TestServerProfile : public QObject
{
    Q_OBJECT

private slots:
    void jsonRoundTrip()
    {
        const ServerProfile p = full();
        QString error;
        const std::optional<ServerProfile> back = ServerProfile::fromJson(p.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->toJson(), p.toJson());
        QCOMPARE(back->displayName, p.displayName);
        QCOMPARE(back->fhirBase, p.fhirBase);
        QCOMPARE(back->authMethod, AuthMethod::SmartBackend);
        QCOMPARE(back->pollMaximum, p.pollMaximum);
        QCOMPARE(back->parallelDownloads, std::optional<int>(6));
        QCOMPARE(back->deleteAfterDownload, std::optional<bool>(false));
        QCOMPARE(back->headers.size(), 2);
        QCOMPARE(back->headers.at(0).value, QStringLiteral("client"));
        QVERIFY(back->secretInBody);

        // Unset overrides stay unset (the vendor's values apply).
        ServerProfile minimal;
        minimal.id = QStringLiteral("m");
        const std::optional<ServerProfile> m = ServerProfile::fromJson(minimal.toJson(), &error);
        QVERIFY(m);
        QVERIFY(!m->pollMinimum && !m->parallelDownloads && !m->deleteAfterDownload);
    }

    void secretLookingFieldsAreDropped()
    {
        QJsonObject json = full().toJson();
        json.insert(QLatin1String("client_secret"), QLatin1String("pasted-by-hand"));
        QJsonObject auth = json.value(QLatin1String("auth")).toObject();
        auth.insert(QLatin1String("privateKey"), QLatin1String("-----BEGIN PRIVATE KEY-----"));
        QJsonArray headers = auth.value(QLatin1String("headers")).toArray();
        headers.append(QJsonObject{{QLatin1String("name"), QLatin1String("api-key")},
                                   {QLatin1String("secret"), true},
                                   {QLatin1String("value"), QLatin1String("hunter2-secret")}});
        auth.insert(QLatin1String("headers"), headers);
        json.insert(QLatin1String("auth"), auth);

        QString error;
        QStringList warnings;
        const std::optional<ServerProfile> p = ServerProfile::fromJson(json, &error, &warnings);
        QVERIFY(p);
        QCOMPARE(warnings.size(), 3);
        QVERIFY(warnings.join(QLatin1Char(' ')).contains(QLatin1String("keychain")));
        const QByteArray out = QJsonDocument(p->toJson()).toJson();
        QVERIFY(!out.contains("pasted-by-hand"));
        QVERIFY(!out.contains("BEGIN PRIVATE KEY"));
        QVERIFY(!out.contains("hunter2-secret"));
    }

    void rejectsBadJson_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("no id") << QByteArray("{\"displayName\":\"x\"}");
        QTest::newRow("id with slash") << QByteArray("{\"id\":\"a/b\"}");
        QTest::newRow("unknown method") << QByteArray("{\"id\":\"a\",\"auth\":{\"method\":\"kerberos\"}}");
    }
    void rejectsBadJson()
    {
        QFETCH(QByteArray, json);
        QString error;
        QVERIFY(!ServerProfile::fromJson(QJsonDocument::fromJson(json).object(), &error));
        QVERIFY(!error.isEmpty());
    }

    void problems_data()
    {
        QTest::addColumn<ServerProfile>("profile");
        QTest::addColumn<QString>("vendorAlgorithms"); // comma-separated
        QTest::addColumn<bool>("jkuRequired");
        QTest::addColumn<QString>("problem"); // empty: none expected
        QTest::addColumn<QString>("warning"); // empty: none expected

        ServerProfile ok = full();
        QTest::newRow("complete") << ok << QStringLiteral("RS384,ES384") << false << QString() << QString();
        ServerProfile p = ok;
        p.fhirBase = QUrl(QStringLiteral("http://fhir.example.org/r4"));
        QTest::newRow("plain http") << p << QStringLiteral("RS384,ES384") << false << QStringLiteral("https://")
                                    << QString();
        p.fhirBase = QUrl(QStringLiteral("http://127.0.0.1:8080/fhir"));
        QTest::newRow("http loopback") << p << QStringLiteral("RS384,ES384") << false << QString() << QString();
        p = ok;
        p.clientId.clear();
        QTest::newRow("no client id") << p << QStringLiteral("RS384,ES384") << false << QStringLiteral("client ID")
                                      << QString();
        QTest::newRow("eCW: RS384 only") << ok << QStringLiteral("RS384") << false << QStringLiteral("only RS384")
                                         << QString();
        p = ok;
        p.jwksUrl.clear();
        QTest::newRow("Epic without JWKS URL")
            << p << QStringLiteral("RS384,ES384") << true << QString() << QStringLiteral("JWKS URL");
        p = ok;
        p.tokenUrl = QUrl(QStringLiteral("http://auth.example.org/token"));
        QTest::newRow("http token URL") << p << QStringLiteral("RS384,ES384") << false << QStringLiteral("token URL")
                                        << QString();
        p = ok;
        p.authMethod = AuthMethod::Headers;
        p.headers.append({QStringLiteral("X-Oneup-User-Id"), QStringLiteral("again"), false});
        QTest::newRow("duplicate header")
            << p << QStringLiteral("RS384,ES384") << false << QStringLiteral("twice") << QString();
        p.headers = {{QStringLiteral("bad header"), QStringLiteral("v"), false}};
        QTest::newRow("bad header name") << p << QStringLiteral("RS384,ES384") << false
                                         << QStringLiteral("not a valid header") << QString();
        p.headers = {{QStringLiteral("x-user"), QStringLiteral("a\r\nInjected: yes"), false}};
        QTest::newRow("header injection")
            << p << QStringLiteral("RS384,ES384") << false << QStringLiteral("line breaks") << QString();
        p = ok;
        p.pollMinimum = std::chrono::seconds(900);
        QTest::newRow("poll bounds") << p << QStringLiteral("RS384,ES384") << false << QStringLiteral("shortest")
                                     << QString();
        p = ok;
        p.authMethod = AuthMethod::None;
        p.clientId.clear();
        QTest::newRow("none needs no client") << p << QStringLiteral("RS384") << false << QString() << QString();
    }
    void problems()
    {
        QFETCH(ServerProfile, profile);
        QFETCH(QString, vendorAlgorithms);
        QFETCH(bool, jkuRequired);
        QFETCH(QString, problem);
        QFETCH(QString, warning);
        VendorProfile vendor;
        vendor.displayName = QStringLiteral("Vendor");
        vendor.signingAlgorithms = vendorAlgorithms.split(QLatin1Char(','));
        vendor.jkuRequired = jkuRequired;
        QStringList warnings;
        const QStringList problems = profile.problems(vendor, &warnings);
        if (problem.isEmpty()) {
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('|'))));
        } else {
            QVERIFY2(problems.join(QLatin1Char('|')).contains(problem), qPrintable(problems.join(QLatin1Char('|'))));
        }
        if (warning.isEmpty()) {
            QVERIFY(warnings.isEmpty());
        } else {
            QVERIFY2(warnings.join(QLatin1Char('|')).contains(warning), qPrintable(warnings.join(QLatin1Char('|'))));
        }
    }

    void makeId_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("taken");
        QTest::addColumn<QString>("id");
        QTest::newRow("plain") << QStringLiteral("Epic Production") << QStringList()
                               << QStringLiteral("epic-production");
        QTest::newRow("punctuation") << QStringLiteral("  Oracle Health (tenant #3)!") << QStringList()
                                     << QStringLiteral("oracle-health-tenant-3");
        QTest::newRow("accents") << QStringLiteral("Clínica Ñandú") << QStringList() << QStringLiteral("clinica-nandu");
        QTest::newRow("taken") << QStringLiteral("Sandbox")
                               << QStringList{QStringLiteral("sandbox"), QStringLiteral("sandbox-2")}
                               << QStringLiteral("sandbox-3");
        QTest::newRow("nothing usable") << QStringLiteral("漢字") << QStringList() << QStringLiteral("server");
    }
    void makeId()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, taken);
        QFETCH(QString, id);
        QCOMPARE(ServerProfile::makeId(name, taken), id);
        QVERIFY(ServerProfile::isValidId(id));
    }

    void secretNames_data()
    {
        QTest::addColumn<AuthMethod>("method");
        QTest::addColumn<QStringList>("names");
        QTest::newRow("none") << AuthMethod::None << QStringList();
        QTest::newRow("static") << AuthMethod::StaticToken << QStringList{QStringLiteral("token")};
        QTest::newRow("smart") << AuthMethod::SmartBackend << QStringList{QStringLiteral("private-key")};
        QTest::newRow("secret") << AuthMethod::ClientSecret << QStringList{QStringLiteral("client-secret")};
        QTest::newRow("headers") << AuthMethod::Headers << QStringList{QStringLiteral("header/client_secret")};
    }
    void secretNames()
    {
        QFETCH(AuthMethod, method);
        QFETCH(QStringList, names);
        ServerProfile p = full();
        p.authMethod = method;
        QCOMPARE(p.secretNames(), names);
        for (const QString &n : names) {
            QVERIFY(p.allSecretNames().contains(n));
        }
    }
};

QTEST_GUILESS_MAIN(TestServerProfile)
#include "tst_serverprofile.moc"
