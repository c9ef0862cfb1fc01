#include "http/httpparser.h"

namespace {

QByteArray percentDecodePath(const QByteArray &raw)
{
    return QByteArray::fromPercentEncoding(raw);
}

bool isToken(const QByteArray &s)
{
    if (s.isEmpty()) {
        return false;
    }
    for (const char c : s) {
        if (c <= 32 || c >= 127 || c == ':' || c == '(' || c == ')' || c == ',' || c == '/' || c == '"') {
            return false;
        }
    }
    return true;
}

} // namespace

HttpParser::Result HttpParser::parse(QByteArray &buffer)
{
    if (!m_haveHead) {
        const Result head = parseHead(buffer);
        if (head != Result::Complete) {
            return head;
        }
    }
    if (buffer.size() < m_bodyLength) {
        return Result::NeedMore;
    }
    m_request.body = buffer.left(m_bodyLength);
    buffer.remove(0, m_bodyLength);
    return Result::Complete;
}

HttpParser::Result HttpParser::parseHead(QByteArray &buffer)
{
    // Tolerate stray CRLFs between pipelined requests (RFC 9112 §2.2).
    while (buffer.startsWith("\r\n")) {
        buffer.remove(0, 2);
    }
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        return buffer.size() > kMaxHeadBytes ? fail(431) : Result::NeedMore;
    }
    if (end > kMaxHeadBytes) {
        return fail(431);
    }
    const QByteArray head = buffer.left(end);
    buffer.remove(0, end + 4);

    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !isToken(requestLine[0]) || !requestLine[1].startsWith('/')) {
        return fail(400);
    }
    m_request = HttpRequest{};
    m_request.method = requestLine[0];
    m_request.target = requestLine[1];
    m_request.version = requestLine[2];
    if (m_request.version != "HTTP/1.1" && m_request.version != "HTTP/1.0") {
        return fail(505);
    }
    const qsizetype q = m_request.target.indexOf('?');
    m_request.path = percentDecodePath(q < 0 ? m_request.target : m_request.target.left(q));
    m_request.query = q < 0 ? QByteArray() : m_request.target.mid(q + 1);

    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines[i];
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.left(colon))) {
            return fail(400);
        }
        m_request.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    if (m_request.version == "HTTP/1.1" && !m_request.hasHeader("Host")) {
        return fail(400);
    }
    if (m_request.hasHeader("Transfer-Encoding")) {
        return fail(411);
    }
    m_bodyLength = 0;
    const QByteArray length = m_request.header("Content-Length");
    if (!length.isNull()) {
        bool ok = false;
        m_bodyLength = length.toLongLong(&ok);
        if (!ok || m_bodyLength < 0) {
            return fail(400);
        }
        if (m_bodyLength > kMaxBodyBytes) {
            return fail(413);
        }
    }
    m_expectContinue = m_bodyLength > 0 && m_request.header("Expect").toLower() == "100-continue";
    m_haveHead = true;
    return Result::Complete;
}

HttpRequest HttpParser::takeRequest()
{
    HttpRequest request = std::move(m_request);
    m_request = HttpRequest{};
    m_haveHead = false;
    m_bodyLength = 0;
    m_expectContinue = false;
    return request;
}

bool HttpParser::wantsContinue()
{
    const bool want = m_expectContinue;
    m_expectContinue = false;
    return want;
}

HttpParser::Result HttpParser::fail(int status)
{
    m_errorStatus = status;
    return Result::Error;
}
