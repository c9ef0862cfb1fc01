#include "net/networkjob.h"

#include "auth/authorizer.h"
#include "net/curlclient.h"
#include "net/curlexchange.h"
#include "net/httptrace.h"
#include "net/qtexchange.h"
#include "net/ratelimiter.h"
#include "util/clock.h"
#include "util/logging.h"
#include "util/redactor.h"

#include <QNetworkAccessManager>

namespace {
constexpr int kMaxRedirects = 10;
constexpr qsizetype kMaxBufferedBody = 256 * 1024 * 1024; // manifests of 100,000 files stay far below this
constexpr qsizetype kErrorExcerpt = 64 * 1024;

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}
} // namespace

NetworkJob::NetworkJob(const NetworkContext &context, RequestRole role, const QString &operation, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_role(role)
    , m_operation(operation)
{
}

NetworkJob::~NetworkJob()
{
    if (m_exchange) {
        m_exchange->disconnect(this);
        m_exchange->abort();
        m_exchange->deleteLater();
    }
}

void NetworkJob::setRequest(const QByteArray &method, const QUrl &url, const QByteArray &body,
                            const QByteArray &contentType)
{
    m_method = method;
    m_url = url;
    m_body = body;
    m_contentType = contentType;
}

void NetworkJob::setHeader(const QByteArray &name, const QByteArray &value)
{
    removeHeader(name);
    m_headers.append({name, value});
}

void NetworkJob::removeHeader(const QByteArray &name)
{
    m_headers.removeIf([&name](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
}

void NetworkJob::setStreaming(qint64 readBufferSize)
{
    m_streamBufferSize = readBufferSize;
}

void NetworkJob::start()
{
    Q_ASSERT(!m_active);
    m_active = true;
    m_aborted = false;
    m_redirects = 0;
    m_reauthorized = false;
    prepare();
}

void NetworkJob::proceed()
{
    if (!m_active || m_aborted || m_exchange) {
        return;
    }
    authorizeAndSend();
}

void NetworkJob::abort()
{
    if (!m_active) {
        return;
    }
    m_aborted = true;
    if (m_exchange) {
        m_exchange->abort(); // finished() follows and reports Cancelled
    } else {
        // Waiting for a token or the request budget: end here. The pending callbacks are guarded by `this`.
        m_active = false;
        failed(makeFailure(HttpFailure::Kind::Cancelled, tr("cancelled")));
    }
}

void NetworkJob::failLocally(const QString &message)
{
    if (!m_active || !m_localError.isEmpty()) {
        return;
    }
    m_localError = message;
    if (m_exchange) {
        m_exchange->abort(); // finished() follows (at once with Qt 6.4, once curl returns with curl)
        return;
    }
    // Nothing in flight (prepare(), or waiting for a token or the budget): end here. Pending callbacks check
    // m_active.
    m_active = false;
    failed(makeFailure(HttpFailure::Kind::Local, message));
}

void NetworkJob::setPaused(bool paused)
{
    if (m_exchange) {
        m_exchange->setPaused(paused);
    }
}

HttpFailure NetworkJob::makeFailure(HttpFailure::Kind kind, const QString &detail) const
{
    HttpFailure f;
    f.kind = kind;
    f.operation = m_operation;
    f.url = m_url;
    f.detail = detail;
    return f;
}

void NetworkJob::authorizeAndSend()
{
    RequestFactory *factory = m_context.factory;
    Authorizer *authorizer = factory->authorizer();
    if (!m_credentialsAllowed || !authorizer || !factory->isFhirOrigin(m_url)) {
        send();
        return;
    }
    authorizer->authorize(this, [this](const std::optional<AuthFailure> &failure) {
        if (!m_active || m_aborted) {
            return;
        }
        if (failure) {
            m_active = false;
            HttpFailure f = makeFailure(HttpFailure::Kind::Auth, failure->message);
            f.status = failure->httpStatus;
            f.authRetryable = failure->retryable;
            failed(f);
            return;
        }
        send();
    });
}

void NetworkJob::send()
{
    auto go = [this] {
        if (!m_active || m_aborted) {
            return;
        }
        QNetworkRequest request = m_context.factory->make(m_role, m_url, m_credentialsAllowed);
        for (const auto &[name, value] : std::as_const(m_headers)) {
            request.setRawHeader(name, value);
        }
        if (!m_contentType.isEmpty()) {
            request.setHeader(QNetworkRequest::ContentTypeHeader, m_contentType);
        }
        m_sentCredentials = request.hasRawHeader("Authorization");
        m_sentAt = QDateTime::currentDateTimeUtc();
        m_sentHeaders.clear();
        if (m_context.trace) {
            for (const QByteArray &name : request.rawHeaderList()) {
                m_sentHeaders.append({name, request.rawHeader(name)});
            }
        }
        m_status = 0;
        m_streamingBody = false;
        m_bodyBytes = 0;
        m_buffer.clear();
        qCDebug(lcNet).noquote() << m_method << Redactor::url(m_url) << (m_sentCredentials ? "(with token)" : "");

        if (m_role == RequestRole::File && m_context.files) {
            m_exchange = m_context.files->send(m_method, request, m_body, m_streamBufferSize,
                                               m_context.factory->transferTimeout());
        } else {
            m_exchange = QtExchange::send(m_context.nam, m_method, request, m_body, m_streamBufferSize);
        }
        connect(m_exchange, &HttpExchange::headersReceived, this, &NetworkJob::onHeadersReceived);
        connect(m_exchange, &HttpExchange::bodyData, this, &NetworkJob::onBodyData);
        connect(m_exchange, &HttpExchange::finished, this, &NetworkJob::onFinished);
    };
    if (m_context.limiter && m_context.factory->isFhirOrigin(m_url)) {
        m_context.limiter->acquire(this, go);
    } else {
        go();
    }
}

void NetworkJob::onHeadersReceived()
{
    m_status = m_exchange->status();
    m_streamingBody = m_streamBufferSize > 0 && m_status >= 200 && m_status < 300;
    if (m_streamingBody) {
        HttpResponse head;
        head.status = m_status;
        head.url = m_url;
        head.headers = m_exchange->headers();
        responseStarted(head);
    }
}

void NetworkJob::onBodyData(QByteArrayView chunk)
{
    if (!m_localError.isEmpty() || m_aborted) {
        return;
    }
    m_bodyBytes += chunk.size();
    if (m_streamingBody) {
        bodyChunk(chunk);
        return;
    }
    // Buffered: a whole (small) 2xx body, an excerpt of an error body; a redirect's body is dropped.
    const bool success = m_status >= 200 && m_status < 300;
    const qsizetype limit = success ? kMaxBufferedBody : kErrorExcerpt;
    if (m_buffer.size() < limit) {
        m_buffer.append(chunk.first(std::min<qsizetype>(chunk.size(), limit - m_buffer.size())));
    } else if (success) {
        failLocally(tr("the answer is larger than %1 MB").arg(kMaxBufferedBody / (1024 * 1024)));
    }
}

void NetworkJob::onFinished()
{
    HttpExchange *exchange = m_exchange;
    if (!exchange) {
        return;
    }
    m_exchange = nullptr;
    exchange->disconnect(this);
    exchange->deleteLater();

    const int status = exchange->status();
    const HttpExchange::Error error = exchange->error();
    if (m_context.trace) {
        trace(exchange, status,
              status == 0 || error != HttpExchange::Error::None ? exchange->errorString() : QString());
    }
    HttpResponse response;
    response.status = status;
    response.url = m_url;
    response.headers = exchange->headers();

    if (!m_localError.isEmpty()) {
        m_active = false;
        failed(makeFailure(m_status >= 200 && m_status < 300 ? HttpFailure::Kind::Local : HttpFailure::Kind::Protocol,
                           m_localError));
        return;
    }
    if (m_aborted) {
        m_active = false;
        failed(makeFailure(HttpFailure::Kind::Cancelled, tr("cancelled")));
        return;
    }
    // A 2xx whose transfer broke off (connection dropped, transfer timeout, body shorter than Content-Length,
    // undecodable gzip) has a status *and* an error: it is a network failure, never a success.
    if (status == 0 || error != HttpExchange::Error::None) {
        HttpFailure::Kind kind = HttpFailure::Kind::Network;
        QString detail = exchange->errorString();
        if (error == HttpExchange::Error::Tls) {
            kind = HttpFailure::Kind::Tls;
        } else if (error == HttpExchange::Error::Timeout) {
            kind = HttpFailure::Kind::Timeout;
            detail = tr("no data for %1 s").arg(m_context.factory->transferTimeout().count() / 1000);
        }
        m_active = false;
        HttpFailure f = makeFailure(kind, detail);
        f.networkError = exchange->networkError();
        f.status = status;
        f.headers = response.headers;
        failed(f);
        return;
    }
    if (status >= 200 && status < 300 && m_method != "HEAD") {
        // Qt 6.4 can end a reply whose connection dropped mid-body *without* an error (it quietly re-sends the
        // request on a new connection and drops that answer): measured with tst_filedownloadjob. So a body
        // shorter than its Content-Length is caught here. A decoded gzip body has no comparable length.
        const QByteArray encoding = response.header("Content-Encoding").trimmed().toLower();
        bool ok = false;
        const qint64 length = response.header("Content-Length").trimmed().toLongLong(&ok);
        if (ok && (encoding.isEmpty() || encoding == "identity") && m_bodyBytes < length) {
            m_active = false;
            HttpFailure f = makeFailure(HttpFailure::Kind::Network,
                                        tr("the connection ended after %1 of %2 bytes").arg(m_bodyBytes).arg(length));
            f.status = status;
            f.headers = response.headers;
            failed(f);
            return;
        }
    }
    if (isRedirect(status)) {
        followRedirect(status, response.header("Location"));
        return;
    }
    if (status == 401 && m_sentCredentials && !m_reauthorized) {
        Authorizer *authorizer = m_context.factory->authorizer();
        if (authorizer && authorizer->canRenew()) {
            qCInfo(lcNet).noquote() << "401 from" << Redactor::url(m_url) << "- renewing credentials once";
            m_reauthorized = true;
            authorizer->invalidate();
            authorizeAndSend();
            return;
        }
    }
    m_active = false;
    if (status >= 200 && status < 300) {
        response.body = std::exchange(m_buffer, {});
        succeeded(response);
        return;
    }
    response.body = m_buffer;
    if (status == 401) {
        HttpFailure f = httpFailure(status, response);
        f.kind = HttpFailure::Kind::Auth;
        f.detail = m_reauthorized ? tr("the server refused a freshly obtained token too (HTTP 401); check the "
                                       "client's registration and scopes")
                                  : tr("the server refused the credentials (HTTP 401)");
        failed(f);
        return;
    }
    if (status >= 400) {
        failed(httpFailure(status, response));
        return;
    }
    failed(makeFailure(HttpFailure::Kind::Protocol, tr("unexpected HTTP status %1").arg(status)));
}

void NetworkJob::followRedirect(int status, const QByteArray &location)
{
    const QUrl target = m_url.resolved(QUrl(QString::fromUtf8(location)));
    auto refuse = [this](const QString &why) {
        m_active = false;
        failed(makeFailure(HttpFailure::Kind::Redirect, why));
    };
    if (location.isEmpty() || !target.isValid()) {
        refuse(tr("HTTP %1 without a usable Location").arg(status));
        return;
    }
    if (++m_redirects > kMaxRedirects) {
        refuse(tr("more than %1 redirects").arg(kMaxRedirects));
        return;
    }
    if (m_url.scheme() == QLatin1String("https") && target.scheme() != QLatin1String("https")) {
        refuse(tr("from https to an unencrypted address (%1)").arg(Redactor::url(target)));
        return;
    }
    if (target.scheme() != QLatin1String("https") && target.scheme() != QLatin1String("http")) {
        refuse(tr("to an unsupported address (%1)").arg(target.scheme()));
        return;
    }
    qCDebug(lcNet).noquote() << status << "redirect to" << Redactor::url(target);
    if (status == 303 || ((status == 301 || status == 302) && m_method == "POST")) {
        m_method = QByteArrayLiteral("GET");
        m_body.clear();
        m_contentType.clear();
    }
    // RequestFactory attaches credentials only for the FHIR origin, so a hop to storage goes without them.
    m_url = target;
    authorizeAndSend();
}

HttpFailure NetworkJob::httpFailure(int status, const HttpResponse &response) const
{
    HttpFailure f = makeFailure(HttpFailure::Kind::Http, QString());
    f.status = status;
    f.headers = response.headers;
    f.outcome = OperationOutcome::parse(response.body);
    if (!f.outcome) {
        f.bodyExcerpt = response.body.left(4096);
    }
    const RetryAfterUnit unit = m_context.factory->profile().retryAfterUnit;
    f.retryAfter = RetryAfter::parse(response.header("Retry-After"), unit, m_context.clock->nowUtc());
    return f;
}

void NetworkJob::trace(const HttpExchange *exchange, int status, const QString &error)
{
    HttpTrace::Entry e;
    e.started = m_sentAt;
    e.durationMs = m_sentAt.msecsTo(QDateTime::currentDateTimeUtc());
    e.operation = m_operation;
    e.method = m_method;
    e.url = m_url;
    e.requestHeaders = m_sentHeaders;
    e.status = status;
    e.responseHeaders = exchange->headers();
    e.bodyBytes = m_bodyBytes;
    e.error = error;
    if (status >= 400) {
        if (const auto outcome = OperationOutcome::parse(m_buffer)) {
            QStringList codes;
            for (const OperationOutcome::Issue &issue : outcome->issues) {
                codes << issue.severity + QLatin1Char('/') + issue.code;
            }
            e.outcomeCodes = codes.join(QStringLiteral(", "));
        }
    }
    m_context.trace->record(e);
}
