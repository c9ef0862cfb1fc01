// Clock: the injectable wall clock and the time scale that turns "wait 10 minutes" into milliseconds in tests.
#include "util/clock.h"

#include <QTest>

using namespace std::chrono;

class TestClock : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void timerInterval_data();
    void timerInterval();
    void invalidScales_data();
    void invalidScales();
    void nowUtc();
    void systemClockScaleFromEnvironment();
};

void TestClock::initTestCase()
{
    // Read once, at the system clock's first use.
    qputenv("FERRY_TIME_SCALE", "0.05");
}

void TestClock::timerInterval_data()
{
    QTest::addColumn<double>("scale");
    QTest::addColumn<qint64>("logical");
    QTest::addColumn<qint64>("real");

    QTest::newRow("unscaled") << 1.0 << qint64(120'000) << qint64(120'000);
    QTest::newRow("10 min at 0.01") << 0.01 << qint64(600'000) << qint64(6'000);
    QTest::newRow("5 h at 0.001") << 0.001 << qint64(18'000'000) << qint64(18'000);
    QTest::newRow("never rounds a wait down to nothing") << 0.001 << qint64(1) << qint64(1);
    QTest::newRow("rounds up") << 0.01 << qint64(150) << qint64(2);
    QTest::newRow("zero stays zero") << 0.01 << qint64(0) << qint64(0);
    QTest::newRow("slower than real time") << 2.0 << qint64(1'500) << qint64(3'000);
    QTest::newRow("a day unscaled") << 1.0 << qint64(86'400'000) << qint64(86'400'000);
}

void TestClock::timerInterval()
{
    QFETCH(double, scale);
    QFETCH(qint64, logical);
    QFETCH(qint64, real);
    Clock c;
    c.setTimeScale(scale);
    QCOMPARE(c.timeScale(), scale);
    QCOMPARE(c.timerInterval(milliseconds(logical)), milliseconds(real));
}

void TestClock::invalidScales_data()
{
    QTest::addColumn<double>("scale");
    QTest::newRow("zero") << 0.0;
    QTest::newRow("negative") << -0.5;
}

void TestClock::invalidScales()
{
    QFETCH(double, scale);
    Clock c;
    c.setTimeScale(0.5);
    c.setTimeScale(scale);
    QCOMPARE(c.timeScale(), 1.0);
    QCOMPARE(c.timerInterval(milliseconds(1'000)), milliseconds(1'000));
}

void TestClock::nowUtc()
{
    Clock c;
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const QDateTime now = c.nowUtc();
    const QDateTime after = QDateTime::currentDateTimeUtc();
    QVERIFY(before <= now && now <= after);
    QCOMPARE(now.timeSpec(), Qt::UTC);

    // Pinned, and converted to UTC whatever zone the injected function answers in.
    const QDateTime pinned(QDate(1999, 12, 31), QTime(23, 59, 59), Qt::OffsetFromUTC, 3600);
    c.setNow([pinned] { return pinned; });
    QCOMPARE(c.nowUtc(), pinned);
    QCOMPARE(c.nowUtc().timeSpec(), Qt::UTC);
    QCOMPARE(c.nowUtc().time(), QTime(22, 59, 59));
    // The scale does not touch the wall clock.
    c.setTimeScale(0.01);
    QCOMPARE(c.nowUtc(), pinned);
}

void TestClock::systemClockScaleFromEnvironment()
{
    Clock *clock = Clock::system();
    QVERIFY(clock);
    QCOMPARE(Clock::system(), clock); // one process-wide clock
    QCOMPARE(clock->timeScale(), 0.05);
    QCOMPARE(clock->timerInterval(minutes(10)), milliseconds(30'000));
}

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
