// Every vendor persona of ferry-sandbox against the real engine over loopback HTTP, once with the vendor's preset
// (resources/vendors/<id>.json) and once with the Generic profile. With its preset every export completes and
// matches the sandbox's truth, and its status checks honour the persona's Retry-After in the persona's unit (the
// sandbox counts polls that came too early). With Generic an export completes, or fails at once with a message
// that names the deviation, and never waits longer than the profile's clamp. Sandbox and engine run on the same
// time scale, so "Retry-After: 600" costs a few hundred milliseconds.

#include "engineharness.h"
#include "outputscanner.h"
#include "sandboxprocess.h"
#include "sandboxtesting.h"

#include "export/exportmanager.h"
#include "export/kickoffremedy.h"
#include "vendor/vendorregistry.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace std::chrono;

namespace {

struct Persona
{
    QString name;
    QString preset;
    QStringList args; // beyond --persona NAME
    double timeScale; // for sandbox and engine alike
    ExportLevel level = ExportLevel::Group;
    QString target;       // group id, or the resource type at the type level
    double maxWaitS;      // the longest logical wait this persona's Retry-After asks for, under its preset
    int clampedPolls = 0; // polls that deliberately undercut a Retry-After beyond the preset's bound
};

Persona persona(const QString &name)
{
    const QStringList small{QStringLiteral("--patients"), QStringLiteral("30"), QStringLiteral("--quiet")};
    const QString demo = QStringLiteral("demo");
    // Scales bring every persona's literal waits (60 s, 600 s, 7200 s…) to ~100–500 ms of real time.
    if (name == QLatin1String("epic")) {
        return {name, QStringLiteral("epic"), small, 0.005, ExportLevel::Group, demo, 60};
    }
    if (name == QLatin1String("epic-interopio")) {
        return {name, QStringLiteral("epic-interopio"), small,
                0.02, ExportLevel::ResourceType,        QStringLiteral("Patient"),
                60};
    }
    if (name == QLatin1String("oracle-health")) {
        return {name, QStringLiteral("oracle"), small, 0.0005, ExportLevel::Group, demo, 600};
    }
    if (name == QLatin1String("ms-retry-after")) {
        return {name, QStringLiteral("ms-retry-after"), small, 0.05, ExportLevel::Group, demo, 5};
    }
    if (name == QLatin1String("veradigm")) {
        return {name, QStringLiteral("veradigm"), small, 0.005, ExportLevel::Group, demo, 60};
    }
    if (name == QLatin1String("oneup")) {
        return {name, QStringLiteral("oneup"), small, 0.05, ExportLevel::Group, demo, 16};
    }
    if (name == QLatin1String("ecw")) {
        // Its first Retry-After (7200 s) is cut to the 900 s bound: that one poll is early by design.
        return {name, QStringLiteral("ecw"), small, 0.0005, ExportLevel::Group, demo, 900, 1};
    }
    if (name == QLatin1String("athena")) {
        return {name,
                QStringLiteral("athena"),
                small + QStringList{QStringLiteral("--athena-practice"), QStringLiteral("195900")},
                0.01,
                ExportLevel::Group,
                QStringLiteral("a-1.c-195900"),
                30};
    }
    if (name == QLatin1String("oneup-legacy")) {
        // 1upHealth's older endpoint answers the kick-off at once with the manifest.
        return {QStringLiteral("oneup"),
                QStringLiteral("oneup"),
                small + QStringList{QStringLiteral("--oneup-legacy")},
                0.05,
                ExportLevel::Group,
                demo,
                0};
    }
    return {name, QStringLiteral("hapi"), small, 0.0025, ExportLevel::Group, demo, 120};
}

const QStringList kPersonas{QStringLiteral("epic"),          QStringLiteral("epic-interopio"),
                            QStringLiteral("oracle-health"), QStringLiteral("ms-retry-after"),
                            QStringLiteral("veradigm"),      QStringLiteral("oneup"),
                            QStringLiteral("ecw"),           QStringLiteral("athena"),
                            QStringLiteral("hapi")};

QList<QJsonObject> requests(const SandboxProcess &sandbox)
{
    QList<QJsonObject> out;
    for (const QJsonValue &v : sandbox.log()) {
        out << v.toObject();
    }
    return out;
}

// The sandbox's view of the export whose status URL the engine used (the only one for a synchronous kick-off).
QJsonObject serverJob(const SandboxProcess &sandbox, const ExportRecord &r)
{
    const QJsonArray jobs = sandbox.jobs();
    if (!r.hasStatusUrl() && jobs.size() == 1) {
        return jobs.first().toObject();
    }
    for (const QJsonValue &v : jobs) {
        const QJsonObject o = v.toObject();
        if (QUrl(o.value(QStringLiteral("statusUrl")).toString()).path() == r.statusUrl.path() &&
            QUrlQuery(QUrl(o.value(QStringLiteral("statusUrl")).toString())).toString() ==
                QUrlQuery(r.statusUrl).toString()) {
            return o;
        }
    }
    return {};
}

// Real milliseconds between consecutive status checks of the export.
QList<qint64> pollGaps(const SandboxProcess &sandbox, const ExportRecord &r)
{
    const QString status = r.statusUrl.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    QList<qint64> times;
    for (const QJsonObject &e : requests(sandbox)) {
        if (e.value(QStringLiteral("method")).toString() == QLatin1String("GET") &&
            e.value(QStringLiteral("target")).toString() == status) {
            times << e.value(QStringLiteral("timeMs")).toInteger();
        }
    }
    QList<qint64> gaps;
    for (qsizetype i = 1; i < times.size(); ++i) {
        gaps << times.at(i) - times.at(i - 1);
    }
    return gaps;
}

int countStatus(const SandboxProcess &sandbox, int status)
{
    int n = 0;
    for (const QJsonObject &e : requests(sandbox)) {
        n += e.value(QStringLiteral("status")).toInt() == status;
    }
    return n;
}

QStringList sandboxArgs(const Persona &p, const QStringList &extra = {})
{
    return QStringList{QStringLiteral("--persona"), p.name, QStringLiteral("--time-scale"),
                       QString::number(p.timeScale)} +
           p.args + extra;
}

} // namespace

class TestVendorPersonas : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void presetCompletesAndHonoursRetryAfter_data();
    void presetCompletesAndHonoursRetryAfter();
    void genericCompletesWithinTheClamp_data();
    void genericCompletesWithinTheClamp();
    void genericNamesEachDeviationInTheLog();
    void implausibleRetryAfterIsLoggedAndClamped();
    void ecwRateLimitHolds();
    void oracleRunsOneExportAtATime();
    void managerHoldsTheSecondOracleExport();
    void epicRefusalTooRecentlyInWords();
    void epicShapedThousandsOfSmallFiles();
    void refusedParameterOffersLenientOrWithout_data();
    void refusedParameterOffersLenientOrWithout();

private:
    ExportRecord recordFor(const Persona &p, const QUrl &base) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineHarness> m_engine;
};

void TestVendorPersonas::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_engine = std::make_unique<EngineHarness>(m_dir->path());
}

ExportRecord TestVendorPersonas::recordFor(const Persona &p, const QUrl &base) const
{
    ExportRecord r = m_engine->groupExport(base, p.target);
    r.request.level = p.level;
    if (p.level == ExportLevel::ResourceType) {
        r.request.groupId.clear();
        r.request.resourceType = p.target;
    }
    r.clientId = QStringLiteral("ferry-test-client");
    return r;
}

void TestVendorPersonas::presetCompletesAndHonoursRetryAfter_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : kPersonas) {
        QTest::addRow("%s", qPrintable(name)) << name;
    }
    QTest::addRow("oneup-legacy") << QStringLiteral("oneup-legacy");
}

void TestVendorPersonas::presetCompletesAndHonoursRetryAfter()
{
    QFETCH(QString, name);
    const Persona p = persona(name);
    START_SANDBOX(sandbox, sandboxArgs(p));
    m_engine->clock.setTimeScale(p.timeScale);
    const VendorProfile preset = VendorRegistry::instance().profile(p.preset);
    QCOMPARE(preset.id, p.preset);

    ExportRecord rec = recordFor(p, sandbox.fhirBase());
    rec.deleteAfterDownload = preset.deleteAfterDownload;
    rec.request.encoding = preset.encoding;
    rec.request.typeFilterEscape = preset.typeFilterEscape;
    if (name == QLatin1String("epic")) {
        // A comma inside one _typeFilter query must reach Epic escaped (a raw one is refused with 400).
        rec.request.types = {QStringLiteral("Patient"), QStringLiteral("Observation")};
        rec.request.typeFilters = {QStringLiteral("Observation?category=laboratory,vital-signs")};
    }
    auto job = m_engine->makeJob(rec, preset);
    QVERIFY(EngineHarness::runToEnd(job.get()));
    const ExportRecord &r = job->record();
    QVERIFY2(r.state == ExportState::Completed, qPrintable(r.message));

    const QJsonObject server = serverJob(sandbox, r);
    QVERIFY2(!server.isEmpty(), "the sandbox knows the export");
    const QString diff =
        OutputScanner(r.outputDir).compare(sandbox.truth(server.value(QStringLiteral("id")).toString()));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));

    // Honoured: no status check before the persona's Retry-After (in its unit) had passed…
    QCOMPARE(server.value(QStringLiteral("earlyPolls")).toInt(), p.clampedPolls);
    // …and none much later than it asked either (the unit was not read a thousand times too large).
    const QList<qint64> gaps = pollGaps(sandbox, r);
    QVERIFY2(!gaps.isEmpty() || r.polls <= 1, "the export was polled");
    if (name == QLatin1String("oneup-legacy")) {
        QCOMPARE(r.polls, 0);
        QVERIFY(r.deviations.join(QLatin1Char('\n')).contains(QStringLiteral("synchronously")));
    }
    for (qint64 gap : gaps) {
        QVERIFY2(gap <= qint64(p.maxWaitS * 1000 * p.timeScale * 1.5) + 250,
                 qPrintable(QStringLiteral("a %1 ms wait; the persona asks at most %2 s").arg(gap).arg(p.maxWaitS)));
    }
    // The preset expects the vendor's ways: nothing it knows about is reported as a deviation.
    for (const QString &d : r.deviations) {
        QVERIFY2(!d.contains(QStringLiteral("treated as running")) && !d.contains(QStringLiteral("instead of \"url\"")),
                 qPrintable(d));
    }
    if (name == QLatin1String("epic")) {
        const QJsonObject kickoff = requests(sandbox).first();
        QCOMPARE(kickoff.value(QStringLiteral("headers")).toObject().value(QStringLiteral("epic-client-id")).toString(),
                 QStringLiteral("ferry-test-client"));
    }
    if (preset.deleteAfterDownload && r.hasStatusUrl()) {
        QVERIFY2(!r.cleanupNote.isEmpty(), "clean-up was attempted");
    }
    if (name == QLatin1String("oneup")) {
        QVERIFY2(r.cleanupNote.contains(QStringLiteral("does not allow deleting")), qPrintable(r.cleanupNote));
    }
}

void TestVendorPersonas::genericCompletesWithinTheClamp_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("timeScale");
    for (const QString &name : kPersonas) {
        // Under Generic the ms persona's "5000" reads as seconds and is clamped to 900 s: a smaller scale keeps
        // that to about a second.
        const double scale = name == QLatin1String("ms-retry-after") ? 0.001 : persona(name).timeScale;
        QTest::addRow("%s", qPrintable(name)) << name << scale;
    }
}

void TestVendorPersonas::genericCompletesWithinTheClamp()
{
    QFETCH(QString, name);
    QFETCH(double, timeScale);
    Persona p = persona(name);
    p.timeScale = timeScale;
    if (p.level == ExportLevel::ResourceType) {
        p.level = ExportLevel::Patient; // what a Generic user would try: [base]/Patient/$export
    }
    START_SANDBOX(sandbox, sandboxArgs(p));
    m_engine->clock.setTimeScale(timeScale);
    const VendorProfile generic = VendorRegistry::instance().profile(QStringLiteral("generic"));

    QElapsedTimer elapsed;
    elapsed.start();
    auto job = m_engine->makeJob(recordFor(p, sandbox.fhirBase()), generic);
    QVERIFY(EngineHarness::runToEnd(job.get(), 120000));
    const ExportRecord &r = job->record();
    if (r.state != ExportState::Completed) {
        // Failing is allowed only fast and in words.
        QCOMPARE(ExportStates::name(r.state), QStringLiteral("failed"));
        QVERIFY2(!r.message.isEmpty(), "the failure is explained");
        QVERIFY2(r.polls <= 1, qPrintable(r.message));
        return;
    }
    const QJsonObject server = serverJob(sandbox, r);
    const QString diff =
        OutputScanner(r.outputDir).compare(sandbox.truth(server.value(QStringLiteral("id")).toString()));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    const qint64 clampMs = qint64(duration_cast<milliseconds>(generic.pollMaximum).count() * timeScale);
    for (qint64 gap : pollGaps(sandbox, r)) {
        QVERIFY2(gap <= clampMs * 11 / 10 + 250,
                 qPrintable(QStringLiteral("waited %1 ms; the clamp is %2 ms").arg(gap).arg(clampMs)));
    }
    if (name == QLatin1String("ms-retry-after") || name == QLatin1String("ecw")) {
        // 5000 (ms, read as s) and 7200 s are cut to the 900 s bound — not waited in full.
        const QList<qint64> gaps = pollGaps(sandbox, r);
        QVERIFY(!gaps.isEmpty());
        QVERIFY2(*std::max_element(gaps.begin(), gaps.end()) >= clampMs * 9 / 10,
                 "the long Retry-After was honoured up to the clamp");
    }
    if (name == QLatin1String("oneup")) {
        QVERIFY2(r.deviations.join(QLatin1Char('\n')).contains(QStringLiteral("treated as running")),
                 qPrintable(r.deviations.join(QLatin1Char('\n'))));
        QVERIFY2(r.deviations.join(QLatin1Char('\n')).contains(QStringLiteral("instead of \"url\"")),
                 qPrintable(r.deviations.join(QLatin1Char('\n'))));
    }
    if (name == QLatin1String("hapi")) {
        QVERIFY(r.deviations.contains(QStringLiteral("the \"error\" list is missing")));
    }
    QVERIFY2(elapsed.elapsed() < 30000, "no export under Generic waits long");
}

void TestVendorPersonas::genericNamesEachDeviationInTheLog()
{
    // 1upHealth under Generic: the 200-while-running body and the "file" key are tolerated, each with a log line.
    const Persona p = persona(QStringLiteral("oneup"));
    START_SANDBOX(sandbox, sandboxArgs(p));
    m_engine->clock.setTimeScale(p.timeScale);
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral(
                                        "deviates from the Bulk Data IG: HTTP 200 with a body saying the export is "
                                        "still running \\(\"In Progress.*treated as running")));
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral(
                                        "deviates from the Bulk Data IG: output\\[0\\] gives its address in \"file\" "
                                        "instead of \"url\"")));
    auto job = m_engine->makeJob(recordFor(p, sandbox.fhirBase()), VendorProfile::generic());
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QVERIFY2(job->state() == ExportState::Completed, qPrintable(job->record().message));
    QVERIFY(!job->record().files.isEmpty());
    // With the preset the same answers are expected, so they are not logged as deviations.
    const QString otherOut = m_dir->path() + QStringLiteral("/preset");
    ExportRecord rec = recordFor(p, sandbox.fhirBase());
    rec.id += QStringLiteral("-preset");
    rec.outputDir = otherOut;
    auto presetJob = m_engine->makeJob(rec, VendorRegistry::instance().profile(QStringLiteral("oneup")));
    QVERIFY(EngineHarness::runToEnd(presetJob.get()));
    QVERIFY(presetJob->state() == ExportState::Completed);
    QVERIFY2(presetJob->record().deviations.filter(QStringLiteral("file")).isEmpty(),
             qPrintable(presetJob->record().deviations.join(QLatin1Char('\n'))));
}

void TestVendorPersonas::implausibleRetryAfterIsLoggedAndClamped()
{
    // A server that means seconds ("Retry-After: 1") under a profile configured for milliseconds: 1 ms is
    // implausible; it is logged as such and the wait is held at the profile's minimum instead of hammering.
    START_SANDBOX(sandbox, QStringList({QStringLiteral("--patients"), QStringLiteral("30"), QStringLiteral("--polls"),
                                        QStringLiteral("3"), QStringLiteral("--time-scale"), QStringLiteral("0.1"),
                                        QStringLiteral("--quiet")}));
    m_engine->clock.setTimeScale(0.1);
    const VendorProfile ms = VendorRegistry::instance().profile(QStringLiteral("ms-retry-after"));
    for (int i = 0; i < 3; ++i) {
        QTest::ignoreMessage(QtWarningMsg, "Retry-After 1 ms is implausibly short; the server may mean seconds.");
    }
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()), ms);
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QVERIFY2(job->state() == ExportState::Completed, qPrintable(job->record().message));
    const QList<qint64> gaps = pollGaps(sandbox, job->record());
    QCOMPARE(gaps.size(), 3);
    const qint64 minimumMs = qint64(duration_cast<milliseconds>(ms.pollMinimum).count() * 0.1);
    for (qint64 gap : gaps) {
        QVERIFY2(gap >= minimumMs * 9 / 10, qPrintable(QStringLiteral("polled again after %1 ms").arg(gap)));
    }
}

void TestVendorPersonas::ecwRateLimitHolds()
{
    // eClinicalWorks blocks a practice for the rest of the minute after its budget. The sandbox's budget is cut
    // to 20 a minute (a minute is 600 ms here) and the preset's limiter to 15, so an export of ~40 files must
    // spread its requests over several minutes without one 429. Generic, without a limiter, runs into it.
    const double scale = 0.01;
    const QStringList args{
        QStringLiteral("--persona"),  QStringLiteral("ecw"),          QStringLiteral("--time-scale"),
        QString::number(scale),       QStringLiteral("--rate-limit"), QStringLiteral("20/min"),
        QStringLiteral("--patients"), QStringLiteral("40"),           QStringLiteral("--resources-per-file"),
        QStringLiteral("10"),         QStringLiteral("--polls"),      QStringLiteral("0"),
        QStringLiteral("--quiet")};
    m_engine->clock.setTimeScale(scale);
    VendorProfile ecw = VendorRegistry::instance().profile(QStringLiteral("ecw"));
    QVERIFY(ecw.requestsPerMinute > 0);
    ecw.requestsPerMinute = 15; // well under 20: arrival times jitter under load (ASan)
    {
        START_SANDBOX(sandbox, args);
        auto job = m_engine->makeJob(recordFor(persona(QStringLiteral("ecw")), sandbox.fhirBase()), ecw);
        QVERIFY(EngineHarness::runToEnd(job.get(), 120000));
        QVERIFY2(job->state() == ExportState::Completed, qPrintable(job->record().message));
        const QString diff =
            OutputScanner(job->record().outputDir)
                .compare(sandbox.truth(serverJob(sandbox, job->record()).value(QStringLiteral("id")).toString()));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        QList<qint64> times;
        for (const QJsonObject &e : requests(sandbox)) {
            times << e.value(QStringLiteral("timeMs")).toInteger();
        }
        QVERIFY2(times.size() > 40, "enough requests to need the limit");
        QCOMPARE(countStatus(sandbox, 429), 0);
        const qint64 windowMs = qint64(60000 * scale);
        for (qsizetype i = 0; i < times.size(); ++i) {
            qsizetype inWindow = 0;
            for (qsizetype j = i; j < times.size() && times.at(j) < times.at(i) + windowMs; ++j) {
                ++inWindow;
            }
            QVERIFY2(inWindow <= 20, qPrintable(QStringLiteral("%1 requests within a minute").arg(inWindow)));
        }
    }
    START_SANDBOX(sandbox, args);
    auto job =
        m_engine->makeJob(recordFor(persona(QStringLiteral("ecw")), sandbox.fhirBase()), VendorProfile::generic());
    QVERIFY(EngineHarness::runToEnd(job.get(), 120000));
    QVERIFY2(countStatus(sandbox, 429) > 0, "without the preset's limit the server's budget is exceeded");
}

void TestVendorPersonas::oracleRunsOneExportAtATime()
{
    // A second export while the first runs is refused with 429 "throttled": the preset says why in words while
    // the kick-off waits, and both exports complete.
    const Persona p = persona(QStringLiteral("oracle-health"));
    START_SANDBOX(sandbox, sandboxArgs(p));
    m_engine->clock.setTimeScale(p.timeScale);
    const VendorProfile oracle = VendorRegistry::instance().profile(QStringLiteral("oracle"));
    auto first = m_engine->makeJob(recordFor(p, sandbox.fhirBase()), oracle);
    ExportRecord rec = recordFor(p, sandbox.fhirBase());
    rec.id += QStringLiteral("-b");
    rec.outputDir += QStringLiteral("-b");
    rec.request.types = {QStringLiteral("Patient"), QStringLiteral("Condition")};
    auto second = m_engine->makeJob(rec, oracle);
    QStringList activities;
    connect(second.get(), &ExportJob::changed, this, [&] { activities << second->record().activity; });
    QSignalSpy firstDone(first.get(), &ExportJob::finished);
    first->start();
    QVERIFY(EngineHarness::waitFor(first.get(), ExportState::Polling));
    QVERIFY(EngineHarness::runToEnd(second.get()));
    QVERIFY(firstDone.count() > 0 || firstDone.wait(60000));
    QVERIFY2(first->state() == ExportState::Completed, qPrintable(first->record().message));
    QVERIFY2(second->state() == ExportState::Completed, qPrintable(second->record().message));
    QVERIFY(countStatus(sandbox, 429) >= 1);
    QVERIFY2(activities.join(QLatin1Char('\n')).contains(QStringLiteral("one export at a time per client")),
             qPrintable(activities.join(QLatin1Char('\n'))));
    for (const auto *job : {first.get(), second.get()}) {
        const QString diff =
            OutputScanner(job->record().outputDir)
                .compare(sandbox.truth(serverJob(sandbox, job->record()).value(QStringLiteral("id")).toString()));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }
}

void TestVendorPersonas::managerHoldsTheSecondOracleExport()
{
    // The desktop app's ExportManager knows Oracle's limit: the second export of the same server profile waits
    // (saying why) and kicks off once the first one's files are ready — no 429 at all.
    const Persona p = persona(QStringLiteral("oracle-health"));
    START_SANDBOX(sandbox, sandboxArgs(p));
    m_engine->clock.setTimeScale(p.timeScale);
    ExportManager manager(&m_engine->nam, &m_engine->journal, &m_engine->history, &m_engine->clock);
    ExportRecord a = recordFor(p, sandbox.fhirBase());
    a.profileId = QStringLiteral("oracle-prod");
    a.vendorId = QStringLiteral("oracle");
    ExportRecord b = a;
    b.id += QStringLiteral("-b");
    b.outputDir += QStringLiteral("-b");

    ExportJob *first = manager.start(a);
    ExportJob *second = manager.start(b);
    QCOMPARE(ExportStates::name(second->state()), QStringLiteral("created"));
    QVERIFY2(second->record().activity.contains(QStringLiteral("runs only one export per client at a time")),
             qPrintable(second->record().activity));

    for (ExportJob *job : {first, second}) {
        QSignalSpy done(job, &ExportJob::finished);
        QVERIFY(ExportStates::isTerminal(job->state()) || done.wait(60000));
        QVERIFY2(job->state() == ExportState::Completed, qPrintable(job->record().message));
    }
    QCOMPARE(countStatus(sandbox, 429), 0);
    // The held export kicked off only after the first one's status said its files were ready.
    qint64 firstReady = -1;
    qint64 secondKickoff = -1;
    for (const QJsonObject &e : requests(sandbox)) {
        const QString target = e.value(QStringLiteral("target")).toString();
        if (target == first->record().statusUrl.path() && e.value(QStringLiteral("status")).toInt() == 200 &&
            firstReady < 0) {
            firstReady = e.value(QStringLiteral("timeMs")).toInteger();
        }
    }
    const QJsonObject secondJob = serverJob(sandbox, second->record());
    for (const QJsonObject &e : requests(sandbox)) {
        if (e.value(QStringLiteral("target")).toString().contains(QStringLiteral("$export")) &&
            e.value(QStringLiteral("status")).toInt() == 202 &&
            e.value(QStringLiteral("timeMs")).toInteger() > firstReady && secondKickoff < 0) {
            secondKickoff = e.value(QStringLiteral("timeMs")).toInteger();
        }
    }
    QVERIFY(!secondJob.isEmpty());
    QVERIFY2(firstReady > 0 && secondKickoff >= firstReady, "the second export waited for the first");
}

void TestVendorPersonas::epicRefusalTooRecentlyInWords()
{
    const Persona p = persona(QStringLiteral("epic"));
    START_SANDBOX(sandbox, sandboxArgs(p));
    m_engine->clock.setTimeScale(p.timeScale);
    const VendorProfile epic = VendorRegistry::instance().profile(QStringLiteral("epic"));
    auto first = m_engine->makeJob(recordFor(p, sandbox.fhirBase()), epic);
    QVERIFY(EngineHarness::runToEnd(first.get()));
    QVERIFY2(first->state() == ExportState::Completed, qPrintable(first->record().message));

    ExportRecord rec = recordFor(p, sandbox.fhirBase());
    rec.id += QStringLiteral("-again");
    rec.outputDir += QStringLiteral("-again");
    QElapsedTimer elapsed;
    elapsed.start();
    auto again = m_engine->makeJob(rec, epic);
    QVERIFY(EngineHarness::runToEnd(again.get()));
    QCOMPARE(ExportStates::name(again->state()), QStringLiteral("failed"));
    const QString message = again->record().message;
    QVERIFY2(message.contains(QStringLiteral("too recently")), qPrintable(message)); // the server's words
    QVERIFY2(message.contains(QStringLiteral("24 hours")), qPrintable(message));     // and what they mean
    QVERIFY2(elapsed.elapsed() < 5000, "refused at once, not retried");

    // Generic shows the server's words without the advice.
    ExportRecord plain = recordFor(p, sandbox.fhirBase());
    plain.id += QStringLiteral("-generic");
    plain.outputDir += QStringLiteral("-generic");
    auto generic = m_engine->makeJob(plain, VendorProfile::generic());
    QVERIFY(EngineHarness::runToEnd(generic.get()));
    QCOMPARE(ExportStates::name(generic->state()), QStringLiteral("failed"));
    QVERIFY(generic->record().message.contains(QStringLiteral("too recently")));
    QVERIFY(!generic->record().message.contains(QStringLiteral("24 hours")));
}

void TestVendorPersonas::epicShapedThousandsOfSmallFiles()
{
    // The InteropiO gateway's shape at scale: 3,000 staged patients in files of one resource each, plus the
    // error file for ids Epic did not know, all verified against the truth.
    const Persona p = persona(QStringLiteral("epic-interopio"));
    START_SANDBOX(
        sandbox, QStringList({QStringLiteral("--persona"), p.name, QStringLiteral("--time-scale"),
                              QStringLiteral("0.01"), QStringLiteral("--patients"), QStringLiteral("3000"),
                              QStringLiteral("--stage"), QStringLiteral("Patient=*"),
                              QStringLiteral("--resources-per-file"), QStringLiteral("1"), QStringLiteral("--quiet")}));
    m_engine->clock.setTimeScale(0.01);
    auto job = m_engine->makeJob(recordFor(p, sandbox.fhirBase()),
                                 VendorRegistry::instance().profile(QStringLiteral("epic-interopio")));
    QVERIFY(EngineHarness::runToEnd(job.get(), 300000));
    const ExportRecord &r = job->record();
    QVERIFY2(r.state == ExportState::Completed, qPrintable(r.message));
    QVERIFY2(r.files.size() >= 3000, qPrintable(QString::number(r.files.size())));
    const OutputScanner out(r.outputDir);
    const QString diff = out.compare(sandbox.truth(serverJob(sandbox, r).value(QStringLiteral("id")).toString()));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QCOMPARE(out.ids.value(QStringLiteral("Patient")).size(), 3000);
    QCOMPARE(serverJob(sandbox, r).value(QStringLiteral("earlyPolls")).toInt(), 0);
}

void TestVendorPersonas::refusedParameterOffersLenientOrWithout_data()
{
    QTest::addColumn<bool>("lenient");
    QTest::newRow("lenient") << true;
    QTest::newRow("without the parameter") << false;
}

void TestVendorPersonas::refusedParameterOffersLenientOrWithout()
{
    // Oracle refuses _elements with 400. Under Generic (which allows it) the refusal names the parameter; the
    // export is sent again leniently (Oracle honours handling=lenient) or without it, and completes.
    QFETCH(bool, lenient);
    const Persona p = persona(QStringLiteral("oracle-health"));
    START_SANDBOX(sandbox, sandboxArgs(p));
    m_engine->clock.setTimeScale(p.timeScale);
    ExportRecord rec = recordFor(p, sandbox.fhirBase());
    rec.request.types = {QStringLiteral("Patient"), QStringLiteral("Observation")};
    rec.request.elements = {QStringLiteral("id"), QStringLiteral("subject")};
    auto job = m_engine->makeJob(rec, VendorProfile::generic());
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(ExportStates::name(job->state()), QStringLiteral("failed"));
    QCOMPARE(job->record().rejectedParameter, QStringLiteral("_elements"));
    QCOMPARE(job->record().failureKind, QStringLiteral("request"));
    QVERIFY2(job->record().message.contains(QStringLiteral("lenient")) &&
                 job->record().message.contains(QStringLiteral("without _elements")),
             qPrintable(job->record().message));

    // Nothing else can be retried that way, and a name Ferry does not send is refused.
    QString error;
    KickoffRemedy bogus;
    bogus.dropParameters = {QStringLiteral("_bogus")};
    QVERIFY(!job->retryKickoff(bogus, &error));
    QVERIFY2(error.contains(QStringLiteral("_bogus")), qPrintable(error));

    KickoffRemedy remedy;
    remedy.lenient = lenient;
    if (!lenient) {
        remedy.dropParameters = {QStringLiteral("_elements")};
    }
    QSignalSpy finished(job.get(), &ExportJob::finished);
    QVERIFY2(job->retryKickoff(remedy, &error), qPrintable(error));
    QVERIFY(finished.wait(60000));
    const ExportRecord &r = job->record();
    QVERIFY2(r.state == ExportState::Completed, qPrintable(r.message));
    QVERIFY(r.rejectedParameter.isEmpty());
    const QString diff =
        OutputScanner(r.outputDir).compare(sandbox.truth(serverJob(sandbox, r).value(QStringLiteral("id")).toString()));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));

    QStringList kickoffs;
    QStringList prefers;
    for (const QJsonObject &e : requests(sandbox)) {
        if (e.value(QStringLiteral("target")).toString().contains(QStringLiteral("$export"))) {
            kickoffs << e.value(QStringLiteral("target")).toString();
            prefers << e.value(QStringLiteral("headers")).toObject().value(QStringLiteral("prefer")).toString();
        }
    }
    QCOMPARE(kickoffs.size(), 2);
    QVERIFY(kickoffs.first().contains(QStringLiteral("_elements")));
    QCOMPARE(kickoffs.last().contains(QStringLiteral("_elements")), lenient);
    QCOMPARE(prefers.last().contains(QStringLiteral("handling=lenient")), lenient);
}

QTEST_GUILESS_MAIN(TestVendorPersonas)
#include "tst_vendor_personas.moc"
