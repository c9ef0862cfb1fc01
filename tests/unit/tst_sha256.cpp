#include "export/sha256.h"

#include <QTest>

class TestSha256 : public QObject
{
    Q_OBJECT

private slots:
    void knownVectors_data();
    void knownVectors();
    void splitAnywhere();
    void resetStartsOver();
    void countsBytes();
};

void TestSha256::knownVectors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("hex");
    // FIPS 180-2 / NIST CAVS examples.
    QTest::newRow("empty") << QByteArray()
                           << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("abc") << QByteArray("abc")
                         << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("448 bits") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                              << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    QTest::newRow("a million a") << QByteArray(1000000, 'a')
                                 << QByteArray("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

void TestSha256::knownVectors()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, hex);
    QCOMPARE(Sha256::hexOf(input), hex);
    Sha256 hash;
    hash.addData(input);
    QCOMPARE(hash.result(), QByteArray::fromHex(hex));
}

void TestSha256::splitAnywhere()
{
    const QByteArray data = QByteArray("{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n").repeated(5);
    const QByteArray expected = Sha256::hexOf(data);
    for (qsizetype i = 0; i <= data.size(); ++i) {
        Sha256 hash;
        hash.addData(QByteArrayView(data).first(i));
        hash.addData(QByteArrayView(data).sliced(i));
        QCOMPARE(hash.hexResult(), expected);
    }
}

void TestSha256::resetStartsOver()
{
    Sha256 hash;
    hash.addData("something else");
    hash.reset();
    hash.addData("abc");
    QCOMPARE(hash.hexResult(), QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    hash.reset();
    QCOMPARE(hash.hexResult(), QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

void TestSha256::countsBytes()
{
    Sha256 hash;
    QVERIFY(hash.isValid());
    hash.addData("abc");
    hash.addData(QByteArray(10, 'x'));
    QCOMPARE(hash.size(), 13);
}

QTEST_GUILESS_MAIN(TestSha256)
#include "tst_sha256.moc"
