#pragma once

#include "http/bodysource.h"

#include <QByteArray>
#include <QList>
#include <QPair>

#include <memory>

// What a handler answers. Either a small in-memory body or a streaming BodySource; the connection adds
// Date, Server, Connection and the framing (Content-Length or chunked). Move-only because of the stream.
struct HttpResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    std::unique_ptr<BodySource> stream;

    bool chunked = false;          // frame the body with Transfer-Encoding: chunked even if its size is known
    bool closeConnection = false;  // send "Connection: close" and close after the body
    qint64 dropAfterBytes = -1;    // fault: stop and close the connection after this many body bytes
    qint64 dripBytesPerSecond = 0; // fault: send the body no faster than this
    qint64 rangeStart = -1;        // for the request log: first byte of a 206 body
    bool headOnly = false;         // HEAD request: send the head that GET would have sent, no body

    HttpResponse() = default;
    explicit HttpResponse(int statusCode);
    HttpResponse(HttpResponse &&) = default;
    HttpResponse &operator=(HttpResponse &&) = default;

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(QByteArrayView name) const;
    void removeHeader(QByteArrayView name);

    static HttpResponse json(int status, const QByteArray &body,
                             const QByteArray &contentType = QByteArrayLiteral("application/json"));
    static HttpResponse empty(int status);
    static QByteArray reasonPhrase(int status);
};
