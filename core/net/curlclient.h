#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <curl/curl.h>

#include <chrono>
#include <unordered_map>

class CurlExchange;
class QNetworkRequest;
class QSocketNotifier;

// Ferry's client for file downloads: libcurl's multi interface driven by the Qt event loop of the thread it lives
// in (a QSocketNotifier per socket curl watches, one QTimer for curl's timeouts), with keep-alive connections
// shared by every transfer it carries. Measured in bench_export: QNetworkAccessManager in Qt 6.4 reads every
// byte of a response's headers with its own read() call and hops to its own thread for each reply, which made
// an export of 10,000 small files cost five times the CPU of curl; libcurl reads in large blocks on this thread.
//
// It follows no redirects, verifies TLS peers and host names (failures are fatal), speaks http and https only,
// and decodes gzip/deflate unless the request names its own Accept-Encoding. Exchanges are its children: it
// must outlive the jobs that use it (a deleted client deletes its exchanges, which their QPointers notice).
class CurlClient : public QObject
{
    Q_OBJECT

public:
    explicit CurlClient(QObject *parent = nullptr);
    ~CurlClient() override;

    // Starts the request. The exchange reports through its signals, never before this returns; the caller
    // deletes it (deleteLater) once it has finished. `bufferSize` bounds each read; `stallTimeout` ends a
    // transfer that receives nothing for that long.
    CurlExchange *send(const QByteArray &method, const QNetworkRequest &request, const QByteArray &body,
                       qint64 bufferSize, std::chrono::milliseconds stallTimeout);

    // For CurlExchange: take a transfer out of the multi handle. Inside curl's callbacks this is deferred until
    // curl returns; the exchange learns the outcome through finish().
    void cancel(CurlExchange *exchange);
    // Lets a paused transfer go on; curl may deliver the chunk it held before this returns.
    void unpause(CurlExchange *exchange);
    bool insideCurl() const { return m_depth > 0; }
    void detach(CurlExchange *exchange);

private:
    static int onSocketRequest(CURL *easy, curl_socket_t socket, int what, void *client, void *socketData);
    static int onTimerRequest(CURLM *multi, long timeoutMs, void *client);
    void watch(curl_socket_t socket, int what);
    void act(curl_socket_t socket, int flags);
    void reap();

    struct Watch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
    };

    CURLM *m_multi = nullptr;
    QTimer m_timer;
    std::unordered_map<curl_socket_t, Watch> m_watches;
    QList<QPointer<CurlExchange>> m_cancelled; // asked for inside a callback
    int m_depth = 0;
};
