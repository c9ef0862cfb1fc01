// HttpFailure: which failures are worth retrying, which never reached the server, which ask for less traffic.
#include "net/httpfailure.h"

#include <QNetworkReply>
#include <QTest>

namespace {

using IssueList = QList<QPair<QString, QString>>; // (severity, code); empty list with hasOutcome: no issues

std::optional<OperationOutcome> outcome(const IssueList &issues)
{
    OperationOutcome oo;
    for (const auto &[severity, code] : issues) {
        OperationOutcome::Issue i;
        i.severity = severity;
        i.code = code;
        oo.issues.append(i);
    }
    return oo;
}

IssueList issues(std::initializer_list<std::pair<const char *, const char *>> list)
{
    IssueList out;
    for (const auto &[s, c] : list) {
        out.append({QLatin1String(s), QLatin1String(c)});
    }
    return out;
}

} // namespace

Q_DECLARE_METATYPE(IssueList)

class TestHttpFailure : public QObject
{
    Q_OBJECT

private slots:
    void retryableHttp_data();
    void retryableHttp();
    void retryableOtherKinds_data();
    void retryableOtherKinds();
    void neverReachedServer_data();
    void neverReachedServer();
    void isThrottle_data();
    void isThrottle();
};

void TestHttpFailure::retryableHttp_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("hasOutcome");
    QTest::addColumn<IssueList>("issues");
    QTest::addColumn<bool>("retryable");

    for (int s : {408, 429, 500, 502, 503, 504}) {
        QTest::addRow("%d, no body", s) << s << false << IssueList{} << true;
    }
    for (int s : {400, 401, 403, 404, 405, 406, 409, 410, 412, 413, 415, 416, 422, 501, 505}) {
        QTest::addRow("%d, no body", s) << s << false << IssueList{} << false;
    }
    const IssueList fatal = issues({{"error", "processing"}});
    const IssueList transient = issues({{"error", "transient"}});
    const IssueList warnings = issues({{"warning", "informational"}});

    QTest::newRow("500, the job failed (non-transient outcome)") << 500 << true << fatal << false;
    QTest::newRow("500, fatal not-found") << 500 << true << issues({{"fatal", "not-found"}}) << false;
    QTest::newRow("500, transient outcome") << 500 << true << transient << true;
    QTest::newRow("500, exception (a transient child)") << 500 << true << issues({{"error", "exception"}}) << true;
    QTest::newRow("500, outcome without issues") << 500 << true << IssueList{} << true;
    QTest::newRow("500, only warnings: says nothing about the job") << 500 << true << warnings << true;
    QTest::newRow("500, a warning beside a fatal issue")
        << 500 << true << issues({{"warning", "transient"}, {"error", "invalid"}}) << false;
    QTest::newRow("503, non-transient outcome still retryable") << 503 << true << fatal << true;
    QTest::newRow("429, throttled") << 429 << true << issues({{"error", "throttled"}}) << true;
    QTest::newRow("400, transient outcome") << 400 << true << transient << true;
    QTest::newRow("404, throttled outcome") << 404 << true << issues({{"error", "throttled"}}) << true;
    QTest::newRow("400, invalid outcome") << 400 << true << issues({{"error", "invalid"}}) << false;
    QTest::newRow("403, only warnings") << 403 << true << warnings << false;
    QTest::newRow("422, mixed outcome") << 422 << true << issues({{"error", "timeout"}, {"error", "invalid"}}) << false;
}

void TestHttpFailure::retryableHttp()
{
    QFETCH(int, status);
    QFETCH(bool, hasOutcome);
    QFETCH(IssueList, issues);
    QFETCH(bool, retryable);

    HttpFailure f;
    f.kind = HttpFailure::Kind::Http;
    f.status = status;
    if (hasOutcome) {
        f.outcome = outcome(issues);
    }
    QCOMPARE(f.isRetryable(), retryable);
}

void TestHttpFailure::retryableOtherKinds_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("authRetryable");
    QTest::addColumn<bool>("retryable");
    using K = HttpFailure::Kind;
    QTest::newRow("network") << int(K::Network) << false << true;
    QTest::newRow("timeout") << int(K::Timeout) << false << true;
    QTest::newRow("tls") << int(K::Tls) << false << false;
    QTest::newRow("tls, even if flagged") << int(K::Tls) << true << false;
    QTest::newRow("redirect") << int(K::Redirect) << false << false;
    QTest::newRow("protocol") << int(K::Protocol) << false << false;
    QTest::newRow("local") << int(K::Local) << false << false;
    QTest::newRow("cancelled") << int(K::Cancelled) << false << false;
    QTest::newRow("auth, refused") << int(K::Auth) << false << false;
    QTest::newRow("auth, token endpoint flaky (Epic's bare 400)") << int(K::Auth) << true << true;
}

void TestHttpFailure::retryableOtherKinds()
{
    QFETCH(int, kind);
    QFETCH(bool, authRetryable);
    QFETCH(bool, retryable);

    HttpFailure f;
    f.kind = HttpFailure::Kind(kind);
    f.authRetryable = authRetryable;
    QCOMPARE(f.isRetryable(), retryable);
    // A status or a transient outcome does not change a non-HTTP verdict (TLS is never retried).
    f.status = 503;
    f.outcome = outcome(issues({{"error", "transient"}}));
    QCOMPARE(f.isRetryable(), retryable);
}

void TestHttpFailure::neverReachedServer_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("error");
    QTest::addColumn<bool>("never");
    using K = HttpFailure::Kind;
    QTest::newRow("refused") << int(K::Network) << int(QNetworkReply::ConnectionRefusedError) << true;
    QTest::newRow("host not found") << int(K::Network) << int(QNetworkReply::HostNotFoundError) << true;
    QTest::newRow("temporary network failure")
        << int(K::Network) << int(QNetworkReply::TemporaryNetworkFailureError) << true;
    QTest::newRow("proxy refused") << int(K::Network) << int(QNetworkReply::ProxyConnectionRefusedError) << true;
    QTest::newRow("proxy not found") << int(K::Network) << int(QNetworkReply::ProxyNotFoundError) << true;
    QTest::newRow("closed mid-request") << int(K::Network) << int(QNetworkReply::RemoteHostClosedError) << false;
    QTest::newRow("unknown network error") << int(K::Network) << int(QNetworkReply::UnknownNetworkError) << false;
    QTest::newRow("timed out") << int(K::Timeout) << int(QNetworkReply::ConnectionRefusedError) << false;
    QTest::newRow("http") << int(K::Http) << int(QNetworkReply::NoError) << false;
}

void TestHttpFailure::neverReachedServer()
{
    QFETCH(int, kind);
    QFETCH(int, error);
    QFETCH(bool, never);
    HttpFailure f;
    f.kind = HttpFailure::Kind(kind);
    f.networkError = error;
    QCOMPARE(f.neverReachedServer(), never);
}

void TestHttpFailure::isThrottle_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("throttle");
    using K = HttpFailure::Kind;
    QTest::newRow("429") << int(K::Http) << 429 << true;
    QTest::newRow("503") << int(K::Http) << 503 << true;
    QTest::newRow("500") << int(K::Http) << 500 << false;
    QTest::newRow("502") << int(K::Http) << 502 << false;
    QTest::newRow("network with a stale status") << int(K::Network) << 429 << false;
}

void TestHttpFailure::isThrottle()
{
    QFETCH(int, kind);
    QFETCH(int, status);
    QFETCH(bool, throttle);
    HttpFailure f;
    f.kind = HttpFailure::Kind(kind);
    f.status = status;
    QCOMPARE(f.isThrottle(), throttle);
}

QTEST_GUILESS_MAIN(TestHttpFailure)
#include "tst_httpfailure.moc"
