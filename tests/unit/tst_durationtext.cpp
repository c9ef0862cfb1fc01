// DurationText::format: durations as people read them.
#include "util/durationtext.h"

#include <QTest>

using namespace std::chrono;

class TestDurationText : public QObject
{
    Q_OBJECT

private slots:
    void format_data();
    void format();
};

void TestDurationText::format_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");

    QTest::newRow("zero") << qint64(0) << "0 ms";
    QTest::newRow("850 ms") << qint64(850) << "850 ms";
    QTest::newRow("999 ms") << qint64(999) << "999 ms";
    QTest::newRow("1 s") << qint64(1'000) << "1 s";
    QTest::newRow("1.5 s") << qint64(1'500) << "1.5 s";
    QTest::newRow("2.2 s") << qint64(2'200) << "2.2 s";
    QTest::newRow("9.4 s") << qint64(9'400) << "9.4 s";
    QTest::newRow("10 s") << qint64(10'000) << "10 s";
    QTest::newRow("12 s") << qint64(12'000) << "12 s";
    QTest::newRow("12.4 s") << qint64(12'400) << "12 s";
    QTest::newRow("12.6 s") << qint64(12'600) << "13 s";
    QTest::newRow("59 s") << qint64(59'000) << "59 s";
    QTest::newRow("59.4 s") << qint64(59'400) << "59 s";
    QTest::newRow("59.6 s rounds to a minute") << qint64(59'600) << "1 min";
    QTest::newRow("1 min") << qint64(60'000) << "1 min";
    QTest::newRow("1 min 29 s") << qint64(89'000) << "1 min";
    QTest::newRow("1 min 30 s") << qint64(90'000) << "2 min";
    QTest::newRow("15 min") << qint64(15 * 60'000) << "15 min";
    QTest::newRow("59 min") << qint64(59 * 60'000) << "59 min";
    QTest::newRow("59 min 30 s") << qint64(59 * 60'000 + 30'000) << "1 h";
    QTest::newRow("1 h") << qint64(3'600'000) << "1 h";
    QTest::newRow("1 h 30 min") << qint64(90 * 60'000) << "1 h 30 min";
    QTest::newRow("2 h") << qint64(7'200'000) << "2 h";
    QTest::newRow("5 h") << qint64(5 * 3'600'000) << "5 h";
    QTest::newRow("24 h") << qint64(24 * 3'600'000) << "24 h";
    QTest::newRow("47 h 59 min") << qint64((47 * 60 + 59) * 60'000LL) << "47 h 59 min";
    QTest::newRow("2 d") << qint64(48 * 3'600'000LL) << "2 d";
    QTest::newRow("2.5 d rounds up") << qint64(60 * 3'600'000LL) << "3 d";
    QTest::newRow("30 d") << qint64(30 * 24 * 3'600'000LL) << "30 d";
}

void TestDurationText::format()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(DurationText::format(milliseconds(ms)), text);
}

QTEST_GUILESS_MAIN(TestDurationText)
#include "tst_durationtext.moc"
