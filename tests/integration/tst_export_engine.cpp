// End-to-end: the real engine (ExportJob, jobs, download queue, journal) against the real ferry-sandbox over
// loopback HTTP, in one process. Every test compares the files on disk with the sandbox's ground truth.

#include "engineharness.h"
#include "outputscanner.h"

#include "sandboxprocess.h"
#include "sandboxtesting.h"

#include "auth/statictokenauthorizer.h"
#include "export/supportbundle.h"
#include "util/privatefiles.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

QString jobIdOf(const ExportRecord &r)
{
    return r.statusUrl.path().section(QLatin1Char('/'), -1);
}

QList<QJsonObject> requests(const SandboxProcess &sandbox)
{
    QList<QJsonObject> out;
    for (const QJsonValue &v : sandbox.log()) {
        out << v.toObject();
    }
    return out;
}

QJsonObject serverJob(const SandboxProcess &sandbox, const QString &id)
{
    for (const QJsonValue &v : sandbox.jobs()) {
        if (v.toObject().value(QStringLiteral("id")).toString() == id) {
            return v.toObject();
        }
    }
    return {};
}

QStringList fault(const QString &assignment)
{
    return {QStringLiteral("--fault"), assignment};
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
    void supportBundleAndFilesHoldNoSecret();

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
    START_SANDBOX(sandbox, quickSandbox());
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::runToEnd(job.get()));
    const ExportRecord &r = job->record();
    QCOMPARE(ExportStates::name(r.state), QStringLiteral("completed"));

    const OutputScanner out(r.outputDir);
    const QString diff = out.compare(sandbox.truth(jobIdOf(r)));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QVERIFY(out.totalResources() > 100);
    QCOMPARE(out.dataFiles.size(), r.files.size());

    // export.json and manifest.json beside the data; the server was asked to clean up.
    QFile summaryFile(r.outputDir + QStringLiteral("/export.json"));
    QVERIFY(summaryFile.open(QIODevice::ReadOnly));
    const QJsonObject summary = QJsonDocument::fromJson(summaryFile.readAll()).object();
    QCOMPARE(summary.value(QStringLiteral("files")).toArray().size(), r.files.size());
    QVERIFY(!summary.value(QStringLiteral("transactionTime")).toString().isEmpty());
    for (const QJsonValue &f : summary.value(QStringLiteral("files")).toArray()) {
        QCOMPARE(f.toObject().value(QStringLiteral("sha256")).toString().size(), 64);
    }
    QVERIFY(QFileInfo::exists(r.outputDir + QStringLiteral("/manifest.json")));

    // The quality report counts what the scanner counted, finds no duplicates and no missing lastUpdated.
    QFile reportFile(r.outputDir + QStringLiteral("/report.json"));
    QVERIFY(reportFile.open(QIODevice::ReadOnly));
    const QJsonObject report = QJsonDocument::fromJson(reportFile.readAll()).object();
    QCOMPARE(report.value(QStringLiteral("resources")).toInteger(), out.totalResources());
    QCOMPARE(report.value(QStringLiteral("duplicateIds")).toInteger(), 0);
    QCOMPARE(report.value(QStringLiteral("withoutLastUpdated")).toInteger(), 0);
    QCOMPARE(report.value(QStringLiteral("types"))
                 .toObject()
                 .value(QStringLiteral("Patient"))
                 .toObject()
                 .value(QStringLiteral("resources"))
                 .toInteger(),
             out.ids.value(QStringLiteral("Patient")).size());
    QVERIFY(!r.qualitySummary.isEmpty());
    QCOMPARE(sandbox.countRequests(QStringLiteral("DELETE"), jobIdOf(r)), 1);
    QVERIFY(r.serverDeleted);
    QVERIFY(m_engine->history.last(r.request).has_value());
}

void TestExportEngine::typeAndSinceHonoured()
{
    START_SANDBOX(sandbox, quickSandbox());
    ExportRecord rec = m_engine->groupExport(sandbox.fhirBase());
    rec.request.types = {QStringLiteral("Patient"), QStringLiteral("Observation")};
    rec.request.since = QDateTime(QDate(2021, 6, 1), QTime(0, 0), Qt::OffsetFromUTC, 2 * 3600);
    auto job = m_engine->makeJob(rec);
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    const OutputScanner out(job->record().outputDir);
    const QString diff = out.compare(sandbox.truth(jobIdOf(job->record())));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QCOMPARE(QSet<QString>(out.ids.keyBegin(), out.ids.keyEnd()),
             (QSet<QString>{QStringLiteral("Patient"), QStringLiteral("Observation")}));
    QVERIFY2(!out.deletedIds.isEmpty(), "a _since export should carry deleted resources");
    // The +02:00 offset reached the server intact (not as a space).
    QCOMPARE(sandbox.countRequests(QStringLiteral("GET"), QStringLiteral("_since=2021-06-01T00:00:00.000%2B02:00")), 1);
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
    START_SANDBOX(sandbox, quickSandbox());
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
    QCOMPARE(sandbox.countRequests(QStringLiteral("POST"), QStringLiteral("$export")),
             encoding == int(ParameterEncoding::PostParameters) ? 1 : 0);
}

void TestExportEngine::pagedManifestFetchesEveryPage()
{
    START_SANDBOX(sandbox, quickSandbox(QStringList{QStringLiteral("--manifest-page-size"), QStringLiteral("3")}));
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    QVERIFY(job->record().manifestPages.size() > 2);
    QVERIFY(sandbox.countRequests(QStringLiteral("GET"), QStringLiteral("page=")) >= 2);
    const QString diff = OutputScanner(job->record().outputDir).compare(sandbox.truth(jobIdOf(job->record())));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestExportEngine::partialManifestsStartDownloadsEarly()
{
    START_SANDBOX(sandbox, quickSandbox(QStringList{QStringLiteral("--polls"), QStringLiteral("4"),
                                                    QStringLiteral("--manifest-page-size"), QStringLiteral("4")}));
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
    // HTTP-dates have one-second resolution, so this test waits in real seconds.
    START_SANDBOX(sandbox, quickSandbox(QStringList{QStringLiteral("--polls"), QStringLiteral("2"),
                                                    QStringLiteral("--retry-after"), QStringLiteral("1")} +
                                        fault(QStringLiteral("retry-after-form=") + form)));
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    const QJsonObject server = serverJob(sandbox, jobIdOf(job->record()));
    QCOMPARE(server.value(QStringLiteral("earlyPolls")).toInt(), 0);
    QCOMPARE(server.value(QStringLiteral("polls")).toInt(), 3);
}

void TestExportEngine::missingRetryAfterBacksOff()
{
    START_SANDBOX(sandbox, quickSandbox(QStringList{QStringLiteral("--polls"), QStringLiteral("4")} +
                                        fault(QStringLiteral("retry-after-form=absent"))));
    VendorProfile fast = VendorProfile::generic();
    fast.pollInitial = std::chrono::seconds(1);
    fast.pollMinimum = std::chrono::seconds(0);
    m_engine->clock.setTimeScale(0.1); // backoff steps of 1 s, 2 s, 4 s… become 100 ms, 200 ms, 400 ms…
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()), fast);
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));

    QList<qint64> pollTimes;
    for (const QJsonObject &e : requests(sandbox)) {
        const QString target = e.value(QStringLiteral("target")).toString();
        if (e.value(QStringLiteral("method")).toString() == QLatin1String("GET") &&
            target.contains(QLatin1String("/_jobs/"))) {
            pollTimes << e.value(QStringLiteral("timeMs")).toInteger();
        }
    }
    QCOMPARE(pollTimes.size(), 5); // 4 × 202, then the manifest
    // Equal jitter keeps each wait within [step/2, step] while steps double, so the gaps grow.
    const qint64 first = pollTimes.at(1) - pollTimes.at(0);
    const qint64 last = pollTimes.at(4) - pollTimes.at(3);
    QVERIFY2(last > first, qPrintable(QStringLiteral("first gap %1 ms, last gap %2 ms").arg(first).arg(last)));
    QVERIFY2(first >= 45, qPrintable(QStringLiteral("first gap %1 ms: no busy polling").arg(first)));
}

void TestExportEngine::throttledAndUnavailablePollsAreRetried()
{
    START_SANDBOX(sandbox, quickSandbox(fault(QStringLiteral("poll-429=2")) + fault(QStringLiteral("poll-503=1"))));
    m_engine->clock.setTimeScale(0.05);
    VendorProfile p = VendorProfile::generic();
    p.pollMinimum = std::chrono::seconds(0);
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()), p);
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    int throttled = 0;
    int unavailable = 0;
    for (const QJsonObject &e : requests(sandbox)) {
        throttled += e.value(QStringLiteral("status")).toInt() == 429;
        unavailable += e.value(QStringLiteral("status")).toInt() == 503;
    }
    QCOMPARE(throttled, 2);
    QCOMPARE(unavailable, 1);
}

void TestExportEngine::transientOutcomeIsRetriedFatalFails()
{
    m_engine->clock.setTimeScale(0.02);
    {
        START_SANDBOX(sandbox, quickSandbox(fault(QStringLiteral("poll-transient=2"))));
        auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
        QVERIFY(EngineHarness::runToEnd(job.get()));
        QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    }
    START_SANDBOX(sandbox,
                  quickSandbox(QStringList{QStringLiteral("--polls"), QStringLiteral("3")} +
                               fault(QStringLiteral("poll-fatal=1")) +
                               fault(QStringLiteral("fatal-diagnostics=Generation of Observation files failed"))));
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("failed"));
    QVERIFY2(job->record().message.contains(QStringLiteral("Generation of Observation files failed")),
             qPrintable(job->record().message));
    QCOMPARE(job->record().failureKind, QStringLiteral("server"));
}

void TestExportEngine::kickoffRejectionShowsOperationOutcome()
{
    START_SANDBOX(
        sandbox,
        quickSandbox(fault(QStringLiteral("kickoff-reject=400")) +
                     fault(QStringLiteral("kickoff-reject-code=invalid")) +
                     fault(QStringLiteral(
                         "kickoff-reject-diagnostics=The _type parameter names an unknown resource type: Foo"))));
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("failed"));
    const QString message = job->record().message;
    QVERIFY2(message.contains(QStringLiteral("HTTP 400")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("error (invalid)")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("unknown resource type: Foo")), qPrintable(message));
    QCOMPARE(sandbox.countRequests(QStringLiteral("GET"), QStringLiteral("$export")), 1); // a 400 is not retried
}

void TestExportEngine::throttledFilesBackOffAndComplete()
{
    START_SANDBOX(sandbox, quickSandbox(fault(QStringLiteral("file-429=3")) + fault(QStringLiteral("file-503=2"))));
    m_engine->clock.setTimeScale(0.05);
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    const QString diff = OutputScanner(job->record().outputDir).compare(sandbox.truth(jobIdOf(job->record())));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestExportEngine::droppedConnectionResumesWithRange()
{
    // 40 resources × 3 KB: files of ~120 KB, each dropped after 50 KB on its first attempt.
    START_SANDBOX(sandbox, quickSandbox(QStringList{QStringLiteral("--resource-bytes"), QStringLiteral("3000"),
                                                    QStringLiteral("--no-gzip")} +
                                        fault(QStringLiteral("drop-after=50000"))));
    m_engine->clock.setTimeScale(0.02);
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    const QString diff = OutputScanner(job->record().outputDir).compare(sandbox.truth(jobIdOf(job->record())));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));

    int resumed = 0;
    for (const QJsonObject &e : requests(sandbox)) {
        const qint64 start = e.value(QStringLiteral("rangeStart")).toInteger(-1);
        if (start > 0) {
            ++resumed;
            QCOMPARE(e.value(QStringLiteral("status")).toInt(), 206);
            QVERIFY2(start >= 40'000, "resumed near where the drop happened, not from zero");
            QVERIFY(e.value(QStringLiteral("headers"))
                        .toObject()
                        .value(QStringLiteral("range"))
                        .toString()
                        .startsWith(QStringLiteral("bytes=")));
        }
    }
    QVERIFY2(resumed >= 1, "no request resumed with Range");
}

void TestExportEngine::serverIgnoringRangeRestartsFile()
{
    START_SANDBOX(sandbox,
                  quickSandbox(QStringList{QStringLiteral("--resource-bytes"), QStringLiteral("3000"),
                                           QStringLiteral("--no-gzip")} +
                               fault(QStringLiteral("drop-after=50000")) + fault(QStringLiteral("ignore-range=1"))));
    m_engine->clock.setTimeScale(0.02);
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    const QString diff = OutputScanner(job->record().outputDir).compare(sandbox.truth(jobIdOf(job->record())));
    QVERIFY2(diff.isEmpty(), qPrintable(diff)); // the restart must not duplicate the bytes already written
}

void TestExportEngine::verificationFailureIsKeptAside()
{
    START_SANDBOX(sandbox,
                  quickSandbox(fault(QStringLiteral("corrupt=invalid-json")) + fault(QStringLiteral("corrupt-file=0")) +
                               fault(QStringLiteral("corrupt-line=7"))));
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
    QCOMPARE(sandbox.countRequests(QStringLiteral("DELETE"), jobIdOf(r)), 0); // no clean-up of a failed export
}

void TestExportEngine::expiredLinksAreRefreshedOnce()
{
    START_SANDBOX(sandbox, quickSandbox(fault(QStringLiteral("drip=400000"))));
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    connect(job.get(), &ExportJob::stateChanged, this, [&](ExportState s) {
        if (s == ExportState::Downloading) {
            QTimer::singleShot(
                0, this, [&] { sandbox.post(QStringLiteral("/__jobs/%1/expire").arg(jobIdOf(job->record())), {}); });
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
    START_SANDBOX(sandbox, quickSandbox(QStringList{QStringLiteral("--no-refresh-links"),
                                                    QStringLiteral("--expired-status"), QStringLiteral("410")} +
                                        fault(QStringLiteral("drip=400000"))));
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    connect(job.get(), &ExportJob::stateChanged, this, [&](ExportState s) {
        if (s == ExportState::Downloading) {
            QTimer::singleShot(
                0, this, [&] { sandbox.post(QStringLiteral("/__jobs/%1/expire").arg(jobIdOf(job->record())), {}); });
        }
    });
    QVERIFY(EngineHarness::runToEnd(job.get()));
    const ExportRecord &r = job->record();
    QCOMPARE(ExportStates::name(r.state), QStringLiteral("expired"));
    QVERIFY2(r.message.contains(QStringLiteral("expired")), qPrintable(r.message));
    // What was verified before the links died is still there; nothing else poses as complete.
    for (const FileRecord &f : r.files) {
        QCOMPARE(QFileInfo::exists(r.outputDir + QLatin1Char('/') + f.name), f.state == FileRecord::State::Verified);
    }
}

void TestExportEngine::cancelSendsDelete()
{
    START_SANDBOX(sandbox, quickSandbox(QStringList{QStringLiteral("--polls"), QStringLiteral("100000")}));
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    job->start();
    QVERIFY(EngineHarness::waitFor(job.get(), ExportState::Polling));
    QTRY_VERIFY(job->record().polls >= 2);
    QSignalSpy finished(job.get(), &ExportJob::finished);
    job->cancel();
    QVERIFY(finished.count() > 0 || finished.wait(10000));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("cancelled"));
    QCOMPARE(sandbox.countRequests(QStringLiteral("DELETE"), jobIdOf(job->record())), 1);
    QVERIFY(serverJob(sandbox, jobIdOf(job->record())).value(QStringLiteral("deleted")).toBool());
}

void TestExportEngine::resumeAfterStopContinues()
{
    START_SANDBOX(sandbox, quickSandbox(QStringList{QStringLiteral("--resource-bytes"), QStringLiteral("1000")} +
                                        fault(QStringLiteral("drip=200000"))));
    ExportRecord rec = m_engine->groupExport(sandbox.fhirBase());
    const QString id = rec.id;
    {
        auto job = m_engine->makeJob(rec);
        job->start();
        QVERIFY(EngineHarness::waitFor(job.get(), ExportState::Downloading));
        QTRY_VERIFY_WITH_TIMEOUT(job->record().filesIn(FileRecord::State::Verified) >= 1, 30000);
        job->suspend(); // like closing the app: nothing is sent to the server
    }
    QString error;
    auto loaded = m_engine->journal.load(id, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(ExportStates::name(loaded->state), QStringLiteral("downloading"));
    const int verifiedBefore = loaded->filesIn(FileRecord::State::Verified);
    QVERIFY(verifiedBefore >= 1);
    const int fileRequestsBefore = sandbox.countRequests(QStringLiteral("GET"), QStringLiteral("/_files/"));

    QVERIFY(sandbox.setFaults(QStringLiteral("drip=0")));
    auto job = m_engine->makeJob(*loaded);
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("completed"));
    const QString diff = OutputScanner(job->record().outputDir).compare(sandbox.truth(jobIdOf(job->record())));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    // Verified files were not fetched again.
    const int refetched = sandbox.countRequests(QStringLiteral("GET"), QStringLiteral("/_files/")) - fileRequestsBefore;
    QVERIFY(refetched <= job->record().files.size() - verifiedBefore);
}

void TestExportEngine::everyPathStaysInsideDestination()
{
    START_SANDBOX(sandbox, quickSandbox());
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::runToEnd(job.get()));
    const QString destination = m_dir->path() + QStringLiteral("/out");
    QDirIterator it(m_dir->path(), QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        const QFile::Permissions others = QFile::ReadOther | QFile::ReadGroup | QFile::WriteOther | QFile::WriteGroup;
        QCOMPARE(info.permissions() & others, QFile::Permissions());
        if (path.startsWith(m_dir->path() + QStringLiteral("/jobs")) ||
            path == m_dir->path() + QStringLiteral("/history.json")) {
            continue;
        }
        QVERIFY2(PrivateFiles::isInside(destination, path), qPrintable(path));
        files += info.isFile();
    }
    QVERIFY(files > 3);
}

void TestExportEngine::supportBundleAndFilesHoldNoSecret()
{
    START_SANDBOX(sandbox, quickSandbox({}));
    const QString token = QStringLiteral("s3cr3t-T0KEN-") + QString::number(QDateTime::currentMSecsSinceEpoch());
    StaticTokenAuthorizer authorizer(token);
    ExportRecord rec = m_engine->groupExport(sandbox.fhirBase());
    rec.request.encoding = ParameterEncoding::PostParameters;
    rec.request.patients = {QStringLiteral("Patient/example-1")};
    auto job = m_engine->makeJob(rec, VendorProfile::generic(), &authorizer);
    QVERIFY(EngineHarness::runToEnd(job.get()));
    // The sandbox has no patient "example-1": whatever the outcome, the trace and bundle are what matter here.
    QString error;
    const QString bundle = SupportBundle::write(job->record(), job->tracePath(),
                                                QStringLiteral("log line with Bearer ") + token, m_dir->path(), &error);
    QVERIFY2(!bundle.isEmpty(), qPrintable(error));
    for (const char *name : {"README.txt", "request.sh", "parameters.json", "trace.ndjson", "export.json", "log.txt"}) {
        QVERIFY2(QFileInfo::exists(bundle + QLatin1Char('/') + QLatin1String(name)), name);
    }
    QFile trace(bundle + QStringLiteral("/trace.ndjson"));
    QVERIFY(trace.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = trace.readAll().split('\n');
    QVERIFY(lines.size() >= 3); // kick-off, status, …
    QVERIFY(lines.first().contains("\"authorization\":\"[redacted]\""));

    // Search every byte Ferry wrote: journal, trace, output, bundle. Neither the token nor the patient appears.
    QDirIterator it(m_dir->path(), QDir::Files, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY2(!bytes.contains(token.toUtf8()), qPrintable(f.fileName()));
        if (f.fileName().startsWith(bundle)) {
            QVERIFY2(!bytes.contains("example-1"), qPrintable(f.fileName()));
        }
        ++files;
    }
    QVERIFY(files > 5);
    QVERIFY(SupportBundle::curlCommand(job->record()).contains(QStringLiteral("$FERRY_TOKEN")));
}

QTEST_GUILESS_MAIN(TestExportEngine)
#include "tst_export_engine.moc"
