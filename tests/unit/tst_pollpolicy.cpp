// PollPolicy: Retry-After within the profile's bounds (with the sentence that explains a clamp), InteropiO's
// never-undercut rule, and the jittered exponential backoff with an injected random source.
#include "export/pollpolicy.h"

#include <QTest>

using namespace std::chrono;

namespace {

VendorProfile bounds(seconds minimum, seconds maximum, seconds initial, bool neverUndercut = false)
{
    VendorProfile p;
    p.pollMinimum = minimum;
    p.pollMaximum = maximum;
    p.pollInitial = initial;
    p.honourGrowingRetryAfter = neverUndercut;
    return p;
}

RetryAfter asked(milliseconds delay, const QString &warning = {})
{
    RetryAfter r;
    r.delay = delay;
    r.warning = warning;
    return r;
}

} // namespace

class TestPollPolicy : public QObject
{
    Q_OBJECT

private slots:
    void retryAfter_data();
    void retryAfter();
    void warningIsPassedOn();
    void neverUndercutGrowingRetryAfter();
    void backoffSteps_data();
    void backoffSteps();
    void backoffIsMonotoneAndCapped();
    void jitterStaysWithinItsBand();
    void backoffBelowMinimum();
    void bounds();
};

void TestPollPolicy::retryAfter_data()
{
    QTest::addColumn<bool>("neverUndercut");
    QTest::addColumn<qint64>("askedMs");
    QTest::addColumn<qint64>("waitMs");
    QTest::addColumn<QString>("explanation");

    // Generic bounds: 1 s … 15 min.
    QTest::newRow("within bounds") << false << qint64(120'000) << qint64(120'000) << QString();
    QTest::newRow("exactly the maximum") << false << qint64(900'000) << qint64(900'000) << QString();
    QTest::newRow("exactly the minimum") << false << qint64(1'000) << qint64(1'000) << QString();
    QTest::newRow("Cerner's 5 h") << false << qint64(5 * 3'600'000) << qint64(900'000)
                                  << "server asked 5 h; checking every 15 min";
    QTest::newRow("eCW's 2 h") << false << qint64(7'200'000) << qint64(900'000)
                               << "server asked 2 h; checking every 15 min";
    QTest::newRow("below the minimum") << false << qint64(200) << qint64(1'000)
                                       << "server asked 200 ms; waiting 1 s (the minimum)";
    QTest::newRow("zero (a past HTTP-date)")
        << false << qint64(0) << qint64(1'000) << "server asked 0 ms; waiting 1 s (the minimum)";

    QTest::newRow("never undercut: 5 h honoured")
        << true << qint64(5 * 3'600'000) << qint64(5 * 3'600'000) << QString();
    QTest::newRow("never undercut: still a minimum")
        << true << qint64(200) << qint64(1'000) << "server asked 200 ms; waiting 1 s (the minimum)";
    QTest::newRow("never undercut: a day at most")
        << true << qint64(30 * 3'600'000) << qint64(24 * 3'600'000) << "server asked 30 h; checking every 24 h";
}

void TestPollPolicy::retryAfter()
{
    QFETCH(bool, neverUndercut);
    QFETCH(qint64, askedMs);
    QFETCH(qint64, waitMs);
    QFETCH(QString, explanation);

    PollPolicy policy(::bounds(seconds(1), seconds(900), seconds(2), neverUndercut));
    policy.setRandom([] { return 0.5; });
    // Retry-After overrides the backoff whatever the attempt count.
    for (int attempt : {0, 3, 40}) {
        const PollPolicy::Decision d = policy.next(asked(milliseconds(askedMs)), attempt);
        QCOMPARE(d.wait, milliseconds(waitMs));
        QCOMPARE(d.explanation, explanation);
        QCOMPARE(d.warning, QString());
    }
}

void TestPollPolicy::warningIsPassedOn()
{
    const QString warning = QStringLiteral("Retry-After 5 ms is implausibly short; the server may mean seconds.");
    const PollPolicy policy(VendorProfile::generic());
    const PollPolicy::Decision d = policy.next(asked(milliseconds(5), warning), 0);
    QCOMPARE(d.warning, warning);
    QCOMPARE(d.wait, milliseconds(1'000));
}

void TestPollPolicy::neverUndercutGrowingRetryAfter()
{
    // InteropiO: each poll asks for more; none is shortened, even past the profile's 15 min.
    const PollPolicy policy(::bounds(seconds(1), seconds(900), seconds(2), true));
    milliseconds previous{0};
    for (qint64 s : {30, 60, 120, 600, 1'200, 3'600, 14'400, 50'000}) {
        const PollPolicy::Decision d = policy.next(asked(seconds(s)), 0);
        QCOMPARE(d.wait, milliseconds(seconds(s)));
        QVERIFY(d.wait > previous);
        previous = d.wait;
    }
    // The same asks without the rule are capped.
    const PollPolicy capped(::bounds(seconds(1), seconds(900), seconds(2), false));
    QCOMPARE(capped.next(asked(seconds(1'200)), 0).wait, milliseconds(900'000));
}

void TestPollPolicy::backoffSteps_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<double>("random");
    QTest::addColumn<qint64>("waitMs");
    QTest::addColumn<QString>("explanation");

    // initial 2 s, maximum 15 min: step = 2 s · 2^attempt, capped; wait = step/2 + random · step/2.
    QTest::newRow("first, no jitter") << 0 << 0.0 << qint64(1'000)
                                      << "no Retry-After from the server; next check in 1 s";
    QTest::newRow("first, half jitter") << 0 << 0.5 << qint64(1'500)
                                        << "no Retry-After from the server; next check in 1.5 s";
    QTest::newRow("second, half jitter") << 1 << 0.5 << qint64(3'000)
                                         << "no Retry-After from the server; next check in 3 s";
    QTest::newRow("fifth, no jitter") << 4 << 0.0 << qint64(16'000)
                                      << "no Retry-After from the server; next check in 16 s";
    QTest::newRow("ninth, half jitter") << 8 << 0.5 << qint64(384'000)
                                        << "no Retry-After from the server; next check in 6 min";
    QTest::newRow("capped, no jitter") << 9 << 0.0 << qint64(450'000)
                                       << "no Retry-After from the server; next check in 8 min";
    QTest::newRow("capped, full jitter") << 9 << 0.999999 << qint64(899'999)
                                         << "no Retry-After from the server; next check in 15 min";
    QTest::newRow("huge attempt does not overflow")
        << 1'000'000 << 0.5 << qint64(675'000) << "no Retry-After from the server; next check in 11 min";
}

void TestPollPolicy::backoffSteps()
{
    QFETCH(int, attempt);
    QFETCH(double, random);
    QFETCH(qint64, waitMs);
    QFETCH(QString, explanation);

    PollPolicy policy(::bounds(seconds(1), seconds(900), seconds(2)));
    policy.setRandom([random] { return random; });
    const PollPolicy::Decision d = policy.next(std::nullopt, attempt);
    QCOMPARE(d.wait, milliseconds(waitMs));
    QCOMPARE(d.explanation, explanation);
    QCOMPARE(d.warning, QString());
}

void TestPollPolicy::backoffIsMonotoneAndCapped()
{
    for (double random : {0.0, 0.5, 0.999}) {
        PollPolicy policy(::bounds(seconds(1), seconds(900), seconds(2)));
        policy.setRandom([random] { return random; });
        milliseconds previous{0};
        int grew = 0;
        for (int attempt = 0; attempt < 40; ++attempt) {
            const milliseconds wait = policy.next(std::nullopt, attempt).wait;
            QVERIFY2(wait >= previous, qPrintable(QStringLiteral("attempt %1 shrank").arg(attempt)));
            QVERIFY(wait <= milliseconds(900'000));
            if (previous.count() > 0) {
                QVERIFY(wait.count() <= previous.count() * 2 + 1); // at most doubling per step
            }
            if (wait > previous) {
                ++grew;
            }
            previous = wait;
        }
        QCOMPARE(grew, 10); // 2 s · 2^0 … 2^9, then the cap
    }
}

void TestPollPolicy::jitterStaysWithinItsBand()
{
    PollPolicy policy(::bounds(seconds(1), seconds(900), seconds(2)));
    // A deterministic spread of random values over [0, 1).
    double r = 0.0;
    policy.setRandom([&r] {
        r += 0.137;
        r -= static_cast<int>(r);
        return r;
    });
    for (int attempt = 0; attempt < 15; ++attempt) {
        const qint64 step = std::min<qint64>(2'000LL << attempt, 900'000);
        for (int i = 0; i < 20; ++i) {
            const qint64 wait = policy.next(std::nullopt, attempt).wait.count();
            QVERIFY2(wait >= step / 2 && wait <= step, qPrintable(QStringLiteral("attempt %1: %2 ms outside [%3, %4]")
                                                                      .arg(attempt)
                                                                      .arg(wait)
                                                                      .arg(step / 2)
                                                                      .arg(step)));
        }
    }
}

void TestPollPolicy::backoffBelowMinimum()
{
    // A profile whose minimum is above its first step: the minimum wins.
    PollPolicy policy(::bounds(seconds(5), seconds(60), seconds(2)));
    policy.setRandom([] { return 0.0; });
    QCOMPARE(policy.next(std::nullopt, 0).wait, milliseconds(5'000));
    QCOMPARE(policy.next(std::nullopt, 0).explanation,
             QStringLiteral("no Retry-After from the server; next check in 5 s"));
    QCOMPARE(policy.next(std::nullopt, 2).wait, milliseconds(5'000)); // 8 s step, 4 s without jitter
    QCOMPARE(policy.next(std::nullopt, 3).wait, milliseconds(8'000));
    QCOMPARE(policy.next(std::nullopt, 10).wait, milliseconds(30'000));
}

void TestPollPolicy::bounds()
{
    const PollPolicy policy(::bounds(seconds(3), seconds(600), seconds(2)));
    QCOMPARE(policy.minimum(), milliseconds(3'000));
    QCOMPARE(policy.maximum(), milliseconds(600'000));
}

QTEST_GUILESS_MAIN(TestPollPolicy)
#include "tst_pollpolicy.moc"
