#include "fakehttpserver.h"

#include <QTcpSocket>
#include <QUrlQuery>

#include <algorithm>
#include <memory>

QByteArray FakeHttpServer::Request::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

QHash<QString, QString> FakeHttpServer::Request::form() const
{
    QHash<QString, QString> out;
    const QList<QByteArray> pairs = body.split('&');
    for (const QByteArray &pair : pairs) {
        const qsizetype eq = pair.indexOf('=');
        if (eq < 0) {
            continue;
        }
        auto decode = [](QByteArray text) {
            return QString::fromUtf8(QByteArray::fromPercentEncoding(text.replace('+', ' ')));
        };
        out.insert(decode(pair.left(eq)), decode(pair.mid(eq + 1)));
    }
    return out;
}

FakeHttpServer::FakeHttpServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeHttpServer::onConnection);
    m_server.listen(QHostAddress::LocalHost);
}

FakeHttpServer::~FakeHttpServer() = default;

QUrl FakeHttpServer::url(const QByteArray &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()) + QString::fromLatin1(path));
}

int FakeHttpServer::count(const QByteArray &pathPrefix) const
{
    return static_cast<int>(std::count_if(m_requests.cbegin(), m_requests.cend(),
                                          [&](const Request &r) { return r.path.startsWith(pathPrefix); }));
}

void FakeHttpServer::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            *buffer += socket->readAll();
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0) {
                return;
            }
            Request request;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.path = first.value(1);
            qsizetype length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon > 0) {
                    request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
                }
            }
            length = request.header("Content-Length").toLongLong();
            if (buffer->size() < end + 4 + length) {
                return;
            }
            request.body = buffer->mid(end + 4, length);
            buffer->clear();
            m_requests.append(request);
            const Reply reply = m_handler ? m_handler(request) : Reply{404, {}, "text/plain", {}};
            QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + " X\r\n";
            if (!reply.contentType.isEmpty()) {
                out += "Content-Type: " + reply.contentType + "\r\n";
            }
            for (const auto &[name, value] : reply.headers) {
                out += name + ": " + value + "\r\n";
            }
            out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\nConnection: close\r\n\r\n";
            out += reply.body;
            socket->write(out);
            socket->disconnectFromHost();
            emit requestReceived();
        });
    }
}
