#include "selftest/rawhttpclient.h"

#include <QSignalSpy>

#include <zlib.h>

QByteArray RawResponse::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (name.compare(h.first, Qt::CaseInsensitive) == 0) {
            return h.second;
        }
    }
    return {};
}

bool RawResponse::hasHeader(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (name.compare(h.first, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

RawHttpClient::RawHttpClient(const QUrl &origin, QObject *parent)
    : QObject(parent)
    , m_origin(origin)
{
    connect(&m_socket, &QTcpSocket::readyRead, this, [this] {
        m_buffer += m_socket.readAll();
        emit progressed();
    });
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
        m_closed = true;
        emit progressed();
    });
}

void RawHttpClient::close()
{
    m_socket.abort();
    m_buffer.clear();
}

bool RawHttpClient::ensureConnected(int timeoutMs)
{
    if (m_socket.state() == QAbstractSocket::ConnectedState && !m_closed) {
        return true;
    }
    m_socket.abort();
    m_buffer.clear();
    m_closed = false;
    m_socket.connectToHost(m_origin.host(), static_cast<quint16>(m_origin.port()));
    if (m_socket.state() != QAbstractSocket::ConnectedState) {
        QSignalSpy connected(&m_socket, &QTcpSocket::connected);
        if (!connected.wait(timeoutMs)) {
            return false;
        }
    }
    ++m_opened;
    return true;
}

RawResponse RawHttpClient::request(const QByteArray &method, const QByteArray &target, const HeaderList &headers,
                                   const QByteArray &body, int timeoutMs)
{
    QByteArray raw = method + ' ' + target + " HTTP/1.1\r\nHost: " + m_origin.host().toLatin1() + ':' +
                     QByteArray::number(m_origin.port()) + "\r\n";
    bool hasLength = false;
    for (const auto &h : headers) {
        raw += h.first + ": " + h.second + "\r\n";
        hasLength = hasLength || h.first.compare("Content-Length", Qt::CaseInsensitive) == 0;
    }
    if (!body.isEmpty() && !hasLength) {
        raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    raw += "\r\n" + body;
    const QList<RawResponse> responses = sendRaw(raw, 1, method == "HEAD", timeoutMs);
    return responses.isEmpty() ? RawResponse{} : responses.first();
}

QList<RawResponse> RawHttpClient::sendRaw(const QByteArray &bytes, int count, bool headResponses, int timeoutMs)
{
    QList<RawResponse> out;
    if (!ensureConnected(timeoutMs)) {
        RawResponse failed;
        failed.timedOut = true;
        return {failed};
    }
    m_socket.write(bytes);
    for (int i = 0; i < count; ++i) {
        out.append(waitForResponse(headResponses, timeoutMs));
        if (out.last().timedOut || !out.last().complete) {
            break;
        }
    }
    return out;
}

RawResponse RawHttpClient::waitForResponse(bool head, int timeoutMs)
{
    m_current = RawResponse{};
    QSignalSpy spy(this, &RawHttpClient::progressed);
    while (!parse(head, m_closed)) {
        if (m_closed) {
            return m_current; // incomplete
        }
        if (!spy.wait(timeoutMs)) {
            m_current.timedOut = true;
            return m_current;
        }
    }
    if (m_current.header("Connection").toLower() == "close") {
        // The server will close; don't race its FIN with the next request.
        m_socket.abort();
        m_closed = true;
    }
    return m_current;
}

bool RawHttpClient::parse(bool head, bool closed)
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        return false;
    }
    const QList<QByteArray> lines = m_buffer.left(end).split('\n');
    RawResponse r;
    r.status = lines.first().split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        r.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    if (r.status == 100) {
        m_buffer.remove(0, end + 4);
        return parse(head, closed);
    }
    const QByteArray rest = m_buffer.mid(end + 4);
    qsizetype consumed = 0;
    const bool noBody = head || r.status == 204 || r.status == 304 || r.status < 200;
    if (noBody) {
        r.complete = true;
    } else if (r.header("Transfer-Encoding").toLower() == "chunked") {
        r.chunked = true;
        qsizetype pos = 0;
        while (true) {
            const qsizetype lineEnd = rest.indexOf("\r\n", pos);
            if (lineEnd < 0) {
                break;
            }
            const qint64 size = rest.mid(pos, lineEnd - pos).split(';').first().toLongLong(nullptr, 16);
            if (size == 0) {
                if (rest.size() >= lineEnd + 4) {
                    r.complete = true;
                    consumed = lineEnd + 4;
                }
                break;
            }
            if (rest.size() < lineEnd + 2 + size + 2) {
                break;
            }
            r.body += rest.mid(lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
    } else if (r.hasHeader("Content-Length")) {
        const qint64 length = r.header("Content-Length").toLongLong();
        r.body = rest.left(length);
        r.complete = rest.size() >= length;
        consumed = std::min<qint64>(length, rest.size());
    } else {
        r.body = rest; // delimited by close
        r.complete = closed;
        consumed = rest.size();
    }
    if (!r.complete && !closed) {
        return false;
    }
    m_current = r;
    m_buffer.remove(0, end + 4 + consumed);
    if (!r.complete) {
        m_buffer.clear();
    }
    return true;
}

QByteArray RawHttpClient::target(const QByteArray &absoluteUrl)
{
    const QUrl url(QString::fromUtf8(absoluteUrl));
    QByteArray t = url.path(QUrl::FullyEncoded).toUtf8();
    if (url.hasQuery()) {
        t += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    }
    return t;
}

QByteArray RawHttpClient::gunzip(const QByteArray &gz, bool *ok)
{
    z_stream zs{};
    QByteArray out;
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
        if (ok) {
            *ok = false;
        }
        return out;
    }
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(gz.constData()));
    zs.avail_in = static_cast<uInt>(gz.size());
    char buf[65536];
    int rc = Z_OK;
    while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef *>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        out.append(buf, static_cast<qsizetype>(sizeof buf - zs.avail_out));
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
            break;
        }
    }
    inflateEnd(&zs);
    if (ok) {
        *ok = rc == Z_STREAM_END;
    }
    return out;
}
