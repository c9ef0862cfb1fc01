// Every fault knob, asserted exactly: statuses and their order, Retry-After forms, dropped connections and the
// Range resume they force, slow drip, corrupt files, ignored Range, undercut Retry-After detection.
#include "selftest/exportprobe.h"
#include "selftest/rawhttpclient.h"
#include "selftest/sandboxfixture.h"
#include "server/sandboxserver.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLocale>
#include <QTest>
#include <QTimeZone>

namespace {

SandboxConfig quickConfig()
{
    SandboxConfig config;
    config.patients = 80;
    config.polls = 0;
    config.quiet = true;
    return config;
}

QByteArray code(const RawResponse &r)
{
    return r.json()
        .object()
        .value(QLatin1String("issue"))
        .toArray()[0]
        .toObject()
        .value(QLatin1String("code"))
        .toString()
        .toUtf8();
}

} // namespace

class TstSandboxFaults : public QObject
{
    Q_OBJECT
private slots:
    void pollFaultsInOrder();
    void fatalFailureSticks();
    void retryAfterForms_data();
    void retryAfterForms();
    void kickoffRejected();
    void kickoffThrottled();
    void fileThrottledThenServed();
    void dropThenResumeWithRange();
    void dropOnlyChosenFiles();
    void slowDrip();
    void corruptFiles_data();
    void corruptFiles();
    void ignoreRange();
    void faultsChangeAtRunTime();
    void undercutRetryAfterIsRecorded();

private:
    void start(const SandboxConfig &config);
    QByteArray fileUrl(const RawResponse &manifest, int i)
    {
        return ExportProbe::outputs(manifest)[i].toObject().value(QLatin1String("url")).toString().toUtf8();
    }

    SandboxFixture m_f;
};

void TstSandboxFaults::start(const SandboxConfig &config)
{
    QString error;
    QVERIFY2(m_f.start(config, &error), qPrintable(error));
}

void TstSandboxFaults::pollFaultsInOrder()
{
    SandboxConfig config = quickConfig();
    config.polls = 1;
    QVERIFY(config.faults.apply(QStringLiteral("poll-429=2")).isEmpty());
    QVERIFY(config.faults.apply(QStringLiteral("poll-503=1")).isEmpty());
    QVERIFY(config.faults.apply(QStringLiteral("poll-transient=1")).isEmpty());
    QVERIFY(config.faults.apply(QStringLiteral("retry-after=3")).isEmpty());
    start(config);
    const QByteArray status = m_f.probe().kickoff("/fhir/$export?_type=Patient");
    QList<int> statuses;
    QList<QByteArray> codes;
    QList<QByteArray> retryAfter;
    for (int i = 0; i < 6; ++i) {
        const RawResponse r = m_f.http().get(RawHttpClient::target(status));
        statuses.append(r.status);
        codes.append(r.status >= 400 ? code(r) : QByteArray());
        retryAfter.append(r.header("Retry-After"));
    }
    QCOMPARE(statuses, (QList<int>{429, 429, 503, 500, 202, 200}));
    QCOMPARE(codes, (QList<QByteArray>{"throttled", "throttled", "transient", "transient", {}, {}}));
    QCOMPARE(retryAfter, (QList<QByteArray>{"3", "3", "3", {}, "1", {}}));
    // The counters are per job: a second export sees the same sequence.
    const QByteArray again = m_f.probe().kickoff("/fhir/$export?_type=Patient");
    QCOMPARE(m_f.http().get(RawHttpClient::target(again)).status, 429);
}

void TstSandboxFaults::fatalFailureSticks()
{
    SandboxConfig config = quickConfig();
    config.polls = 3;
    QVERIFY(config.faults.apply(QStringLiteral("poll-fatal=1")).isEmpty());
    QVERIFY(config.faults.apply(QStringLiteral("fatal-code=exception")).isEmpty());
    start(config);
    const QByteArray status = m_f.probe().kickoff("/fhir/$export?_type=Patient");
    QCOMPARE(m_f.http().get(RawHttpClient::target(status)).status, 202);
    for (int i = 0; i < 2; ++i) {
        const RawResponse r = m_f.http().get(RawHttpClient::target(status));
        QCOMPARE(r.status, 500);
        QCOMPARE(code(r), QByteArray("exception"));
        QCOMPARE(r.json()
                     .object()
                     .value(QLatin1String("issue"))
                     .toArray()[0]
                     .toObject()
                     .value(QLatin1String("severity"))
                     .toString(),
                 QStringLiteral("fatal"));
    }
    QCOMPARE(m_f.http().get("/__jobs").json().array()[0].toObject().value(QLatin1String("state")).toString(),
             QStringLiteral("failed"));
}

void TstSandboxFaults::retryAfterForms_data()
{
    QTest::addColumn<QString>("form");
    QTest::newRow("seconds") << QStringLiteral("seconds");
    QTest::newRow("http-date") << QStringLiteral("http-date");
    QTest::newRow("absent") << QStringLiteral("absent");
}

void TstSandboxFaults::retryAfterForms()
{
    QFETCH(QString, form);
    SandboxConfig config = quickConfig();
    config.polls = 1;
    config.retryAfterSeconds = 120;
    QVERIFY(config.faults.set(QStringLiteral("retry-after-form"), form).isEmpty());
    start(config);
    const QByteArray status = m_f.probe().kickoff("/fhir/$export?_type=Patient");
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const RawResponse r = m_f.http().get(RawHttpClient::target(status));
    QCOMPARE(r.status, 202);
    if (form == QLatin1String("seconds")) {
        QCOMPARE(r.header("Retry-After"), QByteArray("120"));
    } else if (form == QLatin1String("absent")) {
        QVERIFY(!r.hasHeader("Retry-After"));
    } else {
        QDateTime date = QLocale::c().toDateTime(QString::fromLatin1(r.header("Retry-After")),
                                                 QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
        date.setTimeZone(QTimeZone::utc());
        QVERIFY2(date.isValid(), r.header("Retry-After").constData());
        const qint64 delta = before.secsTo(date);
        QVERIFY2(delta >= 119 && delta <= 122, qPrintable(QString::number(delta)));
    }
}

void TstSandboxFaults::kickoffRejected()
{
    SandboxConfig config = quickConfig();
    for (const char *f : {"kickoff-reject=403", "kickoff-reject-count=1", "kickoff-reject-code=forbidden",
                          "kickoff-reject-diagnostics=Client not authorized for bulk export"}) {
        QVERIFY(config.faults.apply(QLatin1String(f)).isEmpty());
    }
    start(config);
    RawResponse r;
    QVERIFY(m_f.probe().kickoff("/fhir/$export", {}, &r).isEmpty());
    QCOMPARE(r.status, 403);
    QCOMPARE(code(r), QByteArray("forbidden"));
    QVERIFY(r.body.contains("Client not authorized for bulk export"));
    QVERIFY(!m_f.probe().kickoff("/fhir/$export").isEmpty());
}

void TstSandboxFaults::kickoffThrottled()
{
    SandboxConfig config = quickConfig();
    QVERIFY(config.faults.apply(QStringLiteral("kickoff-429=1")).isEmpty());
    start(config);
    RawResponse r;
    m_f.probe().kickoff("/fhir/$export", {}, &r);
    QCOMPARE(r.status, 429);
    QCOMPARE(code(r), QByteArray("throttled"));
    QCOMPARE(r.header("Retry-After"), QByteArray("1"));
    QVERIFY(!m_f.probe().kickoff("/fhir/$export").isEmpty());
}

void TstSandboxFaults::fileThrottledThenServed()
{
    SandboxConfig config = quickConfig();
    QVERIFY(config.faults.apply(QStringLiteral("file-429=1")).isEmpty());
    QVERIFY(config.faults.apply(QStringLiteral("file-503=2")).isEmpty());
    start(config);
    const RawResponse manifest = m_f.probe().pollUntilDone(m_f.probe().kickoff("/fhir/$export?_type=Patient"));
    QList<int> statuses;
    for (int i = 0; i < 4; ++i) {
        const RawResponse r = m_f.probe().fetch(fileUrl(manifest, 0));
        statuses.append(r.status);
        if (r.status != 200) {
            QCOMPARE(r.header("Retry-After"), QByteArray("1"));
        }
    }
    QCOMPARE(statuses, (QList<int>{429, 503, 503, 200}));
}

void TstSandboxFaults::dropThenResumeWithRange()
{
    SandboxConfig config = quickConfig();
    QVERIFY(config.faults.apply(QStringLiteral("drop-after=10000")).isEmpty());
    start(config);
    const RawResponse manifest = m_f.probe().pollUntilDone(m_f.probe().kickoff("/fhir/$export?_type=Observation"));
    const QByteArray url = fileUrl(manifest, 0);
    const RawResponse dropped = m_f.probe().fetch(url);
    QCOMPARE(dropped.status, 200);
    QVERIFY(!dropped.complete);
    QCOMPARE(dropped.body.size(), 10000);
    const qint64 total = dropped.header("Content-Length").toLongLong();
    QVERIFY(total > 10000);
    QTRY_VERIFY(m_f.server().requestLog().constLast().finished);
    RequestLogEntry entry = m_f.server().requestLog().constLast();
    QCOMPARE(entry.bodyBytes, 10000);
    QVERIFY(!entry.complete);
    const RawResponse resumed =
        m_f.probe().fetch(url, {{"Range", "bytes=10000-"}, {"If-Range", dropped.header("ETag")}});
    QCOMPARE(resumed.status, 206);
    QVERIFY(resumed.complete);
    const QByteArray joined = dropped.body + resumed.body;
    QCOMPARE(joined.size(), total);
    QCOMPARE(m_f.probe().fetch(url).body, joined); // later attempts are not dropped
    entry = m_f.server().requestLog().at(m_f.server().requestLog().size() - 2);
    QCOMPARE(entry.rangeStart, 10000);
    QCOMPARE(entry.bodyBytes, total - 10000);
    QVERIFY(entry.complete);
}

void TstSandboxFaults::dropOnlyChosenFiles()
{
    SandboxConfig config = quickConfig();
    config.resourcesPerFile = 100;
    QVERIFY(config.faults.apply(QStringLiteral("drop-after=500")).isEmpty());
    QVERIFY(config.faults.apply(QStringLiteral("drop-files=1")).isEmpty());
    QVERIFY(config.faults.apply(QStringLiteral("drop-attempts=2")).isEmpty());
    start(config);
    const RawResponse manifest = m_f.probe().pollUntilDone(m_f.probe().kickoff("/fhir/$export?_type=Observation"));
    QVERIFY(m_f.probe().fetch(fileUrl(manifest, 0)).complete);
    QVERIFY(!m_f.probe().fetch(fileUrl(manifest, 1)).complete);
    QVERIFY(!m_f.probe().fetch(fileUrl(manifest, 1)).complete);
    QVERIFY(m_f.probe().fetch(fileUrl(manifest, 1)).complete);
    QVERIFY(m_f.probe().fetch(fileUrl(manifest, 2)).complete);
}

void TstSandboxFaults::slowDrip()
{
    SandboxConfig config = quickConfig();
    QVERIFY(config.faults.apply(QStringLiteral("drip=100000")).isEmpty());
    start(config);
    const RawResponse manifest =
        m_f.probe().pollUntilDone(m_f.probe().kickoff("/fhir/Group/demo/$export?_type=Patient"));
    QElapsedTimer timer;
    timer.start();
    const RawResponse r = m_f.probe().fetch(fileUrl(manifest, 0));
    const qint64 elapsed = timer.elapsed();
    QVERIFY(r.complete);
    const qint64 expectedMs = r.body.size() * 1000 / 100000;
    QVERIFY2(expectedMs >= 100, qPrintable(QString::number(r.body.size())));
    QVERIFY2(elapsed >= expectedMs * 8 / 10,
             qPrintable(QStringLiteral("%1 ms for %2 bytes").arg(elapsed).arg(r.body.size())));
}

void TstSandboxFaults::corruptFiles_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("invalid-json") << QStringLiteral("invalid-json");
    QTest::newRow("wrong-type") << QStringLiteral("wrong-type");
    QTest::newRow("extra-lines") << QStringLiteral("extra-lines");
}

void TstSandboxFaults::corruptFiles()
{
    QFETCH(QString, kind);
    SandboxConfig config = quickConfig();
    QVERIFY(config.faults.set(QStringLiteral("corrupt"), kind).isEmpty());
    QVERIFY(config.faults.apply(QStringLiteral("corrupt-file=1")).isEmpty());
    QVERIFY(config.faults.apply(QStringLiteral("corrupt-line=3")).isEmpty());
    start(config);
    const RawResponse manifest =
        m_f.probe().pollUntilDone(m_f.probe().kickoff("/fhir/$export?_type=Patient,Condition"));
    // File 0 is intact.
    int invalid = 0;
    QList<QJsonObject> lines = ExportProbe::lines(m_f.probe().fetch(fileUrl(manifest, 0)).body, &invalid);
    QCOMPARE(invalid, 0);
    const QJsonObject entry = ExportProbe::outputs(manifest)[1].toObject();
    const RawResponse file = m_f.probe().fetch(fileUrl(manifest, 1));
    QCOMPARE(file.header("Content-Length").toLongLong(), file.body.size());
    lines = ExportProbe::lines(file.body, &invalid);
    const int count = entry.value(QLatin1String("count")).toInt();
    if (kind == QLatin1String("invalid-json")) {
        QCOMPARE(invalid, 1);
        QCOMPARE(lines.size(), count - 1);
        QVERIFY(QJsonDocument::fromJson(file.body.split('\n')[2]).isNull());
    } else if (kind == QLatin1String("wrong-type")) {
        QCOMPARE(invalid, 0);
        QCOMPARE(lines[2].value(QLatin1String("resourceType")).toString(), QStringLiteral("Basic"));
        QCOMPARE(lines[1].value(QLatin1String("resourceType")).toString(),
                 entry.value(QLatin1String("type")).toString());
    } else {
        QCOMPARE(invalid, 0);
        QCOMPARE(lines.size(), count + 2);
    }
    // Corrupt or not, the bytes are stable: a mid-file Range matches the full body.
    QCOMPARE(m_f.probe().fetch(fileUrl(manifest, 1), {{"Range", "bytes=777-"}}).body, file.body.mid(777));
}

void TstSandboxFaults::ignoreRange()
{
    SandboxConfig config = quickConfig();
    QVERIFY(config.faults.apply(QStringLiteral("ignore-range")).isEmpty());
    start(config);
    const RawResponse manifest = m_f.probe().pollUntilDone(m_f.probe().kickoff("/fhir/$export?_type=Patient"));
    const RawResponse full = m_f.probe().fetch(fileUrl(manifest, 0));
    const RawResponse r = m_f.probe().fetch(fileUrl(manifest, 0), {{"Range", "bytes=100-"}});
    QCOMPARE(r.status, 200);
    QVERIFY(!r.hasHeader("Accept-Ranges"));
    QCOMPARE(r.body, full.body);
}

void TstSandboxFaults::faultsChangeAtRunTime()
{
    start(quickConfig());
    QVERIFY(!m_f.probe().kickoff("/fhir/$export").isEmpty());
    FaultConfig faults;
    faults.kickoffThrottle = 1;
    m_f.server().setFaults(faults);
    RawResponse r;
    m_f.probe().kickoff("/fhir/$export", {}, &r);
    QCOMPARE(r.status, 429);
    // Over HTTP, for out-of-process tests.
    const RawResponse set = m_f.http().request("POST", "/__faults", {}, "kickoff-reject=500&kickoff-reject-count=1");
    QCOMPARE(set.status, 200);
    QCOMPARE(set.json().object().value(QLatin1String("kickoff-reject")).toInt(), 500);
    QCOMPARE(m_f.server().faults().kickoffThrottle, 0); // replaced, not merged
    m_f.probe().kickoff("/fhir/$export", {}, &r);
    QCOMPARE(r.status, 500);
    QCOMPARE(m_f.http().request("POST", "/__faults", {}, "no-such-fault=1").status, 400);
    QVERIFY(!m_f.server().applyFault(QStringLiteral("poll-429=x")).isEmpty());
}

void TstSandboxFaults::undercutRetryAfterIsRecorded()
{
    SandboxConfig config = quickConfig();
    config.polls = 3;
    config.retryAfterSeconds = 2;
    config.timeScale = 0.25; // "Retry-After: 2" means 500 ms here: ample for an immediate poll to be early
    start(config);
    const QByteArray status = m_f.probe().kickoff("/fhir/$export?_type=Patient");
    const ExportJob *job = m_f.server().job(ExportProbe::jobId(status));
    QCOMPARE(m_f.http().get(RawHttpClient::target(status)).header("Retry-After"), QByteArray("2"));
    QCOMPARE(m_f.http().get(RawHttpClient::target(status)).status, 202); // at once: undercut
    QCOMPARE(job->earlyPolls, 1);
    QVERIFY(job->worstEarlyMs > 250);
    QElapsedTimer waited; // the client's own timer, honouring the scaled Retry-After
    waited.start();
    QTRY_VERIFY_WITH_TIMEOUT(waited.elapsed() >= 520, 5000);
    QCOMPARE(m_f.http().get(RawHttpClient::target(status)).status, 202);
    QCOMPARE(job->earlyPolls, 1);
    const QJsonObject listed = m_f.http().get("/__jobs").json().array()[0].toObject();
    QCOMPARE(listed.value(QLatin1String("earlyPolls")).toInt(), 1);
}

QTEST_GUILESS_MAIN(TstSandboxFaults)
#include "tst_sandbox_faults.moc"
