#include "http/gzipsource.h"

#include <zlib.h>

namespace {
constexpr qsizetype kInputChunk = 256 * 1024;
constexpr int kGzipWindowBits = 15 + 16; // 15-bit window, +16 selects the gzip wrapper instead of zlib's
} // namespace

GzipSource::GzipSource(std::unique_ptr<BodySource> inner)
    : m_inner(std::move(inner))
    , m_zs(std::make_unique<z_stream_s>())
    , m_input(kInputChunk, Qt::Uninitialized)
{
    *m_zs = z_stream_s{};
    if (deflateInit2(m_zs.get(), Z_BEST_SPEED, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        qFatal("ferry-sandbox: zlib deflateInit2 failed");
    }
}

GzipSource::~GzipSource()
{
    deflateEnd(m_zs.get());
}

qint64 GzipSource::read(char *dst, qint64 max)
{
    if (m_finished || max <= 0) {
        return 0;
    }
    z_stream_s *zs = m_zs.get();
    zs->next_out = reinterpret_cast<Bytef *>(dst);
    zs->avail_out = static_cast<uInt>(std::min<qint64>(max, 1 << 30));
    const uInt outStart = zs->avail_out;
    while (zs->avail_out > 0 && !m_finished) {
        if (zs->avail_in == 0 && !m_innerDone) {
            const qint64 n = m_inner->read(m_input.data(), m_input.size());
            if (n <= 0) {
                m_innerDone = true;
            } else {
                zs->next_in = reinterpret_cast<Bytef *>(m_input.data());
                zs->avail_in = static_cast<uInt>(n);
            }
        }
        const int rc = deflate(zs, m_innerDone ? Z_FINISH : Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            m_finished = true;
        } else if (rc == Z_BUF_ERROR) {
            // No progress possible: either we need more input (loop reads it) or more output room (return).
            if (zs->avail_in != 0 || m_innerDone) {
                break;
            }
        } else if (rc != Z_OK) {
            qFatal("ferry-sandbox: zlib deflate failed (%d)", rc);
        }
    }
    return static_cast<qint64>(outStart - zs->avail_out);
}
