#include "export/batchpipeline.h"

#include <QAtomicInt>
#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <QThreadPool>

// BatchPipeline with a real thread pool: batches are processed in order and never two at once, back-pressure is
// reported and released, and a refused batch stops everything after it.
class TestBatchPipeline : public QObject
{
    Q_OBJECT

private slots:
    void processesInOrderOneAtATime();
    void reportsRoomAgain();
    void refusalDropsLaterBatches();

private:
    QThreadPool m_pool;
};

void TestBatchPipeline::processesInOrderOneAtATime()
{
    QByteArray seen;
    QAtomicInt inside = 0;
    bool overlapped = false;
    BatchPipeline pipeline(&m_pool, 1 << 20, [&](QByteArrayView bytes) {
        overlapped = overlapped || inside.fetchAndAddOrdered(1) != 0;
        QThread::usleep(200);
        seen.append(bytes.data(), bytes.size());
        inside.fetchAndAddOrdered(-1);
        return true;
    });
    QByteArray expected;
    for (int i = 0; i < 200; ++i) {
        const QByteArray batch = QByteArray::number(i) + ',';
        expected += batch;
        QVERIFY(pipeline.push(batch));
    }
    QVERIFY(pipeline.wait());
    QCOMPARE(seen, expected);
    QVERIFY(!overlapped);
}

void TestBatchPipeline::reportsRoomAgain()
{
    QSemaphore gate;
    QAtomicInt roomCalls = 0;
    BatchPipeline pipeline(
        &m_pool, 100,
        [&](QByteArrayView) {
            gate.acquire();
            return true;
        },
        [&] { roomCalls.fetchAndAddOrdered(1); });
    QVERIFY(pipeline.push(QByteArray(60, 'a')));
    QVERIFY(pipeline.hasRoom());
    QVERIFY(pipeline.push(QByteArray(60, 'b')));
    QVERIFY(!pipeline.hasRoom()); // 120 bytes wait or are in process
    QCOMPARE(roomCalls.loadAcquire(), 0);
    gate.release(); // the first batch is done: 60 bytes left
    QTRY_COMPARE(roomCalls.loadAcquire(), 1);
    QVERIFY(pipeline.hasRoom());
    gate.release();
    QVERIFY(pipeline.wait());
    QCOMPARE(roomCalls.loadAcquire(), 1);
    QVERIFY(pipeline.recycled().capacity() >= 60); // a processed batch's buffer comes back for reuse
}

void TestBatchPipeline::refusalDropsLaterBatches()
{
    QList<QByteArray> processed;
    BatchPipeline pipeline(&m_pool, 1 << 20, [&](QByteArrayView bytes) {
        processed.append(bytes.toByteArray());
        return bytes != "bad";
    });
    QVERIFY(pipeline.push("one"));
    QVERIFY(pipeline.push("bad"));
    QVERIFY(!pipeline.wait());
    QVERIFY(!pipeline.push("after"));
    QVERIFY(!pipeline.wait());
    QCOMPARE(processed, (QList<QByteArray>{"one", "bad"}));
}

QTEST_GUILESS_MAIN(TestBatchPipeline)
#include "tst_batchpipeline.moc"
