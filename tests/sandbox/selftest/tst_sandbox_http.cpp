// HTTP/1.1 behaviour of ferry-sandbox: keep-alive, pipelining, framing, Range/If-Range, gzip, HEAD, the storage
// origin's S3-like refusal of Authorization. Every test speaks raw bytes over QTcpSocket.
#include "selftest/exportprobe.h"
#include "selftest/rawhttpclient.h"
#include "server/sandboxserver.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

class TstSandboxHttp : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void keepAliveReusesOneConnection();
    void pipelinedRequestsAnswerInOrder();
    void connectionCloseIsHonoured();
    void malformedRequestsGet400();
    void expectContinue();
    void fullFileHasStableValidators();
    void headMatchesGet();
    void rangeReturnsExactSlice_data();
    void rangeReturnsExactSlice();
    void unsatisfiableRange();
    void multipleRangesFallBackToWholeFile();
    void ifRange_data();
    void ifRange();
    void gzipRoundTrip();
    void gzipRefusedByQZero();
    void rangeIsNeverGzipped();
    void chunkedIdentityWhenConfigured();
    void storageOriginRejectsAuthorization();
    void storageOriginChecksSignature();

private:
    QByteArray fileUrl(int index) const
    {
        return ExportProbe::outputs(m_manifest)[index].toObject().value(QLatin1String("url")).toString().toUtf8();
    }

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<RawHttpClient> m_http;
    RawResponse m_manifest;
    QByteArray m_full; // the whole of output file 0
};

void TstSandboxHttp::initTestCase()
{
    SandboxConfig config;
    config.patients = 60;
    config.polls = 0;
    config.quiet = true;
    m_server = std::make_unique<SandboxServer>(config);
    QString error;
    QVERIFY2(m_server->listen(&error), qPrintable(error));
    m_http = std::make_unique<RawHttpClient>(m_server->fhirBase());
    ExportProbe probe(*m_http);
    const QByteArray status = probe.kickoff("/fhir/$export?_type=Observation");
    QVERIFY(!status.isEmpty());
    m_manifest = probe.pollUntilDone(status);
    QCOMPARE(m_manifest.status, 200);
    const RawResponse full = probe.fetch(fileUrl(0));
    QCOMPARE(full.status, 200);
    QVERIFY(full.complete);
    m_full = full.body;
    QVERIFY(m_full.size() > 100000);
}

void TstSandboxHttp::keepAliveReusesOneConnection()
{
    RawHttpClient http(m_server->fhirBase());
    for (int i = 0; i < 5; ++i) {
        const RawResponse r = http.get("/fhir/metadata");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Connection"), QByteArray("keep-alive"));
    }
    QCOMPARE(http.connectionsOpened(), 1);
}

void TstSandboxHttp::pipelinedRequestsAnswerInOrder()
{
    RawHttpClient http(m_server->fhirBase());
    const QByteArray host = "Host: 127.0.0.1\r\n";
    const QList<RawResponse> responses =
        http.sendRaw("GET /fhir/Group/demo HTTP/1.1\r\n" + host + "\r\nGET /fhir/Group/nope HTTP/1.1\r\n" + host +
                         "\r\nGET /fhir/metadata HTTP/1.1\r\n" + host + "\r\n",
                     3);
    QCOMPARE(responses.size(), 3);
    QCOMPARE(responses[0].status, 200);
    QCOMPARE(responses[0].json().object().value(QLatin1String("id")).toString(), QStringLiteral("demo"));
    QCOMPARE(responses[1].status, 404);
    QCOMPARE(responses[2].json().object().value(QLatin1String("resourceType")).toString(),
             QStringLiteral("CapabilityStatement"));
}

void TstSandboxHttp::connectionCloseIsHonoured()
{
    RawHttpClient http(m_server->fhirBase());
    const RawResponse r = http.get("/fhir/metadata", {{"Connection", "close"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Connection"), QByteArray("close"));
    QCOMPARE(http.get("/fhir/metadata").status, 200);
    QCOMPARE(http.connectionsOpened(), 2);
}

void TstSandboxHttp::malformedRequestsGet400()
{
    RawHttpClient http(m_server->fhirBase());
    QList<RawResponse> r = http.sendRaw("NONSENSE\r\n\r\n", 1);
    QCOMPARE(r.value(0).status, 400);
    QCOMPARE(r.value(0).header("Connection"), QByteArray("close"));
    r = http.sendRaw("GET /fhir/metadata HTTP/1.1\r\n\r\n", 1); // HTTP/1.1 without Host
    QCOMPARE(r.value(0).status, 400);
    r = http.sendRaw("GET /fhir/metadata HTTP/2.0\r\nHost: x\r\n\r\n", 1);
    QCOMPARE(r.value(0).status, 505);
    r = http.sendRaw("POST /fhir/$export HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 1);
    QCOMPARE(r.value(0).status, 411);
}

void TstSandboxHttp::expectContinue()
{
    RawHttpClient http(m_server->fhirBase());
    const QByteArray body = ExportProbe::parametersBody({{QStringLiteral("_type"), QStringLiteral("Patient")}});
    const QByteArray head = "POST /fhir/Group/demo/$export HTTP/1.1\r\nHost: x\r\nPrefer: respond-async\r\n"
                            "Content-Type: application/fhir+json\r\nExpect: 100-continue\r\nContent-Length: " +
                            QByteArray::number(body.size()) + "\r\n\r\n";
    // The client sends the head, waits for 100 Continue, then the body; our raw client reads past the 100.
    const QList<RawResponse> r = http.sendRaw(head + body, 1);
    QCOMPARE(r.value(0).status, 202);
}

void TstSandboxHttp::fullFileHasStableValidators()
{
    const RawResponse a = m_http->get(RawHttpClient::target(fileUrl(0)));
    const RawResponse b = m_http->get(RawHttpClient::target(fileUrl(0)));
    QCOMPARE(a.body, m_full);
    QCOMPARE(b.body, m_full);
    QCOMPARE(a.header("Content-Type"), QByteArray("application/fhir+ndjson"));
    QCOMPARE(a.header("Accept-Ranges"), QByteArray("bytes"));
    QCOMPARE(a.header("Content-Length").toLongLong(), m_full.size());
    QVERIFY(!a.header("ETag").isEmpty());
    QCOMPARE(a.header("ETag"), b.header("ETag"));
    QVERIFY(!a.header("Last-Modified").isEmpty());
    QCOMPARE(a.header("Last-Modified"), b.header("Last-Modified"));
    QVERIFY(a.header("ETag") != m_http->get(RawHttpClient::target(fileUrl(1))).header("ETag"));
}

void TstSandboxHttp::headMatchesGet()
{
    const RawResponse head = m_http->request("HEAD", RawHttpClient::target(fileUrl(0)));
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    QCOMPARE(head.header("Content-Length").toLongLong(), m_full.size());
    QCOMPARE(m_http->get("/fhir/metadata").status, 200); // the connection is still in sync
}

void TstSandboxHttp::rangeReturnsExactSlice_data()
{
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("length"); // -1: to the end
    const qint64 size = m_full.size();
    QTest::newRow("from 0") << QByteArray("bytes=0-") << qint64(0) << qint64(-1);
    QTest::newRow("from 1") << QByteArray("bytes=1-") << qint64(1) << qint64(-1);
    QTest::newRow("mid-file") << QByteArray("bytes=" + QByteArray::number(size / 2) + '-') << size / 2 << qint64(-1);
    QTest::newRow("last byte") << QByteArray("bytes=" + QByteArray::number(size - 1) + '-') << size - 1 << qint64(-1);
    QTest::newRow("closed range") << QByteArray("bytes=1000-1999") << qint64(1000) << qint64(1000);
    QTest::newRow("end past size") << QByteArray("bytes=10-99999999") << qint64(10) << qint64(-1);
    QTest::newRow("suffix") << QByteArray("bytes=-500") << size - 500 << qint64(-1);
    // Offsets around the layout checkpoints (every 64th line) exercise the seek path.
    const qsizetype line64 = [&] {
        qsizetype at = -1;
        for (int i = 0; i < 64; ++i) {
            at = m_full.indexOf('\n', at + 1);
        }
        return at + 1;
    }();
    QTest::newRow("at checkpoint") << QByteArray("bytes=" + QByteArray::number(line64) + '-') << qint64(line64)
                                   << qint64(-1);
    QTest::newRow("before checkpoint") << QByteArray("bytes=" + QByteArray::number(line64 - 1) + '-')
                                       << qint64(line64 - 1) << qint64(-1);
}

void TstSandboxHttp::rangeReturnsExactSlice()
{
    QFETCH(QByteArray, range);
    QFETCH(qint64, start);
    QFETCH(qint64, length);
    const qint64 size = m_full.size();
    const qint64 expectedLength = length < 0 ? size - start : length;
    const RawResponse r = m_http->get(RawHttpClient::target(fileUrl(0)), {{"Range", range}});
    QCOMPARE(r.status, 206);
    QCOMPARE(r.header("Content-Range"), "bytes " + QByteArray::number(start) + '-' +
                                            QByteArray::number(start + expectedLength - 1) + '/' +
                                            QByteArray::number(size));
    QCOMPARE(r.header("Content-Length").toLongLong(), expectedLength);
    QVERIFY(!r.hasHeader("Content-Encoding"));
    QCOMPARE(r.body, m_full.mid(start, expectedLength));
    const RequestLogEntry last = m_server->requestLog().constLast();
    QCOMPARE(last.rangeStart, start);
    QCOMPARE(last.bodyBytes, expectedLength);
}

void TstSandboxHttp::unsatisfiableRange()
{
    const RawResponse r =
        m_http->get(RawHttpClient::target(fileUrl(0)), {{"Range", "bytes=" + QByteArray::number(m_full.size()) + '-'}});
    QCOMPARE(r.status, 416);
    QCOMPARE(r.header("Content-Range"), "bytes */" + QByteArray::number(m_full.size()));
}

void TstSandboxHttp::multipleRangesFallBackToWholeFile()
{
    const RawResponse r = m_http->get(RawHttpClient::target(fileUrl(0)), {{"Range", "bytes=0-9,20-29"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, m_full);
}

void TstSandboxHttp::ifRange_data()
{
    QTest::addColumn<bool>("useEtag");
    QTest::addColumn<bool>("matching");
    QTest::addColumn<int>("status");
    QTest::newRow("etag matches") << true << true << 206;
    QTest::newRow("etag differs") << true << false << 200;
    QTest::newRow("date matches") << false << true << 206;
    QTest::newRow("date differs") << false << false << 200;
}

void TstSandboxHttp::ifRange()
{
    QFETCH(bool, useEtag);
    QFETCH(bool, matching);
    QFETCH(int, status);
    const RawResponse head = m_http->request("HEAD", RawHttpClient::target(fileUrl(0)));
    QByteArray validator = useEtag ? head.header("ETag") : head.header("Last-Modified");
    if (!matching) {
        validator = useEtag ? QByteArray("\"something-else\"") : QByteArray("Mon, 01 Jan 2001 00:00:00 GMT");
    }
    const RawResponse r =
        m_http->get(RawHttpClient::target(fileUrl(0)), {{"Range", "bytes=500-"}, {"If-Range", validator}});
    QCOMPARE(r.status, status);
    QCOMPARE(r.body, status == 206 ? m_full.mid(500) : m_full);
}

void TstSandboxHttp::gzipRoundTrip()
{
    const RawResponse r = m_http->get(RawHttpClient::target(fileUrl(0)), {{"Accept-Encoding", "deflate, gzip"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Encoding"), QByteArray("gzip"));
    QVERIFY(r.chunked);
    QVERIFY(r.body.size() < m_full.size() / 3);
    bool ok = false;
    QCOMPARE(RawHttpClient::gunzip(r.body, &ok), m_full);
    QVERIFY(ok);
    QVERIFY(r.header("ETag") != m_http->request("HEAD", RawHttpClient::target(fileUrl(0))).header("ETag"));
}

void TstSandboxHttp::gzipRefusedByQZero()
{
    const RawResponse r = m_http->get(RawHttpClient::target(fileUrl(0)), {{"Accept-Encoding", "gzip;q=0, br"}});
    QVERIFY(!r.hasHeader("Content-Encoding"));
    QCOMPARE(r.body, m_full);
}

void TstSandboxHttp::rangeIsNeverGzipped()
{
    const RawResponse r =
        m_http->get(RawHttpClient::target(fileUrl(0)), {{"Accept-Encoding", "gzip"}, {"Range", "bytes=100-"}});
    QCOMPARE(r.status, 206);
    QVERIFY(!r.hasHeader("Content-Encoding"));
    QCOMPARE(r.body, m_full.mid(100));
}

void TstSandboxHttp::chunkedIdentityWhenConfigured()
{
    SandboxConfig config;
    config.patients = 60;
    config.polls = 0;
    config.chunked = true;
    config.quiet = true;
    SandboxServer server(config);
    QVERIFY(server.listen());
    RawHttpClient http(server.fhirBase());
    ExportProbe probe(http);
    const RawResponse manifest = probe.pollUntilDone(probe.kickoff("/fhir/$export?_type=Observation"));
    const QByteArray url = ExportProbe::outputs(manifest)[0].toObject().value(QLatin1String("url")).toString().toUtf8();
    const RawResponse r = probe.fetch(url);
    QVERIFY(r.chunked);
    QVERIFY(!r.hasHeader("Content-Length"));
    QCOMPARE(r.body, m_full); // same seed and export: same bytes, other framing
}

void TstSandboxHttp::storageOriginRejectsAuthorization()
{
    SandboxConfig config;
    config.patients = 30;
    config.polls = 0;
    config.fileOrigin = SandboxConfig::FileOrigin::Secondary;
    config.quiet = true;
    SandboxServer server(config);
    QVERIFY(server.listen());
    RawHttpClient http(server.fhirBase());
    ExportProbe probe(http);
    const RawResponse manifest = probe.pollUntilDone(probe.kickoff("/fhir/Group/demo/$export?_type=Patient"));
    QCOMPARE(manifest.json().object().value(QLatin1String("requiresAccessToken")).toBool(true), false);
    const QByteArray url = ExportProbe::outputs(manifest)[0].toObject().value(QLatin1String("url")).toString().toUtf8();
    QVERIFY2(url.startsWith(server.fileOrigin().toString().toUtf8()), url.constData());

    RawHttpClient storage(server.fileOrigin());
    const RawResponse refused = storage.get(RawHttpClient::target(url), {{"Authorization", "Bearer abc"}});
    QCOMPARE(refused.status, 400);
    QVERIFY(refused.body.contains("<Code>InvalidArgument</Code>"));
    QVERIFY(refused.body.contains("Only one auth mechanism allowed"));
    const RawResponse ok = storage.get(RawHttpClient::target(url));
    QCOMPARE(ok.status, 200);
    QCOMPARE(ExportProbe::lines(ok.body).size(), 25);
    const RequestLogEntry last = server.requestLog().constLast();
    QCOMPARE(last.origin, Origin::Secondary);
    QCOMPARE(last.authorization, QByteArray("absent"));
    QCOMPARE(server.requestLog().at(server.requestLog().size() - 2).authorization, QByteArray("bearer"));
}

void TstSandboxHttp::storageOriginChecksSignature()
{
    SandboxConfig config;
    config.patients = 30;
    config.polls = 0;
    config.fileOrigin = SandboxConfig::FileOrigin::Secondary;
    config.quiet = true;
    SandboxServer server(config);
    QVERIFY(server.listen());
    RawHttpClient http(server.fhirBase());
    ExportProbe probe(http);
    const RawResponse manifest = probe.pollUntilDone(probe.kickoff("/fhir/Group/demo/$export?_type=Patient"));
    QByteArray url = ExportProbe::outputs(manifest)[0].toObject().value(QLatin1String("url")).toString().toUtf8();
    url.chop(4);
    url += "0000";
    RawHttpClient storage(server.fileOrigin());
    const RawResponse r = storage.get(RawHttpClient::target(url));
    QCOMPARE(r.status, 403);
    QVERIFY(r.body.contains("SignatureDoesNotMatch"));
}

QTEST_GUILESS_MAIN(TstSandboxHttp)
#include "tst_sandbox_http.moc"
