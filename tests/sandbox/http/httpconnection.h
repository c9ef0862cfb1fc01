#pragma once

#include "http/httpparser.h"
#include "http/httpresponse.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>

// One accepted TCP connection speaking HTTP/1.1 with keep-alive. Requests are handled one at a time (a pipelined
// request waits in the buffer until the previous response is on the wire). Streaming bodies are pulled from their
// BodySource only when the socket's write buffer drains (back-pressure), and the connection applies the
// response's fault knobs (drop after K bytes, drip at N bytes/s) so the router never touches sockets.
// Lives on the server's thread; deletes itself when the peer goes away.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    // Receives every complete request; whoever handles it must call respond() exactly once, now or later.
    using RequestHandler = std::function<void(HttpConnection *, HttpRequest)>;

    HttpConnection(QTcpSocket *socket, Origin origin, quint64 id, RequestHandler handler, QObject *parent);
    ~HttpConnection() override;

    // logTag is handed back in responseFinished so the server can complete its request-log entry.
    void respond(HttpResponse response, qint64 logTag);
    quint64 id() const { return m_id; }
    bool isBusy() const { return m_busy; }
    void closeNow();

signals:
    // Once per response: when its last body byte was handed to the socket, or when the connection ended first.
    void responseFinished(qint64 logTag, qint64 bodyBytes, bool complete);

private:
    void onReadyRead();
    void processBuffer();
    void pump();
    void finishResponse(bool complete);
    void onDisconnected();
    void writeHead(const HttpResponse &response, qint64 contentLength, bool chunked, bool keepAlive);
    void writeBody(const char *data, qint64 n);
    qint64 dripAllowance();

    QPointer<QTcpSocket> m_socket;
    Origin m_origin;
    quint64 m_id;
    RequestHandler m_handler;
    HttpParser m_parser;
    QByteArray m_inbox;
    QTimer m_idleTimer;
    QTimer m_dripTimer;
    QElapsedTimer m_dripClock;
    double m_dripBudget = 0;

    // The response being sent.
    bool m_busy = false;    // a request was handed out and not yet fully answered
    bool m_writing = false; // respond() was called and the response is on its way out
    std::unique_ptr<BodySource> m_stream;
    QByteArray m_chunk;
    qint64 m_logTag = -1;
    qint64 m_bodySent = 0;
    qint64 m_declared = -1; // Content-Length of the streamed body (-1: chunked)
    qint64 m_dropAfter = -1;
    qint64 m_dripRate = 0;
    bool m_chunked = false;
    bool m_closeAfter = false;
};
