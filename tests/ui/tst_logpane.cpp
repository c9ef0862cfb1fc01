// LogPane: filters by level, category and typed search; Ctrl+F; Save log writes the whole, redacted log.

#include "log/logfiltermodel.h"
#include "log/logmodel.h"
#include "log/logpane.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

class TestLogPane : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void filtersByLevelCategoryAndSearch();
    void findShortcutFocusesSearch();
    void saveWritesEverythingRedacted();

private:
    std::unique_ptr<LogModel> m_model;
    std::unique_ptr<LogPane> m_pane;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestLogPane::init()
{
    m_model = std::make_unique<LogModel>();
    m_model->append(QtInfoMsg, QStringLiteral("ferry.net"), QStringLiteral("GET /metadata 200"));
    m_model->append(QtWarningMsg, QStringLiteral("ferry.net"), QStringLiteral("429 Too Many Requests, waiting 5 s"));
    m_model->append(QtInfoMsg, QStringLiteral("ferry.export"), QStringLiteral("polling -> downloading"));
    m_model->append(QtCriticalMsg, QStringLiteral("ferry.download"), QStringLiteral("disk full"));
    m_model->append(QtInfoMsg, QStringLiteral("ferry.auth"),
                    QStringLiteral("header Authorization: Bearer abc123token456 sent to the token endpoint"));
    m_model->flush();
    m_pane = std::make_unique<LogPane>(m_model.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_pane->filterModel(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowActive(m_pane.get()));
}

void TestLogPane::cleanup()
{
    m_tester.reset();
    m_pane.reset();
    m_model.reset();
}

void TestLogPane::filtersByLevelCategoryAndSearch()
{
    QTableView *table = m_pane->table();
    QCOMPARE(table->model()->rowCount(), 5); // Info and above by default

    m_pane->levelBox()->setCurrentIndex(m_pane->levelBox()->findData(2)); // warnings and errors
    QCOMPARE(table->model()->rowCount(), 2);

    m_pane->levelBox()->setCurrentIndex(m_pane->levelBox()->findData(1));
    const int net = m_pane->categoryBox()->findData(QStringLiteral("ferry.net"));
    QVERIFY(net > 0);
    QCOMPARE(m_pane->categoryBox()->count(), 5); // "All categories" + four seen
    m_pane->categoryBox()->setCurrentIndex(net);
    QCOMPARE(table->model()->rowCount(), 2);

    m_pane->categoryBox()->setCurrentIndex(0);
    QTest::keyClicks(m_pane->searchEdit(), QStringLiteral("DOWNLOADING"));
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, LogModel::Message).data().toString(), QStringLiteral("polling -> downloading"));

    // A category that appears later is offered without losing the current choice.
    m_pane->searchEdit()->clear();
    m_pane->categoryBox()->setCurrentIndex(net);
    m_model->append(QtInfoMsg, QStringLiteral("ferry.vendor"), QStringLiteral("Epic preset"));
    m_model->flush();
    QCOMPARE(m_pane->categoryBox()->count(), 6);
    QCOMPARE(m_pane->categoryBox()->currentData().toString(), QStringLiteral("ferry.net"));
    QCOMPARE(table->model()->rowCount(), 2);
}

void TestLogPane::findShortcutFocusesSearch()
{
    m_pane->table()->setFocus();
    QVERIFY(!m_pane->searchEdit()->hasFocus());
    QTest::keySequence(m_pane->table(), QKeySequence::Find);
    QTRY_VERIFY(m_pane->searchEdit()->hasFocus());
}

void TestLogPane::saveWritesEverythingRedacted()
{
    m_pane->searchEdit()->setText(QStringLiteral("disk")); // the filter does not limit what is saved
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("saved.log"));
    QSignalSpy messages(m_pane.get(), &LogPane::statusMessage);
    QVERIFY(m_pane->saveTo(path));
    QCOMPARE(messages.count(), 1);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString saved = QString::fromUtf8(file.readAll());
    QCOMPARE(saved.count(QLatin1Char('\n')), 5);
    QVERIFY(saved.contains(QStringLiteral("critical ferry.download: disk full")));
    QVERIFY(!saved.contains(QStringLiteral("abc123token456")));
    QVERIFY(!m_pane->saveTo(dir.filePath(QStringLiteral("no/such/dir/x.log"))));
    QCOMPARE(messages.count(), 2);
}

QTEST_MAIN(TestLogPane)
#include "tst_logpane.moc"
