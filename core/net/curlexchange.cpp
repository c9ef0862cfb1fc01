#include "net/curlexchange.h"

#include "net/curlclient.h"

#include <QNetworkReply>
#include <QNetworkRequest>

namespace {

constexpr long kMinBuffer = 16 * 1024;
constexpr long kMaxBuffer = 512 * 1024; // CURL_MAX_READ_SIZE of curl 7.88

// The QNetworkReply error that means the same, so HttpFailure tells "never reached the server" apart as before.
QNetworkReply::NetworkError networkErrorOf(CURLcode result)
{
    switch (result) {
    case CURLE_OK:
        return QNetworkReply::NoError;
    case CURLE_COULDNT_CONNECT:
        return QNetworkReply::ConnectionRefusedError;
    case CURLE_COULDNT_RESOLVE_HOST:
        return QNetworkReply::HostNotFoundError;
    case CURLE_COULDNT_RESOLVE_PROXY:
        return QNetworkReply::ProxyNotFoundError;
    case CURLE_OPERATION_TIMEDOUT:
        return QNetworkReply::TimeoutError;
    case CURLE_ABORTED_BY_CALLBACK:
    case CURLE_WRITE_ERROR:
        return QNetworkReply::OperationCanceledError;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
        return QNetworkReply::SslHandshakeFailedError;
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
        return QNetworkReply::RemoteHostClosedError;
    case CURLE_BAD_CONTENT_ENCODING:
        return QNetworkReply::ProtocolFailure;
    default:
        return QNetworkReply::UnknownNetworkError;
    }
}

bool isTlsFailure(CURLcode result)
{
    return networkErrorOf(result) == QNetworkReply::SslHandshakeFailedError;
}

} // namespace

CurlExchange::CurlExchange(CurlClient *client, const QByteArray &method, const QNetworkRequest &request,
                           const QByteArray &body, qint64 bufferSize, std::chrono::milliseconds stallTimeout)
    : m_client(client)
    , m_easy(curl_easy_init())
    , m_body(body)
{
    CURL *e = m_easy;
    curl_easy_setopt(e, CURLOPT_PRIVATE, this);
    curl_easy_setopt(e, CURLOPT_URL, request.url().toEncoded().constData());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L); // NetworkJob follows redirects itself, dropping credentials
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, m_errorBuffer);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &CurlExchange::onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &CurlExchange::onBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(e, CURLOPT_BUFFERSIZE, std::clamp<long>(static_cast<long>(bufferSize), kMinBuffer, kMaxBuffer));
    const long stallSeconds = std::max<long>(1, static_cast<long>(stallTimeout.count() / 1000));
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, stallSeconds);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, stallSeconds);

    bool ownEncoding = false;
    for (const QByteArray &name : request.rawHeaderList()) {
        ownEncoding = ownEncoding || name.compare("Accept-Encoding", Qt::CaseInsensitive) == 0;
        const QByteArray line = name + ": " + request.rawHeader(name);
        m_requestHeaders = curl_slist_append(m_requestHeaders, line.constData());
    }
    m_requestHeaders = curl_slist_append(m_requestHeaders, "Expect:"); // no 100-continue round trip for a POST
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, m_requestHeaders);
    if (ownEncoding) {
        // Accept-Encoding: identity for a ranged resume: the bytes must be the server's own.
        curl_easy_setopt(e, CURLOPT_HTTP_CONTENT_DECODING, 0L);
    } else {
        curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
    }

    if (method == "HEAD") {
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    } else if (method != "GET") {
        if (method != "POST") {
            curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, method.constData());
        }
        if (method == "POST" || !m_body.isEmpty()) {
            curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(m_body.size()));
            curl_easy_setopt(e, CURLOPT_POSTFIELDS, m_body.constData());
        }
    }
}

CurlExchange::~CurlExchange()
{
    m_client->detach(this);
    curl_easy_cleanup(m_easy);
    curl_slist_free_all(m_requestHeaders);
}

void CurlExchange::abort()
{
    if (m_done || m_aborted) {
        return;
    }
    m_aborted = true;
    m_client->cancel(this);
}

void CurlExchange::setPaused(bool paused)
{
    m_pauseWanted = paused;
    if (!paused && m_paused && !m_done) {
        m_paused = false;
        m_client->unpause(this);
    }
}

size_t CurlExchange::onHeader(char *data, size_t size, size_t count, void *exchange)
{
    return static_cast<CurlExchange *>(exchange)->headerLine(QByteArrayView(data, qsizetype(size * count)));
}

size_t CurlExchange::headerLine(QByteArrayView line)
{
    const size_t accepted = m_aborted ? 0 : size_t(line.size());
    if (m_aborted || m_headed) {
        return accepted; // trailers of a chunked body are not headers of the response
    }
    QByteArrayView text = line;
    while (!text.isEmpty() && (text.back() == '\n' || text.back() == '\r')) {
        text.chop(1);
    }
    if (text.startsWith("HTTP/")) {
        // A new status line: an interim 1xx answer, or the final one.
        m_headers.clear();
        const qsizetype space = text.indexOf(' ');
        m_status =
            space < 0 ? 0 : text.sliced(space + 1).first(std::min<qsizetype>(3, text.size() - space - 1)).toInt();
        return accepted;
    }
    if (text.isEmpty()) {
        if (m_status >= 200) {
            m_headed = true;
            emit headersReceived();
        }
        return m_aborted ? 0 : accepted;
    }
    if ((text.front() == ' ' || text.front() == '\t') && !m_headers.isEmpty()) {
        m_headers.last().second += ' ' + text.toByteArray().trimmed(); // an obsolete folded line
        return accepted;
    }
    const qsizetype colon = text.indexOf(':');
    if (colon > 0) {
        m_headers.append({text.first(colon).toByteArray().trimmed(), text.sliced(colon + 1).toByteArray().trimmed()});
    }
    return accepted;
}

size_t CurlExchange::onBody(char *data, size_t size, size_t count, void *exchange)
{
    auto *self = static_cast<CurlExchange *>(exchange);
    const size_t n = size * count;
    if (self->m_aborted) {
        return 0; // curl ends the transfer with CURLE_WRITE_ERROR
    }
    if (self->m_pauseWanted) {
        self->m_paused = true;
        return CURL_WRITEFUNC_PAUSE; // curl keeps this chunk and delivers it again after unpausing
    }
    emit self->bodyData(QByteArrayView(data, qsizetype(n)));
    return self->m_aborted ? 0 : n;
}

void CurlExchange::finish(CURLcode result)
{
    if (m_done) {
        return;
    }
    m_done = true;
    long status = 0;
    curl_easy_getinfo(m_easy, CURLINFO_RESPONSE_CODE, &status);
    if (status > 0) {
        m_status = int(status);
    }
    const bool success = m_status >= 200 && m_status < 300;
    if (m_aborted) {
        m_error = Error::Cancelled;
        m_networkError = QNetworkReply::OperationCanceledError;
        m_errorString = tr("cancelled");
    } else if (result != CURLE_OK) {
        m_networkError = networkErrorOf(result);
        m_errorString = QString::fromUtf8(m_errorBuffer[0] ? m_errorBuffer : curl_easy_strerror(result));
        if (isTlsFailure(result)) {
            m_error = Error::Tls;
        } else if (result == CURLE_OPERATION_TIMEDOUT) {
            m_error = Error::Timeout;
        } else if (m_status == 0 || success) {
            m_error = Error::Network;
        }
    }
    emit finished();
}
