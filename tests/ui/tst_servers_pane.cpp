// ServersPane: New / Edit / Duplicate / Delete through the real actions and dialogs, the selection and the
// selected profile's status line.

#include "sandboxprocess.h"
#include "uitestenv.h"

#include "app/appservices.h"
#include "profile/authfields.h"
#include "profile/connectioncheckpanel.h"
#include "profile/profileeditor.h"
#include "servers/serversmodel.h"
#include "servers/serverspane.h"
#include "settings/uisettings.h"
#include "store/memorysecretstore.h"
#include "store/profilestore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

class TestServersPane : public QObject
{
    Q_OBJECT

private slots:
    void newDuplicateDelete();
    void statusShowsTheLastCheck();
    void checkConnectionFromThePane();

private:
    static ProfileEditor *openEditor(ServersPane *pane, QAction *action);
    static void saveEditor(ProfileEditor *editor);
};

ProfileEditor *TestServersPane::openEditor(ServersPane *pane, QAction *action)
{
    action->trigger();
    ProfileEditor *editor = nullptr;
    const auto editors = pane->findChildren<ProfileEditor *>();
    for (ProfileEditor *e : editors) {
        if (e->isVisible()) {
            editor = e;
        }
    }
    return editor;
}

void TestServersPane::saveEditor(ProfileEditor *editor)
{
    QSignalSpy saved(editor, &ProfileEditor::saved);
    QPushButton *save = editor->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
    QVERIFY2(save->isEnabled(), qPrintable(editor->problems().join(QLatin1Char('\n'))));
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(saved.count(), 1);
}

void TestServersPane::newDuplicateDelete()
{
    UiTestEnv env;
    ServersPane pane(env.services());
    QAbstractItemModelTester tester(pane.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    pane.show();
    QVERIFY(!pane.editAction()->isEnabled());
    QVERIFY(!pane.deleteAction()->isEnabled());
    QCOMPARE(pane.newAction()->shortcut(), QKeySequence(QKeySequence::New));

    ProfileEditor *editor = openEditor(&pane, pane.newAction());
    QVERIFY(editor);
    QCOMPARE(editor->windowModality(), Qt::WindowModal);
    QTest::keyClicks(editor->nameEdit(), QStringLiteral("Test server"));
    QTest::keyClicks(editor->baseUrlEdit(), QStringLiteral("https://fhir.test.example/r4"));
    editor->authFields()->setMethod(AuthMethod::None);
    saveEditor(editor);
    QCOMPARE(pane.currentProfileId(), QStringLiteral("test-server"));
    QVERIFY(pane.editAction()->isEnabled());
    const QString status = pane.findChild<QLabel *>(QStringLiteral("serverStatusLabel"))->text();
    QVERIFY2(status.contains(QStringLiteral("fhir.test.example")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("not checked")), qPrintable(status));

    ProfileEditor *copy = openEditor(&pane, pane.duplicateAction());
    QVERIFY(copy);
    QCOMPARE(copy->nameEdit()->text(), QStringLiteral("Test server (copy)"));
    saveEditor(copy);
    QCOMPARE(env.services()->profiles()->ids().size(), 2);
    QCOMPARE(pane.currentProfileId(), QStringLiteral("test-server-copy"));

    // Delete asks first; Cancel keeps the profile, Yes removes it and its secrets.
    bool written = false;
    env.secrets()->write(QStringLiteral("test-server-copy/token"), QStringLiteral("t"), this,
                         [&](const SecretResult &) { written = true; });
    QTRY_VERIFY(written);
    pane.deleteAction()->trigger();
    auto *box = pane.findChild<QMessageBox *>(QStringLiteral("deleteServerBox"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QCOMPARE(env.services()->profiles()->ids().size(), 2);
    QTRY_VERIFY(!pane.findChild<QMessageBox *>(QStringLiteral("deleteServerBox")));

    pane.deleteAction()->trigger();
    box = pane.findChild<QMessageBox *>(QStringLiteral("deleteServerBox"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_COMPARE(env.services()->profiles()->ids(), QStringList{QStringLiteral("test-server")});
    QCOMPARE(pane.currentProfileId(), QStringLiteral("test-server"));
    bool gone = false;
    env.secrets()->read(QStringLiteral("test-server-copy/token"), this,
                        [&](const SecretResult &r) { gone = r.status == SecretResult::Status::NotFound; });
    QTRY_VERIFY(gone);
}

void TestServersPane::statusShowsTheLastCheck()
{
    UiTestEnv env;
    ServerProfile p;
    p.id = QStringLiteral("s1");
    p.displayName = QStringLiteral("S1");
    p.fhirBase = QUrl(QStringLiteral("https://s1.example/fhir"));
    p.authMethod = AuthMethod::None;
    p.groups = {{QStringLiteral("grp"), QString()}};
    QString error;
    QVERIFY(env.services()->profiles()->save(p, &error));
    const QDateTime expires = QDateTime::currentDateTimeUtc().addSecs(3600);
    env.services()->settings()->setCheckStatus(
        QStringLiteral("s1"), {QDateTime::currentDateTimeUtc(), QStringLiteral("Connection works."), expires});

    ServersPane pane(env.services());
    QSignalSpy current(&pane, &ServersPane::currentChanged);
    pane.selectProfile(QStringLiteral("s1"), QStringLiteral("grp"));
    QCOMPARE(pane.currentGroupId(), QStringLiteral("grp"));
    QCOMPARE(current.count(), 1);
    QCOMPARE(current.at(0).at(1).toString(), QStringLiteral("grp"));
    const QString status = pane.findChild<QLabel *>(QStringLiteral("serverStatusLabel"))->text();
    QVERIFY2(status.contains(QStringLiteral("Connection works.")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("Token valid until")), qPrintable(status));
}

void TestServersPane::checkConnectionFromThePane()
{
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({QStringLiteral("--quiet")}, &error), qPrintable(error));
    UiTestEnv env;
    ServerProfile p;
    p.id = QStringLiteral("sb");
    p.displayName = QStringLiteral("SB");
    p.fhirBase = sandbox.fhirBase();
    p.authMethod = AuthMethod::None;
    QVERIFY(env.services()->profiles()->save(p, &error));
    ServersPane pane(env.services());
    pane.show();
    // The export form would ask for Group "demo", Patient only: that is what the check compares with.
    ExportRequest request;
    request.level = ExportLevel::Group;
    request.groupId = QStringLiteral("demo");
    request.types = {QStringLiteral("Patient")};
    pane.setRequestProvider([request] { return std::optional<ExportRequest>(request); });
    pane.selectProfile(QStringLiteral("sb"));
    QCOMPARE(pane.checkAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_K));
    pane.checkAction()->trigger();
    auto *dialog = pane.findChild<QDialog *>(QStringLiteral("checkConnectionDialog"));
    QVERIFY(dialog);
    auto *panel = dialog->findChild<ConnectionCheckPanel *>();
    QSignalSpy finished(panel, &ConnectionCheckPanel::finished);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("Connection works."));
    QVERIFY2(panel->reportText().contains(QStringLiteral("demo")), qPrintable(panel->reportText()));
    QTRY_VERIFY(pane.findChild<QLabel *>(QStringLiteral("serverStatusLabel"))
                    ->text()
                    .contains(QStringLiteral("Connection works.")));
}

QTEST_MAIN(TestServersPane)
#include "tst_servers_pane.moc"
