#include "export/ndjsonverifier.h"

#include <QLocale>
#include <QTest>

namespace {

QByteArray patient(int i)
{
    return "{\"resourceType\":\"Patient\",\"id\":\"p" + QByteArray::number(i) +
           "\",\"meta\":{\"lastUpdated\":\"2024-05-01T10:00:00Z\"},\"name\":[{\"family\":\"Zoë 日本\"}]}";
}

// A small sample that exercises every boundary kind: multi-byte UTF-8, CRLF, a blank line, escapes, no final '\n'.
QByteArray sample()
{
    return patient(1) + "\r\n" + patient(2) + "\n\n" +
           "{\"resourceType\":\"Patient\",\"id\":\"p3\",\"text\":\"a \\\"quoted\\\" \\u00e9 line\\nbreak\"}\n" +
           patient(4);
}

struct Run
{
    bool ok = false;
    std::optional<VerificationError> error;
    NdjsonFacts facts;
};

// Feeds `data` in chunks of `chunk` bytes (0: all at once), each copied into its own exact-size buffer so a
// read past a chunk's end is caught by ASan.
Run verify(const QByteArray &data, const NdjsonVerifier::Options &options, qsizetype chunk = 0)
{
    NdjsonVerifier v(options);
    bool ok = true;
    const qsizetype step = chunk > 0 ? chunk : std::max<qsizetype>(data.size(), 1);
    for (qsizetype at = 0; ok && at < data.size(); at += step) {
        const QByteArray piece = data.mid(at, step);
        ok = v.feed(piece);
    }
    ok = v.finish() && ok;
    return {ok, v.error(), v.facts()};
}

NdjsonVerifier::Options patients(std::optional<qint64> count = std::nullopt)
{
    NdjsonVerifier::Options o;
    o.expectedType = QStringLiteral("Patient");
    o.expectedCount = count;
    return o;
}

} // namespace

class TestNdjsonVerifier : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void verify_data();
    void verify();
    void everySplitPoint();
    void everyChunkSize();
    void lineNumbersReadWell();
    void countMismatchSaysBoth();
    void longLineFailsBeforeItEnds();
    void longLineAcrossManyChunks();
    void factsForTheQualityReport();
    void resetForgetsEverything();
    void failureSticks();
};

void TestNdjsonVerifier::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestNdjsonVerifier::verify_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("type");
    QTest::addColumn<qint64>("count"); // -1: the manifest gives none
    QTest::addColumn<bool>("headers");
    QTest::addColumn<qint64>("maxLine"); // 0: default
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("errorLine");
    QTest::addColumn<QString>("reason"); // substring of the failure's reason
    QTest::addColumn<qint64>("resources");

    const QString P = QStringLiteral("Patient");
    const QString any;
    QTest::newRow("empty file") << QByteArray() << P << qint64(-1) << false << qint64(0) << true << qint64(0)
                                << QString() << qint64(0);
    QTest::newRow("empty file, count 0") << QByteArray() << P << qint64(0) << false << qint64(0) << true << qint64(0)
                                         << QString() << qint64(0);
    QTest::newRow("one line") << patient(1) + "\n"
                              << P << qint64(1) << false << qint64(0) << true << qint64(0) << QString() << qint64(1);
    QTest::newRow("no final newline") << patient(1) + "\n" + patient(2) << P << qint64(2) << false << qint64(0) << true
                                      << qint64(0) << QString() << qint64(2);
    QTest::newRow("crlf") << patient(1) + "\r\n" + patient(2) + "\r\n"
                          << P << qint64(2) << false << qint64(0) << true << qint64(0) << QString() << qint64(2);
    QTest::newRow("blank lines tolerated")
        << patient(1) + "\n\n  \t\n" + patient(2) + "\n\n"
        << P << qint64(2) << false << qint64(0) << true << qint64(0) << QString() << qint64(2);
    QTest::newRow("sample") << sample() << P << qint64(4) << false << qint64(0) << true << qint64(0) << QString()
                            << qint64(4);
    QTest::newRow("byte order mark") << "\xEF\xBB\xBF" + patient(1) + "\n"
                                     << P << qint64(1) << false << qint64(0) << true << qint64(0) << QString()
                                     << qint64(1);
    QTest::newRow("bad json") << patient(1) + "\n" + patient(2) + "\n{\"resourceType\":\"Patient\",}\n"
                              << P << qint64(-1) << false << qint64(0) << false << qint64(3)
                              << QStringLiteral("not valid JSON (") << qint64(2);
    QTest::newRow("truncated last line") << patient(1) + "\n{\"resourceType\":\"Pat" << P << qint64(-1) << false
                                         << qint64(0) << false << qint64(2) << QStringLiteral("not valid JSON")
                                         << qint64(1);
    QTest::newRow("two objects on a line")
        << patient(1) + " " + patient(2) + "\n"
        << P << qint64(-1) << false << qint64(0) << false << qint64(1) << QStringLiteral("not valid JSON") << qint64(0);
    QTest::newRow("array") << QByteArray("[{\"resourceType\":\"Patient\"}]\n") << P << qint64(-1) << false << qint64(0)
                           << false << qint64(1) << QStringLiteral("an array, not a JSON object") << qint64(0);
    QTest::newRow("string") << QByteArray("\"Patient\"\n") << P << qint64(-1) << false << qint64(0) << false
                            << qint64(1) << QStringLiteral("a string, not a JSON object") << qint64(0);
    QTest::newRow("number") << QByteArray("42\n") << any << qint64(-1) << false << qint64(0) << false << qint64(1)
                            << QStringLiteral("a number, not a JSON object") << qint64(0);
    QTest::newRow("null") << QByteArray("null\n") << any << qint64(-1) << false << qint64(0) << false << qint64(1)
                          << QStringLiteral("null, not a JSON object") << qint64(0);
    QTest::newRow("invalid utf-8") << patient(1) + "\n{\"resourceType\":\"Patient\",\"x\":\"\xC3\x28\"}\n"
                                   << P << qint64(-1) << false << qint64(0) << false << qint64(2)
                                   << QStringLiteral("not valid UTF-8") << qint64(1);
    QTest::newRow("wrong type") << patient(1) + "\n{\"resourceType\":\"Observation\",\"id\":\"o\"}\n"
                                << P << qint64(-1) << false << qint64(0) << false << qint64(2)
                                << QStringLiteral("resourceType is Observation, expected Patient") << qint64(1);
    QTest::newRow("no resourceType") << QByteArray("{\"id\":\"x\"}\n") << P << qint64(-1) << false << qint64(0) << false
                                     << qint64(1) << QStringLiteral("has no resourceType") << qint64(0);
    QTest::newRow("resourceType not a string")
        << QByteArray("{\"resourceType\":7}\n") << P << qint64(-1) << false << qint64(0) << false << qint64(1)
        << QStringLiteral("resourceType is not a string") << qint64(0);
    QTest::newRow("any type when the entry has none")
        << patient(1) + "\n{\"resourceType\":\"Observation\"}\n"
        << any << qint64(2) << false << qint64(0) << true << qint64(0) << QString() << qint64(2);
    QTest::newRow("error file") << QByteArray("{\"resourceType\":\"OperationOutcome\",\"issue\":[]}\n")
                                << QStringLiteral("OperationOutcome") << qint64(1) << false << qint64(0) << true
                                << qint64(0) << QString() << qint64(1);
    QTest::newRow("count too high") << patient(1) + "\n" + patient(2) + "\n"
                                    << P << qint64(3) << false << qint64(0) << false << qint64(0)
                                    << QStringLiteral("the file has 2 resources but the manifest says 3") << qint64(2);
    QTest::newRow("count too low") << patient(1) + "\n" + patient(2) + "\n"
                                   << P << qint64(1) << false << qint64(0) << false << qint64(0)
                                   << QStringLiteral("manifest says 1") << qint64(2);

    const QByteArray header =
        "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"header\",\"valueReference\":{\"reference\":"
        "\"Patient/p1\"}}]}";
    QTest::newRow("organizeOutputBy headers")
        << header + "\n" + patient(1) + "\n" + header + "\n" + patient(2) + "\n"
        << P << qint64(2) << true << qint64(0) << true << qint64(0) << QString() << qint64(2);
    QTest::newRow("organizeOutputBy count with headers")
        << header + "\n" + patient(1) + "\n"
        << any << qint64(2) << true << qint64(0) << true << qint64(0) << QString() << qint64(1);
    QTest::newRow("header line not allowed")
        << header + "\n" + patient(1) + "\n"
        << P << qint64(-1) << false << qint64(0) << false << qint64(1)
        << QStringLiteral("resourceType is Parameters, expected Patient") << qint64(0);

    const QByteArray hundred = "{\"resourceType\":\"Patient\",\"x\":\"" + QByteArray(100 - 33, 'a') + "\"}";
    QVERIFY(hundred.size() == 100);
    QTest::newRow("line at the limit") << hundred + "\n" + hundred + "\r\n"
                                       << P << qint64(2) << false << qint64(100) << true << qint64(0) << QString()
                                       << qint64(2);
    QTest::newRow("line over the limit") << hundred + "\n" + hundred + "a\n"
                                         << P << qint64(-1) << false << qint64(100) << false << qint64(2)
                                         << QStringLiteral("longer than the limit of 100 bytes") << qint64(1);
}

void TestNdjsonVerifier::verify()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, type);
    QFETCH(qint64, count);
    QFETCH(bool, headers);
    QFETCH(qint64, maxLine);
    QFETCH(bool, ok);
    QFETCH(qint64, errorLine);
    QFETCH(QString, reason);
    QFETCH(qint64, resources);

    NdjsonVerifier::Options options;
    options.expectedType = type;
    if (count >= 0) {
        options.expectedCount = count;
    }
    options.allowHeaderLines = headers;
    if (maxLine > 0) {
        options.maxLineLength = maxLine;
    }
    // Whole, in 7-byte pieces and byte by byte: the answer must not depend on where chunks end.
    for (qsizetype chunk : {qsizetype(0), qsizetype(7), qsizetype(1)}) {
        const Run run = ::verify(input, options, chunk);
        QCOMPARE(run.ok, ok);
        QCOMPARE(run.facts.resources, resources);
        if (ok) {
            QVERIFY(!run.error);
            continue;
        }
        QVERIFY(run.error);
        QCOMPARE(run.error->line, errorLine);
        QVERIFY2(run.error->reason.contains(reason), qPrintable(run.error->reason));
    }
}

void TestNdjsonVerifier::everySplitPoint()
{
    const QByteArray data = sample();
    const Run whole = ::verify(data, patients(4));
    QVERIFY(whole.ok);
    for (qsizetype i = 0; i <= data.size(); ++i) {
        NdjsonVerifier v(patients(4));
        const QByteArray a = data.left(i);
        const QByteArray b = data.mid(i);
        QVERIFY2(v.feed(a) && v.feed(b) && v.finish(), qPrintable(QStringLiteral("split at %1").arg(i)));
        QCOMPARE(v.facts().lines, whole.facts.lines);
        QCOMPARE(v.facts().emptyLines, 1);
        QCOMPARE(v.facts().crlfLines, 1);
        QCOMPARE(v.bytesFed(), data.size());
    }
    // Every pair of split points, so a line can start in one chunk, span a whole chunk and end in a third.
    for (qsizetype i = 0; i <= data.size(); i += 3) {
        for (qsizetype j = i; j <= data.size(); j += 5) {
            NdjsonVerifier v(patients(4));
            QVERIFY(v.feed(data.left(i)) && v.feed(data.mid(i, j - i)) && v.feed(data.mid(j)) && v.finish());
        }
    }
}

void TestNdjsonVerifier::everyChunkSize()
{
    QByteArray data;
    for (int i = 0; i < 50; ++i) {
        data += patient(i) + (i % 3 == 0 ? "\r\n" : "\n");
    }
    data += "{\"resourceType\":\"Observation\"}\n";
    for (qsizetype chunk = 1; chunk <= 300; ++chunk) {
        const Run run = ::verify(data, patients(), chunk);
        QVERIFY(!run.ok);
        QCOMPARE(run.error->line, 51);
        QCOMPARE(run.facts.resources, 50);
    }
}

void TestNdjsonVerifier::lineNumbersReadWell()
{
    QByteArray data;
    for (int i = 0; i < 1203; ++i) {
        data += patient(i) + '\n';
    }
    data += "{\"resourceType\":\"Patient\",\"id\":}\n";
    const Run run = ::verify(data, patients(), 4096);
    QVERIFY(!run.ok);
    QCOMPARE(run.error->line, 1204);
    QVERIFY2(run.error->message().startsWith(QStringLiteral("line 1,204: not valid JSON (")),
             qPrintable(run.error->message()));
}

void TestNdjsonVerifier::countMismatchSaysBoth()
{
    QByteArray data;
    for (int i = 0; i < 998; ++i) {
        data += patient(i) + '\n';
    }
    const Run run = ::verify(data, patients(1000), 65536);
    QVERIFY(!run.ok);
    QCOMPARE(run.error->line, 0);
    QCOMPARE(run.error->message(), QStringLiteral("the file has 998 resources but the manifest says 1,000"));
}

void TestNdjsonVerifier::longLineFailsBeforeItEnds()
{
    NdjsonVerifier::Options options = patients();
    options.maxLineLength = 1024 * 1024;
    NdjsonVerifier v(options);
    QVERIFY(v.feed(QByteArray(patient(1) + "\n{\"resourceType\":\"Patient\",\"x\":\"")));
    const QByteArray block(256 * 1024, 'a');
    int fed = 0;
    while (v.feed(block)) {
        ++fed;
        QVERIFY2(fed < 10, "the verifier kept accepting a line far over its limit");
    }
    QCOMPARE(fed, 3); // the fourth block crosses 1 MiB
    QCOMPARE(v.error()->line, 2);
    QCOMPARE(v.error()->message(), QStringLiteral("line 2: longer than the limit of 1 MiB"));
}

void TestNdjsonVerifier::longLineAcrossManyChunks()
{
    // A 3 MB resource split into 64 KiB chunks goes through the carry buffer and still verifies.
    const QByteArray big = "{\"resourceType\":\"Binary\",\"data\":\"" + QByteArray(3000000, 'Q') + "\"}";
    const QByteArray data = patient(0) + '\n' + big + '\n' + patient(1) + '\n';
    NdjsonVerifier::Options options;
    options.expectedCount = 3;
    const Run run = ::verify(data, options, 65536);
    QVERIFY(run.ok);
    QCOMPARE(run.facts.longestLine, big.size());
}

void TestNdjsonVerifier::factsForTheQualityReport()
{
    const QByteArray data = patient(1) + "\n{\"resourceType\":\"Patient\"}\n{\"resourceType\":\"Patient\",\"id\":\"x\","
                                         "\"meta\":{\"versionId\":\"1\"}}\n\n";
    const Run run = ::verify(data, patients(3));
    QVERIFY(run.ok);
    QCOMPARE(run.facts.lines, 4);
    QCOMPARE(run.facts.resources, 3);
    QCOMPARE(run.facts.withId, 2);
    QCOMPARE(run.facts.withoutLastUpdated, 2);
    QCOMPARE(run.facts.emptyLines, 1);
    QCOMPARE(run.facts.firstEmptyLine, 4);
    QVERIFY(run.facts.endsWithNewline);
    QVERIFY(!::verify(patient(1), patients()).facts.endsWithNewline);
}

void TestNdjsonVerifier::resetForgetsEverything()
{
    NdjsonVerifier v(patients(1));
    QVERIFY(!v.feed("{\"resourceType\":\"Observation\"}\n"));
    v.reset();
    QVERIFY(!v.hasFailed());
    QVERIFY(v.feed(patient(1).left(20)));
    v.reset(); // a half line must not survive either
    QVERIFY(v.feed(QByteArray(patient(1) + "\n")));
    QVERIFY(v.finish());
    QCOMPARE(v.facts().resources, 1);
    QCOMPARE(v.bytesFed(), patient(1).size() + 1);
}

void TestNdjsonVerifier::failureSticks()
{
    NdjsonVerifier v(patients());
    QVERIFY(!v.feed("nonsense\n"));
    QVERIFY(!v.feed(QByteArray(patient(1) + "\n")));
    QVERIFY(!v.finish());
    QCOMPARE(v.error()->line, 1);
    QCOMPARE(v.facts().resources, 0);
}

QTEST_GUILESS_MAIN(TestNdjsonVerifier)
#include "tst_ndjsonverifier.moc"
