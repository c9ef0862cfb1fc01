// The desktop app end to end, through its real widgets against a real ferry-sandbox process: create a profile in
// the editor, fill the export form, press Export and see the exports list reach Completed with the files the
// server holds; cancel one mid-way and see the server receive DELETE; a failing export shows the server's
// OperationOutcome text.

#include "outputscanner.h"
#include "sandboxprocess.h"
#include "uitestenv.h"

#include "app/appservices.h"
#include "export/exportjob.h"
#include "export/exportmanager.h"
#include "exportform/exportform.h"
#include "exportform/typechecklist.h"
#include "exportform/typechecklistmodel.h"
#include "exports/exportroles.h"
#include "exports/exportsmodel.h"
#include "exports/exportsview.h"
#include "mainwindow.h"
#include "profile/authfields.h"
#include "profile/profileeditor.h"
#include "servers/serverspane.h"
#include "store/profilestore.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

class TestEndToEnd : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<ExportJob *>(); }
    void init();
    void cleanup();
    void createProfileFillFormExport();
    void cancelSendsDelete();
    void failureShowsTheServersOutcome();
    void journaledExportsReappearAndContinue();

private:
    void startSandbox(const QStringList &arguments);
    void createProfileThroughTheEditor();
    ExportJob *exportGroup(const QString &groupId, const QStringList &types);
    QString serverJobId(const ExportJob *job) const;

    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<UiTestEnv> m_env;
    std::unique_ptr<MainWindow> m_window;
};

void TestEndToEnd::init()
{
    m_env = std::make_unique<UiTestEnv>();
    m_window = std::make_unique<MainWindow>(m_env->services());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestEndToEnd::cleanup()
{
    m_window.reset();
    m_env.reset();
    m_sandbox.reset();
}

void TestEndToEnd::startSandbox(const QStringList &arguments)
{
    m_sandbox = std::make_unique<SandboxProcess>();
    QString error;
    QVERIFY2(m_sandbox->start(arguments + QStringList{QStringLiteral("--quiet")}, &error), qPrintable(error));
}

void TestEndToEnd::createProfileThroughTheEditor()
{
    ServersPane *pane = m_window->serversPane();
    pane->newAction()->trigger();
    auto *editor = pane->findChild<ProfileEditor *>();
    QVERIFY(editor && editor->isVisible());
    QTest::keyClicks(editor->nameEdit(), QStringLiteral("Local sandbox"));
    QTest::keyClicks(editor->baseUrlEdit(), m_sandbox->fhirBase().toString());
    editor->authFields()->setMethod(AuthMethod::None);

    // Groups: "Paste ids…" with a list, as from an e-mail.
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("pasteIdsButton")), Qt::LeftButton);
    auto *paste = editor->findChild<QInputDialog *>(QStringLiteral("pasteIdsDialog"));
    QVERIFY(paste);
    paste->setTextValue(QStringLiteral("demo\nall\n"));
    paste->accept();

    QSignalSpy saved(editor, &ProfileEditor::saved);
    QPushButton *save = editor->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
    QVERIFY2(save->isEnabled(), qPrintable(editor->problems().join(QLatin1Char('\n'))));
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(saved.count(), 1);
    const auto profile = m_env->services()->profiles()->profile(QStringLiteral("local-sandbox"));
    QVERIFY(profile);
    QCOMPARE(profile->groups.size(), 2);
    QCOMPARE(pane->currentProfileId(), QStringLiteral("local-sandbox"));
}

ExportJob *TestEndToEnd::exportGroup(const QString &groupId, const QStringList &types)
{
    m_window->serversPane()->selectProfile(QStringLiteral("local-sandbox"), groupId);
    ExportForm *form = m_window->exportForm();
    if (form->currentRequest().groupId != groupId) {
        return nullptr;
    }
    form->destinationEdit()->setText(m_env->path(QStringLiteral("out")));
    // Tick the types as a user would: in the list's check boxes.
    TypeChecklistModel *model = form->typeChecklist()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row);
        model->setData(index, types.contains(index.data().toString()) ? Qt::Checked : Qt::Unchecked,
                       Qt::CheckStateRole);
    }
    QStringList chosen = form->currentRequest().types;
    QStringList wanted = types;
    chosen.sort();
    wanted.sort();
    if (chosen != wanted || !form->exportButton()->isEnabled()) {
        qWarning() << form->problems();
        return nullptr;
    }
    QSignalSpy started(form, &ExportForm::exportStarted);
    QTest::mouseClick(form->exportButton(), Qt::LeftButton);
    return started.isEmpty() ? nullptr : started.at(0).at(0).value<ExportJob *>();
}

QString TestEndToEnd::serverJobId(const ExportJob *job) const
{
    return job->record().statusUrl.path().section(QLatin1Char('/'), -1);
}

void TestEndToEnd::createProfileFillFormExport()
{
    startSandbox({QStringLiteral("--polls"), QStringLiteral("1"), QStringLiteral("--retry-after"),
                  QStringLiteral("0.2"), QStringLiteral("--resources-per-file"), QStringLiteral("40")});
    createProfileThroughTheEditor();
    ExportJob *job = exportGroup(QStringLiteral("demo"), {QStringLiteral("Patient"), QStringLiteral("Observation")});
    QVERIFY(job);

    ExportsModel *model = m_window->exportsView()->model();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(m_window->exportsView()->currentJob(), job);
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), ExportState::Completed, 60000);
    model->flush();
    const QModelIndex state = model->indexOf(job, ExportsModel::State);
    QCOMPARE(state.data().toString(), ExportStates::displayName(ExportState::Completed));

    // What the server holds, read back from the folder independently of the engine's bookkeeping.
    const QJsonObject truth = m_sandbox->truth(serverJobId(job));
    QVERIFY(!truth.isEmpty());
    OutputScanner scanner(job->record().outputDir);
    const QString differences = scanner.compare(truth);
    QVERIFY2(differences.isEmpty(), qPrintable(differences));
    const int patients = truth.value(QLatin1String("types"))
                             .toObject()
                             .value(QLatin1String("Patient"))
                             .toObject()
                             .value(QLatin1String("count"))
                             .toInt();
    QCOMPARE(patients, 25);
    const int files = int(scanner.dataFiles.size());
    QVERIFY(files >= 2); // 40 resources a file: Observations take several
    QCOMPARE(model->indexOf(job, ExportsModel::Files).data(ExportRoles::RawValue).toInt(), files);
    QCOMPARE(model->indexOf(job, ExportsModel::Files).data().toString(), QStringLiteral("%1 / %1").arg(files));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Ferry"));
}

void TestEndToEnd::cancelSendsDelete()
{
    // The server never finishes: the export waits in Polling until it is cancelled.
    startSandbox(
        {QStringLiteral("--polls"), QStringLiteral("100000"), QStringLiteral("--retry-after"), QStringLiteral("0.2")});
    createProfileThroughTheEditor();
    ExportJob *job = exportGroup(QStringLiteral("all"), {QStringLiteral("Patient")});
    QVERIFY(job);
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), ExportState::Polling, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->windowTitle().contains(QStringLiteral("1 export")), 5000);

    ExportsView *view = m_window->exportsView();
    view->setConfirmationsEnabled(false);
    QAction *cancel = view->action(ExportsView::Cancel);
    QVERIFY(cancel->isEnabled());
    cancel->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), ExportState::Cancelled, 20000);
    const QString jobPath = job->record().statusUrl.path();
    bool deleted = false;
    for (const QJsonValue &entry : m_sandbox->log()) {
        const QJsonObject e = entry.toObject();
        if (e.value(QLatin1String("method")).toString() == QLatin1String("DELETE") &&
            e.value(QLatin1String("target")).toString().startsWith(jobPath)) {
            deleted = true;
        }
    }
    QVERIFY2(deleted, "the sandbox never received DELETE for the export's status URL");
    QTRY_COMPARE(m_window->windowTitle(), QStringLiteral("Ferry"));
}

void TestEndToEnd::failureShowsTheServersOutcome()
{
    startSandbox({QStringLiteral("--polls"), QStringLiteral("1")});
    createProfileThroughTheEditor();
    // A group the server does not have: its kick-off answers 404 with an OperationOutcome.
    m_window->serversPane()->selectProfile(QStringLiteral("local-sandbox"));
    ExportForm *form = m_window->exportForm();
    form->groupCombo()->lineEdit()->setText(QStringLiteral("no-such-group"));
    form->destinationEdit()->setText(m_env->path(QStringLiteral("out")));
    QVERIFY(form->exportButton()->isEnabled());
    QSignalSpy started(form, &ExportForm::exportStarted);
    QTest::mouseClick(form->exportButton(), Qt::LeftButton);
    QCOMPARE(started.count(), 1);
    auto *job = started.at(0).at(0).value<ExportJob *>();
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), ExportState::Failed, 20000);
    ExportsModel *model = m_window->exportsView()->model();
    model->flush();
    const QString status = model->indexOf(job, ExportsModel::Status).data().toString();
    QVERIFY2(status.contains(QStringLiteral("Group/no-such-group was not found")), qPrintable(status));
    QVERIFY(model->indexOf(job, ExportsModel::State)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("no-such-group was not found")));
}

void TestEndToEnd::journaledExportsReappearAndContinue()
{
    // Slow files: the app is closed while the export downloads.
    startSandbox({QStringLiteral("--polls"), QStringLiteral("1"), QStringLiteral("--retry-after"),
                  QStringLiteral("0.2"), QStringLiteral("--resources-per-file"), QStringLiteral("100"),
                  QStringLiteral("--fault"), QStringLiteral("drip=30000")});
    createProfileThroughTheEditor();
    ExportJob *job = exportGroup(QStringLiteral("demo"), {QStringLiteral("Patient"), QStringLiteral("Observation")});
    QVERIFY(job);
    const QString id = job->id();
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), ExportState::Downloading, 20000);

    m_window.reset();
    m_env->restart(); // AppServices suspends its exports; the journal keeps them
    QVERIFY(m_sandbox->setFaults(QString()));
    m_window = std::make_unique<MainWindow>(m_env->services());
    m_window->show();
    QCOMPARE(m_window->exportsView()->model()->rowCount(), 0);
    m_env->services()->exports()->restore(); // what app/gui/main.cpp does at start
    QCOMPARE(m_window->exportsView()->model()->rowCount(), 1);
    ExportJob *again = m_env->services()->exports()->job(id);
    QVERIFY(again);
    QTRY_COMPARE_WITH_TIMEOUT(again->state(), ExportState::Completed, 60000);
    OutputScanner scanner(again->record().outputDir);
    const QString differences = scanner.compare(m_sandbox->truth(serverJobId(again)));
    QVERIFY2(differences.isEmpty(), qPrintable(differences));
}

QTEST_MAIN(TestEndToEnd)
#include "tst_end_to_end.moc"
