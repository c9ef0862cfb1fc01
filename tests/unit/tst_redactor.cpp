// Redactor: registered secrets, bearer/basic values, JWT-shaped strings and URL query credentials never reach
// what a person or a support desk reads; FHIR parameters stay readable.
#include "util/redactor.h"

#include <QTest>

namespace {
const QString kJwt = QStringLiteral("eyJhbGciOiJSUzM4NCIsImtpZCI6ImsxIn0.eyJpc3MiOiJjbGllbnQiLCJzdWIiOiJjbGllbnQifQ."
                                    "c2lnbmF0dXJlLWJ5dGVz");
} // namespace

class TestRedactor : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void registeredSecrets();
    void text_data();
    void text();
    void url_data();
    void url();
};

void TestRedactor::cleanup()
{
    for (const char *s : {"s3cr3t-client-value", "another-secret-42", "abc"}) {
        Redactor::instance().forgetSecret(QLatin1String(s));
    }
}

void TestRedactor::registeredSecrets()
{
    Redactor &r = Redactor::instance();
    const QString secret = QStringLiteral("s3cr3t-client-value");
    QCOMPARE(r.text(QStringLiteral("client_secret=") + secret), QStringLiteral("client_secret=") + secret);

    r.addSecret(secret);
    r.addSecret(secret); // twice is once
    r.addSecret(QStringLiteral("another-secret-42"));
    QCOMPARE(r.text(QStringLiteral("POST client_secret=s3cr3t-client-value&x=s3cr3t-client-value; another-secret-42")),
             QStringLiteral("POST client_secret=[redacted]&x=[redacted]; [redacted]"));

    r.forgetSecret(secret);
    QCOMPARE(r.text(secret), secret);
    QCOMPARE(r.text(QStringLiteral("another-secret-42")), QStringLiteral("[redacted]"));

    // Values shorter than six characters would redact ordinary words: not registered.
    r.addSecret(QStringLiteral("abc"));
    QCOMPARE(r.text(QStringLiteral("abc abcdef")), QStringLiteral("abc abcdef"));
}

void TestRedactor::text_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");

    QTest::newRow("plain text") << "Group 1234 not found (HTTP 404)"
                                << "Group 1234 not found (HTTP 404)";
    QTest::newRow("bearer header") << "Authorization: Bearer abcDEF0123456789._~+/="
                                   << "Authorization: Bearer [redacted]";
    QTest::newRow("lower-case bearer") << "sent bearer 0123456789abcdef"
                                       << "sent bearer [redacted]";
    QTest::newRow("basic header") << "Authorization: Basic dXNlcjpwYXNzd29yZA=="
                                  << "Authorization: Basic [redacted]";
    QTest::newRow("bearer JWT") << QStringLiteral("Authorization: Bearer ") + kJwt
                                << "Authorization: Bearer [redacted]";
    QTest::newRow("bare JWT") << QStringLiteral("client_assertion=") + kJwt + QStringLiteral("&scope=system/*.read")
                              << "client_assertion=[redacted]&scope=system/*.read";
    QTest::newRow("unsigned JWT") << "token eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0. end"
                                  << "token [redacted] end";
    QTest::newRow("JSON token response") << QStringLiteral("{\"access_token\":\"") + kJwt +
                                                QStringLiteral("\",\"expires_in\":300}")
                                         << "{\"access_token\":\"[redacted]\",\"expires_in\":300}";
    QTest::newRow("pre-signed URL in a message")
        << "Error transferring https://bucket.s3.amazonaws.com/e/p.ndjson?X-Amz-Algorithm=AWS4-HMAC-SHA256&"
           "X-Amz-Credential=AKIAEXAMPLE%2F20240131%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240131T000000Z&"
           "X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=0123456789abcdef - server replied: Forbidden"
        << "Error transferring https://bucket.s3.amazonaws.com/e/p.ndjson?X-Amz-Algorithm=AWS4-HMAC-SHA256&"
           "X-Amz-Credential=[redacted]&X-Amz-Date=20240131T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=[redacted]&"
           "X-Amz-Signature=[redacted] - server replied: Forbidden";
    QTest::newRow("Azure SAS in a message")
        << "GET https://acct.blob.core.windows.net/c/p.ndjson?sv=2021-08-06&sr=b&sp=r&sig=AbC%2Fd%3D failed"
        << "GET https://acct.blob.core.windows.net/c/p.ndjson?sv=2021-08-06&sr=b&sp=r&sig=[redacted] failed";
    QTest::newRow("FHIR query in a message stays")
        << "GET https://fhir.example.org/r4/Group/1/$export?_type=Patient,Observation&_since=2024-01-01T00:00:00Z"
        << "GET https://fhir.example.org/r4/Group/1/$export?_type=Patient,Observation&_since=2024-01-01T00:00:00Z";
}

void TestRedactor::text()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(Redactor::instance().text(in), out);
}

void TestRedactor::url_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");

    QTest::newRow("FHIR kick-off keeps its parameters")
        << "https://fhir.example.org/r4/Group/1/"
           "$export?_type=Patient,Observation&_since=2024-01-31T09:15:00.000%2B01:00"
           "&_typeFilter=Observation%3Fcategory%3Dlaboratory%2Cvital-signs"
        << "https://fhir.example.org/r4/Group/1/"
           "$export?_type=Patient,Observation&_since=2024-01-31T09:15:00.000%2B01:00"
           "&_typeFilter=Observation%3Fcategory%3Dlaboratory%2Cvital-signs";
    QTest::newRow("user info and fragment dropped") << "https://alice:pa55word@fhir.example.org/r4/metadata#top"
                                                    << "https://fhir.example.org/r4/metadata";
    QTest::newRow("S3 pre-signed")
        << "https://bucket.s3.amazonaws.com/e/p.ndjson?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F2024"
           "&X-Amz-Date=20240131T000000Z&X-Amz-Expires=3600&X-Amz-Security-Token=FQoG%2Bx&X-Amz-SignedHeaders=host"
           "&X-Amz-Signature=0123abcd"
        << "https://bucket.s3.amazonaws.com/e/p.ndjson?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=redacted"
           "&X-Amz-Date=20240131T000000Z&X-Amz-Expires=3600&X-Amz-Security-Token=redacted&X-Amz-SignedHeaders=redacted"
           "&X-Amz-Signature=redacted";
    QTest::newRow("GCS signed") << "https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&"
                                   "X-Goog-Credential=sa%40p.iam&X-Goog-Signature=beef"
                                << "https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&"
                                   "X-Goog-Credential=redacted&X-Goog-Signature=redacted";
    QTest::newRow("CloudFront signed") << "https://d1.cloudfront.net/p.ndjson?Expires=1700000000&Policy=eyJ&"
                                          "Signature=abc~def&Key-Pair-Id=K2JCJMDEHXQW5F"
                                       << "https://d1.cloudfront.net/p.ndjson?Expires=1700000000&Policy=redacted&"
                                          "Signature=redacted&Key-Pair-Id=redacted";
    QTest::newRow("access_token in the query") << "https://files.example.org/p.ndjson?access_token=abc.def&part=2"
                                               << "https://files.example.org/p.ndjson?access_token=redacted&part=2";
    QTest::newRow("1upHealth legacy file URL with a JWT in its path")
        << QStringLiteral("https://analytics.1up.health/bulk-data/r4/$export/file/") + kJwt
        << "https://analytics.1up.health/bulk-data/r4/$export/file/[redacted]";
    QTest::newRow("no query") << "https://fhir.example.org/r4/bulkstatus/42"
                              << "https://fhir.example.org/r4/bulkstatus/42";
}

void TestRedactor::url()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(Redactor::url(QUrl(in, QUrl::StrictMode)), out);
}

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
