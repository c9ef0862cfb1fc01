// ExportDetailView on real exports against ferry-sandbox: the server's OperationOutcome of a failed kick-off,
// the request as sent, transactionTime, the error-file summary and the quality report.

#include "engineharness.h"
#include "sandboxprocess.h"
#include "sandboxtesting.h"

#include "exports/exportdetailview.h"
#include "exports/filesmodel.h"

#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

class TestExportDetailView : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void failedKickoffShowsTheOperationOutcome();
    void completedExportShowsErrorsAndQuality();
    void clearsWhenTheJobGoes();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineHarness> m_engine;
    std::unique_ptr<ExportDetailView> m_view;
};

void TestExportDetailView::init()
{
    // Qt reports misuse (a QUrl formatting option it does not permit, say) only as a warning: make it fail here.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("^QUrl")));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_engine = std::make_unique<EngineHarness>(m_dir->path());
    m_view = std::make_unique<ExportDetailView>();
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TestExportDetailView::cleanup()
{
    m_view.reset();
    m_engine.reset();
    m_dir.reset();
}

void TestExportDetailView::failedKickoffShowsTheOperationOutcome()
{
    START_SANDBOX(
        sandbox,
        quickSandbox({QStringLiteral("--fault"), QStringLiteral("kickoff-reject=400"), QStringLiteral("--fault"),
                      QStringLiteral("kickoff-reject-code=invalid"), QStringLiteral("--fault"),
                      QStringLiteral("kickoff-reject-diagnostics=The _type parameter names an unknown resource "
                                     "type: Foo")}));
    ExportRecord record = m_engine->groupExport(sandbox.fhirBase());
    record.request.types = QStringList{QStringLiteral("Patient"), QStringLiteral("Foo")};
    auto job = m_engine->makeJob(record);
    m_view->setJob(job.get());
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(job->state(), ExportState::Failed);
    QTRY_VERIFY(m_view->messageText().contains(QStringLiteral("unknown resource type: Foo")));
    QVERIFY(m_view->messageText().contains(QStringLiteral("error (invalid)")));
    const QString request = m_view->requestText();
    QVERIFY2(request.startsWith(QStringLiteral("GET ") + sandbox.fhirBase().toString() +
                                QStringLiteral("/Group/demo/$export?")),
             qPrintable(request));
    QVERIFY2(request.contains(QStringLiteral("_type=Patient,Foo")), qPrintable(request));
    QVERIFY(request.contains(QStringLiteral("Prefer: respond-async")));
    QVERIFY(request.contains(QStringLiteral("curl ")));
    QVERIFY(m_view->errorSummaryText().isEmpty()); // no manifest, nothing to summarise
    QCOMPARE(m_view->filesModel()->rowCount(), 0);
}

void TestExportDetailView::completedExportShowsErrorsAndQuality()
{
    START_SANDBOX(sandbox, quickSandbox({QStringLiteral("--error-lines"), QStringLiteral("3")}));
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    m_view->setJob(job.get());
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QCOMPARE(job->state(), ExportState::Completed);
    const ExportRecord &r = job->record();

    QTRY_VERIFY(m_view->findChild<QLabel *>(QStringLiteral("detailTransactionTime"))
                    ->text()
                    .contains(r.transactionTime.toUTC().toString(Qt::ISODateWithMs)));
    const QString errors = m_view->errorSummaryText();
    QVERIFY2(errors.contains(QStringLiteral("error/processing")), qPrintable(errors));
    QVERIFY2(errors.contains(QStringLiteral("Simulated processing error")), qPrintable(errors));
    QVERIFY2(errors.contains(QStringLiteral("1 error file(s), 3 issue line(s)")), qPrintable(errors));

    // The report is loaded on the view's next refresh after Completed.
    QTRY_VERIFY2(m_view->qualityText().contains(QStringLiteral("Patient\t")), qPrintable(m_view->qualityText()));
    const QString quality = m_view->qualityText();
    QVERIFY2(quality.contains(QStringLiteral("no duplicate ids")), qPrintable(quality));
    // One row per type with the count the sandbox says it exported.
    const QString jobId = r.statusUrl.path().section(QLatin1Char('/'), -1);
    const QJsonObject types = sandbox.truth(jobId).value(QStringLiteral("types")).toObject();
    QVERIFY(types.size() > 3);
    for (auto it = types.constBegin(); it != types.constEnd(); ++it) {
        const QString row = it.key() + QLatin1Char('\t') +
                            QLocale().toString(it.value().toObject().value(QStringLiteral("count")).toInteger()) +
                            QLatin1Char('\t');
        QVERIFY2(quality.contains(row), qPrintable(row + QStringLiteral(" not in ") + quality));
    }

    auto *table = m_view->findChild<QTableView *>(QStringLiteral("filesTable"));
    QVERIFY(table);
    QTRY_COMPARE(table->model()->rowCount(), int(r.files.size()));
}

void TestExportDetailView::clearsWhenTheJobGoes()
{
    START_SANDBOX(sandbox, quickSandbox());
    auto job = m_engine->makeJob(m_engine->groupExport(sandbox.fhirBase()));
    m_view->setJob(job.get());
    QVERIFY(EngineHarness::runToEnd(job.get()));
    QTRY_VERIFY(!m_view->requestText().isEmpty());
    job.reset();
    QCOMPARE(m_view->job(), nullptr);
    QVERIFY(m_view->requestText().isEmpty());
    QVERIFY(!m_view->isEnabled());
}

QTEST_MAIN(TestExportDetailView)
#include "tst_exportdetailview.moc"
