// The standard persona after kick-off: status polling, manifests (paged, partial, separate-export-status),
// DELETE, expiry and fresh links, the request log.
#include "selftest/exportprobe.h"
#include "selftest/rawhttpclient.h"
#include "selftest/sandboxfixture.h"
#include "server/sandboxserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>
#include <QTest>

namespace {

SandboxConfig quickConfig()
{
    SandboxConfig config;
    config.patients = 80;
    config.polls = 0;
    config.quiet = true;
    return config;
}

} // namespace

class TstSandboxExport : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void statusPollingThenManifest();
    void pagedManifest();
    void partialManifestDuring202();
    void separateExportStatus();
    void deleteRemovesJobAndFiles();
    void expiredFilesGetFreshLinks_data();
    void expiredFilesGetFreshLinks();
    void noRefreshKeepsDeadLinks();
    void configuredErrorLines();
    void requestLogRecordsTheTraffic();

private:
    void start(const SandboxConfig &config);
    QJsonObject truthTypes(const QByteArray &statusUrl) const { return m_f.truthTypes(statusUrl); }

    SandboxFixture m_f;
};

void TstSandboxExport::start(const SandboxConfig &config)
{
    QString error;
    QVERIFY2(m_f.start(config, &error), qPrintable(error));
}

void TstSandboxExport::init()
{
    start(quickConfig());
}

void TstSandboxExport::statusPollingThenManifest()
{
    SandboxConfig config = quickConfig();
    config.polls = 3;
    config.retryAfterSeconds = 7;
    start(config);
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const QByteArray status = m_f.probe().kickoff("/fhir/Group/demo/$export?_type=Patient,Encounter");
    QStringList progress;
    for (int i = 0; i < 3; ++i) {
        const RawResponse r = m_f.http().get(RawHttpClient::target(status));
        QCOMPARE(r.status, 202);
        QCOMPARE(r.header("Retry-After"), QByteArray("7"));
        progress.append(QString::fromLatin1(r.header("X-Progress")));
        QVERIFY(r.body.isEmpty());
    }
    QCOMPARE(progress, (QStringList{QStringLiteral("25% complete"), QStringLiteral("50% complete"),
                                    QStringLiteral("75% complete")}));
    const RawResponse done = m_f.http().get(RawHttpClient::target(status));
    QCOMPARE(done.status, 200);
    QCOMPARE(done.header("Content-Type"), QByteArray("application/json"));
    const QDateTime expires = QLocale::c().toDateTime(QString::fromLatin1(done.header("Expires")),
                                                      QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    QVERIFY(expires.isValid());
    const QJsonObject m = done.json().object();
    const QDateTime tx = QDateTime::fromString(m.value(QLatin1String("transactionTime")).toString(), Qt::ISODateWithMs);
    QVERIFY(qAbs(tx.msecsTo(before)) < 5000);
    QCOMPARE(m.value(QLatin1String("request")).toString(),
             m_f.server().fhirBase().toString() + QStringLiteral("/Group/demo/$export?_type=Patient,Encounter"));
    QCOMPARE(m.value(QLatin1String("requiresAccessToken")).toBool(true), false);
    QVERIFY(m.value(QLatin1String("error")).isArray());
    const QJsonArray outputs = m.value(QLatin1String("output")).toArray();
    QCOMPARE(outputs.size(), 2);
    QCOMPARE(outputs[0].toObject().value(QLatin1String("type")).toString(), QStringLiteral("Patient"));
    QCOMPARE(outputs[0].toObject().value(QLatin1String("count")).toInt(), 25);
    QVERIFY(
        outputs[0].toObject().value(QLatin1String("url")).toString().startsWith(QLatin1String("http://127.0.0.1:")));
    // The manifest does not change when fetched again.
    QCOMPARE(m_f.http().get(RawHttpClient::target(status)).json().object(), m);
    // Polls 2-4 came right after a "Retry-After: 7"; the first had nothing to obey, the manifest asks for no wait.
    QCOMPARE(m_f.server().job(ExportProbe::jobId(status))->earlyPolls, 3);
}

void TstSandboxExport::pagedManifest()
{
    SandboxConfig config = quickConfig();
    config.manifestPageSize = 4;
    config.resourcesPerFile = 50;
    start(config);
    const QByteArray status = m_f.probe().kickoff("/fhir/$export?_type=Patient,Observation");
    RawResponse page = m_f.probe().pollUntilDone(status);
    int pages = 0;
    qint64 total = 0;
    QSet<QString> urls;
    QString transactionTime;
    while (true) {
        ++pages;
        const QJsonObject m = page.json().object();
        if (transactionTime.isEmpty()) {
            transactionTime = m.value(QLatin1String("transactionTime")).toString();
        }
        QCOMPARE(m.value(QLatin1String("transactionTime")).toString(), transactionTime);
        const QJsonArray outputs = m.value(QLatin1String("output")).toArray();
        QVERIFY(outputs.size() <= 4);
        for (const QJsonValue &v : outputs) {
            total += v.toObject().value(QLatin1String("count")).toInt();
            urls.insert(v.toObject().value(QLatin1String("url")).toString());
        }
        const QJsonArray links = m.value(QLatin1String("link")).toArray();
        if (links.isEmpty()) {
            break;
        }
        QCOMPARE(links[0].toObject().value(QLatin1String("relation")).toString(), QStringLiteral("next"));
        page =
            m_f.http().get(RawHttpClient::target(links[0].toObject().value(QLatin1String("url")).toString().toUtf8()));
        QCOMPARE(page.status, 200);
    }
    const QJsonObject types = truthTypes(status);
    const int expected = types.value(QLatin1String("Patient")).toObject().value(QLatin1String("count")).toInt() +
                         types.value(QLatin1String("Observation")).toObject().value(QLatin1String("count")).toInt();
    QCOMPARE(total, expected);
    QCOMPARE(pages, (urls.size() + 3) / 4);
    QVERIFY(pages >= 3);
}

void TstSandboxExport::partialManifestDuring202()
{
    SandboxConfig config = quickConfig();
    config.manifestPageSize = 2;
    config.resourcesPerFile = 40;
    config.polls = 3;
    start(config);
    const QByteArray status = m_f.probe().kickoff("/fhir/$export?_type=Observation&allowPartialManifests=true");
    const int files = static_cast<int>(m_f.server().job(ExportProbe::jobId(status))->files.size());
    QVERIFY(files >= 8);
    const RawResponse first = m_f.http().get(RawHttpClient::target(status)); // 25 % of the files are ready
    QCOMPARE(first.status, 202);
    QCOMPARE(first.header("Content-Type"), QByteArray("application/json"));
    const QJsonObject page1 = first.json().object();
    QCOMPARE(page1.value(QLatin1String("output")).toArray().size(), 2);
    // Nobody may download a file before it is listed, but those listed work already.
    const QByteArray url =
        page1.value(QLatin1String("output")).toArray()[0].toObject().value(QLatin1String("url")).toString().toUtf8();
    QCOMPARE(m_f.probe().fetch(url).status, 200);
    // A page that is not generated yet answers 202 without a body.
    const RawResponse late = m_f.http().get(RawHttpClient::target(status) + "?page=" + QByteArray::number(files / 2));
    QCOMPARE(late.status, 202);
    QVERIFY(late.body.isEmpty());
    const RawResponse done = m_f.probe().pollUntilDone(status);
    QCOMPARE(done.status, 200);
    QCOMPARE(done.json().object().value(QLatin1String("output")).toArray(),
             page1.value(QLatin1String("output")).toArray());
    // A partial-manifest request without paging configured simply completes with one page.
    start(quickConfig());
    QCOMPARE(m_f.probe().pollUntilDone(m_f.probe().kickoff("/fhir/$export?allowPartialManifests=true")).status, 200);
}

void TstSandboxExport::separateExportStatus()
{
    SandboxConfig config = quickConfig();
    config.polls = 1;
    config.faults.fatalAfterPolls = -1;
    start(config);
    RawResponse kick;
    const QByteArray status =
        m_f.probe().kickoff("/fhir/$export?_type=Patient", {{"Prefer", "separate-export-status"}}, &kick);
    QVERIFY(kick.header("Preference-Applied").contains("separate-export-status"));
    const RawResponse running = m_f.http().get(RawHttpClient::target(status));
    QCOMPARE(running.status, 200);
    QCOMPARE(running.header("X-Export-Status"), QByteArray("202 Accepted"));
    QCOMPARE(running.header("Preference-Applied"), QByteArray("separate-export-status"));
    const RawResponse done = m_f.http().get(RawHttpClient::target(status));
    QCOMPARE(done.status, 200);
    QCOMPARE(done.header("X-Export-Status"), QByteArray("200 OK"));
    QVERIFY(done.json().object().contains(QLatin1String("output")));
    // Without the preference there is no X-Export-Status.
    QVERIFY(
        !m_f.probe().pollUntilDone(m_f.probe().kickoff("/fhir/$export?_type=Patient")).hasHeader("X-Export-Status"));
}

void TstSandboxExport::deleteRemovesJobAndFiles()
{
    const QByteArray status = m_f.probe().kickoff("/fhir/$export?_type=Patient");
    const RawResponse manifest = m_f.probe().pollUntilDone(status);
    const QByteArray url = ExportProbe::outputs(manifest)[0].toObject().value(QLatin1String("url")).toString().toUtf8();
    QCOMPARE(m_f.probe().fetch(url).status, 200);
    QCOMPARE(m_f.http().request("DELETE", RawHttpClient::target(status)).status, 202);
    const RawResponse after = m_f.http().get(RawHttpClient::target(status));
    QCOMPARE(after.status, 404);
    QCOMPARE(after.json().object().value(QLatin1String("resourceType")).toString(), QStringLiteral("OperationOutcome"));
    QCOMPARE(m_f.probe().fetch(url).status, 404);
    QCOMPARE(m_f.http().request("DELETE", RawHttpClient::target(status)).status, 404);
    const QJsonArray jobs = m_f.http().get("/__jobs").json().array();
    QCOMPARE(jobs.size(), 1);
    QCOMPARE(jobs[0].toObject().value(QLatin1String("deleted")).toBool(), true);
    // Cancelling a running job works the same way.
    SandboxConfig config = quickConfig();
    config.polls = 5;
    start(config);
    const QByteArray running = m_f.probe().kickoff("/fhir/$export?_type=Patient");
    QCOMPARE(m_f.http().get(RawHttpClient::target(running)).status, 202);
    QCOMPARE(m_f.http().request("DELETE", RawHttpClient::target(running)).status, 202);
    QCOMPARE(m_f.http().get(RawHttpClient::target(running)).status, 404);
}

void TstSandboxExport::expiredFilesGetFreshLinks_data()
{
    QTest::addColumn<int>("expiredStatus");
    QTest::newRow("404") << 404;
    QTest::newRow("410") << 410;
}

void TstSandboxExport::expiredFilesGetFreshLinks()
{
    QFETCH(int, expiredStatus);
    SandboxConfig config = quickConfig();
    config.fileTtlSeconds = 3600; // one logical hour ...
    config.timeScale = 0.0003;    // ... is about a second here
    config.expiredStatus = expiredStatus;
    start(config);
    const QByteArray status = m_f.probe().kickoff("/fhir/$export?_type=Patient");
    const RawResponse first = m_f.probe().pollUntilDone(status);
    const QByteArray url = ExportProbe::outputs(first)[0].toObject().value(QLatin1String("url")).toString().toUtf8();
    QCOMPARE(m_f.probe().fetch(url).status, 200);
    const QDateTime firstExpires = QLocale::c().toDateTime(QString::fromLatin1(first.header("Expires")),
                                                           QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    // The Expires header speaks logical time: about an hour from now, as the vendor would say.
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(firstExpires) - 3600) < 10);
    QTRY_COMPARE_WITH_TIMEOUT(m_f.probe().fetch(url).status, expiredStatus, 5000);
    const RawResponse second = m_f.http().get(RawHttpClient::target(status));
    QCOMPARE(second.status, 200);
    const QByteArray fresh = ExportProbe::outputs(second)[0].toObject().value(QLatin1String("url")).toString().toUtf8();
    QVERIFY(fresh != url);
    QCOMPARE(m_f.probe().fetch(fresh).status, 200);
    QCOMPARE(m_f.probe().fetch(fresh).body, m_f.probe().fetch(fresh).body);
    QCOMPARE(m_f.probe().fetch(url).status, expiredStatus);
    QVERIFY(!second.header("Expires").isEmpty());
}

void TstSandboxExport::noRefreshKeepsDeadLinks()
{
    SandboxConfig config = quickConfig();
    config.refreshLinks = false;
    start(config);
    const QByteArray status = m_f.probe().kickoff("/fhir/$export?_type=Patient");
    const RawResponse first = m_f.probe().pollUntilDone(status);
    const QByteArray url = ExportProbe::outputs(first)[0].toObject().value(QLatin1String("url")).toString().toUtf8();
    m_f.server().expireFiles(ExportProbe::jobId(status));
    QCOMPARE(m_f.probe().fetch(url).status, 404);
    const RawResponse second = m_f.http().get(RawHttpClient::target(status));
    QCOMPARE(ExportProbe::outputs(second)[0].toObject().value(QLatin1String("url")).toString().toUtf8(), url);
}

void TstSandboxExport::configuredErrorLines()
{
    SandboxConfig config;
    config.patients = 80;
    config.polls = 0;
    config.quiet = true;
    config.errorLines = 3;
    start(config);
    const QByteArray status = m_f.probe().kickoff("/fhir/$export?_type=Patient");
    QCOMPARE(m_f.server().truth(ExportProbe::jobId(status)).value(QLatin1String("errorLines")).toInt(), 3);
    const QJsonArray errors = m_f.probe().pollUntilDone(status).json().object().value(QLatin1String("error")).toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].toObject().value(QLatin1String("type")).toString(), QStringLiteral("OperationOutcome"));
    QCOMPARE(errors[0].toObject().value(QLatin1String("count")).toInt(), 3);
    const QList<QJsonObject> outcomes = ExportProbe::lines(
        m_f.probe().fetch(errors[0].toObject().value(QLatin1String("url")).toString().toUtf8()).body);
    QCOMPARE(outcomes.size(), 3);
    QCOMPARE(outcomes[0].value(QLatin1String("resourceType")).toString(), QStringLiteral("OperationOutcome"));
}

void TstSandboxExport::requestLogRecordsTheTraffic()
{
    const QByteArray status =
        m_f.probe().kickoff("/fhir/$export?_type=Patient", {{"Authorization", "Bearer secret-value"}});
    m_f.http().get(RawHttpClient::target(status), {{"Authorization", "Basic dXNlcjpwdw=="}});
    const QJsonArray log = m_f.http().get("/__log").json().array();
    QCOMPARE(log.size(), 2); // test endpoints (/__log itself) are not logged
    const QJsonObject kick = log[0].toObject();
    QCOMPARE(kick.value(QLatin1String("method")).toString(), QStringLiteral("GET"));
    QCOMPARE(kick.value(QLatin1String("target")).toString(), QStringLiteral("/fhir/$export?_type=Patient"));
    QCOMPARE(kick.value(QLatin1String("origin")).toString(), QStringLiteral("primary"));
    QCOMPARE(kick.value(QLatin1String("status")).toInt(), 202);
    QCOMPARE(kick.value(QLatin1String("authorization")).toString(), QStringLiteral("bearer"));
    QCOMPARE(kick.value(QLatin1String("headers")).toObject().value(QLatin1String("prefer")).toString(),
             QStringLiteral("respond-async"));
    QVERIFY(!kick.value(QLatin1String("headers")).toObject().contains(QLatin1String("authorization")));
    QCOMPARE(log[1].toObject().value(QLatin1String("authorization")).toString(), QStringLiteral("basic"));
    QVERIFY(!m_f.http().get("/__log").body.contains("secret-value"));
    QVERIFY(log[1].toObject().value(QLatin1String("timeMs")).toInteger() >=
            kick.value(QLatin1String("timeMs")).toInteger());
}

QTEST_GUILESS_MAIN(TstSandboxExport)
#include "tst_sandbox_export.moc"
