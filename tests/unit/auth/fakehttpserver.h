#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QUrl>

#include <functional>

// A tiny HTTP/1.1 peer on 127.0.0.1 for auth tests: parses one request per connection (headers + Content-Length
// body), records it, answers with whatever the handler returns and closes. Real sockets, real QNetworkAccessManager.
class FakeHttpServer : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QByteArray path; // with query
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const;
        // application/x-www-form-urlencoded body as name → value (percent-decoded, '+' as space).
        QHash<QString, QString> form() const;
    };
    struct Reply
    {
        int status = 200;
        QByteArray body;
        QByteArray contentType = "application/json";
        QList<QPair<QByteArray, QByteArray>> headers;
    };
    using Handler = std::function<Reply(const Request &request)>;

    explicit FakeHttpServer(QObject *parent = nullptr);
    ~FakeHttpServer() override;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    QUrl url(const QByteArray &path) const;
    const QList<Request> &requests() const { return m_requests; }
    int count(const QByteArray &pathPrefix) const;

signals:
    void requestReceived();

private:
    void onConnection();

    QTcpServer m_server;
    Handler m_handler;
    QList<Request> m_requests;
};
