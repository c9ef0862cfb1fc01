#include "export/binaryunwrapper.h"

#include <QTest>

namespace {

QByteArray ndjson()
{
    QByteArray out;
    for (int i = 0; i < 20; ++i) {
        out += "{\"resourceType\":\"Patient\",\"id\":\"p" + QByteArray::number(i) + "\",\"name\":\"Zoë\"}\n";
    }
    return out;
}

QByteArray wrap(const QByteArray &data, const QByteArray &before = "\"contentType\":\"application/fhir+ndjson\",",
                const QByteArray &after = QByteArray())
{
    return "{\"resourceType\":\"Binary\"," + before + "\"data\":\"" + data.toBase64() + "\"" + after + "}";
}

struct Run
{
    bool ok = false;
    QByteArray decoded;
    QString error;
    QString contentType;
};

Run unwrap(const QByteArray &body, qsizetype chunk = 0)
{
    BinaryUnwrapper u;
    Run run;
    bool ok = true;
    const qsizetype step = chunk > 0 ? chunk : std::max<qsizetype>(body.size(), 1);
    for (qsizetype at = 0; ok && at < body.size(); at += step) {
        ok = u.feed(body.mid(at, step), run.decoded);
    }
    run.ok = u.finish() && ok;
    run.error = u.error();
    run.contentType = u.contentType();
    return run;
}

} // namespace

class TestBinaryUnwrapper : public QObject
{
    Q_OBJECT

private slots:
    void sniff_data();
    void sniff();
    void decodes_data();
    void decodes();
    void everySplitPoint();
    void rejects_data();
    void rejects();
    void largeDataStaysStreamed();
};

void TestBinaryUnwrapper::sniff_data()
{
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<int>("result");
    const int need = int(BinaryUnwrapper::Sniff::NeedMore);
    const int yes = int(BinaryUnwrapper::Sniff::Wrapper);
    const int no = int(BinaryUnwrapper::Sniff::NotWrapper);
    QTest::newRow("empty") << QByteArray() << need;
    QTest::newRow("brace") << QByteArray("{") << need;
    QTest::newRow("partial key") << QByteArray("{\"resourceTy") << need;
    QTest::newRow("partial value") << QByteArray("{\"resourceType\":\"Bin") << need;
    QTest::newRow("binary") << QByteArray("{\"resourceType\":\"Binary\",\"data\"") << yes;
    QTest::newRow("pretty") << QByteArray("\n{\n  \"resourceType\" : \"Binary\",\n") << yes;
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF{\"resourceType\":\"Binary\"") << yes;
    QTest::newRow("patient") << QByteArray("{\"resourceType\":\"Patient\",\"id\":\"1\"}\n") << no;
    QTest::newRow("other key first") << QByteArray("{\"id\":\"x\",\"resourceType\":\"Binary\"}") << no;
    QTest::newRow("array") << QByteArray("[") << no;
    QTest::newRow("text") << QByteArray("Not Found") << no;
    QTest::newRow("whitespace flood") << QByteArray(5000, ' ') << no;
}

void TestBinaryUnwrapper::sniff()
{
    QFETCH(QByteArray, prefix);
    QFETCH(int, result);
    QCOMPARE(int(BinaryUnwrapper::sniff(prefix)), result);
}

void TestBinaryUnwrapper::decodes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray data = ndjson();
    QTest::newRow("plain") << wrap(data) << data;
    QTest::newRow("hapi member order")
        << wrap(data, "\"id\":\"abc\",\"meta\":{\"versionId\":\"1\",\"tag\":[{\"code\":\"x}\"}]},"
                      "\"contentType\":\"application/fhir+ndjson\",\"securityContext\":{\"reference\":\"Patient/1\"},")
        << data;
    QTest::newRow("contentType after data")
        << wrap(data, QByteArray(), ",\"contentType\":\"application/fhir+ndjson\",\"n\":12,\"b\":true") << data;
    QTest::newRow("pretty printed")
        << QByteArray("{\n  \"resourceType\" : \"Binary\",\n  \"contentType\" : \"application/fhir+ndjson\",\n  "
                      "\"data\" : \"" +
                      data.toBase64() + "\"\n}\n")
        << data;
    QByteArray escaped = data.toBase64();
    escaped.replace("/", "\\/");
    QTest::newRow("escaped slashes") << "{\"resourceType\":\"Binary\",\"data\":\"" + escaped + "\"}" << data;
    QByteArray wrapped = data.toBase64();
    for (qsizetype i = 76; i < wrapped.size(); i += 78) {
        wrapped.insert(i, "\\n");
    }
    QTest::newRow("line-wrapped base64") << "{\"resourceType\":\"Binary\",\"data\":\"" + wrapped + "\"}" << data;
    QTest::newRow("padding 1") << wrap("ab") << QByteArray("ab");
    QTest::newRow("padding 2") << wrap("a") << QByteArray("a");
    QByteArray unpadded = QByteArray("a").toBase64();
    unpadded.chop(2);
    QTest::newRow("missing padding") << "{\"resourceType\":\"Binary\",\"data\":\"" + unpadded + "\"}"
                                     << QByteArray("a");
    QTest::newRow("empty data") << wrap(QByteArray()) << QByteArray();
}

void TestBinaryUnwrapper::decodes()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    for (qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(5), qsizetype(64)}) {
        const Run run = unwrap(body, chunk);
        QVERIFY2(run.ok, qPrintable(run.error));
        QCOMPARE(run.decoded, expected);
    }
}

void TestBinaryUnwrapper::everySplitPoint()
{
    const QByteArray body = wrap(ndjson(), "\"meta\":{\"a\":[1,2,{\"b\":\"\\\"}\"}]},\"contentType\":\"x/y\",");
    for (qsizetype i = 0; i <= body.size(); ++i) {
        BinaryUnwrapper u;
        QByteArray out;
        QVERIFY(u.feed(body.left(i), out));
        QVERIFY(u.feed(body.mid(i), out));
        QVERIFY2(u.finish(), qPrintable(u.error()));
        QCOMPARE(out, ndjson());
        QCOMPARE(u.contentType(), QStringLiteral("x/y"));
        QCOMPARE(u.decodedBytes(), ndjson().size());
    }
}

void TestBinaryUnwrapper::rejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not an object") << QByteArray("[1]") << QStringLiteral("not a JSON object");
    QTest::newRow("no data") << QByteArray("{\"resourceType\":\"Binary\",\"contentType\":\"x\"}")
                             << QStringLiteral("no inline data");
    QTest::newRow("cut off") << wrap(ndjson()).left(100) << QStringLiteral("ends early");
    QTest::newRow("not base64") << QByteArray("{\"resourceType\":\"Binary\",\"data\":\"abc$def\"}")
                                << QStringLiteral("not base64");
    QTest::newRow("data after padding") << QByteArray("{\"resourceType\":\"Binary\",\"data\":\"YQ==YQ==\"}")
                                        << QStringLiteral("after its '=' padding");
    QTest::newRow("lone sextet") << QByteArray("{\"resourceType\":\"Binary\",\"data\":\"YWJjZ\"}")
                                 << QStringLiteral("truncated base64");
    QTest::newRow("content after") << wrap("x") + "\n{\"resourceType\":\"Binary\"}"
                                   << QStringLiteral("continues after the Binary");
    QTest::newRow("not a Binary") << QByteArray("{\"resourceType\":\"Patient\",\"data\":\"YQ==\"}")
                                  << QStringLiteral("a Patient, not a Binary");
    QTest::newRow("data not a string") << QByteArray("{\"resourceType\":\"Binary\",\"data\":12}")
                                       << QStringLiteral("not a string");
    QTest::newRow("two data members") << QByteArray("{\"resourceType\":\"Binary\",\"data\":\"YQ==\",\"data\":\"YQ==\"}")
                                      << QStringLiteral("two data members");
}

void TestBinaryUnwrapper::rejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, reason);
    const Run run = unwrap(body, 3);
    QVERIFY(!run.ok);
    QVERIFY2(run.error.contains(reason), qPrintable(run.error));
}

void TestBinaryUnwrapper::largeDataStaysStreamed()
{
    // 8 MB decoded through 64 KiB chunks: each call returns at most 3/4 of its input plus a quantum.
    QByteArray data;
    while (data.size() < 8 * 1024 * 1024) {
        data += ndjson();
    }
    const QByteArray body = wrap(data);
    BinaryUnwrapper u;
    QByteArray all;
    QByteArray out;
    for (qsizetype at = 0; at < body.size(); at += 65536) {
        out.resize(0);
        QVERIFY(u.feed(QByteArrayView(body).sliced(at, std::min<qsizetype>(65536, body.size() - at)), out));
        QVERIFY(out.size() <= 65536 / 4 * 3 + 3);
        all += out;
    }
    QVERIFY(u.finish());
    QCOMPARE(all.size(), data.size());
    QVERIFY(all == data);
}

QTEST_GUILESS_MAIN(TestBinaryUnwrapper)
#include "tst_binaryunwrapper.moc"
