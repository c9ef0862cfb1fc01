#include "net/qtexchange.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>

namespace {
constexpr qsizetype kChunk = 256 * 1024;
}

QtExchange *QtExchange::send(QNetworkAccessManager *nam, const QByteArray &method, const QNetworkRequest &request,
                             const QByteArray &body, qint64 readBufferSize)
{
    QNetworkReply *reply = nullptr;
    if (method == "GET") {
        reply = nam->get(request);
    } else if (method == "POST") {
        reply = nam->post(request, body);
    } else if (method == "DELETE") {
        reply = nam->deleteResource(request);
    } else if (method == "HEAD") {
        reply = nam->head(request);
    } else {
        reply = nam->sendCustomRequest(request, method, body);
    }
    if (readBufferSize > 0) {
        reply->setReadBufferSize(readBufferSize);
    }
    return new QtExchange(reply);
}

QtExchange::QtExchange(QNetworkReply *reply)
    : m_reply(reply)
{
    connect(reply, &QNetworkReply::readyRead, this, &QtExchange::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &QtExchange::onFinished);
    connect(reply, &QNetworkReply::sslErrors, this, &QtExchange::onSslErrors);
}

QtExchange::~QtExchange()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void QtExchange::abort()
{
    if (m_reply) {
        m_aborted = true;
        m_reply->abort(); // finished() follows at once
    }
}

void QtExchange::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused && m_reply && m_reply->bytesAvailable() > 0) {
        onReadyRead(); // readyRead() is not emitted again for what is already buffered
    }
}

QString QtExchange::describe(const QList<QSslError> &errors)
{
    QStringList texts;
    for (const QSslError &e : errors) {
        texts << e.errorString();
    }
    return texts.join(QStringLiteral("; "));
}

void QtExchange::onSslErrors(const QList<QSslError> &errors)
{
    // Never ignored: the handshake fails and finished() reports Error::Tls with these words.
    m_tlsError = describe(errors);
}

void QtExchange::onReadyRead()
{
    QNetworkReply *reply = m_reply;
    if (!reply) {
        return;
    }
    if (!m_headed) {
        m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (m_status == 0) {
            return;
        }
        m_headed = true;
        m_headers = reply->rawHeaderPairs();
        emit headersReceived();
    }
    if (m_chunk.size() != kChunk) {
        m_chunk.resize(kChunk);
    }
    while (m_reply && !m_aborted && (!m_paused || reply->isFinished()) && reply->bytesAvailable() > 0) {
        const qint64 n = reply->read(m_chunk.data(), kChunk);
        if (n <= 0) {
            break;
        }
        emit bodyData(QByteArrayView(m_chunk.constData(), n));
    }
}

void QtExchange::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply) {
        return;
    }
    if (!m_aborted) {
        onReadyRead(); // anything still buffered
    }
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();
    m_chunk = QByteArray();

    m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_headers = reply->rawHeaderPairs();
    const QNetworkReply::NetworkError error = reply->error();
    m_networkError = static_cast<int>(error);
    m_errorString = reply->errorString();
    const bool success = m_status >= 200 && m_status < 300;
    if (m_aborted) {
        m_error = Error::Cancelled;
    } else if (!m_tlsError.isEmpty() || error == QNetworkReply::SslHandshakeFailedError) {
        m_error = Error::Tls;
        m_errorString = m_tlsError.isEmpty() ? m_errorString : m_tlsError;
    } else if (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError) {
        // Nobody aborted, so Qt's transfer timeout fired (it reports itself as "Operation canceled").
        m_error = Error::Timeout;
    } else if (error != QNetworkReply::NoError && (m_status == 0 || success)) {
        // A 2xx whose transfer broke off (connection dropped, body shorter than Content-Length, undecodable gzip)
        // has a status *and* an error. For other statuses Qt's error only restates the status.
        m_error = Error::Network;
    }
    emit finished();
}
