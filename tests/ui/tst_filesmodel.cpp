// FilesModel over a real ExportJob against ferry-sandbox: rows appear with the manifest, per-file progress comes
// from the resources verified so far, updates are coalesced.

#include "engineharness.h"
#include "sandboxprocess.h"
#include "sandboxtesting.h"

#include "exports/exportroles.h"
#include "exports/filesmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestFilesModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsEveryFileOfACompletedExport();
    void showsProgressOfFilesInFlight();
    void coalescesUpdates();
    void forgetsADestroyedJob();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineHarness> m_engine;
    std::unique_ptr<FilesModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestFilesModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_engine = std::make_unique<EngineHarness>(m_dir->path());
    m_model = std::make_unique<FilesModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestFilesModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_engine.reset();
    m_dir.reset();
}

void TestFilesModel::showsEveryFileOfACompletedExport()
{
    START_SANDBOX(sandbox, quickSandbox({QStringLiteral("--error-lines"), QStringLiteral("3")}));
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    m_model->setJob(job.get());
    QCOMPARE(m_model->rowCount(), 0); // no manifest yet
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(job->state(), ExportState::Completed);
    m_model->flush();
    const ExportRecord &r = job->record();
    QVERIFY(inserted.count() >= 1);
    QCOMPARE(m_model->rowCount(), int(r.files.size()));
    int errorRows = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const FileRecord &f = r.files.at(row);
        QCOMPARE(m_model->index(row, FilesModel::Name).data().toString(), f.name);
        QCOMPARE(m_model->index(row, FilesModel::State).data().toString(), FilesModel::stateText(f.state));
        QCOMPARE(m_model->index(row, FilesModel::Progress).data(ExportRoles::Progress).toDouble(), 100.0);
        QCOMPARE(m_model->index(row, FilesModel::Bytes).data(ExportRoles::RawValue).toLongLong(), f.bytes);
        QCOMPARE(m_model->index(row, FilesModel::Lines).data(ExportRoles::RawValue).toLongLong(), f.lines);
        if (f.count) {
            QCOMPARE(m_model->index(row, FilesModel::Lines).data().toString(),
                     QStringLiteral("%1 / %2").arg(f.lines).arg(*f.count));
        }
        QVERIFY(m_model->index(row, FilesModel::Result)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QString::fromLatin1(f.sha256)));
        if (f.kind == ManifestEntry::Kind::Error) {
            ++errorRows;
            QCOMPARE(m_model->index(row, FilesModel::Type).data().toString(), QStringLiteral("(errors)"));
        }
    }
    QCOMPARE(errorRows, 1);
    QCOMPARE(m_model->index(0, FilesModel::Result).data().toString(), QStringLiteral("Verified"));
    QTRY_VERIFY(!m_model->isTicking()); // idle: no wake-ups
}

void TestFilesModel::showsProgressOfFilesInFlight()
{
    // Slow files (1 KB resources dripped at 100 KB/s): each takes a while, so progress is seen mid-file.
    START_SANDBOX(sandbox,
                  quickSandbox({QStringLiteral("--resource-bytes"), QStringLiteral("1000"), QStringLiteral("--fault"),
                                QStringLiteral("drip=100000"), QStringLiteral("--no-gzip")}));
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    m_model->setJob(job.get());
    job->start();
    QVERIFY(EngineHarness::waitFor(job.get(), ExportState::Downloading, 30000));
    bool seen = false;
    QSignalSpy reports(job.get(), &ExportJob::fileProgress);
    QDeadlineTimer deadline(30000);
    // Look again after each progress report of the engine (the drip makes them come for seconds).
    while (!seen && !deadline.hasExpired() && job->state() == ExportState::Downloading && reports.wait(5000)) {
        m_model->flush();
        for (int row = 0; row < m_model->rowCount() && !seen; ++row) {
            const FileRecord &f = job->record().files.at(row);
            const qint64 lines = m_model->index(row, FilesModel::Lines).data(ExportRoles::RawValue).toLongLong();
            const double progress = m_model->index(row, FilesModel::Progress).data(ExportRoles::Progress).toDouble();
            if (f.state == FileRecord::State::Downloading && lines > 0 && lines < f.count.value_or(1 << 30)) {
                QVERIFY(m_model->index(row, FilesModel::Bytes).data(ExportRoles::RawValue).toLongLong() > 0);
                if (f.count) { // determinate: resources verified against the manifest's count
                    QCOMPARE(progress, 100.0 * double(lines) / double(*f.count));
                } else {
                    QCOMPARE(progress, -1.0);
                }
                seen = true;
            }
        }
    }
    QVERIFY2(seen, "no file was seen part-way");
    job->suspend();
}

void TestFilesModel::coalescesUpdates()
{
    START_SANDBOX(sandbox, quickSandbox());
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    m_model->setUpdateInterval(60 * 60 * 1000);
    m_model->setJob(job.get());
    QSignalSpy dataChanged(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(dataChanged.count(), 0);
    QCOMPARE(inserted.count(), 0);
    m_model->flush();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m_model->rowCount(), int(job->record().files.size()));
    m_model->flush();
    QCOMPARE(dataChanged.count(), 0); // rows were inserted with their final values: nothing else to say
}

void TestFilesModel::forgetsADestroyedJob()
{
    START_SANDBOX(sandbox, quickSandbox());
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    m_model->setJob(job.get());
    QVERIFY(EngineHarness::runToEnd(job.get()));
    m_model->flush();
    QVERIFY(m_model->rowCount() > 0);
    job.reset();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->job(), nullptr);
    m_model->flush();
}

QTEST_MAIN(TestFilesModel)
#include "tst_filesmodel.moc"
