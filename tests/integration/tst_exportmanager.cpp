// ExportManager's per-id actions on exports it restored from the journal: each one first obtains the profile's
// credentials through the provider (a restored export has none), then acts against ferry-sandbox.

#include "engineharness.h"
#include "sandboxprocess.h"
#include "sandboxtesting.h"

#include "export/exportmanager.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestExportManager : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void retryFailedFilesAndDeleteOnServerAskForCredentials();
    void actionsOnUnknownIdsDoNothing();
    void newCredentialsDoNotPullTheRugFromARunningExport();

private:
    // Runs one export to its end in a manager of its own, which is then gone: only the journal remembers it.
    QString runAndForget(const QUrl &base, ExportState expected);
    std::unique_ptr<ExportManager> restoredManager();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineHarness> m_engine;
    QStringList m_asked; // profile ids the provider was asked for
};

void TestExportManager::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_engine = std::make_unique<EngineHarness>(m_dir->path());
    m_asked.clear();
}

QString TestExportManager::runAndForget(const QUrl &base, ExportState expected)
{
    ExportManager first(&m_engine->nam, &m_engine->journal, &m_engine->history, &m_engine->clock);
    ExportRecord record = m_engine->groupExport(base);
    record.profileId = QStringLiteral("sandbox-profile");
    record.deleteAfterDownload = false;
    ExportJob *job = first.start(record);
    QSignalSpy finished(job, &ExportJob::finished);
    QSignalSpy changed(job, &ExportJob::changed);
    if (!(finished.count() > 0 || finished.wait(60000)) || job->state() != expected) {
        return {};
    }
    // Whatever still runs after the terminal state (the quality report, a clean-up) reports through changed().
    while (job->isBusy() && changed.wait(10000)) {
    }
    return job->isBusy() ? QString() : record.id;
}

std::unique_ptr<ExportManager> TestExportManager::restoredManager()
{
    auto manager =
        std::make_unique<ExportManager>(&m_engine->nam, &m_engine->journal, &m_engine->history, &m_engine->clock);
    manager->setAuthorizerProvider([this](const QString &profileId, ExportManager::AuthorizerReady ready) {
        m_asked << profileId;
        ready(std::make_shared<NoAuthorizer>(), QString());
    });
    manager->restore();
    return manager;
}

void TestExportManager::retryFailedFilesAndDeleteOnServerAskForCredentials()
{
    START_SANDBOX(sandbox, quickSandbox({QStringLiteral("--fault"), QStringLiteral("corrupt=invalid-json"),
                                         QStringLiteral("--fault"), QStringLiteral("corrupt-file=0")}));
    const QString id = runAndForget(sandbox.fhirBase(), ExportState::Failed);
    QVERIFY(!id.isEmpty());

    auto manager = restoredManager();
    ExportJob *job = manager->job(id);
    QVERIFY(job);
    QCOMPARE(job->state(), ExportState::Failed);
    QVERIFY(m_asked.isEmpty()); // a finished export waits for an action before it needs credentials
    const int fileRequests = sandbox.countRequests(QStringLiteral("GET"), QStringLiteral("/_files/"));

    QSignalSpy finished(job, &ExportJob::finished);
    manager->retryFailedFiles(id);
    QCOMPARE(m_asked, QStringList{QStringLiteral("sandbox-profile")});
    QVERIFY(finished.count() > 0 || finished.wait(60000));
    QCOMPARE(sandbox.countRequests(QStringLiteral("GET"), QStringLiteral("/_files/")), fileRequests + 1);
    QTRY_VERIFY(!job->isBusy());

    QCOMPARE(sandbox.countRequests(QStringLiteral("DELETE"), QStringLiteral("/")), 0);
    manager->deleteOnServer(id);
    QTRY_COMPARE(sandbox.countRequests(QStringLiteral("DELETE"), QStringLiteral("/")), 1);
    QTRY_VERIFY(job->record().serverDeleted);
    QCOMPARE(m_asked.size(), 1); // the authorizer is cached per profile
}

void TestExportManager::actionsOnUnknownIdsDoNothing()
{
    auto manager = restoredManager();
    manager->retryFailedFiles(QStringLiteral("no-such-export"));
    manager->deleteOnServer(QStringLiteral("no-such-export"));
    QVERIFY(m_asked.isEmpty());
    QVERIFY(manager->jobs().isEmpty());
}

QTEST_MAIN(TestExportManager)
void TestExportManager::newCredentialsDoNotPullTheRugFromARunningExport()
{
    START_SANDBOX(sandbox, quickSandbox({QStringLiteral("--polls"), QStringLiteral("4"),
                                         QStringLiteral("--retry-after"), QStringLiteral("0.3")}));
    ExportManager manager(&m_engine->nam, &m_engine->journal, &m_engine->history, &m_engine->clock);
    std::weak_ptr<Authorizer> first;
    manager.setAuthorizerProvider([&first](const QString &, ExportManager::AuthorizerReady ready) {
        auto authorizer = std::make_shared<NoAuthorizer>();
        if (first.expired()) {
            first = authorizer;
        }
        ready(authorizer, QString());
    });
    ExportRecord record = m_engine->groupExport(sandbox.fhirBase());
    record.profileId = QStringLiteral("sandbox-profile");
    ExportJob *job = manager.start(record);
    QSignalSpy finished(job, &ExportJob::finished);
    QTRY_COMPARE(job->state(), ExportState::Polling);

    // The user saves new credentials while the export polls: the manager drops its cached authorizer, the
    // running export keeps using (and owning a share of) the one it started with.
    manager.forgetCredentials(QStringLiteral("sandbox-profile"));
    QVERIFY(!first.expired());
    QVERIFY(finished.count() > 0 || finished.wait(60000));
    QCOMPARE(job->state(), ExportState::Completed);
    QTRY_VERIFY(!job->isBusy());
    QVERIFY(manager.remove(record.id));
    QTRY_VERIFY(first.expired()); // released with the export that held it
}

#include "tst_exportmanager.moc"
