// ExportsModel over a real ExportManager whose jobs run against ferry-sandbox over loopback.

#include "engineharness.h"
#include "sandboxprocess.h"
#include "sandboxtesting.h"

#include "exports/exportroles.h"
#include "exports/exportsmodel.h"

#include "export/exportmanager.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

QString jobIdOf(const ExportRecord &r)
{
    return r.statusUrl.path().section(QLatin1Char('/'), -1);
}

} // namespace

class TestExportsModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void listsJobsOfTheManager();
    void reachesCompletedWithTheRightFileCount();
    void coalescesUpdatesIntoOneRangePerTick();
    void failingExportShowsOperationOutcome();
    void determinateProgressFromXProgress();
    void removedJobLeavesTheModel();

private:
    ExportJob *startExport(const QUrl &base);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineHarness> m_engine;
    std::unique_ptr<ExportManager> m_manager;
    std::unique_ptr<ExportsModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestExportsModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_engine = std::make_unique<EngineHarness>(m_dir->path());
    m_manager =
        std::make_unique<ExportManager>(&m_engine->nam, &m_engine->journal, &m_engine->history, &m_engine->clock);
    m_model = std::make_unique<ExportsModel>(m_manager.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestExportsModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_manager.reset();
    m_engine.reset();
    m_dir.reset();
}

ExportJob *TestExportsModel::startExport(const QUrl &base)
{
    ExportRecord record = m_engine->groupExport(base);
    record.deleteAfterDownload = false;
    return m_manager->start(record);
}

void TestExportsModel::listsJobsOfTheManager()
{
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->columnCount(), int(ExportsModel::ColumnCount));
    // An unreachable server: the row exists at once, whatever the job does next.
    ExportJob *job = startExport(QUrl(QStringLiteral("http://127.0.0.1:9/fhir")));
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->job(m_model->index(0, 0)), job);
    QCOMPARE(m_model->index(0, ExportsModel::Name).data().toString(), job->id());
    QCOMPARE(m_model->index(0, ExportsModel::Group).data().toString(), QStringLiteral("demo"));
    QCOMPARE(m_model->index(0, ExportsModel::Server).data().toString(), QStringLiteral("sandbox"));
    QCOMPARE(m_model->index(0, ExportsModel::Name).data(ExportRoles::Job).value<ExportJob *>(), job);
    QVERIFY(!m_model->index(0, ExportsModel::Name).data(ExportRoles::Progress).isValid());
    QVERIFY(m_model->headerData(ExportsModel::Eta, Qt::Horizontal).toString().size() > 0);
}

void TestExportsModel::reachesCompletedWithTheRightFileCount()
{
    START_SANDBOX(sandbox, quickSandbox());
    ExportJob *job = startExport(sandbox.fhirBase());
    QSignalSpy finished(job, &ExportJob::finished);
    QVERIFY(finished.wait(60000));
    m_model->flush();

    // The sandbox's truth says how many resources of each type; at 40 per file that fixes the file count.
    const QJsonObject types = sandbox.truth(jobIdOf(job->record())).value(QStringLiteral("types")).toObject();
    int expectedOutputFiles = 0;
    for (const QJsonValue &t : types) {
        expectedOutputFiles += int(std::ceil(t.toObject().value(QStringLiteral("count")).toInt() / 40.0));
    }
    QVERIFY(expectedOutputFiles > 3);
    int outputFiles = 0;
    for (const FileRecord &f : job->record().files) {
        outputFiles += f.kind == ManifestEntry::Kind::Output;
    }
    QCOMPARE(outputFiles, expectedOutputFiles);

    const int n = int(job->record().files.size());
    QCOMPARE(m_model->index(0, ExportsModel::State).data(ExportRoles::RawValue).toInt(), int(ExportState::Completed));
    QCOMPARE(m_model->index(0, ExportsModel::State).data().toString(),
             ExportStates::displayName(ExportState::Completed));
    QCOMPARE(m_model->index(0, ExportsModel::Files).data(ExportRoles::RawValue).toInt(), n);
    QCOMPARE(m_model->index(0, ExportsModel::Files).data().toString(), QStringLiteral("%1 / %1").arg(n));
    QCOMPARE(m_model->index(0, ExportsModel::Progress).data(ExportRoles::Progress).toDouble(), 100.0);
    QCOMPARE(m_model->index(0, ExportsModel::Bytes).data(ExportRoles::RawValue).toLongLong(),
             job->record().bytesDone());
    QVERIFY(job->record().bytesDone() > 0);
    QVERIFY(m_model->index(0, ExportsModel::Started).data(ExportRoles::RawValue).toDateTime().isValid());
    QVERIFY(!m_model->index(0, ExportsModel::Eta).data().toString().size());
    QCOMPARE(m_model->overallProgress(), -1.0); // nothing runs any more
    // The server's last X-Progress ("…% complete") is history now: the status says what the export did.
    QVERIFY(!job->record().progress.text.isEmpty());
    QCOMPARE(m_model->index(0, ExportsModel::Status).data().toString(), job->record().message);
    QVERIFY(job->record().message.contains(QStringLiteral("verified")));
    // Everything finished: the model stops waking up.
    QTRY_VERIFY(!m_model->isTicking());
    emit job->changed(); // and starts again when a job signals
    QVERIFY(m_model->isTicking());
}

void TestExportsModel::coalescesUpdatesIntoOneRangePerTick()
{
    START_SANDBOX(sandbox, quickSandbox());
    m_model->setUpdateInterval(60 * 60 * 1000); // no tick during the test: only flush() may emit
    ExportJob *job = startExport(sandbox.fhirBase());
    QSignalSpy dataChanged(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy fileProgress(job, &ExportJob::fileProgress);
    QSignalSpy changed(job, &ExportJob::changed);
    QSignalSpy finished(job, &ExportJob::finished);
    QVERIFY(finished.wait(60000));
    QVERIFY(changed.count() > 3);
    QVERIFY(fileProgress.count() > 0);
    QCOMPARE(dataChanged.count(), 0);

    m_model->flush();
    QCOMPARE(dataChanged.count(), 1);
    const auto topLeft = dataChanged.at(0).at(0).value<QModelIndex>();
    const auto bottomRight = dataChanged.at(0).at(1).value<QModelIndex>();
    QCOMPARE(topLeft, m_model->index(0, 0));
    QCOMPARE(bottomRight, m_model->index(0, ExportsModel::ColumnCount - 1));
    m_model->flush(); // nothing new: nothing emitted
    QCOMPARE(dataChanged.count(), 1);
}

void TestExportsModel::failingExportShowsOperationOutcome()
{
    START_SANDBOX(
        sandbox,
        quickSandbox({QStringLiteral("--fault"), QStringLiteral("kickoff-reject=400"), QStringLiteral("--fault"),
                      QStringLiteral("kickoff-reject-code=invalid"), QStringLiteral("--fault"),
                      QStringLiteral("kickoff-reject-diagnostics=The _type parameter names an unknown resource "
                                     "type: Foo")}));
    ExportJob *job = startExport(sandbox.fhirBase());
    QSignalSpy finished(job, &ExportJob::finished);
    QVERIFY(finished.wait(60000));
    m_model->flush();
    QCOMPARE(m_model->index(0, ExportsModel::State).data().toString(), ExportStates::displayName(ExportState::Failed));
    const QString status = m_model->index(0, ExportsModel::Status).data().toString();
    QVERIFY2(status.contains(QStringLiteral("unknown resource type: Foo")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("HTTP 400")), qPrintable(status));
    const QString tip = m_model->index(0, ExportsModel::State).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("unknown resource type: Foo")), qPrintable(tip));
    // Nothing downloaded: a determinate empty bar, not an animation.
    QCOMPARE(m_model->index(0, ExportsModel::Progress).data(ExportRoles::Progress).toDouble(), 0.0);
}

void TestExportsModel::determinateProgressFromXProgress()
{
    // The sandbox says "N% complete" in X-Progress while the job runs.
    START_SANDBOX(sandbox, quickSandbox({QStringLiteral("--polls"), QStringLiteral("100000")}));
    ExportJob *job = startExport(sandbox.fhirBase());
    QTRY_VERIFY_WITH_TIMEOUT(job->record().polls >= 1 && job->record().progress.percent.has_value(), 30000);
    m_model->flush();
    const double expected = *job->record().progress.percent;
    QCOMPARE(m_model->index(0, ExportsModel::Progress).data(ExportRoles::Progress).toDouble(), expected);
    QCOMPARE(m_model->index(0, ExportsModel::Progress).data().toString(), QStringLiteral("%1%").arg(qRound(expected)));
    QCOMPARE(m_model->index(0, ExportsModel::Status).data().toString(), job->record().progress.text);
    QCOMPARE(m_model->overallProgress(), expected);
    m_manager->cancel(job->id());
    QTRY_VERIFY_WITH_TIMEOUT(ExportStates::isTerminal(job->state()), 30000);
}

void TestExportsModel::removedJobLeavesTheModel()
{
    START_SANDBOX(sandbox, quickSandbox());
    ExportJob *job = startExport(sandbox.fhirBase());
    QSignalSpy finished(job, &ExportJob::finished);
    QVERIFY(finished.wait(60000));
    QTRY_VERIFY(!job->isBusy());
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QVERIFY(m_manager->remove(job->id()));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    m_model->flush(); // no stale row is touched
}

QTEST_MAIN(TestExportsModel)
#include "tst_exportsmodel.moc"
