// RetryAfter: delta values in the profile's unit (seconds, milliseconds, minutes), HTTP-dates in all three RFC 9110
// forms against an injected "now", and the implausibility warnings.
#include "fhir/retryafter.h"

#include <QTest>

#include <ctime>

using namespace std::chrono;

namespace {

QDateTime utc(int y, int mo, int d, int h, int mi, int s)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
}

} // namespace

class TestRetryAfter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void delta_data();
    void delta();
    void httpDate_data();
    void httpDate();
    void parseHttpDate_data();
    void parseHttpDate();
    void unreadable_data();
    void unreadable();
};

void TestRetryAfter::initTestCase()
{
    // Central European time: the wall clock skips 02:00–03:00 on 31 March 2024 and repeats it on 27 October 2024,
    // so a parser that reads an HTTP-date as local time shows it.
    qputenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3");
    tzset();
    QCOMPARE(QDateTime(QDate(2024, 7, 1), QTime(12, 0)).offsetFromUtc(), 7200);
}

void TestRetryAfter::delta_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("unit");
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("warning");

    const int s = int(RetryAfterUnit::Seconds);
    const int ms = int(RetryAfterUnit::Milliseconds);
    const int min = int(RetryAfterUnit::Minutes);

    QTest::newRow("120 s") << QByteArray("120") << s << qint64(120'000) << QString();
    QTest::newRow("0 s") << QByteArray("0") << s << qint64(0) << QString();
    QTest::newRow("spaces around") << QByteArray("  30\t") << s << qint64(30'000) << QString();
    QTest::newRow("fraction of a second") << QByteArray("1.5") << s << qint64(1'500) << QString();
    QTest::newRow("Oracle 600 s") << QByteArray("600") << s << qint64(600'000) << QString();
    QTest::newRow("Cerner 5 h") << QByteArray("18000") << s << qint64(18'000'000) << QString();
    QTest::newRow("one day is plausible") << QByteArray("86400") << s << qint64(86'400'000) << QString();
    QTest::newRow("more than a day of seconds")
        << QByteArray("120000") << s << qint64(120'000'000)
        << QStringLiteral("Retry-After 120000 seconds is more than a day; the server may mean milliseconds.");

    QTest::newRow("5000 ms") << QByteArray("5000") << ms << qint64(5'000) << QString();
    QTest::newRow("0 ms") << QByteArray("0") << ms << qint64(0) << QString();
    QTest::newRow("fractional ms") << QByteArray("120.7") << ms << qint64(120) << QString();
    QTest::newRow("50 ms") << QByteArray("50") << ms << qint64(50) << QString();
    QTest::newRow("implausibly short ms")
        << QByteArray("5") << ms << qint64(5)
        << QStringLiteral("Retry-After 5 ms is implausibly short; the server may mean seconds.");

    QTest::newRow("5 min") << QByteArray("5") << min << qint64(300'000) << QString();
    QTest::newRow("half a minute") << QByteArray("0.5") << min << qint64(30'000) << QString();
    QTest::newRow("one day of minutes") << QByteArray("1440") << min << qint64(86'400'000) << QString();
    QTest::newRow("more than a day of minutes")
        << QByteArray("1441") << min << qint64(86'460'000)
        << QStringLiteral("Retry-After 1441 minutes is more than a day; the server may mean seconds.");
}

void TestRetryAfter::delta()
{
    QFETCH(QByteArray, value);
    QFETCH(int, unit);
    QFETCH(qint64, ms);
    QFETCH(QString, warning);

    const std::optional<RetryAfter> r = RetryAfter::parse(value, RetryAfterUnit(unit), utc(2024, 1, 1, 0, 0, 0));
    QVERIFY(r);
    QCOMPARE(r->delay, milliseconds(ms));
    QCOMPARE(r->fromDate, false);
    QCOMPARE(r->warning, warning);
}

void TestRetryAfter::httpDate_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<qint64>("ms");

    // The IG's example date is long past: wait 0, i.e. poll now (the poll policy applies its minimum).
    QTest::newRow("IG example, now 2024")
        << QByteArray("Fri, 31 Dec 1999 23:59:59 GMT") << utc(2024, 3, 1, 12, 0, 0) << qint64(0);
    QTest::newRow("IG example, one minute ahead")
        << QByteArray("Fri, 31 Dec 1999 23:59:59 GMT") << utc(1999, 12, 31, 23, 58, 59) << qint64(60'000);
    QTest::newRow("IG example, the same second")
        << QByteArray("Fri, 31 Dec 1999 23:59:59 GMT") << utc(1999, 12, 31, 23, 59, 59) << qint64(0);
    QTest::newRow("90 s ahead, single-digit day")
        << QByteArray("Sat, 2 Mar 2024 12:01:30 GMT") << utc(2024, 3, 2, 12, 0, 0) << qint64(90'000);
    QTest::newRow("across midnight and a month")
        << QByteArray("Fri, 01 Mar 2024 00:10:00 GMT") << utc(2024, 2, 29, 23, 55, 0) << qint64(15 * 60'000);
    QTest::newRow("5 h ahead") << QByteArray("Wed, 31 Jan 2024 15:00:00 GMT") << utc(2024, 1, 31, 10, 0, 0)
                               << qint64(5 * 3'600'000);
    QTest::newRow("UTC instead of GMT") << QByteArray("Wed, 31 Jan 2024 10:00:30 UTC") << utc(2024, 1, 31, 10, 0, 0)
                                        << qint64(30'000);
    QTest::newRow("in the local spring-forward gap")
        << QByteArray("Sun, 31 Mar 2024 02:30:00 GMT") << utc(2024, 3, 31, 2, 0, 0) << qint64(30 * 60'000);
    QTest::newRow("in the local autumn overlap")
        << QByteArray("Sun, 27 Oct 2024 02:30:00 GMT") << utc(2024, 10, 27, 2, 0, 0) << qint64(30 * 60'000);
    QTest::newRow("RFC 850") << QByteArray("Sunday, 31-Mar-24 02:30:00 GMT") << utc(2024, 3, 31, 2, 0, 0)
                             << qint64(30 * 60'000);
    QTest::newRow("asctime") << QByteArray("Sun Mar 31 02:30:00 2024") << utc(2024, 3, 31, 2, 0, 0)
                             << qint64(30 * 60'000);
    QTest::newRow("asctime, padded day") << QByteArray("Sun Mar  3 12:00:10 2024") << utc(2024, 3, 3, 12, 0, 0)
                                         << qint64(10'000);
    QTest::newRow("past date") << QByteArray("Wed, 31 Jan 2024 09:00:00 GMT") << utc(2024, 1, 31, 10, 0, 0)
                               << qint64(0);
}

void TestRetryAfter::httpDate()
{
    QFETCH(QByteArray, value);
    QFETCH(QDateTime, now);
    QFETCH(qint64, ms);

    // The unit applies to bare numbers only.
    for (RetryAfterUnit unit : {RetryAfterUnit::Seconds, RetryAfterUnit::Milliseconds, RetryAfterUnit::Minutes}) {
        const std::optional<RetryAfter> r = RetryAfter::parse(value, unit, now);
        QVERIFY(r);
        QCOMPARE(r->delay, milliseconds(ms));
        QCOMPARE(r->fromDate, true);
        QCOMPARE(r->warning, QString());
    }
}

void TestRetryAfter::parseHttpDate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");

    // RFC 9110 §5.6.7's three forms of the same instant.
    const QDateTime rfc = utc(1994, 11, 6, 8, 49, 37);
    QTest::newRow("IMF-fixdate") << "Sun, 06 Nov 1994 08:49:37 GMT" << rfc;
    QTest::newRow("RFC 850") << "Sunday, 06-Nov-94 08:49:37 GMT" << rfc;
    QTest::newRow("asctime") << "Sun Nov  6 08:49:37 1994" << rfc;
    QTest::newRow("RFC 850 in this century") << "Tuesday, 07-Jan-25 10:00:00 GMT" << utc(2025, 1, 7, 10, 0, 0);
    QTest::newRow("IG example") << "Fri, 31 Dec 1999 23:59:59 GMT" << utc(1999, 12, 31, 23, 59, 59);
    QTest::newRow("summer date (local DST must not matter)")
        << "Mon, 01 Jul 2024 12:00:00 GMT" << utc(2024, 7, 1, 12, 0, 0);
    QTest::newRow("spring-forward gap") << "Sun, 31 Mar 2024 02:30:00 GMT" << utc(2024, 3, 31, 2, 30, 0);

    QTest::newRow("not a date") << "soon" << QDateTime();
    QTest::newRow("day 32") << "Sun, 32 Nov 1994 08:49:37 GMT" << QDateTime();
    QTest::newRow("unknown day name") << "Xyz, 06 Nov 1994 08:49:37 GMT" << QDateTime();
    QTest::newRow("hour 24") << "Sun, 06 Nov 1994 24:00:00 GMT" << QDateTime();
    QTest::newRow("30 February") << "Fri, 30 Feb 2024 08:00:00 GMT" << QDateTime();
    QTest::newRow("ISO 8601") << "2024-01-31T10:00:00Z" << QDateTime();
    QTest::newRow("empty") << "" << QDateTime();
}

void TestRetryAfter::parseHttpDate()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const QDateTime dt = RetryAfter::parseHttpDate(text);
    QCOMPARE(dt.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(dt, expected);
        QCOMPARE(dt.timeSpec(), Qt::UTC);
    }
}

void TestRetryAfter::unreadable_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("absent") << QByteArray();
    QTest::newRow("blank") << QByteArray("   ");
    QTest::newRow("negative") << QByteArray("-5");
    QTest::newRow("plus sign") << QByteArray("+5");
    QTest::newRow("exponent") << QByteArray("1e3");
    QTest::newRow("with unit") << QByteArray("120 seconds");
    QTest::newRow("decimal comma") << QByteArray("1,5");
    QTest::newRow("hex") << QByteArray("0x10");
    QTest::newRow("two numbers") << QByteArray("120 120");
    QTest::newRow("words") << QByteArray("later");
    QTest::newRow("bad date") << QByteArray("Fri, 31 Foo 1999 23:59:59 GMT");
}

void TestRetryAfter::unreadable()
{
    QFETCH(QByteArray, value);
    for (RetryAfterUnit unit : {RetryAfterUnit::Seconds, RetryAfterUnit::Milliseconds, RetryAfterUnit::Minutes}) {
        QVERIFY(!RetryAfter::parse(value, unit, utc(2024, 1, 1, 0, 0, 0)));
    }
}

QTEST_GUILESS_MAIN(TestRetryAfter)
#include "tst_retryafter.moc"
