// ExportNotifier with a real ExportManager against ferry-sandbox: one notification per finished export (none for
// a cancelled one), and the overall progress that goes into the window title.

#include "engineharness.h"
#include "sandboxprocess.h"
#include "sandboxtesting.h"

#include "exports/exportnotifier.h"

#include "export/exportmanager.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestExportNotifier : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void notifiesCompletedAndFailedExports();
    void cancelledExportIsNotNotified();
    void overallProgressForTheTitle();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineHarness> m_engine;
    std::unique_ptr<ExportManager> m_manager;
    std::unique_ptr<ExportNotifier> m_notifier;
};

void TestExportNotifier::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_engine = std::make_unique<EngineHarness>(m_dir->path());
    m_manager =
        std::make_unique<ExportManager>(&m_engine->nam, &m_engine->journal, &m_engine->history, &m_engine->clock);
    m_notifier = std::make_unique<ExportNotifier>(m_manager.get());
}

void TestExportNotifier::cleanup()
{
    m_notifier.reset();
    m_manager.reset();
    m_engine.reset();
    m_dir.reset();
}

void TestExportNotifier::notifiesCompletedAndFailedExports()
{
    QVERIFY(!ExportNotifier::trayAvailable()); // offscreen: the signal is the notification
    QCOMPARE(m_notifier->trayIcon(), nullptr);
    START_SANDBOX(good, quickSandbox());
    START_SANDBOX(
        bad, quickSandbox({QStringLiteral("--fault"), QStringLiteral("kickoff-reject=400"), QStringLiteral("--fault"),
                           QStringLiteral("kickoff-reject-diagnostics=Group demo is not available to this client")}));
    QSignalSpy notified(m_notifier.get(), &ExportNotifier::notified);
    ExportJob *ok = m_manager->start(m_engine->groupExport(good.fhirBase()));
    ExportJob *failed = m_manager->start(m_engine->groupExport(bad.fhirBase()));
    QTRY_COMPARE_WITH_TIMEOUT(notified.count(), 2, 60000);
    QCOMPARE(ok->state(), ExportState::Completed);
    QCOMPARE(failed->state(), ExportState::Failed);
    for (const QList<QVariant> &n : std::as_const(notified)) {
        const auto *job = n.at(0).value<ExportJob *>();
        const QString title = n.at(1).toString();
        const QString text = n.at(2).toString();
        if (job == ok) {
            QCOMPARE(title, QStringLiteral("Export completed"));
            QVERIFY2(text.contains(
                         QStringLiteral("sandbox, group demo: %1 file(s) verified").arg(ok->record().files.size())),
                     qPrintable(text));
        } else {
            QCOMPARE(job, failed);
            QCOMPARE(title, QStringLiteral("Export failed"));
            QVERIFY2(text.contains(QStringLiteral("Group demo is not available to this client")), qPrintable(text));
        }
    }
}

void TestExportNotifier::cancelledExportIsNotNotified()
{
    START_SANDBOX(sandbox, quickSandbox({QStringLiteral("--polls"), QStringLiteral("100000")}));
    QSignalSpy notified(m_notifier.get(), &ExportNotifier::notified);
    ExportJob *job = m_manager->start(m_engine->groupExport(sandbox.fhirBase()));
    QVERIFY(EngineHarness::waitFor(job, ExportState::Polling));
    QSignalSpy finished(job, &ExportJob::finished);
    m_manager->cancel(job->id());
    QVERIFY(finished.count() > 0 || finished.wait(10000));
    QCOMPARE(job->state(), ExportState::Cancelled);
    QCoreApplication::processEvents();
    QCOMPARE(notified.count(), 0);
}

void TestExportNotifier::overallProgressForTheTitle()
{
    QCOMPARE(m_notifier->titleText(QStringLiteral("Ferry")), QStringLiteral("Ferry"));
    QCOMPARE(m_notifier->overallProgress(), -1);
    // The sandbox says "N% complete" while it prepares the export: a number for the title.
    START_SANDBOX(sandbox, quickSandbox({QStringLiteral("--polls"), QStringLiteral("100000")}));
    QSignalSpy changed(m_notifier.get(), &ExportNotifier::overallProgressChanged);
    ExportJob *job = m_manager->start(m_engine->groupExport(sandbox.fhirBase()));
    QTRY_VERIFY_WITH_TIMEOUT(job->record().progress.percent.has_value(), 30000);
    m_notifier->refresh();
    QCOMPARE(m_notifier->runningCount(), 1);
    QCOMPARE(m_notifier->overallProgress(), int(*job->record().progress.percent));
    QCOMPARE(m_notifier->titleText(QStringLiteral("Ferry")),
             QStringLiteral("%1% · 1 export(s) — Ferry").arg(int(*job->record().progress.percent)));
    QVERIFY(changed.count() >= 1);
    QCOMPARE(changed.last().at(1).toInt(), 1);

    QSignalSpy finished(job, &ExportJob::finished);
    m_manager->cancel(job->id());
    QVERIFY(finished.count() > 0 || finished.wait(10000));
    m_notifier->refresh();
    QCOMPARE(m_notifier->runningCount(), 0);
    QCOMPARE(changed.last().at(0).toInt(), -1);
    QCOMPARE(changed.last().at(1).toInt(), 0);
    QCOMPARE(m_notifier->titleText(QStringLiteral("Ferry")), QStringLiteral("Ferry"));
}

QTEST_MAIN(TestExportNotifier)
#include "tst_exportnotifier.moc"
