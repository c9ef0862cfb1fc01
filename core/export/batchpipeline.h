#pragma once

#include <QByteArray>
#include <QMutex>
#include <QWaitCondition>

#include <deque>
#include <functional>
#include <vector>

class QThreadPool;

// Runs a function over batches of bytes on a thread pool — one batch at a time, in the order given — while the
// thread that pushes them goes on receiving. push() never waits; once maxQueued bytes are waiting, hasRoom() is
// false and the pusher either pauses its transfer until `onRoom` runs (on a pool thread: post it to your own) or
// waits in waitForRoom(). The first batch the function refuses stops the pipeline: later batches are dropped and
// push()/wait() return false; the function keeps its own account of why.
//
// The function runs on a pool thread while the pipeline is busy; the owner must not touch what it uses until
// wait() has returned. The destructor waits too.
class BatchPipeline
{
public:
    using Process = std::function<bool(QByteArrayView)>;

    BatchPipeline(QThreadPool *pool, qsizetype maxQueued, Process process, std::function<void()> onRoom = {});
    ~BatchPipeline();
    BatchPipeline(const BatchPipeline &) = delete;
    BatchPipeline &operator=(const BatchPipeline &) = delete;

    bool push(QByteArray batch);
    // An empty buffer for the next batch: one that has been processed (keeping its capacity), so that large
    // transfers do not map, fault in and unmap a fresh megabyte for every batch.
    QByteArray recycled();
    bool hasRoom();
    // Until fewer than maxQueued bytes wait. False when a batch was refused.
    bool waitForRoom();
    // Until every pushed batch is processed (or dropped after a refusal). False when one was refused.
    bool wait();
    // Calls `then` once every pushed batch is processed: at once when idle, else on the pool thread.
    void whenIdle(std::function<void()> then);

private:
    void run();

    QThreadPool *m_pool;
    qsizetype m_maxQueued;
    Process m_process;
    std::function<void()> m_onRoom;
    std::function<void()> m_whenIdle;
    QMutex m_mutex;
    QWaitCondition m_changed;
    std::deque<QByteArray> m_queue;
    std::vector<QByteArray> m_spare;
    qsizetype m_queued = 0; // bytes pushed and not yet processed
    bool m_running = false;
    bool m_refused = false;
    bool m_roomWanted = false; // hasRoom() said no: call m_onRoom when there is
};
