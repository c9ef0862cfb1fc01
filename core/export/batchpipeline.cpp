#include "export/batchpipeline.h"

#include <QThreadPool>

BatchPipeline::BatchPipeline(QThreadPool *pool, qsizetype maxQueued, Process process, std::function<void()> onRoom)
    : m_pool(pool)
    , m_maxQueued(maxQueued)
    , m_process(std::move(process))
    , m_onRoom(std::move(onRoom))
{
}

BatchPipeline::~BatchPipeline()
{
    wait();
}

QByteArray BatchPipeline::recycled()
{
    QMutexLocker lock(&m_mutex);
    if (m_spare.empty()) {
        return {};
    }
    QByteArray buffer = std::move(m_spare.back());
    m_spare.pop_back();
    return buffer;
}

bool BatchPipeline::hasRoom()
{
    QMutexLocker lock(&m_mutex);
    m_roomWanted = m_queued >= m_maxQueued;
    return !m_roomWanted;
}

bool BatchPipeline::waitForRoom()
{
    QMutexLocker lock(&m_mutex);
    while (!m_refused && m_queued >= m_maxQueued) {
        m_changed.wait(&m_mutex);
    }
    return !m_refused;
}

bool BatchPipeline::push(QByteArray batch)
{
    QMutexLocker lock(&m_mutex);
    if (m_refused) {
        return false;
    }
    m_queued += batch.size();
    m_queue.push_back(std::move(batch));
    if (!m_running) {
        m_running = true;
        m_pool->start([this] { run(); });
    }
    return true;
}

bool BatchPipeline::wait()
{
    QMutexLocker lock(&m_mutex);
    while (m_running) {
        m_changed.wait(&m_mutex);
    }
    return !m_refused;
}

void BatchPipeline::whenIdle(std::function<void()> then)
{
    QMutexLocker lock(&m_mutex);
    if (m_running) {
        m_whenIdle = std::move(then);
        return;
    }
    lock.unlock();
    then();
}

void BatchPipeline::run()
{
    QMutexLocker lock(&m_mutex);
    while (!m_queue.empty() && !m_refused) {
        QByteArray batch = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();
        const bool ok = m_process(batch);
        lock.relock();
        m_queued -= batch.size();
        if (m_spare.empty()) {
            batch.resize(0); // keeps the allocation
            m_spare.push_back(std::move(batch));
        }
        m_refused = !ok;
        m_changed.wakeAll();
        if (m_roomWanted && (m_refused || m_queued < m_maxQueued) && m_onRoom) {
            m_roomWanted = false;
            m_onRoom();
        }
    }
    m_queue.clear();
    m_queued = 0;
    m_running = false;
    m_changed.wakeAll();
    if (const auto then = std::exchange(m_whenIdle, {})) {
        then();
    }
}
