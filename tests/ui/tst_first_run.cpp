// First run: no profiles, the window offers the Sandbox; accepting starts the embedded ferry-sandbox, creates and
// selects its profile, and Export brings verified NDJSON into the destination folder. The server stops with the
// app, and on the next start the profile follows the server to its new port.

#include "outputscanner.h"
#include "uitestenv.h"

#include "app/appservices.h"
#include "export/exportjob.h"
#include "exportform/exportform.h"
#include "mainwindow.h"
#include "sandbox/embeddedsandbox.h"
#include "sandbox/firstrunbanner.h"
#include "servers/serverspane.h"
#include "settings/uisettings.h"
#include "store/profilestore.h"

#include <QFileInfo>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

class TestFirstRun : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<ExportJob *>(); }
    void sandboxOfferToVerifiedFiles();
    void missingSandboxIsSaidPlainly();
};

void TestFirstRun::sandboxOfferToVerifiedFiles()
{
    UiTestEnv env;
    QUrl firstBase;
    {
        EmbeddedSandbox sandbox;
        QVERIFY2(QFileInfo(sandbox.defaultExecutable()).isExecutable(), qPrintable(sandbox.defaultExecutable()));
        MainWindow window(env.services(), &sandbox);
        window.show();
        FirstRunBanner *banner = window.firstRunBanner();
        QVERIFY(banner->isVisible());
        QSignalSpy started(&sandbox, &EmbeddedSandbox::started);
        QTest::mouseClick(banner->sandboxButton(), Qt::LeftButton);
        QVERIFY(started.wait(20000));
        QTRY_VERIFY(!banner->isVisible());
        firstBase = sandbox.fhirBase();
        QCOMPARE(firstBase.host(), QStringLiteral("127.0.0.1"));

        const QString id = env.services()->settings()->sandboxProfileId();
        QCOMPARE(id, QStringLiteral("sandbox"));
        QCOMPARE(env.services()->profiles()->profile(id)->fhirBase, firstBase);
        QCOMPARE(window.serversPane()->currentProfileId(), id);
        QCOMPARE(window.serversPane()->currentGroupId(), QStringLiteral("demo"));

        // README command 1's promise: press Export and find verified NDJSON in the destination folder.
        ExportForm *form = window.exportForm();
        form->destinationEdit()->setText(env.path(QStringLiteral("Ferry")));
        QVERIFY(form->exportButton()->isEnabled());
        QSignalSpy exportStarted(form, &ExportForm::exportStarted);
        QTest::mouseClick(form->exportButton(), Qt::LeftButton);
        QCOMPARE(exportStarted.count(), 1);
        auto *job = exportStarted.at(0).at(0).value<ExportJob *>();
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), ExportState::Completed, 30000);
        QVERIFY(job->record().outputDir.startsWith(env.path(QStringLiteral("Ferry/Sandbox/group-demo/"))));
        OutputScanner scanner(job->record().outputDir);
        QVERIFY2(scanner.problems.isEmpty(), qPrintable(scanner.problems.join(QLatin1Char('\n'))));
        QVERIFY(scanner.ids.value(QStringLiteral("Patient")).size() == 25);
        for (const FileRecord &f : job->record().files) {
            QCOMPARE(f.state, FileRecord::State::Verified);
        }
    }
    // The window and the sandbox are gone: so is the server.
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(firstBase.resolved(QUrl(QStringLiteral("metadata")))));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::ConnectionRefusedError);
    delete reply;

    // Next start: no offer, the server runs again and the profile follows it.
    EmbeddedSandbox sandbox;
    QSignalSpy started(&sandbox, &EmbeddedSandbox::started);
    MainWindow window(env.services(), &sandbox);
    window.show();
    QVERIFY(!window.firstRunBanner()->isVisible());
    QVERIFY(started.count() == 1 || started.wait(20000));
    QTRY_COMPARE(env.services()->profiles()->profile(QStringLiteral("sandbox"))->fhirBase, sandbox.fhirBase());
}

void TestFirstRun::missingSandboxIsSaidPlainly()
{
    UiTestEnv env;
    EmbeddedSandbox sandbox;
    sandbox.setExecutable(env.path(QStringLiteral("no-such-ferry-sandbox")));
    MainWindow window(env.services(), &sandbox);
    window.show();
    QSignalSpy failed(&sandbox, &EmbeddedSandbox::failed);
    QTest::mouseClick(window.firstRunBanner()->sandboxButton(), Qt::LeftButton);
    QVERIFY(failed.wait(5000));
    QVERIFY(window.firstRunBanner()->isVisible());
    QVERIFY(window.firstRunBanner()->sandboxButton()->isEnabled());
    const QString message =
        window.firstRunBanner()->findChild<QWidget *>(QStringLiteral("firstRunMessage"))->property("text").toString();
    QVERIFY2(message.contains(QStringLiteral("no-such-ferry-sandbox")), qPrintable(message));
    QVERIFY(env.services()->profiles()->profiles().isEmpty());
}

QTEST_MAIN(TestFirstRun)
#include "tst_first_run.moc"
