// FailureText: the one sentence a person reads for each kind of failure — HTTP status with an OperationOutcome or a
// gateway's HTML page, vendor advice, and no secrets.
#include "net/failuretext.h"

#include <QTest>

namespace {

HttpFailure failure(HttpFailure::Kind kind, const QString &operation, const QString &detail = {})
{
    HttpFailure f;
    f.kind = kind;
    f.operation = operation;
    f.url = QUrl(QStringLiteral("https://fhir.example.org/r4/Group/1/$export"));
    f.detail = detail;
    return f;
}

HttpFailure http(int status, const QByteArray &body, const QString &operation = QStringLiteral("kick-off"))
{
    HttpFailure f = failure(HttpFailure::Kind::Http, operation);
    f.status = status;
    f.outcome = OperationOutcome::parse(body);
    if (!f.outcome) {
        f.bodyExcerpt = body;
    }
    return f;
}

VendorProfile epic()
{
    VendorProfile p;
    p.displayName = QStringLiteral("Epic");
    p.errorHints = {{QStringLiteral("requested this Group too recently"),
                     QStringLiteral("Epic allows one export per client and group in its request window (24 h by "
                                    "default); resume the earlier export instead.")},
                    {QString(), QStringLiteral("an empty pattern never matches")},
                    {QStringLiteral("Request not allowed"), QStringLiteral("second hint, not reached")}};
    return p;
}

} // namespace

Q_DECLARE_METATYPE(HttpFailure)

class TestFailureText : public QObject
{
    Q_OBJECT

private slots:
    void kinds_data();
    void kinds();
    void httpStatus_data();
    void httpStatus();
    void vendorAdvice_data();
    void vendorAdvice();
    void noSecrets_data();
    void noSecrets();
    void reasonPhrase_data();
    void reasonPhrase();
};

void TestFailureText::kinds_data()
{
    QTest::addColumn<HttpFailure>("f");
    QTest::addColumn<QString>("text");
    using K = HttpFailure::Kind;

    QTest::newRow("cancelled") << failure(K::Cancelled, QStringLiteral("status check"))
                               << "The status check was cancelled.";
    QTest::newRow("timeout") << failure(K::Timeout, QStringLiteral("file download"),
                                        QStringLiteral("no data for 120 s"))
                             << "fhir.example.org stopped sending data during the file download (no data for 120 s). "
                                "Check the network or VPN.";
    QTest::newRow("tls") << failure(K::Tls, QStringLiteral("kick-off"), QStringLiteral("The certificate has expired"))
                         << "The secure connection to fhir.example.org failed during the kick-off: The certificate has "
                            "expired. Ferry never accepts an invalid certificate; check the computer's date and CA "
                            "certificates, or ask the server's administrator.";
    QTest::newRow("network") << failure(K::Network, QStringLiteral("kick-off"), QStringLiteral("Connection refused"))
                             << "Could not reach fhir.example.org during the kick-off (Connection refused). Check the "
                                "network, VPN or proxy.";
    QTest::newRow("redirect") << failure(K::Redirect, QStringLiteral("file download"),
                                         QStringLiteral("https to http is refused"))
                              << "The file download was redirected in a way Ferry refuses: https to http is refused";
    QTest::newRow("auth") << failure(K::Auth, QStringLiteral("kick-off"), QStringLiteral("invalid_client"))
                          << "Authorization failed during the kick-off: invalid_client";
    QTest::newRow("protocol") << failure(K::Protocol, QStringLiteral("kick-off"),
                                         QStringLiteral("the 202 has no Content-Location"))
                              << "The server's answer to the kick-off could not be used: the 202 has no "
                                 "Content-Location";
    QTest::newRow("local") << failure(K::Local, QStringLiteral("file download"), QStringLiteral("The disk is full."))
                           << "The disk is full.";
    HttpFailure anonymous = failure(K::Network, QString(), QStringLiteral("Host not found"));
    anonymous.url = QUrl();
    QTest::newRow("no operation, no URL") << anonymous
                                          << "Could not reach the server during the request (Host not found). Check "
                                             "the network, VPN or proxy.";
}

void TestFailureText::kinds()
{
    QFETCH(HttpFailure, f);
    QFETCH(QString, text);
    QCOMPARE(FailureText::describe(f, VendorProfile::generic()), text);
}

void TestFailureText::httpStatus_data()
{
    QTest::addColumn<HttpFailure>("f");
    QTest::addColumn<QString>("text");

    QTest::newRow("400 with OperationOutcome")
        << http(400, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"invalid\","
                     "\"diagnostics\":\"_type contains Foo\"}]}")
        << "The kick-off failed: HTTP 400 Bad Request — error (invalid): _type contains Foo. The server rejected the "
           "request's parameters; adjust them (or retry with lenient handling).";
    QTest::newRow("429 Oracle throttled")
        << http(429, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"throttled\","
                     "\"details\":{\"text\":\"Only one bulk export may run per client.\"}}]}")
        << "The kick-off failed: HTTP 429 Too Many Requests — error (throttled): Only one bulk export may run per "
           "client. The server is limiting requests (too many at once, or another export by this client is still "
           "running).";
    QTest::newRow("404 status check")
        << http(404,
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"fatal\",\"code\":\"not-found\"}]}",
                QStringLiteral("status check"))
        << "The status check failed: HTTP 404 Not Found — fatal (not-found). The server does not know this address; "
           "the export may have expired or been deleted, or the group id may be wrong.";
    QTest::newRow("502 nginx page")
        << http(502,
                "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1>"
                "</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
                QStringLiteral("status check"))
        << "The status check failed: HTTP 502 Bad Gateway — 502 Bad Gateway 502 Bad Gateway nginx. The server had a "
           "problem, possibly temporary; try again later.";
    QTest::newRow("503 page with style, script and entities")
        << http(503,
                "<!DOCTYPE html><html><head><title>Service Unavailable</title>"
                "<style type=\"text/css\">body { font-family: Arial; color: #333 }</style>"
                "<script>window.retry = 30;</script></head><body><!-- ray id 8c1f -->"
                "<h1>Service Unavailable</h1><p>Maintenance &amp; upgrades&nbsp;until 02:00 &lt;UTC&gt;.</p>"
                "</body></html>",
                QStringLiteral("status check"))
        << "The status check failed: HTTP 503 Service Unavailable — Service Unavailable Service Unavailable "
           "Maintenance & upgrades until 02:00 <UTC>. The server had a problem, possibly temporary; try again later.";
    QTest::newRow("plain text body") << http(500, "upstream connect error or disconnect/reset before headers")
                                     << "The kick-off failed: HTTP 500 Internal Server Error — upstream connect error "
                                        "or disconnect/reset before headers. The server had a problem, possibly "
                                        "temporary; try again later.";
    QTest::newRow("long body is cut") << http(500, QByteArray(400, 'x'))
                                      << QStringLiteral("The kick-off failed: HTTP 500 Internal Server Error — ") +
                                             QString(300, QLatin1Char('x')) +
                                             QStringLiteral("…. The server had a problem, possibly temporary; try "
                                                            "again later.");
    HttpFailure detailOnly = http(401, QByteArray());
    detailOnly.detail = QStringLiteral("Host requires authentication");
    QTest::newRow("no body: Qt's text") << detailOnly
                                        << "The kick-off failed: HTTP 401 Unauthorized — Host requires authentication. "
                                           "The server did not accept the credentials; check the server's "
                                           "authorization settings.";
    QTest::newRow("nothing but the status") << http(403, QByteArray())
                                            << "The kick-off failed: HTTP 403 Forbidden. The credentials lack "
                                               "permission for this; check the scopes granted to the client and the "
                                               "group's access.";
    QTest::newRow("unknown status") << http(418, QByteArray()) << "The kick-off failed: HTTP 418.";
    QTest::newRow("OperationOutcome without issues falls back to nothing")
        << http(410, "{\"resourceType\":\"OperationOutcome\",\"issue\":[]}")
        << "The kick-off failed: HTTP 410 Gone. The server says this is gone for good (expired).";
}

void TestFailureText::httpStatus()
{
    QFETCH(HttpFailure, f);
    QFETCH(QString, text);
    QCOMPARE(FailureText::describe(f, VendorProfile::generic()), text);
}

void TestFailureText::vendorAdvice_data()
{
    QTest::addColumn<HttpFailure>("f");
    QTest::addColumn<QString>("text");

    const QString advice = epic().errorHints.at(0).advice;
    QTest::newRow("OperationOutcome diagnostics")
        << http(400,
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"processing\","
                "\"diagnostics\":\"Error processing Bulk Data Kickoff request: Request not allowed: The Client "
                "requested this Group too recently.\"}]}")
        << QStringLiteral("The kick-off failed: HTTP 400 Bad Request — error (processing): Error processing Bulk Data "
                          "Kickoff request: Request not allowed: The Client requested this Group too recently. ") +
               advice;
    QTest::newRow("case-insensitive, in an HTML body")
        << http(429, "<html><body>THE CLIENT REQUESTED THIS GROUP TOO RECENTLY</body></html>")
        << QStringLiteral("The kick-off failed: HTTP 429 Too Many Requests — THE CLIENT REQUESTED THIS GROUP TOO "
                          "RECENTLY. ") +
               advice;
    QTest::newRow("no match: the status advice")
        << http(400, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"invalid\","
                     "\"diagnostics\":\"bad _since\"}]}")
        << "The kick-off failed: HTTP 400 Bad Request — error (invalid): bad _since. The server rejected the request's "
           "parameters; adjust them (or retry with lenient handling).";
}

void TestFailureText::vendorAdvice()
{
    QFETCH(HttpFailure, f);
    QFETCH(QString, text);
    QCOMPARE(FailureText::describe(f, epic()), text);

    // vendorAdvice() on its own: first non-empty pattern that matches, case-insensitive.
    QCOMPARE(FailureText::vendorAdvice(QStringLiteral("x requested THIS group too recently y"), epic()),
             epic().errorHints.at(0).advice);
    QCOMPARE(FailureText::vendorAdvice(QStringLiteral("Request not allowed"), epic()),
             QStringLiteral("second hint, not reached"));
    QCOMPARE(FailureText::vendorAdvice(QStringLiteral("anything"), epic()), QString());
    QCOMPARE(FailureText::vendorAdvice(QStringLiteral("too recently"), VendorProfile::generic()), QString());
}

void TestFailureText::noSecrets_data()
{
    QTest::addColumn<HttpFailure>("f");
    QTest::addColumn<QStringList>("secrets");

    const QString signedUrl = QStringLiteral(
        "https://bucket.s3.amazonaws.com/e/p.ndjson?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7"
        "&X-Amz-Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024");
    const QStringList urlSecrets{QStringLiteral("AKIAIOSFODNN7"),
                                 QStringLiteral("fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024")};
    const QString jwt = QStringLiteral("eyJhbGciOiJSUzM4NCJ9.eyJpc3MiOiJjbGllbnQifQ.c2lnbmF0dXJl");

    HttpFailure qtText = http(403, QByteArray(), QStringLiteral("file download"));
    qtText.detail = QStringLiteral("Error transferring %1 - server replied: Forbidden").arg(signedUrl);
    QTest::newRow("Qt's error text quoting a pre-signed URL") << qtText << urlSecrets;

    HttpFailure redirect = failure(HttpFailure::Kind::Redirect, QStringLiteral("file download"),
                                   QStringLiteral("refused https→http redirect to ") +
                                       QString(signedUrl).replace(QStringLiteral("https:"), QStringLiteral("http:")));
    QTest::newRow("redirect target") << redirect << urlSecrets;

    QTest::newRow("auth detail with a JWT")
        << failure(HttpFailure::Kind::Auth, QStringLiteral("kick-off"),
                   QStringLiteral("the token endpoint rejected client_assertion=") + jwt)
        << QStringList{jwt};

    QTest::newRow("OperationOutcome echoing a bearer token")
        << http(401,
                QStringLiteral("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":"
                               "\"login\",\"diagnostics\":\"Bearer %1 is expired\"}]}")
                    .arg(QStringLiteral("0123456789abcdefXYZ"))
                    .toUtf8())
        << QStringList{QStringLiteral("0123456789abcdefXYZ")};
}

void TestFailureText::noSecrets()
{
    QFETCH(HttpFailure, f);
    QFETCH(QStringList, secrets);
    const QString text = FailureText::describe(f, VendorProfile::generic());
    for (const QString &secret : secrets) {
        QVERIFY2(!text.contains(secret), qPrintable(text));
    }
    QVERIFY2(text.contains(QStringLiteral("[redacted]")), qPrintable(text));
}

void TestFailureText::reasonPhrase_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("400") << 400 << "Bad Request";
    QTest::newRow("404") << 404 << "Not Found";
    QTest::newRow("410") << 410 << "Gone";
    QTest::newRow("422") << 422 << "Unprocessable Content";
    QTest::newRow("429") << 429 << "Too Many Requests";
    QTest::newRow("500") << 500 << "Internal Server Error";
    QTest::newRow("504") << 504 << "Gateway Timeout";
    QTest::newRow("200 has none here") << 200 << QString();
    QTest::newRow("0") << 0 << QString();
}

void TestFailureText::reasonPhrase()
{
    QFETCH(int, status);
    QFETCH(QString, phrase);
    QCOMPARE(FailureText::reasonPhrase(status), phrase);
}

QTEST_GUILESS_MAIN(TestFailureText)
#include "tst_failuretext.moc"
