#include "export/directappender.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

void DirectAppender::FreeAligned::operator()(char *p) const
{
    std::free(p);
}

DirectAppender::DirectAppender() = default;

DirectAppender::~DirectAppender()
{
    if (m_directFd >= 0) {
        ::close(m_directFd);
    }
}

bool DirectAppender::start(const char *path, int bufferedFd, qint64 offset)
{
#ifdef O_DIRECT
    const int fd = ::open(path, O_WRONLY | O_DIRECT | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    if (!m_staging) {
        m_staging.reset(static_cast<char *>(std::aligned_alloc(kAlignment, kStaging)));
        if (!m_staging) {
            ::close(fd);
            return false;
        }
    }
    m_directFd = fd;
    m_bufferedFd = bufferedFd;
    m_offset = offset;
    m_stagedSize = 0;
    return true;
#else
    Q_UNUSED(path)
    Q_UNUSED(bufferedFd)
    Q_UNUSED(offset)
    return false;
#endif
}

bool DirectAppender::writeBuffered(const char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t n = ::pwrite(m_bufferedFd, data, static_cast<size_t>(size), m_offset);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        data += n;
        size -= n;
        m_offset += n;
    }
    return true;
}

bool DirectAppender::writeStaged(qint64 size)
{
    // `size` is a multiple of kAlignment and m_offset is aligned.
    qint64 done = 0;
    while (done < size && m_directFd >= 0) {
        const ssize_t n = ::pwrite(m_directFd, m_staging.get() + done, static_cast<size_t>(size - done), m_offset);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && errno != EINVAL) {
            return false;
        }
        if (n < 0 || n % kAlignment != 0) {
            // Refused after all (EINVAL), or a short write that left us unaligned: ordinary writes from here on.
            ::close(m_directFd);
            m_directFd = -1;
            if (n > 0) {
                done += n;
                m_offset += n;
            }
            break;
        }
        done += n;
        m_offset += n;
    }
    if (done < size && !writeBuffered(m_staging.get() + done, size - done)) {
        return false;
    }
    const qint64 rest = m_stagedSize - size;
    std::memmove(m_staging.get(), m_staging.get() + size, static_cast<size_t>(rest));
    m_stagedSize = rest;
    return true;
}

bool DirectAppender::append(QByteArrayView bytes)
{
    const char *data = bytes.data();
    qint64 size = bytes.size();
    while (size > 0) {
        if (m_directFd < 0) {
            return writeBuffered(data, size);
        }
        if (m_stagedSize == 0 && m_offset % kAlignment != 0) {
            // Up to the next block boundary through the page cache.
            const qint64 head = std::min(size, kAlignment - m_offset % kAlignment);
            if (!writeBuffered(data, head)) {
                return false;
            }
            data += head;
            size -= head;
            continue;
        }
        const qint64 n = std::min(size, kStaging - m_stagedSize);
        std::memcpy(m_staging.get() + m_stagedSize, data, static_cast<size_t>(n));
        m_stagedSize += n;
        data += n;
        size -= n;
        if (m_stagedSize == kStaging && !writeStaged(kStaging)) {
            return false;
        }
    }
    return true;
}

bool DirectAppender::finish()
{
    bool ok = true;
    if (m_stagedSize > 0) {
        const qint64 aligned = m_stagedSize - m_stagedSize % kAlignment;
        ok = (aligned == 0 || writeStaged(aligned)) && writeBuffered(m_staging.get(), m_stagedSize);
        m_stagedSize = 0;
    }
    if (m_directFd >= 0) {
        ::close(m_directFd);
        m_directFd = -1;
    }
    return ok;
}
