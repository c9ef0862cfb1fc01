#include "cannedhttpserver.h"

#include <QTcpSocket>

#include <zlib.h>

namespace {

QPair<QByteArray, QByteArray> header(const char *name, const QByteArray &value)
{
    return {QByteArray(name), value};
}

} // namespace

CannedHttpServer::CannedHttpServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &CannedHttpServer::onNewConnection);
}

bool CannedHttpServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl CannedHttpServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
}

void CannedHttpServer::route(const QByteArray &path, const QList<Reply> &replies)
{
    m_routes.insert(path, replies);
    m_served.remove(path);
}

QByteArray CannedHttpServer::Request::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

bool CannedHttpServer::Request::hasHeader(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

QByteArray CannedHttpServer::gzip(const QByteArray &data)
{
    z_stream z{};
    if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return {};
    }
    QByteArray out(static_cast<qsizetype>(deflateBound(&z, static_cast<uLong>(data.size()))), Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.truncate(static_cast<qsizetype>(z.total_out));
    deflateEnd(&z);
    return out;
}

void CannedHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void CannedHttpServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        socket->setProperty("buffer", buffer);
        return;
    }
    socket->setProperty("buffer", QByteArray());
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    Request request;
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    request.method = first.value(0);
    request.path = first.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0) {
            request.headers.append({lines.at(i).left(colon).trimmed(), lines.at(i).mid(colon + 1).trimmed()});
        }
    }
    m_requests.append(request);
    answer(socket, request);
    emit requestArrived();
}

void CannedHttpServer::answer(QTcpSocket *socket, const Request &request)
{
    const QList<Reply> replies = m_routes.value(request.path);
    Reply reply;
    if (replies.isEmpty()) {
        reply.status = 404;
        reply.body = "no route";
    } else {
        int &served = m_served[request.path];
        reply = replies.at(std::min<qsizetype>(served, replies.size() - 1));
        ++served;
    }

    int status = reply.status;
    QByteArray body = reply.body;
    QList<QPair<QByteArray, QByteArray>> headers = reply.headers;
    if (!reply.etag.isEmpty()) {
        headers.append(header("ETag", reply.etag));
    }
    if (!reply.lastModified.isEmpty()) {
        headers.append(header("Last-Modified", reply.lastModified));
    }
    const QByteArray range = request.header("Range");
    const QByteArray ifRange = request.header("If-Range");
    const bool validatorMatches = ifRange.isEmpty() || ifRange == reply.etag || ifRange == reply.lastModified;
    if (reply.ranges) {
        headers.append(header("Accept-Ranges", "bytes"));
    }
    if (reply.ranges && status == 200 && range.startsWith("bytes=") && range.endsWith('-') && validatorMatches) {
        const qint64 from = range.mid(6, range.size() - 7).toLongLong();
        if (from >= body.size()) {
            status = 416;
            headers.append(header("Content-Range", "bytes */" + QByteArray::number(body.size())));
            body.clear();
        } else {
            status = 206;
            headers.append(header("Content-Range", "bytes " + QByteArray::number(from) + '-' +
                                                       QByteArray::number(body.size() - 1) + '/' +
                                                       QByteArray::number(body.size())));
            body = body.mid(from);
        }
    }
    if (reply.gzip && request.header("Accept-Encoding").contains("gzip")) {
        body = gzip(body);
        headers.append(header("Content-Encoding", "gzip"));
    }

    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + " Canned\r\n";
    for (const auto &[name, value] : std::as_const(headers)) {
        head += name + ": " + value + "\r\n";
    }
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
    socket->write(head);
    if (reply.stallAfter >= 0) {
        socket->write(body.left(reply.stallAfter));
        return;
    }
    if (reply.dropAfter >= 0) {
        socket->write(body.left(reply.dropAfter));
        socket->disconnectFromHost();
        return;
    }
    socket->write(body);
    socket->disconnectFromHost();
}
