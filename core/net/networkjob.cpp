#include "net/networkjob.h"

#include "auth/authorizer.h"
#include "net/httptrace.h"
#include "net/ratelimiter.h"
#include "util/clock.h"
#include "util/logging.h"
#include "util/redactor.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>

namespace {
constexpr int kMaxRedirects = 10;
constexpr qsizetype kMaxBufferedBody = 256 * 1024 * 1024; // manifests of 100,000 files stay far below this
constexpr qsizetype kErrorExcerpt = 64 * 1024;
constexpr qsizetype kChunk = 256 * 1024;

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
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
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
    if (!m_active || m_aborted || m_reply) {
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
    if (m_reply) {
        m_reply->abort(); // finished() follows and reports Cancelled
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
    if (m_reply) {
        m_reply->abort(); // finished() follows (at once, in Qt 6.4) and reports the local error
        return;
    }
    // Nothing in flight (prepare(), or waiting for a token or the budget): end here. Pending callbacks check
    // m_active.
    m_active = false;
    failed(makeFailure(HttpFailure::Kind::Local, message));
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
        m_tlsError.clear();
        qCDebug(lcNet).noquote() << m_method << Redactor::url(m_url) << (m_sentCredentials ? "(with token)" : "");

        QNetworkAccessManager *nam = m_context.nam;
        if (m_method == "GET") {
            m_reply = nam->get(request);
        } else if (m_method == "POST") {
            m_reply = nam->post(request, m_body);
        } else if (m_method == "DELETE") {
            m_reply = nam->deleteResource(request);
        } else {
            m_reply = nam->sendCustomRequest(request, m_method, m_body);
        }
        if (m_streamBufferSize > 0) {
            m_reply->setReadBufferSize(m_streamBufferSize);
        }
        connect(m_reply, &QNetworkReply::readyRead, this, &NetworkJob::onReadyRead);
        connect(m_reply, &QNetworkReply::finished, this, &NetworkJob::onFinished);
        connect(m_reply, &QNetworkReply::sslErrors, this, &NetworkJob::onSslErrors);
    };
    if (m_context.limiter && m_context.factory->isFhirOrigin(m_url)) {
        m_context.limiter->acquire(this, go);
    } else {
        go();
    }
}

void NetworkJob::onSslErrors(const QList<QSslError> &errors)
{
    // Never ignored: the handshake fails and finished() reports Kind::Tls with these words.
    QStringList texts;
    for (const QSslError &e : errors) {
        texts << e.errorString();
    }
    m_tlsError = texts.join(QStringLiteral("; "));
}

void NetworkJob::onReadyRead()
{
    QNetworkReply *reply = m_reply;
    if (!reply) {
        return;
    }
    if (m_status == 0) {
        m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        m_streamingBody = m_streamBufferSize > 0 && m_status >= 200 && m_status < 300;
        if (m_streamingBody) {
            HttpResponse head;
            head.status = m_status;
            head.url = m_url;
            head.headers = reply->rawHeaderPairs();
            responseStarted(head);
            if (!m_reply || !m_localError.isEmpty()) {
                return;
            }
        }
    }
    if (m_streamingBody) {
        if (m_chunk.size() != kChunk) {
            m_chunk.resize(kChunk);
        }
        while (m_reply && m_localError.isEmpty() && reply->bytesAvailable() > 0) {
            const qint64 n = reply->read(m_chunk.data(), kChunk);
            if (n <= 0) {
                break;
            }
            m_bodyBytes += n;
            bodyChunk(QByteArrayView(m_chunk.constData(), n));
        }
        return;
    }
    const bool success = m_status >= 200 && m_status < 300;
    const qsizetype limit = success ? kMaxBufferedBody : kErrorExcerpt;
    if (m_buffer.size() < limit) {
        const qsizetype before = m_buffer.size();
        // QIODevice::read(n) allocates n bytes before it reads: ask for what is there, not for up to the limit
        // (256 MB for a 2xx body, on every readyRead of a status poll or manifest page).
        m_buffer += reply->read(std::min<qint64>(limit - m_buffer.size(), reply->bytesAvailable()));
        m_bodyBytes += m_buffer.size() - before;
        if (success && m_buffer.size() >= limit && reply->bytesAvailable() > 0) {
            failLocally(tr("the answer is larger than %1 MB").arg(kMaxBufferedBody / (1024 * 1024)));
        }
    }
    reply->skip(reply->bytesAvailable()); // beyond an error excerpt, or a redirect's body
}

void NetworkJob::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply) {
        return;
    }
    onReadyRead(); // anything still buffered
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_context.trace) {
        trace(reply, status,
              status == 0 || reply->error() != QNetworkReply::NoError ? reply->errorString() : QString());
    }
    HttpResponse response;
    response.status = status;
    response.url = m_url;
    response.headers = reply->rawHeaderPairs();

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
    const QNetworkReply::NetworkError error = reply->error();
    // A 2xx whose transfer broke off (connection dropped, transfer timeout, body shorter than Content-Length,
    // undecodable gzip) has a status *and* an error: it is a network failure, never a success.
    if (status == 0 || (status >= 200 && status < 300 && error != QNetworkReply::NoError)) {
        HttpFailure::Kind kind = HttpFailure::Kind::Network;
        QString detail = reply->errorString();
        if (!m_tlsError.isEmpty() || error == QNetworkReply::SslHandshakeFailedError) {
            kind = HttpFailure::Kind::Tls;
            detail = m_tlsError.isEmpty() ? detail : m_tlsError;
        } else if (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError) {
            // We did not abort, so Qt's transfer timeout fired (it reports itself as "Operation canceled").
            kind = HttpFailure::Kind::Timeout;
            detail = tr("no data for %1 s").arg(m_context.factory->transferTimeout().count() / 1000);
        }
        m_active = false;
        HttpFailure f = makeFailure(kind, detail);
        f.networkError = static_cast<int>(error);
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
        followRedirect(status, reply->rawHeader("Location"));
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

void NetworkJob::trace(QNetworkReply *reply, int status, const QString &error)
{
    HttpTrace::Entry e;
    e.started = m_sentAt;
    e.durationMs = m_sentAt.msecsTo(QDateTime::currentDateTimeUtc());
    e.operation = m_operation;
    e.method = m_method;
    e.url = m_url;
    e.requestHeaders = m_sentHeaders;
    e.status = status;
    e.responseHeaders = reply->rawHeaderPairs();
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
