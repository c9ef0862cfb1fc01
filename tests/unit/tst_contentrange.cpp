#include "export/contentrange.h"
#include "export/fileresult.h"

#include <QTest>

class TestContentRange : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void ifRangeValidator_data();
    void ifRangeValidator();
};

void TestContentRange::parse_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::addColumn<qint64>("complete");

    QTest::newRow("range of known length") << QByteArray("bytes 100-199/1000") << true << 100LL << 199LL << 1000LL;
    QTest::newRow("unknown length") << QByteArray("bytes 100-199/*") << true << 100LL << 199LL << -1LL;
    QTest::newRow("unsatisfied (416)") << QByteArray("bytes */1000") << true << -1LL << -1LL << 1000LL;
    QTest::newRow("case and spaces") << QByteArray("  Bytes 0 - 0 / 1 ") << true << 0LL << 0LL << 1LL;
    QTest::newRow("beyond 4 GiB") << QByteArray("bytes 5000000000-5999999999/6000000000") << true << 5000000000LL
                                  << 5999999999LL << 6000000000LL;
    QTest::newRow("empty") << QByteArray() << false << -1LL << -1LL << -1LL;
    QTest::newRow("other unit") << QByteArray("items 0-1/2") << false << -1LL << -1LL << -1LL;
    QTest::newRow("no slash") << QByteArray("bytes 0-1") << false << -1LL << -1LL << -1LL;
    QTest::newRow("last before first") << QByteArray("bytes 10-5/100") << false << -1LL << -1LL << 100LL;
    QTest::newRow("last beyond length") << QByteArray("bytes 0-100/100") << false << -1LL << -1LL << 100LL;
    QTest::newRow("star/star") << QByteArray("bytes */*") << false << -1LL << -1LL << -1LL;
    QTest::newRow("negative") << QByteArray("bytes -5-10/100") << false << -1LL << -1LL << 100LL;
    QTest::newRow("garbage length") << QByteArray("bytes 0-1/abc") << false << -1LL << -1LL << -1LL;
}

void TestContentRange::parse()
{
    QFETCH(QByteArray, header);
    QFETCH(bool, valid);
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    QFETCH(qint64, complete);
    const ContentRange r = ContentRange::parse(header);
    QCOMPARE(r.valid, valid);
    QCOMPARE(r.first, first);
    QCOMPARE(r.last, last);
    QCOMPARE(r.complete, complete);
    QCOMPARE(r.isUnsatisfied(), valid && first < 0);
}

void TestContentRange::ifRangeValidator_data()
{
    QTest::addColumn<QByteArray>("etag");
    QTest::addColumn<QByteArray>("lastModified");
    QTest::addColumn<bool>("contentEncoded");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray date = "Wed, 01 May 2024 10:00:00 GMT";
    QTest::newRow("strong etag") << QByteArray("\"abc\"") << date << false << QByteArray("\"abc\"");
    QTest::newRow("weak etag, date") << QByteArray("W/\"abc\"") << date << false << date;
    QTest::newRow("weak etag only") << QByteArray("W/\"abc\"") << QByteArray() << false << QByteArray();
    QTest::newRow("gzip variant etag, date") << QByteArray("\"abc-gzip\"") << date << true << date;
    QTest::newRow("gzip variant etag only")
        << QByteArray("\"abc-gzip\"") << QByteArray() << true << QByteArray("\"abc-gzip\"");
    QTest::newRow("date only") << QByteArray() << date << false << date;
    QTest::newRow("nothing") << QByteArray() << QByteArray() << false << QByteArray();
}

void TestContentRange::ifRangeValidator()
{
    QFETCH(QByteArray, etag);
    QFETCH(QByteArray, lastModified);
    QFETCH(bool, contentEncoded);
    QFETCH(QByteArray, expected);
    PartialDownload p;
    p.bytes = 10;
    p.etag = etag;
    p.lastModified = lastModified;
    p.contentEncoded = contentEncoded;
    QCOMPARE(p.ifRangeValidator(), expected);
}

QTEST_GUILESS_MAIN(TestContentRange)
#include "tst_contentrange.moc"
