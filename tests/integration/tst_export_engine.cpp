// End-to-end: the real engine (ExportJob, jobs, download queue, journal) against the real ferry-sandbox over
// loopback HTTP, in one process. Every test compares the files on disk with the sandbox's ground truth.

#include "engineharness.h"
#include "outputscanner.h"

#include "server/sandboxserver.h"
#include "util/privatefiles.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

QByteArray jobIdOf(const ExportRecord &r)
{
    return r.statusUrl.path().section(QLatin1Char('/'), -1).toLatin1();
}

int countRequests(const SandboxServer &sandbox, const QByteArray &method, const QByteArray &pathPart)
{
    int n = 0;
    for (const RequestLogEntry &e : sandbox.requestLog()) {
        if (e.method == method && e.target.contains(pathPart)) {
            ++n;
        }
    }
    return n;
}

SandboxConfig quickConfig()
{
    SandboxConfig c;
    c.patients = 60;
    c.polls = 1;
    c.retryAfterSeconds = 0.05;
    c.resourcesPerFile = 40;
    return c;
}

} // namespace

class TestExportEngine : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void happyPathMatchesTruth();
    void typeAndSinceHonoured();
    void postParametersAndRepeatedParameters_data();
    void postParametersAndRepeatedParameters();
    void pagedManifestFetchesEveryPage();
    void partialManifestsStartDownloadsEarly();
    void retryAfterIsHonoured_data();
    void retryAfterIsHonoured();
    void missingRetryAfterBacksOff();
    void throttledAndUnavailablePollsAreRetried();
    void transientOutcomeIsRetriedFatalFails();
    void kickoffRejectionShowsOperationOutcome();
    void throttledFilesBackOffAndComplete();
    void droppedConnectionResumesWithRange();
    void serverIgnoringRangeRestartsFile();
    void verificationFailureIsKeptAside();
    void expiredLinksAreRefreshedOnce();
    void expiredWithoutFreshLinksEndsExpired();
    void cancelSendsDelete();
    void resumeAfterStopContinues();
    void everyPathStaysInsideDestination();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineHarness> m_engine;
};

void TestExportEngine::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_engine = std::make_unique<EngineHarness>(m_dir->path());
}

void TestExportEngine::happyPathMatchesTruth()
{
    SandboxServer sandbox(quickConfig());
    QVERIFY(sandbox.listen());
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::runToEnd(job.get()));
    const ExportRecord &r = job->record();
    QCOMPARE(ExportStates::name(r.state), QStringLiteral("completed"));

    const OutputScanner out(r.outputDir);
    const QString diff = out.compare(sandbox.truth(jobIdOf(r)));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QVERIFY(out.totalResources() > 100);
    QCOMPARE(out.dataFiles.size(), r.files.size());

    // export.json and manifest.json beside the data, owner-only; the server was asked to clean up.
    const QJsonObject summary =
        QJsonDocument::fromJson([&] {
            QFile f(r.outputDir + QStringLiteral("/export.json"));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }())
            .object();
    QCOMPARE(summary.value(QStringLiteral("files")).toArray().size(), r.files.size());
    QVERIFY(!summary.value(QStringLiteral("transactionTime")).toString().isEmpty());
    for (const QJsonValue &f : summary.value(QStringLiteral("files")).toArray()) {
        QCOMPARE(f.toObject().value(QStringLiteral("sha256")).toString().size(), 64);
    }
    QVERIFY(QFileInfo::exists(r.outputDir + QStringLiteral("/manifest.json")));
    QCOMPARE(countRequests(sandbox, "DELETE", jobIdOf(r)), 1);
    QVERIFY(r.serverDeleted);
    QVERIFY(m_engine->history.last(r.request).has_value());
}

void TestExportEngine::typeAndSinceHonoured()
{
    SandboxServer sandbox(quickConfig());
    QVERIFY(sandbox.listen());
    ExportRecord rec = m_engine->groupExport(sandbox.fhirBase());
    rec.request.types = {QStringLiteral("Patient"), QStringLiteral("Observation")};
    rec.request.since = QDateTime(QDate(2021, 6, 1), QTime(0, 0), Qt::OffsetFromUTC, 2 * 3600);
    auto job = m_engine->makeJob(rec);
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    const QJsonObject truth = sandbox.truth(jobIdOf(job->record()));
    const OutputScanner out(job->record().outputDir);
    const QString diff = out.compare(truth);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QCOMPARE(QSet<QString>(out.ids.keyBegin(), out.ids.keyEnd()),
             (QSet<QString>{QStringLiteral("Patient"), QStringLiteral("Observation")}));
    QVERIFY2(!out.deletedIds.isEmpty(), "a _since export should carry deleted resources");
    // The +02:00 offset reached the server intact (not as a space).
    bool sawSince = false;
    for (const RequestLogEntry &e : sandbox.requestLog()) {
        sawSince = sawSince || e.target.contains("_since=2021-06-01T00:00:00.000%2B02:00");
    }
    QVERIFY(sawSince);
}

void TestExportEngine::postParametersAndRepeatedParameters_data()
{
    QTest::addColumn<int>("encoding");
    QTest::newRow("post") << int(ParameterEncoding::PostParameters);
    QTest::newRow("repeated") << int(ParameterEncoding::GetRepeated);
}

void TestExportEngine::postParametersAndRepeatedParameters()
{
    QFETCH(int, encoding);
    SandboxServer sandbox(quickConfig());
    QVERIFY(sandbox.listen());
    ExportRecord rec = m_engine->groupExport(sandbox.fhirBase());
    rec.request.encoding = ParameterEncoding(encoding);
    rec.request.types = {QStringLiteral("Condition"), QStringLiteral("Encounter")};
    auto job = m_engine->makeJob(rec);
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    const OutputScanner out(job->record().outputDir);
    const QString diff = out.compare(sandbox.truth(jobIdOf(job->record())));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QCOMPARE(out.ids.size(), 2);
    QCOMPARE(countRequests(sandbox, "POST", "$export"), encoding == int(ParameterEncoding::PostParameters) ? 1 : 0);
}

void TestExportEngine::pagedManifestFetchesEveryPage()
{
    SandboxConfig c = quickConfig();
    c.manifestPageSize = 3;
    SandboxServer sandbox(c);
    QVERIFY(sandbox.listen());
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    QVERIFY(job->record().manifestPages.size() > 2);
    QVERIFY(countRequests(sandbox, "GET", "page=") >= 2);
    const QString diff = OutputScanner(job->record().outputDir).compare(sandbox.truth(jobIdOf(job->record())));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestExportEngine::partialManifestsStartDownloadsEarly()
{
    SandboxConfig c = quickConfig();
    c.polls = 4;
    c.manifestPageSize = 4;
    SandboxServer sandbox(c);
    QVERIFY(sandbox.listen());
    ExportRecord rec = m_engine->groupExport(sandbox.fhirBase());
    rec.request.allowPartialManifests = true;
    auto job = m_engine->makeJob(rec);
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    const QString diff = OutputScanner(job->record().outputDir).compare(sandbox.truth(jobIdOf(job->record())));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestExportEngine::retryAfterIsHonoured_data()
{
    QTest::addColumn<QString>("form");
    QTest::newRow("delta-seconds") << QStringLiteral("seconds");
    QTest::newRow("http-date") << QStringLiteral("http-date");
}

void TestExportEngine::retryAfterIsHonoured()
{
    QFETCH(QString, form);
    SandboxConfig c = quickConfig();
    c.polls = 2;
    c.retryAfterSeconds = 1; // HTTP-dates have one-second resolution: the test waits in real seconds
    QVERIFY(c.faults.set(QStringLiteral("retry-after-form"), form).isEmpty());
    SandboxServer sandbox(c);
    QVERIFY(sandbox.listen());
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    const ::ExportJob *server = sandbox.job(jobIdOf(job->record()));
    QVERIFY(server);
    QCOMPARE(server->earlyPolls, 0);
    QCOMPARE(server->polls, 3);
}

void TestExportEngine::missingRetryAfterBacksOff()
{
    SandboxConfig c = quickConfig();
    c.polls = 4;
    QVERIFY(c.faults.set(QStringLiteral("retry-after-form"), QStringLiteral("absent")).isEmpty());
    SandboxServer sandbox(c);
    QVERIFY(sandbox.listen());
    VendorProfile fast = VendorProfile::generic();
    fast.pollInitial = std::chrono::seconds(1);
    fast.pollMinimum = std::chrono::seconds(0);
    m_engine->clock.setTimeScale(0.05); // backoff steps of 1 s, 2 s, 4 s… become 50 ms, 100 ms, 200 ms…
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()), fast);
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));

    QList<qint64> pollTimes;
    for (const RequestLogEntry &e : sandbox.requestLog()) {
        if (e.method == "GET" && e.target.contains("/_jobs/") && !e.target.contains("page=")) {
            pollTimes << e.timeMs;
        }
    }
    QCOMPARE(pollTimes.size(), 5); // 4 × 202, then the manifest
    // Equal jitter keeps each wait within [step/2, step] and steps double: the gaps must grow overall.
    const qint64 first = pollTimes.at(1) - pollTimes.at(0);
    const qint64 last = pollTimes.at(4) - pollTimes.at(3);
    QVERIFY2(last > first, qPrintable(QStringLiteral("first gap %1 ms, last gap %2 ms").arg(first).arg(last)));
}

void TestExportEngine::throttledAndUnavailablePollsAreRetried()
{
    SandboxConfig c = quickConfig();
    c.faults.pollThrottle = 2;
    c.faults.pollUnavailable = 1;
    c.faults.faultRetryAfterSeconds = 1;
    SandboxServer sandbox(c);
    QVERIFY(sandbox.listen());
    m_engine->clock.setTimeScale(0.05);
    VendorProfile p = VendorProfile::generic();
    p.pollMinimum = std::chrono::seconds(0);
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()), p);
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    int throttled = 0;
    int unavailable = 0;
    for (const RequestLogEntry &e : sandbox.requestLog()) {
        throttled += e.status == 429;
        unavailable += e.status == 503;
    }
    QCOMPARE(throttled, 2);
    QCOMPARE(unavailable, 1);
}

void TestExportEngine::transientOutcomeIsRetriedFatalFails()
{
    {
        SandboxConfig c = quickConfig();
        c.faults.pollTransient = 2;
        SandboxServer sandbox(c);
        QVERIFY(sandbox.listen());
        m_engine->clock.setTimeScale(0.02);
        auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
        QVERIFY(EngineHarness::runToEnd(job.get()));
        QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    }
    SandboxConfig c = quickConfig();
    c.polls = 3;
    c.faults.fatalAfterPolls = 1;
    SandboxServer sandbox(c);
    QVERIFY(sandbox.listen());
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("failed"));
    QVERIFY2(job->record().message.contains(QString::fromLatin1(c.faults.fatalDiagnostics)),
             qPrintable(job->record().message));
    QCOMPARE(job->record().failureKind, QStringLiteral("server"));
}

void TestExportEngine::kickoffRejectionShowsOperationOutcome()
{
    SandboxConfig c = quickConfig();
    c.faults.kickoffRejectStatus = 400;
    c.faults.kickoffRejectCode = "invalid";
    c.faults.kickoffRejectDiagnostics = "The _type parameter names an unknown resource type: Foo";
    SandboxServer sandbox(c);
    QVERIFY(sandbox.listen());
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("failed"));
    const QString message = job->record().message;
    QVERIFY2(message.contains(QStringLiteral("HTTP 400")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("error (invalid)")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("unknown resource type: Foo")), qPrintable(message));
    QCOMPARE(countRequests(sandbox, "GET", "$export"), 1); // a 400 is not retried
}

void TestExportEngine::throttledFilesBackOffAndComplete()
{
    SandboxConfig c = quickConfig();
    c.faults.fileThrottle = 3;
    c.faults.fileUnavailable = 2;
    c.faults.faultRetryAfterSeconds = 1;
    SandboxServer sandbox(c);
    QVERIFY(sandbox.listen());
    m_engine->clock.setTimeScale(0.05);
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    const QString diff = OutputScanner(job->record().outputDir).compare(sandbox.truth(jobIdOf(job->record())));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestExportEngine::droppedConnectionResumesWithRange()
{
    SandboxConfig c = quickConfig();
    c.resourceBytes = 3000; // 40 resources × 3 KB: files of ~120 KB
    c.gzip = false;
    c.faults.dropAfterBytes = 50'000;
    SandboxServer sandbox(c);
    QVERIFY(sandbox.listen());
    m_engine->clock.setTimeScale(0.02);
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    const QString diff = OutputScanner(job->record().outputDir).compare(sandbox.truth(jobIdOf(job->record())));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));

    int resumed = 0;
    for (const RequestLogEntry &e : sandbox.requestLog()) {
        if (e.rangeStart > 0) {
            ++resumed;
            QCOMPARE(e.status, 206);
            QVERIFY(e.rangeStart >= 40'000); // roughly where the drop happened, not from zero
            QVERIFY(e.header("range").startsWith("bytes="));
        }
    }
    QVERIFY2(resumed >= 1, "no request resumed with Range");
}

void TestExportEngine::serverIgnoringRangeRestartsFile()
{
    SandboxConfig c = quickConfig();
    c.resourceBytes = 3000;
    c.gzip = false;
    c.faults.dropAfterBytes = 50'000;
    c.faults.ignoreRange = true;
    SandboxServer sandbox(c);
    QVERIFY(sandbox.listen());
    m_engine->clock.setTimeScale(0.02);
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    const QString diff = OutputScanner(job->record().outputDir).compare(sandbox.truth(jobIdOf(job->record())));
    QVERIFY2(diff.isEmpty(), qPrintable(diff)); // the restart must not duplicate the bytes already written
}

void TestExportEngine::verificationFailureIsKeptAside()
{
    SandboxConfig c = quickConfig();
    c.faults.corruption = FaultConfig::Corruption::InvalidJson;
    c.faults.corruptFile = 0;
    c.faults.corruptLine = 7;
    SandboxServer sandbox(c);
    QVERIFY(sandbox.listen());
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::runToEnd(job.get()));
    const ExportRecord &r = job->record();
    QCOMPARE(ExportStates::name(r.state), QStringLiteral("failed"));
    QCOMPARE(r.failureKind, QStringLiteral("verification"));
    QVERIFY2(r.message.contains(QStringLiteral("line 7")), qPrintable(r.message));
    QCOMPARE(r.filesIn(FileRecord::State::Rejected), 1);
    const FileRecord &bad = r.files.first();
    QVERIFY(!QFileInfo::exists(r.outputDir + QLatin1Char('/') + bad.name)); // never passed off as good
    QDirIterator rejected(r.outputDir + QStringLiteral("/rejected"), QDir::Files);
    QVERIFY2(rejected.hasNext(), "the bad bytes are kept for inspection");
    QCOMPARE(countRequests(sandbox, "DELETE", jobIdOf(r)), 0); // no clean-up of a failed export
}

void TestExportEngine::expiredLinksAreRefreshedOnce()
{
    SandboxConfig c = quickConfig();
    c.faults.dripBytesPerSecond = 400'000;
    SandboxServer sandbox(c);
    QVERIFY(sandbox.listen());
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    connect(job.get(), &ExportJob::stateChanged, this, [&](ExportState s) {
        if (s == ExportState::Downloading) {
            sandbox.expireFiles(jobIdOf(job->record()));
        }
    });
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    QVERIFY(job->record().manifestRefreshed);
    const QString diff = OutputScanner(job->record().outputDir).compare(sandbox.truth(jobIdOf(job->record())));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestExportEngine::expiredWithoutFreshLinksEndsExpired()
{
    SandboxConfig c = quickConfig();
    c.refreshLinks = false;
    c.expiredStatus = 410;
    c.faults.dripBytesPerSecond = 400'000;
    SandboxServer sandbox(c);
    QVERIFY(sandbox.listen());
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    connect(job.get(), &ExportJob::stateChanged, this, [&](ExportState s) {
        if (s == ExportState::Downloading) {
            sandbox.expireFiles(jobIdOf(job->record()));
        }
    });
    QVERIFY(EngineHarness::runToEnd(job.get()));
    const ExportRecord &r = job->record();
    QCOMPARE(ExportStates::name(r.state), QStringLiteral("expired"));
    QVERIFY2(r.message.contains(QStringLiteral("expired")), qPrintable(r.message));
    // What was verified before the links died is still there and intact.
    for (const FileRecord &f : r.files) {
        if (f.state == FileRecord::State::Verified) {
            QVERIFY(QFileInfo::exists(r.outputDir + QLatin1Char('/') + f.name));
        } else {
            QVERIFY(!QFileInfo::exists(r.outputDir + QLatin1Char('/') + f.name));
        }
    }
}

void TestExportEngine::cancelSendsDelete()
{
    SandboxConfig c = quickConfig();
    c.polls = 1000;
    SandboxServer sandbox(c);
    QVERIFY(sandbox.listen());
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    job->start();
    QVERIFY(EngineHarness::waitFor(job.get(), ExportState::Polling));
    QTRY_VERIFY(job->record().polls >= 2);
    QSignalSpy finished(job.get(), &ExportJob::finished);
    job->cancel();
    QVERIFY(finished.count() > 0 || finished.wait(10000));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("cancelled"));
    QCOMPARE(countRequests(sandbox, "DELETE", jobIdOf(job->record())), 1);
    QVERIFY(sandbox.job(jobIdOf(job->record()))->deleted);
}

void TestExportEngine::resumeAfterStopContinues()
{
    SandboxConfig c = quickConfig();
    c.faults.dripBytesPerSecond = 200'000;
    c.resourceBytes = 1000;
    SandboxServer sandbox(c);
    QVERIFY(sandbox.listen());
    ExportRecord rec = m_engine->groupExport(sandbox.fhirBase());
    QString id = rec.id;
    {
        auto job = m_engine->makeJob(rec);
        job->start();
        QVERIFY(EngineHarness::waitFor(job.get(), ExportState::Downloading));
        QTRY_VERIFY_WITH_TIMEOUT(job->record().filesIn(FileRecord::State::Verified) >= 1, 30000);
        job->suspend(); // like closing the app: nothing sent to the server
    }
    QString error;
    auto loaded = m_engine->journal.load(id, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(ExportStates::name(loaded->state), QStringLiteral("downloading"));
    const int verifiedBefore = loaded->filesIn(FileRecord::State::Verified);
    QVERIFY(verifiedBefore >= 1);
    const int fileRequestsBefore = countRequests(sandbox, "GET", "/_files/");

    sandbox.setFaults(FaultConfig{});
    auto job = m_engine->makeJob(*loaded);
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    const QString diff = OutputScanner(job->record().outputDir).compare(sandbox.truth(jobIdOf(job->record())));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    // Verified files were not fetched again.
    const int refetched = countRequests(sandbox, "GET", "/_files/") - fileRequestsBefore;
    QVERIFY(refetched <= job->record().files.size() - verifiedBefore);
}

void TestExportEngine::everyPathStaysInsideDestination()
{
    SandboxServer sandbox(quickConfig());
    QVERIFY(sandbox.listen());
    ExportRecord rec = m_engine->groupExport(sandbox.fhirBase());
    auto job = m_engine->makeJob(rec);
    QVERIFY(EngineHarness::runToEnd(job.get()));
    const QString destination = m_dir->path() + QStringLiteral("/out");
    QDirIterator it(m_dir->path(), QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        if (path.startsWith(m_dir->path() + QStringLiteral("/jobs")) || path == m_dir->path() + QStringLiteral("/history.json")) {
            QCOMPARE(info.permissions() & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
            continue;
        }
        QVERIFY2(PrivateFiles::isInside(destination, path), qPrintable(path));
        QCOMPARE(info.permissions() & (QFile::ReadOther | QFile::ReadGroup | QFile::WriteOther | QFile::WriteGroup),
                 QFile::Permissions());
        files += info.isFile();
    }
    QVERIFY(files > 3);
}

QTEST_GUILESS_MAIN(TestExportEngine)
#include "tst_export_engine.moc"
