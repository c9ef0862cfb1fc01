// ExportProgress: X-Progress as vendors send it, and 1upHealth's running status body.
#include "fhir/exportprogress.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

Q_DECLARE_METATYPE(std::optional<double>)
Q_DECLARE_METATYPE(std::optional<qint64>)

class TestExportProgress : public QObject
{
    Q_OBJECT

private slots:
    void fromHeader_data();
    void fromHeader();
    void longHeaderIsCut();
    void fromRunningBody_data();
    void fromRunningBody();
};

void TestExportProgress::fromHeader_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("text");
    QTest::addColumn<std::optional<double>>("percent");
    QTest::addColumn<std::optional<qint64>>("count");

    const std::optional<double> noPercent;
    const std::optional<qint64> noCount;

    QTest::newRow("absent") << QByteArray() << QString() << noPercent << noCount;
    QTest::newRow("IG example") << QByteArray("50% complete") << "50% complete" << std::optional<double>(50) << noCount;
    QTest::newRow("Soarian") << QByteArray("23.0% complete") << "23.0% complete" << std::optional<double>(23)
                             << noCount;
    QTest::newRow("fraction of a percent")
        << QByteArray("12.75 % done") << "12.75 % done" << std::optional<double>(12.75) << noCount;
    QTest::newRow("over 100 is clamped") << QByteArray("150%") << "150%" << std::optional<double>(100) << noCount;
    QTest::newRow("Oracle in-progress") << QByteArray("in-progress") << "in-progress" << noPercent << noCount;
    QTest::newRow("IG in progress") << QByteArray("in progress") << "in progress" << noPercent << noCount;
    QTest::newRow("bare count") << QByteArray("1200") << "1200" << noPercent << std::optional<qint64>(1200);
    QTest::newRow("InteropiO ids processed")
        << QByteArray("1200 ids processed") << "1200 ids processed" << noPercent << std::optional<qint64>(1200);
    QTest::newRow("count after words") << QByteArray("Processed 1200 ids") << "Processed 1200 ids" << noPercent
                                       << std::optional<qint64>(1200);
    QTest::newRow("3 of 12") << QByteArray("3 of 12") << "3 of 12" << std::optional<double>(25)
                             << std::optional<qint64>(3);
    QTest::newRow("3/12 files") << QByteArray("3/12 files") << "3/12 files" << std::optional<double>(25)
                                << std::optional<qint64>(3);
    QTest::newRow("0 of 0 gives no numbers") << QByteArray("0 of 0") << "0 of 0" << noPercent << noCount;
    QTest::newRow("percent wins over fraction") << QByteArray("batch 1 of 4, 30% complete")
                                                << "batch 1 of 4, 30% complete" << std::optional<double>(30) << noCount;
    QTest::newRow("a date is not a count")
        << QByteArray("started 2024-01-31") << "started 2024-01-31" << noPercent << noCount;
    for (const char *state : {"scheduled", "started", "completed"}) {
        QTest::addRow("Veradigm-style %s", state)
            << QByteArray(state) << QString::fromLatin1(state) << noPercent << noCount;
    }
    QTest::newRow("trimmed") << QByteArray("  42% \r\n") << "42%" << std::optional<double>(42) << noCount;
    QTest::newRow("UTF-8 kept") << QByteArray("Fortschritt: 40 % – läuft")
                                << QStringLiteral("Fortschritt: 40 % – läuft") << std::optional<double>(40) << noCount;
}

void TestExportProgress::fromHeader()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, text);
    QFETCH(std::optional<double>, percent);
    QFETCH(std::optional<qint64>, count);

    const ExportProgress p = ExportProgress::fromHeader(header);
    QCOMPARE(p.text, text);
    QCOMPARE(p.percent.has_value(), percent.has_value());
    if (percent) {
        QCOMPARE(*p.percent, *percent);
    }
    QCOMPARE(p.count, count);
    QCOMPARE(p.isEmpty(), header.isEmpty());
}

void TestExportProgress::longHeaderIsCut()
{
    const QByteArray header = "Still working: " + QByteArray(150, 'x') + " 77%";
    const ExportProgress p = ExportProgress::fromHeader(header);
    QCOMPARE(p.text.size(), 100);
    QCOMPARE(p.text, QString::fromLatin1(header.left(100)));
    // Only the first 100 characters are read: the percentage beyond them is not seen.
    QVERIFY(!p.percent);
}

void TestExportProgress::fromRunningBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("running");
    QTest::addColumn<QString>("text");
    QTest::addColumn<std::optional<double>>("percent");
    QTest::addColumn<std::optional<qint64>>("count");

    // From 1upHealth's documentation (vendor-docs/1uphealth-bulk-export.txt).
    QTest::newRow("1upHealth In Progress")
        << QByteArray(
               "{\"id\":\"5edebc8a-2514-4ae1-874e-7029785e9639\",\"transactionTime\":\"2023-09-22T17:39:41.461Z\","
               "\"request\":\"http://analytics2.1uphealthdev3.com/bulk-data/r4/$export\","
               "\"requiresAccessToken\":true,\"status\":\"In Progress\",\"resourceCount\":522645,"
               "\"batches\":{\"running\":1,\"complete\":22,\"failed\":0,\"total\":23},"
               "\"lastUpdated\":\"2023-09-22T17:39:44.040Z\"}")
        << true << "In Progress (22 of 23 batches)" << std::optional<double>(100.0 * 22 / 23)
        << std::optional<qint64>(522645);
    QTest::newRow("1upHealth Successful is not running")
        << QByteArray("{\"status\":\"Successful\",\"resourceCount\":15,"
                      "\"batches\":{\"running\":0,\"complete\":2,\"failed\":0,\"total\":2},\"output\":[]}")
        << false << QString() << std::optional<double>() << std::optional<qint64>();
    QTest::newRow("failed is not running") << QByteArray("{\"status\":\"Failed\"}") << false << QString()
                                           << std::optional<double>() << std::optional<qint64>();
    QTest::newRow("no status (a manifest)")
        << QByteArray("{\"transactionTime\":\"2024-01-01T00:00:00Z\",\"output\":[]}") << false << QString()
        << std::optional<double>() << std::optional<qint64>();
    QTest::newRow("status not a string") << QByteArray("{\"status\":1}") << false << QString()
                                         << std::optional<double>() << std::optional<qint64>();
    QTest::newRow("running without numbers") << QByteArray("{\"status\":\"in-progress\"}") << true << "in-progress"
                                             << std::optional<double>() << std::optional<qint64>();
    QTest::newRow("case and spaces") << QByteArray("{\"status\":\"  RUNNING \"}") << true << "RUNNING"
                                     << std::optional<double>() << std::optional<qint64>();
    QTest::newRow("queued, zero batches")
        << QByteArray("{\"status\":\"queued\",\"batches\":{\"complete\":0,\"total\":0},\"resourceCount\":0}") << true
        << "queued" << std::optional<double>() << std::optional<qint64>(0);
    QTest::newRow("resourceCount as a string is ignored")
        << QByteArray("{\"status\":\"processing\",\"resourceCount\":\"12\"}") << true << "processing"
        << std::optional<double>() << std::optional<qint64>();
}

void TestExportProgress::fromRunningBody()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, running);
    QFETCH(QString, text);
    QFETCH(std::optional<double>, percent);
    QFETCH(std::optional<qint64>, count);

    const std::optional<ExportProgress> p = ExportProgress::fromRunningBody(QJsonDocument::fromJson(body).object());
    QCOMPARE(p.has_value(), running);
    if (!running) {
        return;
    }
    QCOMPARE(p->text, text);
    QCOMPARE(p->percent.has_value(), percent.has_value());
    if (percent) {
        QCOMPARE(*p->percent, *percent);
    }
    QCOMPARE(p->count, count);
}

QTEST_GUILESS_MAIN(TestExportProgress)
#include "tst_exportprogress.moc"
