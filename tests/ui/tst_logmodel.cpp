// LogModel as the process's message handler: Ferry's categories captured from any thread, secrets redacted
// before they are stored, shown or saved.

#include "exports/exportroles.h"
#include "log/logmodel.h"

#include "util/logging.h"
#include "util/redactor.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

namespace {
Q_LOGGING_CATEGORY(lcOther, "qt.ferrytest.other", QtInfoMsg)

// A JWT-shaped bearer token, as an authorization header would carry it.
const QString kToken = QStringLiteral("eyJhbGciOiJSUzM4NCJ9.eyJzdWIiOiJmZXJyeSJ9.c2lnbmF0dXJlLXZhbHVl");
} // namespace

class TestLogModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void capturesFerryCategoriesRedacted();
    void keepsOnlyWarningsOfOtherCategories();
    void acceptsMessagesFromOtherThreads();
    void dropsTheOldestBeyondTheMaximum();
    void savesRedactedText();
    void uninstallRestoresThePreviousHandler();

private:
    std::unique_ptr<LogModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestLogModel::init()
{
    m_model = std::make_unique<LogModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->install();
    QVERIFY(m_model->isInstalled());
}

void TestLogModel::cleanup()
{
    m_tester.reset();
    m_model.reset(); // uninstalls
}

void TestLogModel::capturesFerryCategoriesRedacted()
{
    Redactor::instance().addSecret(QStringLiteral("client-secret-7f3a9"));
    qCInfo(lcNet).noquote() << "GET /Group/demo/$export Authorization: Bearer" << kToken;
    qCWarning(lcAuth).noquote() << "token request with client_secret client-secret-7f3a9 refused";
    QCOMPARE(m_model->rowCount(), 0); // queued, added on the next event-loop turn
    QTRY_COMPARE(m_model->rowCount(), 2);

    const LogModel::Entry &net = m_model->entry(0);
    QCOMPARE(net.category, QStringLiteral("ferry.net"));
    QCOMPARE(net.type, QtInfoMsg);
    QVERIFY2(!net.message.contains(kToken), qPrintable(net.message));
    QVERIFY2(net.message.contains(QStringLiteral("[redacted]")), qPrintable(net.message));
    QVERIFY(net.message.contains(QStringLiteral("/Group/demo/$export")));
    const QString shown = m_model->index(0, LogModel::Message).data().toString();
    QVERIFY(!shown.contains(kToken));
    QVERIFY(!m_model->index(1, LogModel::Message).data().toString().contains(QStringLiteral("client-secret-7f3a9")));
    QCOMPARE(m_model->index(1, LogModel::Level).data(ExportRoles::RawValue).toInt(), 2);
    QCOMPARE(m_model->index(1, LogModel::Level).data().toString(), LogModel::levelName(QtWarningMsg));
    QCOMPARE(m_model->categories(), (QStringList{QStringLiteral("ferry.auth"), QStringLiteral("ferry.net")}));
    QVERIFY(!m_model->text().contains(kToken));
    Redactor::instance().forgetSecret(QStringLiteral("client-secret-7f3a9"));
}

void TestLogModel::keepsOnlyWarningsOfOtherCategories()
{
    qCInfo(lcOther) << "chatter";
    qCWarning(lcOther) << "a TLS warning";
    qCInfo(lcExport) << "kept";
    m_model->flush();
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->entry(0).category, QStringLiteral("qt.ferrytest.other"));
    QCOMPARE(m_model->entry(0).type, QtWarningMsg);
    QCOMPARE(m_model->entry(1).category, QStringLiteral("ferry.export"));
}

void TestLogModel::acceptsMessagesFromOtherThreads()
{
    std::unique_ptr<QThread> worker(QThread::create([] {
        for (int i = 0; i < 100; ++i) {
            qCInfo(lcDownload) << "worker line" << i;
        }
    }));
    worker->start();
    QVERIFY(worker->wait(10000));
    QTRY_COMPARE(m_model->rowCount(), 100);
    QCOMPARE(m_model->entry(99).message, QStringLiteral("worker line 99"));
}

void TestLogModel::dropsTheOldestBeyondTheMaximum()
{
    m_model->setMaximumEntries(10);
    for (int i = 0; i < 25; ++i) {
        qCInfo(lcExport).nospace() << "line " << i;
    }
    m_model->flush();
    QCOMPARE(m_model->rowCount(), 10);
    QCOMPARE(m_model->entry(0).message, QStringLiteral("line 15"));
    QCOMPARE(m_model->entry(9).message, QStringLiteral("line 24"));
    qCInfo(lcExport) << "one more";
    m_model->flush();
    QCOMPARE(m_model->rowCount(), 10);
    QCOMPARE(m_model->entry(0).message, QStringLiteral("line 16"));
}

void TestLogModel::savesRedactedText()
{
    qCInfo(lcNet).noquote() << "Authorization: Bearer" << kToken;
    m_model->flush();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ferry.log"));
    QString error;
    QVERIFY2(m_model->save(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString saved = QString::fromUtf8(file.readAll());
    QVERIFY(saved.contains(QStringLiteral(" info ferry.net: Authorization: ")));
    QVERIFY(!saved.contains(kToken));
    QCOMPARE(file.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    QVERIFY(!m_model->save(dir.filePath(QStringLiteral("missing/dir/ferry.log")), &error));
    QVERIFY(!error.isEmpty());
}

void TestLogModel::uninstallRestoresThePreviousHandler()
{
    LogModel second;
    second.install(); // one at a time: the first stays installed
    QVERIFY(!second.isInstalled());
    m_model->uninstall();
    QVERIFY(!m_model->isInstalled());
    qCInfo(lcExport) << "after uninstall";
    QCoreApplication::processEvents();
    QCOMPARE(m_model->rowCount(), 0);
    second.install();
    QVERIFY(second.isInstalled());
    qCInfo(lcExport) << "to the second";
    second.flush();
    QCOMPARE(second.rowCount(), 1);
}

QTEST_MAIN(TestLogModel)
#include "tst_logmodel.moc"
