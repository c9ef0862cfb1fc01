#pragma once

#include "net/httpexchange.h"

#include <curl/curl.h>

#include <chrono>

class CurlClient;
class QNetworkRequest;

// One request carried by CurlClient: an easy handle configured from the QNetworkRequest that RequestFactory
// built (its URL and every raw header, nothing else), headers collected from curl's header callback (the final
// response's only, after any 1xx), the body pushed out as curl hands it over.
//
// abort() inside one of curl's callbacks (a chunk that failed verification, a full disk) cannot take the handle
// out of the multi handle there; the exchange then refuses the next bytes, curl ends the transfer, and finished()
// follows once curl has returned.
class CurlExchange : public HttpExchange
{
    Q_OBJECT

public:
    CurlExchange(CurlClient *client, const QByteArray &method, const QNetworkRequest &request, const QByteArray &body,
                 qint64 bufferSize, std::chrono::milliseconds stallTimeout);
    ~CurlExchange() override;

    void abort() override;
    void setPaused(bool paused) override;

    CURL *easy() const { return m_easy; }
    bool isRunning() const { return m_running; }
    void setRunning(bool running) { m_running = running; }
    // Called once by CurlClient when the transfer ended (CURLE_ABORTED_BY_CALLBACK after a cancel).
    void finish(CURLcode result);

private:
    static size_t onHeader(char *data, size_t size, size_t count, void *exchange);
    static size_t onBody(char *data, size_t size, size_t count, void *exchange);
    size_t headerLine(QByteArrayView line);

    CurlClient *m_client;
    CURL *m_easy = nullptr;
    curl_slist *m_requestHeaders = nullptr;
    QByteArray m_body;
    char m_errorBuffer[CURL_ERROR_SIZE] = {};
    bool m_headed = false;
    bool m_running = false;
    bool m_aborted = false;
    bool m_done = false;
    bool m_pauseWanted = false;
    bool m_paused = false; // curl holds a chunk we refused with CURL_WRITEFUNC_PAUSE
};
