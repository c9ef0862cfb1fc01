#pragma once

#include "net/httpfailure.h"
#include "net/httpresponse.h"
#include "net/requestfactory.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>

class Clock;
class CurlClient;
class HttpExchange;
class HttpTrace;
class QNetworkAccessManager;
class RateLimiter;

// What the jobs of one export share. Owned by whoever runs the export; outlives its jobs.
struct NetworkContext
{
    QNetworkAccessManager *nam = nullptr;
    RequestFactory *factory = nullptr;
    RateLimiter *limiter = nullptr; // optional: the profile's request budget (FHIR origin only)
    const Clock *clock = nullptr;
    HttpTrace *trace = nullptr;  // optional: a redacted record of every exchange (support bundles)
    CurlClient *files = nullptr; // optional: carries the file downloads (RequestRole::File) instead of `nam`
};

// The mechanics every protocol step shares: authorize, respect the request budget, send, follow redirects by
// hand (dropping credentials when the origin changes, refusing https→http), re-authenticate once after a 401,
// and classify what went wrong. Subclasses describe the request and turn the outcome into their own single
// terminal signal carrying a value result (STYLE rule 4); no QNetworkReply ever leaves this class.
//
// A job runs once: start(), then exactly one call of succeeded() or failed() (also after abort(), which reports
// Kind::Cancelled). The job owns its HttpExchange and releases it with deleteLater() when it finishes.
//
// failed() may run synchronously inside failLocally() (QNetworkReply::abort() emits finished() at once; curl's
// transfers end once curl returns), so a streaming hook that calls failLocally() must return straight after it
// without touching its own state.
class NetworkJob : public QObject
{
    Q_OBJECT

public:
    NetworkJob(const NetworkContext &context, RequestRole role, const QString &operation, QObject *parent = nullptr);
    ~NetworkJob() override;

    void start();
    void abort();
    bool isActive() const { return m_active; }
    QUrl url() const { return m_url; }

protected:
    void setRequest(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                    const QByteArray &contentType = {});
    // Extra request headers, kept across redirects (Range, If-Range, Prefer, …).
    void setHeader(const QByteArray &name, const QByteArray &value);
    void removeHeader(const QByteArray &name);
    void setCredentialsAllowed(bool allowed) { m_credentialsAllowed = allowed; }
    // Streamed jobs get their 2xx body through bodyChunk() as it arrives, with a bounded read buffer.
    void setStreaming(qint64 readBufferSize);

    // Called by start() before anything is sent; the default sends at once. A subclass with work to do first
    // (open files, re-read a partial download) overrides it and later calls proceed(), or failLocally() to end
    // the job. Until then the job is active: abort() ends it with Kind::Cancelled and proceed() does nothing.
    virtual void prepare() { proceed(); }
    void proceed();

    virtual void responseStarted(const HttpResponse &head) { Q_UNUSED(head) }
    virtual void bodyChunk(QByteArrayView chunk) { Q_UNUSED(chunk) }
    virtual void succeeded(const HttpResponse &response) = 0;
    virtual void failed(const HttpFailure &failure) = 0;

    // From a streaming hook: stop the transfer and report a Local failure (disk full, …). Before a request is
    // under way (prepare(), waiting for a token) it ends the job at once with that failure.
    void failLocally(const QString &message);
    // From a streaming hook: hold the transfer back until unpaused (a consumer that fell behind).
    void setPaused(bool paused);
    HttpFailure makeFailure(HttpFailure::Kind kind, const QString &detail) const;
    const NetworkContext &context() const { return m_context; }
    const QString &operation() const { return m_operation; }

private:
    void authorizeAndSend();
    void send();
    void onHeadersReceived();
    void onBodyData(QByteArrayView chunk);
    void onFinished();
    void followRedirect(int status, const QByteArray &location);
    HttpFailure httpFailure(int status, const HttpResponse &response) const;
    void trace(const HttpExchange *exchange, int status, const QString &error);

    NetworkContext m_context;
    RequestRole m_role;
    QString m_operation;
    QByteArray m_method = QByteArrayLiteral("GET");
    QUrl m_url;
    QByteArray m_body;
    QByteArray m_contentType;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    bool m_credentialsAllowed = true;
    qint64 m_streamBufferSize = 0; // 0: buffer the whole (small) body

    QPointer<HttpExchange> m_exchange;
    QByteArray m_buffer;    // buffered body, or an error body excerpt
    int m_status = 0;       // of the current exchange, once headers arrived
    qint64 m_bodyBytes = 0; // read from the current reply's body (checked against Content-Length)
    bool m_streamingBody = false;
    bool m_active = false;
    bool m_aborted = false;
    bool m_sentCredentials = false;
    bool m_reauthorized = false;
    int m_redirects = 0;
    QDateTime m_sentAt;
    QList<QPair<QByteArray, QByteArray>> m_sentHeaders;
    QString m_localError;
};
