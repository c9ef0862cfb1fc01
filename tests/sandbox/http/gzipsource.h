#pragma once

#include "http/bodysource.h"

#include <QByteArray>

#include <memory>

struct z_stream_s;

// Gzip-encodes another source while it is read (zlib, fastest level: the sandbox must not be the bottleneck).
// Its size is unknown in advance, so responses using it are sent chunked.
class GzipSource : public BodySource
{
public:
    explicit GzipSource(std::unique_ptr<BodySource> inner);
    ~GzipSource() override;

    qint64 size() const override { return -1; }
    qint64 read(char *dst, qint64 max) override;

private:
    std::unique_ptr<BodySource> m_inner;
    std::unique_ptr<z_stream_s> m_zs;
    QByteArray m_input;
    bool m_innerDone = false;
    bool m_finished = false;
};
