#pragma once

#include "http/httprequest.h"

#include <QByteArray>

// Incremental HTTP/1.1 request parser. Feed it the connection's receive buffer; it consumes exactly one request
// (head + Content-Length body) at a time, so pipelined requests stay in the buffer for the next call.
// Chunked request bodies are refused (411): no bulk-data client sends them.
class HttpParser
{
public:
    enum class Result { NeedMore, Complete, Error };

    static constexpr qsizetype kMaxHeadBytes = 64 * 1024;
    static constexpr qsizetype kMaxBodyBytes = 16 * 1024 * 1024;

    Result parse(QByteArray &buffer);
    // Valid after Complete; moves the request out and resets the parser.
    HttpRequest takeRequest();
    // Valid after Error: the status to answer with (400, 411, 413, 431, 505).
    int errorStatus() const { return m_errorStatus; }
    // True while a head announced "Expect: 100-continue" and the body has not arrived yet (answered once).
    bool wantsContinue();

private:
    Result parseHead(QByteArray &buffer);
    Result fail(int status);

    HttpRequest m_request;
    bool m_haveHead = false;
    qsizetype m_bodyLength = 0;
    bool m_expectContinue = false;
    int m_errorStatus = 0;
};
