#include "export/directappender.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

// DirectAppender against a real file: whatever the chunk sizes, the start offset and the flushes in between, the
// file ends up holding exactly the bytes appended. Where the temporary folder's file system refuses O_DIRECT
// (tmpfs) the appender falls back to ordinary writes and the same must hold.
class TestDirectAppender : public QObject
{
    Q_OBJECT

private slots:
    void holdsExactlyWhatWasAppended_data();
    void holdsExactlyWhatWasAppended();

private:
    QTemporaryDir m_dir;
};

void TestDirectAppender::holdsExactlyWhatWasAppended_data()
{
    QTest::addColumn<qint64>("prefix");   // bytes already in the file (a resume)
    QTest::addColumn<qint64>("total");    // bytes appended
    QTest::addColumn<int>("maxChunk");    // appended in random chunks up to this size
    QTest::addColumn<qint64>("finishAt"); // finish() once after this many bytes (0: only at the end)

    QTest::newRow("aligned start, network-sized chunks") << qint64(0) << qint64(13'000'001) << 256 * 1024 << qint64(0);
    QTest::newRow("unaligned start") << qint64(12'345) << qint64(9'000'000) << 1024 * 1024 << qint64(0);
    QTest::newRow("tiny chunks") << qint64(7) << qint64(5'000'000) << 999 << qint64(0);
    QTest::newRow("finish in between, then on") << qint64(0) << qint64(12'000'000) << 300'000 << qint64(5'000'003);
    QTest::newRow("exactly one block") << qint64(0) << qint64(DirectAppender::kStaging) << 4096 << qint64(0);
    QTest::newRow("less than a page") << qint64(100) << qint64(1000) << 100 << qint64(0);
}

void TestDirectAppender::holdsExactlyWhatWasAppended()
{
    QFETCH(qint64, prefix);
    QFETCH(qint64, total);
    QFETCH(int, maxChunk);
    QFETCH(qint64, finishAt);

    QByteArray data(prefix + total, Qt::Uninitialized);
    QRandomGenerator random(42);
    for (char &c : data) {
        c = char(random.bounded(256));
    }
    const QString path = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite | QIODevice::Unbuffered));
    QCOMPARE(file.write(data.constData(), prefix), prefix);

    DirectAppender appender;
    const bool direct = appender.start(QFile::encodeName(path).constData(), file.handle(), prefix);
    qInfo() << "O_DIRECT" << (direct ? "in use" : "refused here: ordinary writes");
    qint64 at = prefix;
    bool finishedOnce = false;
    while (at < data.size()) {
        const qint64 n = std::min<qint64>(data.size() - at, 1 + random.bounded(maxChunk));
        QVERIFY(appender.append(QByteArrayView(data.constData() + at, n)));
        at += n;
        if (finishAt > 0 && !finishedOnce && at - prefix >= finishAt) {
            finishedOnce = true;
            QVERIFY(appender.finish());
            QCOMPARE(file.size(), at); // everything appended so far is in the file
            QCOMPARE(appender.start(QFile::encodeName(path).constData(), file.handle(), at), direct);
        }
    }
    QVERIFY(appender.finish());
    QCOMPARE(appender.staged(), 0);
    file.close();

    QFile check(path);
    QVERIFY(check.open(QIODevice::ReadOnly));
    const QByteArray onDisk = check.readAll();
    QCOMPARE(onDisk.size(), data.size());
    QVERIFY(onDisk == data);
}

QTEST_GUILESS_MAIN(TestDirectAppender)
#include "tst_directappender.moc"
