#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;

// A tiny HTTP/1.1 server on loopback for one job's unit test: canned answers per path, with the faults a
// download must survive (a dropped or stalled connection, a server that ignores Range, gzip, redirects).
// Every answer closes its connection. Records each request so tests can assert what the client sent.
// The end-to-end tests use ferry-sandbox instead; this stays small on purpose.
class CannedHttpServer : public QObject
{
    Q_OBJECT

public:
    struct Reply
    {
        Reply(int status_ = 200, const QList<QPair<QByteArray, QByteArray>> &headers_ = {},
              const QByteArray &body_ = {})
            : status(status_)
            , headers(headers_)
            , body(body_)
        {
        }

        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers; // sent as given (Content-Length is added)
        QByteArray body;
        bool ranges = false; // honour "Range: bytes=N-" (206, 416) and If-Range against etag/lastModified
        QByteArray etag;     // sent as ETag when set
        QByteArray lastModified;
        bool gzip = false;      // gzip the body when the request accepts it
        qint64 dropAfter = -1;  // close the connection after this many body bytes
        qint64 stallAfter = -1; // send this many body bytes, then nothing (the connection stays open)
    };

    struct Request
    {
        QByteArray method;
        QByteArray path;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray header(const QByteArray &name) const;
        bool hasHeader(const QByteArray &name) const;
    };

    explicit CannedHttpServer(QObject *parent = nullptr);
    bool listen();
    QUrl url(const QString &path) const;

    // Requests for `path` get these replies in turn; the last one repeats.
    void route(const QByteArray &path, const QList<Reply> &replies);
    const QList<Request> &requests() const { return m_requests; }
    void clearRequests() { m_requests.clear(); }

    static QByteArray gzip(const QByteArray &data);

signals:
    void requestArrived();

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const Request &request);

    QTcpServer m_server;
    QHash<QByteArray, QList<Reply>> m_routes;
    QHash<QByteArray, int> m_served;
    QList<Request> m_requests;
};
