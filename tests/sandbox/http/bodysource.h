#pragma once

#include <QtGlobal>

// A response body produced while it is sent. The connection pulls from it only when the socket has drained,
// so a source never needs to hold more than one read's worth of bytes: memory stays independent of body size.
// Sources are owned by the response that sends them and live only on the server's thread.
class BodySource
{
public:
    BodySource() = default;
    BodySource(const BodySource &) = delete;
    BodySource &operator=(const BodySource &) = delete;
    virtual ~BodySource() = default;

    // Exact number of bytes read() will produce in total, or -1 when unknown (then the body is sent chunked).
    virtual qint64 size() const = 0;
    // Writes up to max bytes into dst and returns how many; 0 means the body is complete.
    virtual qint64 read(char *dst, qint64 max) = 0;
};
