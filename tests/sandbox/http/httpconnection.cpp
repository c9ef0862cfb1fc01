#include "http/httpconnection.h"

#include <QDateTime>
#include <QLocale>

namespace {
constexpr qint64 kChunkBytes = 256 * 1024;
constexpr qint64 kHighWaterBytes = 2 * 1024 * 1024;
constexpr int kIdleTimeoutMs = 120 * 1000;
constexpr int kDripTickMs = 20;

QByteArray httpDateNow()
{
    return QLocale::c()
        .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
        .toLatin1();
}
} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, Origin origin, quint64 id, RequestHandler handler, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_origin(origin)
    , m_id(id)
    , m_handler(std::move(handler))
    , m_chunk(kChunkBytes, Qt::Uninitialized)
{
    socket->setParent(this);
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, &HttpConnection::pump);
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(kIdleTimeoutMs);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        if (!m_busy) {
            closeNow();
        }
    });
    m_dripTimer.setInterval(kDripTickMs);
    connect(&m_dripTimer, &QTimer::timeout, this, &HttpConnection::pump);
    m_idleTimer.start();
    if (socket->bytesAvailable() > 0) {
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
    }
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::closeNow()
{
    if (m_socket) {
        m_socket->abort();
    }
}

void HttpConnection::onReadyRead()
{
    if (!m_socket) {
        return;
    }
    m_inbox.append(m_socket->readAll());
    m_idleTimer.start();
    processBuffer();
}

void HttpConnection::processBuffer()
{
    if (m_busy || !m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
        return;
    }
    const HttpParser::Result result = m_parser.parse(m_inbox);
    if (result == HttpParser::Result::NeedMore) {
        if (m_parser.wantsContinue()) {
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        }
        return;
    }
    m_busy = true;
    if (result == HttpParser::Result::Error) {
        HttpResponse r(m_parser.errorStatus());
        r.closeConnection = true;
        r.setHeader("Content-Type", "text/plain");
        r.body = HttpResponse::reasonPhrase(r.status) + '\n';
        respond(std::move(r), -1);
        return;
    }
    HttpRequest request = m_parser.takeRequest();
    request.origin = m_origin;
    request.connectionId = m_id;
    m_closeAfter = !request.keepAlive();
    m_handler(this, std::move(request));
}

void HttpConnection::respond(HttpResponse response, qint64 logTag)
{
    if (!m_busy || m_writing || !m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
        // The peer left while the request was being handled (e.g. a deferred answer): nothing to send.
        emit responseFinished(logTag, 0, false);
        return;
    }
    m_writing = true;
    m_logTag = logTag;
    m_bodySent = 0;
    m_closeAfter = m_closeAfter || response.closeConnection;
    m_dropAfter = response.dropAfterBytes;
    m_dripRate = response.dripBytesPerSecond;
    const bool noBody = response.status < 200 || response.status == 204 || response.status == 304;

    if (response.stream && !noBody) {
        const qint64 size = response.stream->size();
        m_chunked = response.chunked || size < 0;
        m_declared = m_chunked ? -1 : size;
        writeHead(response, m_chunked ? -1 : size, m_chunked, !m_closeAfter);
        if (response.headOnly) {
            finishResponse(true);
            return;
        }
        m_stream = std::move(response.stream);
        if (m_dripRate > 0) {
            m_dripBudget = 0;
            m_dripClock.start();
            m_dripTimer.start();
        }
        pump();
        return;
    }

    m_chunked = false;
    writeHead(response, noBody ? -1 : response.body.size(), false, !m_closeAfter);
    if (noBody || response.headOnly) {
        finishResponse(true);
        return;
    }
    // Small in-memory bodies still honour the fault knobs, so e.g. a drop can hit a manifest too.
    QByteArray body = response.body;
    if (m_dropAfter >= 0 && m_dropAfter < body.size()) {
        writeBody(body.constData(), m_dropAfter);
        m_closeAfter = true;
        finishResponse(false);
        return;
    }
    writeBody(body.constData(), body.size());
    finishResponse(true);
}

void HttpConnection::writeHead(const HttpResponse &response, qint64 contentLength, bool chunked, bool keepAlive)
{
    QByteArray head;
    head.reserve(512);
    head +=
        "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + HttpResponse::reasonPhrase(response.status) + "\r\n";
    head += "Date: " + httpDateNow() + "\r\nServer: ferry-sandbox\r\n";
    for (const auto &h : response.headers) {
        head += h.first + ": " + h.second + "\r\n";
    }
    if (chunked) {
        head += "Transfer-Encoding: chunked\r\n";
    } else if (contentLength >= 0) {
        head += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    }
    head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    m_socket->write(head);
}

void HttpConnection::writeBody(const char *data, qint64 n)
{
    if (n <= 0) {
        return;
    }
    if (m_chunked) {
        m_socket->write(QByteArray::number(n, 16) + "\r\n");
        m_socket->write(data, n);
        m_socket->write("\r\n", 2);
    } else {
        m_socket->write(data, n);
    }
    m_bodySent += n;
}

qint64 HttpConnection::dripAllowance()
{
    const qint64 elapsed = m_dripClock.restart();
    m_dripBudget = std::min(m_dripBudget + static_cast<double>(m_dripRate) * static_cast<double>(elapsed) / 1000.0,
                            static_cast<double>(std::max<qint64>(m_dripRate, 1)));
    return static_cast<qint64>(m_dripBudget);
}

void HttpConnection::pump()
{
    if (!m_stream || !m_socket) {
        return;
    }
    while (m_socket->bytesToWrite() < kHighWaterBytes) {
        qint64 want = kChunkBytes;
        if (m_dropAfter >= 0) {
            want = std::min(want, m_dropAfter - m_bodySent);
            if (want <= 0) {
                // The fault point: what was written so far reaches the client, then the connection ends early.
                m_closeAfter = true;
                finishResponse(false);
                return;
            }
        }
        if (m_dripRate > 0) {
            want = std::min(want, dripAllowance());
            if (want <= 0) {
                return; // the drip timer calls back
            }
        }
        if (m_declared >= 0) {
            want = std::min(want, m_declared - m_bodySent);
        }
        const qint64 n = want > 0 ? m_stream->read(m_chunk.data(), want) : 0;
        if (n <= 0) {
            if (m_chunked) {
                m_socket->write("0\r\n\r\n", 5);
            } else if (m_bodySent < m_declared) {
                // A source that ends before its declared size would leave the client waiting forever: close.
                qWarning("ferry-sandbox: body ended after %lld of %lld bytes; closing the connection", m_bodySent,
                         m_declared);
                m_closeAfter = true;
                finishResponse(false);
                return;
            }
            finishResponse(true);
            return;
        }
        if (m_dripRate > 0) {
            m_dripBudget -= static_cast<double>(n);
        }
        writeBody(m_chunk.constData(), n);
    }
}

void HttpConnection::finishResponse(bool complete)
{
    m_stream.reset();
    m_dripTimer.stop();
    m_busy = false;
    m_writing = false;
    const qint64 tag = m_logTag;
    m_logTag = -1;
    emit responseFinished(tag, m_bodySent, complete);
    m_idleTimer.start();
    if (m_closeAfter) {
        // Graceful: everything queued is still delivered, then FIN. A dropped body thus ends at exactly K bytes.
        if (m_socket) {
            m_socket->disconnectFromHost();
        }
        return;
    }
    if (!m_inbox.isEmpty()) {
        QMetaObject::invokeMethod(this, &HttpConnection::processBuffer, Qt::QueuedConnection);
    }
}

void HttpConnection::onDisconnected()
{
    if (m_writing) {
        const qint64 pending = m_socket ? m_socket->bytesToWrite() : 0;
        m_writing = false;
        m_stream.reset();
        m_dripTimer.stop();
        emit responseFinished(m_logTag, std::max<qint64>(0, m_bodySent - pending), false);
    }
    m_busy = false;
    deleteLater();
}
