// TokenEndpointDiscovery against a real loopback FHIR server: .well-known first (JSON whatever its Content-Type),
// then the CapabilityStatement's oauth-uris extension, a configured override, and what it reports when nothing works.
#include "auth/tokenendpointdiscovery.h"

#include "fakehttpserver.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>

Q_DECLARE_METATYPE(TokenEndpointInfo::Source)

namespace {

QByteArray capability(const QByteArray &tokenUrl)
{
    return "{\"resourceType\":\"CapabilityStatement\",\"rest\":[{\"mode\":\"server\",\"security\":{\"extension\":[{"
           "\"url\":\"http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris\",\"extension\":["
           "{\"url\":\"authorize\",\"valueUri\":\"https://auth.example/authorize\"},"
           "{\"url\":\"token\",\"valueUri\":\"" +
           tokenUrl + "\"}]}]}}]}";
}

} // namespace

class TestTokenEndpointDiscovery : public QObject
{
    Q_OBJECT

private:
    TokenEndpointInfo discover(const QUrl &configured = {})
    {
        TokenEndpointDiscovery discovery(m_nam.get(), m_server->url("/r4/tenant-1"), configured);
        QSignalSpy spy(&discovery, &TokenEndpointDiscovery::finished);
        discovery.start();
        if (!spy.wait(10'000)) {
            qWarning("discovery did not finish");
            return {};
        }
        return spy.first().first().value<TokenEndpointInfo>();
    }

    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;

private slots:
    void init()
    {
        qRegisterMetaType<TokenEndpointInfo>();
        m_server = std::make_unique<FakeHttpServer>();
        m_nam = std::make_unique<QNetworkAccessManager>();
    }

    void sources_data()
    {
        QTest::addColumn<int>("wellKnownStatus");
        QTest::addColumn<QByteArray>("wellKnownBody");
        QTest::addColumn<QByteArray>("wellKnownType");
        QTest::addColumn<int>("metadataStatus");
        QTest::addColumn<QByteArray>("metadataBody");
        QTest::addColumn<TokenEndpointInfo::Source>("source");
        QTest::addColumn<QString>("tokenUrl");
        QTest::addColumn<bool>("retryable");

        using S = TokenEndpointInfo::Source;
        const QByteArray wellKnown = "{\"token_endpoint\":\"https://auth.example/t1/token\","
                                     "\"token_endpoint_auth_methods_supported\":[\"private_key_jwt\"],"
                                     "\"token_endpoint_auth_signing_alg_values_supported\":[\"RS384\",\"ES384\"],"
                                     "\"capabilities\":[\"permission-v2\",\"client-confidential-asymmetric\"]}";
        QTest::newRow(".well-known as text/plain")
            << 200 << wellKnown << QByteArray("text/plain") << 500 << QByteArray() << S::WellKnown
            << QStringLiteral("https://auth.example/t1/token") << false;
        // Veradigm under-reports auth methods: an empty list must not matter.
        QTest::newRow(".well-known without methods")
            << 200 << QByteArray("{\"token_endpoint\":\"https://auth.example/v/token\"}")
            << QByteArray("application/octet-stream") << 500 << QByteArray() << S::WellKnown
            << QStringLiteral("https://auth.example/v/token") << false;
        QTest::newRow("relative token_endpoint")
            << 200 << QByteArray("{\"token_endpoint\":\"/oauth/token\"}") << QByteArray("application/json") << 500
            << QByteArray() << S::WellKnown << QStringLiteral("http://127.0.0.1:%1/oauth/token") << false;
        QTest::newRow("404, CapabilityStatement")
            << 404 << QByteArray() << QByteArray("text/html") << 200 << capability("https://auth.example/cap/token")
            << S::CapabilityStatement << QStringLiteral("https://auth.example/cap/token") << false;
        QTest::newRow(".well-known not JSON")
            << 200 << QByteArray("<html>login</html>") << QByteArray("text/html") << 200
            << capability("https://auth.example/cap/token") << S::CapabilityStatement
            << QStringLiteral("https://auth.example/cap/token") << false;
        QTest::newRow("plain-http token URL ignored")
            << 200 << QByteArray("{\"token_endpoint\":\"http://auth.example/token\"}") << QByteArray("application/json")
            << 200 << capability("https://auth.example/cap/token") << S::CapabilityStatement
            << QStringLiteral("https://auth.example/cap/token") << false;
        QTest::newRow("nothing anywhere")
            << 404 << QByteArray() << QByteArray() << 200 << QByteArray("{\"resourceType\":\"CapabilityStatement\"}")
            << S::None << QString() << false;
        QTest::newRow("server trouble") << 503 << QByteArray() << QByteArray() << 502 << QByteArray() << S::None
                                        << QString() << true;
    }
    void sources()
    {
        QFETCH(int, wellKnownStatus);
        QFETCH(QByteArray, wellKnownBody);
        QFETCH(QByteArray, wellKnownType);
        QFETCH(int, metadataStatus);
        QFETCH(QByteArray, metadataBody);
        QFETCH(TokenEndpointInfo::Source, source);
        QFETCH(QString, tokenUrl);
        QFETCH(bool, retryable);
        m_server->setHandler([&](const FakeHttpServer::Request &r) {
            if (r.path == "/r4/tenant-1/.well-known/smart-configuration") {
                return FakeHttpServer::Reply{wellKnownStatus, wellKnownBody, wellKnownType, {}};
            }
            if (r.path == "/r4/tenant-1/metadata") {
                return FakeHttpServer::Reply{metadataStatus, metadataBody, "application/fhir+json", {}};
            }
            return FakeHttpServer::Reply{404, {}, {}, {}};
        });
        const TokenEndpointInfo info = discover();
        QCOMPARE(info.source, source);
        QCOMPARE(info.tokenUrl.toString(),
                 tokenUrl.contains(QLatin1String("%1")) ? tokenUrl.arg(m_server->url("/").port()) : tokenUrl);
        QCOMPARE(info.found(), source != TokenEndpointInfo::Source::None);
        QCOMPARE(info.retryable, retryable);
        QVERIFY(!info.notes.isEmpty());
        QCOMPARE(m_server->requests().first().header("Accept"), QByteArray("application/json"));
        QCOMPARE(m_server->count("/r4/tenant-1/metadata"), source == TokenEndpointInfo::Source::WellKnown ? 0 : 1);
        if (wellKnownBody.contains("signing_alg")) {
            QCOMPARE(info.signingAlgorithms, (QStringList{QStringLiteral("RS384"), QStringLiteral("ES384")}));
            QCOMPARE(info.authMethods, QStringList{QStringLiteral("private_key_jwt")});
            QVERIFY(info.prefersV2Scopes());
        }
    }

    void configuredUrlOverrides()
    {
        m_server->setHandler([](const FakeHttpServer::Request &r) {
            if (r.path.endsWith("smart-configuration")) {
                return FakeHttpServer::Reply{
                    200, "{\"token_endpoint\":\"https://auth.example/generic/token\"}", "application/json", {}};
            }
            return FakeHttpServer::Reply{404, {}, {}, {}};
        });
        const QUrl configured(QStringLiteral("https://authorization.example/tenants/t-1/token"));
        const TokenEndpointInfo info = discover(configured);
        QCOMPARE(info.source, TokenEndpointInfo::Source::Configured);
        QCOMPARE(info.tokenUrl, configured);
        QCOMPARE(info.discoveredUrl, QUrl(QStringLiteral("https://auth.example/generic/token")));
        QVERIFY(info.notes.join(QLatin1Char(' ')).contains(QLatin1String("overrides")));
    }

    void acceptableTokenUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("acceptable");
        QTest::newRow("https") << QStringLiteral("https://auth.example/token") << true;
        QTest::newRow("http loopback v4") << QStringLiteral("http://127.0.0.1:8080/token") << true;
        QTest::newRow("http localhost") << QStringLiteral("http://localhost/token") << true;
        QTest::newRow("http loopback v6") << QStringLiteral("http://[::1]/token") << true;
        QTest::newRow("http remote") << QStringLiteral("http://auth.example/token") << false;
        QTest::newRow("ftp") << QStringLiteral("ftp://auth.example/token") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void acceptableTokenUrls()
    {
        QFETCH(QString, url);
        QFETCH(bool, acceptable);
        QCOMPARE(TokenEndpointDiscovery::isAcceptableTokenUrl(QUrl(url)), acceptable);
    }
};

QTEST_GUILESS_MAIN(TestTokenEndpointDiscovery)
#include "tst_tokenendpointdiscovery.moc"
