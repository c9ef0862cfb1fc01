// ExportsView driven like a person would: real ExportJobs against ferry-sandbox, actions through the keyboard,
// the toolbar and the confirmation box; checked at the server (its request log) and on disk.

#include "engineharness.h"
#include "sandboxprocess.h"
#include "sandboxtesting.h"

#include "exports/exportsmodel.h"
#include "exports/exportsview.h"

#include "export/exportmanager.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString jobIdOf(const ExportRecord &r)
{
    return r.statusUrl.path().section(QLatin1Char('/'), -1);
}

} // namespace

class TestExportsView : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void cancelByKeyboardSendsDelete();
    void completedExportActions();
    void failedExportCanBeResumed();
    void retryFailedFilesFetchesTheRejectedFile();
    void supportBundleIsWritten();

private:
    ExportJob *startExport(const QUrl &base, bool deleteAfterDownload = false);
    bool enabled(ExportsView::Action a) const { return m_view->action(a)->isEnabled(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineHarness> m_engine;
    std::unique_ptr<ExportManager> m_manager;
    std::unique_ptr<ExportsView> m_view;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestExportsView::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_engine = std::make_unique<EngineHarness>(m_dir->path());
    m_manager =
        std::make_unique<ExportManager>(&m_engine->nam, &m_engine->journal, &m_engine->history, &m_engine->clock);
    m_view = std::make_unique<ExportsView>(m_manager.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_view->model(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
}

void TestExportsView::cleanup()
{
    m_tester.reset();
    m_view.reset();
    m_manager.reset();
    m_engine.reset();
    m_dir.reset();
}

ExportJob *TestExportsView::startExport(const QUrl &base, bool deleteAfterDownload)
{
    ExportRecord record = m_engine->groupExport(base);
    record.deleteAfterDownload = deleteAfterDownload;
    return m_manager->start(record);
}

void TestExportsView::cancelByKeyboardSendsDelete()
{
    START_SANDBOX(sandbox, quickSandbox({QStringLiteral("--polls"), QStringLiteral("100000")}));
    QSignalSpy current(m_view.get(), &ExportsView::currentExportChanged);
    ExportJob *job = startExport(sandbox.fhirBase());
    QVERIFY(EngineHarness::waitFor(job, ExportState::Polling));
    QCOMPARE(m_view->currentJob(), job); // the first export becomes current by itself
    QVERIFY(current.count() >= 1);
    QCOMPARE(current.last().at(0).value<ExportJob *>(), job);
    QTRY_VERIFY(enabled(ExportsView::Cancel) && enabled(ExportsView::CopyStatusUrl));
    QSignalSpy activated(m_view.get(), &ExportsView::exportActivated);
    m_view->table()->setFocus();
    QTest::keyClick(m_view->table(), Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).value<ExportJob *>(), job);
    QVERIFY(!enabled(ExportsView::Resume));
    QVERIFY(!enabled(ExportsView::DeleteOnServer));
    QVERIFY(!enabled(ExportsView::RemoveFromList)); // it runs

    m_view->table()->setFocus();
    QTest::keySequence(m_view->table(), m_view->action(ExportsView::Cancel)->shortcut());
    // Asks first; "Keep" does nothing.
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_view->findChild<QMessageBox *>(QStringLiteral("exportConfirmation"))));
    QCOMPARE(sandbox.countRequests(QStringLiteral("DELETE"), jobIdOf(job->record())), 0);
    QAbstractButton *accept = nullptr;
    for (QAbstractButton *b : box->buttons()) {
        if (box->buttonRole(b) == QMessageBox::DestructiveRole) {
            accept = b;
        }
    }
    QVERIFY(accept);
    QSignalSpy finished(job, &ExportJob::finished);
    accept->click();
    QVERIFY(finished.count() > 0 || finished.wait(10000));
    QCOMPARE(job->state(), ExportState::Cancelled);
    QCOMPARE(sandbox.countRequests(QStringLiteral("DELETE"), jobIdOf(job->record())), 1);
    QTRY_VERIFY(!enabled(ExportsView::Cancel));
    QTRY_VERIFY(enabled(ExportsView::RemoveFromList));
}

void TestExportsView::completedExportActions()
{
    START_SANDBOX(sandbox, quickSandbox());
    ExportJob *job = startExport(sandbox.fhirBase());
    QSignalSpy finished(job, &ExportJob::finished);
    QVERIFY(finished.wait(60000));
    QCOMPARE(job->state(), ExportState::Completed);
    QTRY_VERIFY(!job->isBusy());
    QTRY_VERIFY(enabled(ExportsView::DeleteOnServer));
    QVERIFY(!enabled(ExportsView::Cancel));
    QVERIFY(!enabled(ExportsView::Resume));
    QVERIFY(!enabled(ExportsView::RetryFailedFiles));
    QVERIFY(enabled(ExportsView::OpenFolder));

    m_view->action(ExportsView::CopyStatusUrl)->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), job->record().statusUrl.toString());

    // Delete on server, without the confirmation: the sandbox receives the DELETE.
    m_view->setConfirmationsEnabled(false);
    QCOMPARE(sandbox.countRequests(QStringLiteral("DELETE"), jobIdOf(job->record())), 0);
    m_view->action(ExportsView::DeleteOnServer)->trigger();
    QTRY_COMPARE(sandbox.countRequests(QStringLiteral("DELETE"), jobIdOf(job->record())), 1);
    QTRY_VERIFY(job->record().serverDeleted);
    QTRY_VERIFY(!enabled(ExportsView::DeleteOnServer));

    // Remove from list with the Delete key: the row goes, the files stay.
    QSignalSpy current(m_view.get(), &ExportsView::currentExportChanged);
    const QString dir = job->record().outputDir;
    QTRY_VERIFY(enabled(ExportsView::RemoveFromList));
    m_view->table()->setFocus();
    QTest::keyClick(m_view->table(), Qt::Key_Delete);
    QCOMPARE(m_view->model()->rowCount(), 0);
    QVERIFY(current.count() >= 1);
    QCOMPARE(current.last().at(0).value<ExportJob *>(), nullptr);
    QVERIFY(QFileInfo::exists(dir + QStringLiteral("/manifest.json")));
    QVERIFY(!enabled(ExportsView::WriteSupportBundle));
}

void TestExportsView::failedExportCanBeResumed()
{
    START_SANDBOX(sandbox, quickSandbox({QStringLiteral("--fault"), QStringLiteral("kickoff-reject=400")}));
    ExportJob *job = startExport(sandbox.fhirBase());
    QSignalSpy finished(job, &ExportJob::finished);
    QVERIFY(finished.wait(60000));
    QCOMPARE(job->state(), ExportState::Failed);
    QTRY_VERIFY(enabled(ExportsView::Resume));
    QVERIFY(!enabled(ExportsView::RetryFailedFiles)); // no manifest
    QVERIFY(!enabled(ExportsView::CopyStatusUrl));    // never got one

    QVERIFY(sandbox.setFaults(QString()));
    QSignalSpy finishedAgain(job, &ExportJob::finished);
    m_view->table()->setFocus();
    QSignalSpy states(job, &ExportJob::stateChanged);
    QTest::keySequence(m_view->table(), m_view->action(ExportsView::Resume)->shortcut());
    QVERIFY2(states.count() > 0, "the shortcut started nothing");
    QVERIFY(finishedAgain.count() > 0 || finishedAgain.wait(60000));
    QCOMPARE(job->state(), ExportState::Completed);
    QCOMPARE(sandbox.countRequests(QStringLiteral("GET"), QStringLiteral("$export")), 2);
}

void TestExportsView::retryFailedFilesFetchesTheRejectedFile()
{
    START_SANDBOX(sandbox, quickSandbox({QStringLiteral("--fault"), QStringLiteral("corrupt=invalid-json"),
                                         QStringLiteral("--fault"), QStringLiteral("corrupt-file=0"),
                                         QStringLiteral("--fault"), QStringLiteral("corrupt-line=7")}));
    ExportJob *job = startExport(sandbox.fhirBase());
    QSignalSpy finished(job, &ExportJob::finished);
    QVERIFY(finished.wait(60000));
    QCOMPARE(job->state(), ExportState::Failed);
    QCOMPARE(job->record().filesIn(FileRecord::State::Rejected), 1);
    QTRY_VERIFY(enabled(ExportsView::RetryFailedFiles));
    QVERIFY(enabled(ExportsView::Resume));

    // The sandbox planned that file corrupt for this job, so the retry fails again, but it fetches that one file
    // and no other.
    const int fileRequests = sandbox.countRequests(QStringLiteral("GET"), QStringLiteral("/_files/"));
    QSignalSpy states(job, &ExportJob::stateChanged);
    QSignalSpy finishedAgain(job, &ExportJob::finished);
    m_view->table()->setFocus();
    QTest::keySequence(m_view->table(), m_view->action(ExportsView::RetryFailedFiles)->shortcut());
    QVERIFY(finishedAgain.wait(60000));
    QCOMPARE(states.first().at(0).value<ExportState>(), ExportState::Downloading);
    QCOMPARE(job->state(), ExportState::Failed);
    QCOMPARE(job->record().filesIn(FileRecord::State::Rejected), 1);
    QCOMPARE(sandbox.countRequests(QStringLiteral("GET"), QStringLiteral("/_files/")), fileRequests + 1);
}

void TestExportsView::supportBundleIsWritten()
{
    START_SANDBOX(sandbox, quickSandbox());
    ExportJob *job = startExport(sandbox.fhirBase());
    QSignalSpy finished(job, &ExportJob::finished);
    QVERIFY(finished.wait(60000));
    m_view->setLogTextProvider([] { return QStringLiteral("ferry.net: GET with Authorization: Bearer abc.def.ghi"); });
    QSignalSpy messages(m_view.get(), &ExportsView::statusMessage);
    const QString target = m_dir->path() + QStringLiteral("/bundles");
    QVERIFY(QDir().mkpath(target));
    const QString written = m_view->writeSupportBundleTo(target);
    QVERIFY(!written.isEmpty());
    QVERIFY(QFileInfo(written).isDir());
    QVERIFY(written.contains(job->id()));
    QCOMPARE(messages.count(), 1);
    QVERIFY(messages.at(0).at(0).toString().contains(QDir::toNativeSeparators(written)));
    // A folder that cannot be written: said in words, nothing returned.
    QVERIFY(m_view->writeSupportBundleTo(QStringLiteral("/proc/ferry-no-such-dir")).isEmpty());
    QCOMPARE(messages.count(), 2);
}

QTEST_MAIN(TestExportsView)
#include "tst_exportsview.moc"
