#include "export/ndjsonsource.h"

#include <algorithm>
#include <cstring>

NdjsonSource::NdjsonSource(std::shared_ptr<const FileContent> content,
                           std::shared_ptr<const FileContent::Layout> layout, qint64 start, qint64 length)
    : m_content(std::move(content))
    , m_length(length)
    , m_remaining(length)
{
    if (length <= 0) {
        return;
    }
    // The last checkpoint at or before start (start < totalBytes because length > 0).
    const auto it = std::upper_bound(layout->checkpoints.begin(), layout->checkpoints.end(), start);
    const auto k = static_cast<size_t>(std::distance(layout->checkpoints.begin(), it)) - 1;
    qint64 offset = layout->checkpoints[k];
    m_nextLine = static_cast<qint64>(k) * FileContent::Layout::kStride;
    // Render whole lines until the one containing `start`, then drop its leading bytes.
    while (true) {
        m_pending.clear();
        m_content->appendLine(m_nextLine++, m_pending);
        const auto size = static_cast<qint64>(m_pending.size());
        if (offset + size > start) {
            m_pendingPos = static_cast<size_t>(start - offset);
            break;
        }
        offset += size;
    }
}

void NdjsonSource::fill(qint64 want)
{
    if (m_pendingPos > 0) {
        m_pending.erase(0, m_pendingPos);
        m_pendingPos = 0;
    }
    const qint64 lines = m_content->lineCount();
    while (static_cast<qint64>(m_pending.size()) < want && m_nextLine < lines) {
        m_content->appendLine(m_nextLine++, m_pending);
    }
}

qint64 NdjsonSource::read(char *dst, qint64 max)
{
    const qint64 want = std::min(max, m_remaining);
    if (want <= 0) {
        return 0;
    }
    if (static_cast<qint64>(m_pending.size() - m_pendingPos) < want) {
        fill(want);
    }
    const qint64 n = std::min<qint64>(want, static_cast<qint64>(m_pending.size() - m_pendingPos));
    std::memcpy(dst, m_pending.data() + m_pendingPos, static_cast<size_t>(n));
    m_pendingPos += static_cast<size_t>(n);
    m_remaining -= n;
    return n;
}
