#include "auth/authhttpjob.h"

#include "net/qtexchange.h"
#include "net/requestfactory.h"
#include "util/logging.h"
#include "util/redactor.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>
#include <QTimer>

namespace {
constexpr int kMaxRedirects = 5;
constexpr int kTransferTimeoutMs = 30'000;
constexpr qint64 kMaxBody = 1024 * 1024; // token answers and discovery documents are a few KB

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}
} // namespace

bool AuthHttpResult::isRetryable() const
{
    switch (outcome) {
    case Outcome::Network:
    case Outcome::Timeout:
        return true;
    case Outcome::Answered: {
        const int s = response.status;
        return s == 408 || s == 429 || s >= 500;
    }
    case Outcome::Tls:
    case Outcome::Redirect:
        break;
    }
    return false;
}

AuthHttpJob::AuthHttpJob(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
{
}

AuthHttpJob::~AuthHttpJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void AuthHttpJob::get(const QUrl &url, const QByteArray &accept)
{
    m_method = QByteArrayLiteral("GET");
    m_url = url;
    m_headers = {{QByteArrayLiteral("Accept"), accept}};
    send();
}

void AuthHttpJob::post(const QUrl &url, const QByteArray &formBody, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    m_method = QByteArrayLiteral("POST");
    m_url = url;
    m_body = formBody;
    m_headers = headers;
    m_headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    send();
}

void AuthHttpJob::send()
{
    QNetworkRequest request(m_url);
    request.setRawHeader("User-Agent", RequestFactory::userAgent());
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setTransferTimeout(kTransferTimeoutMs);
    for (const auto &[name, value] : std::as_const(m_headers)) {
        request.setRawHeader(name, value);
    }
    m_tlsError.clear();
    qCDebug(lcAuth).noquote() << m_method << Redactor::url(m_url);
    if (m_method == "POST") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        m_reply = m_nam->post(request, m_body);
    } else {
        m_reply = m_nam->get(request);
    }
    connect(m_reply, &QNetworkReply::finished, this, &AuthHttpJob::onFinished);
    connect(m_reply, &QNetworkReply::sslErrors, this, &AuthHttpJob::onSslErrors);
}

void AuthHttpJob::onSslErrors(const QList<QSslError> &errors)
{
    m_tlsError = QtExchange::describe(errors);
}

void AuthHttpJob::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply) {
        return;
    }
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();

    AuthHttpResult result;
    result.response.url = m_url;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        const QNetworkReply::NetworkError error = reply->error();
        if (!m_tlsError.isEmpty() || error == QNetworkReply::SslHandshakeFailedError) {
            result.outcome = AuthHttpResult::Outcome::Tls;
            result.error = m_tlsError.isEmpty() ? reply->errorString() : m_tlsError;
        } else if (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError) {
            // Nothing here aborts a running reply, so this is Qt's transfer timeout.
            result.outcome = AuthHttpResult::Outcome::Timeout;
            result.error = tr("no answer for %1 s").arg(kTransferTimeoutMs / 1000);
        } else {
            result.outcome = AuthHttpResult::Outcome::Network;
            result.error = reply->errorString();
        }
        finish(result);
        return;
    }

    result.response.status = status;
    result.response.headers = reply->rawHeaderPairs();
    if (isRedirect(status)) {
        const QUrl target = m_url.resolved(QUrl(QString::fromUtf8(reply->rawHeader("Location"))));
        result.outcome = AuthHttpResult::Outcome::Redirect;
        if (m_method != "GET") {
            result.error = tr("the token endpoint answered HTTP %1 and redirects to %2; Ferry never re-sends "
                              "credentials to a redirect target. Enter the final token URL in the server's settings.")
                               .arg(status)
                               .arg(Redactor::url(target));
        } else if (!target.isValid() || target.isEmpty()) {
            result.error = tr("HTTP %1 without a usable Location").arg(status);
        } else if (++m_redirects > kMaxRedirects) {
            result.error = tr("more than %1 redirects").arg(kMaxRedirects);
        } else if (target.scheme() != QLatin1String("https") &&
                   (m_url.scheme() == QLatin1String("https") || target.scheme() != QLatin1String("http"))) {
            result.error = tr("redirected to an unencrypted or unsupported address (%1)").arg(Redactor::url(target));
        } else {
            m_url = target;
            send();
            return;
        }
        finish(result);
        return;
    }
    result.outcome = AuthHttpResult::Outcome::Answered;
    result.response.body = reply->read(kMaxBody);
    finish(result);
}

void AuthHttpJob::finish(const AuthHttpResult &result)
{
    // QNetworkReply::finished can be emitted from inside get()/post() for some errors: keep "never synchronous".
    QTimer::singleShot(0, this, [this, result] { emit finished(result); });
}
