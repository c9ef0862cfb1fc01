#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpSocket>
#include <QUrl>

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// One HTTP/1.1 response as it came off the wire: framing removed (chunked or Content-Length), content coding
// (gzip) left alone so tests can check the exact bytes.
struct RawResponse
{
    int status = 0;
    HeaderList headers;
    QByteArray body;
    bool complete = false; // the body ended as its framing said (false: the connection closed early)
    bool chunked = false;
    bool timedOut = false;

    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
};

// A deliberately small HTTP/1.1 client over QTcpSocket for the sandbox's self-tests: one keep-alive connection
// (reopened when the server closes it), raw headers in and out, nothing decoded behind the test's back.
// Waits with QSignalSpy::wait (signals, no fixed sleeps).
class RawHttpClient : public QObject
{
    Q_OBJECT
public:
    explicit RawHttpClient(const QUrl &origin, QObject *parent = nullptr);

    RawResponse request(const QByteArray &method, const QByteArray &target, const HeaderList &headers = {},
                        const QByteArray &body = {}, int timeoutMs = 30000);
    RawResponse get(const QByteArray &target, const HeaderList &headers = {})
    {
        return request("GET", target, headers);
    }
    // Writes bytes as they are (pipelining, malformed requests) and reads `count` responses.
    QList<RawResponse> sendRaw(const QByteArray &bytes, int count, bool headResponses = false, int timeoutMs = 30000);
    int connectionsOpened() const { return m_opened; }
    void close();

    // Path + query of an absolute URL (for following Content-Location and manifest links).
    static QByteArray target(const QByteArray &absoluteUrl);
    static QByteArray gunzip(const QByteArray &gz, bool *ok = nullptr);

signals:
    void progressed();

private:
    bool ensureConnected(int timeoutMs);
    bool parse(bool head, bool closed);
    RawResponse waitForResponse(bool head, int timeoutMs);

    QUrl m_origin;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    RawResponse m_current;
    bool m_closed = false;
    int m_opened = 0;
};
