#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

// One HTTP request in flight, whichever client carries it (QtExchange over QNetworkAccessManager for the control
// requests, CurlExchange over libcurl for file downloads). NetworkJob is its only user: it gets the final status
// and headers once (headersReceived), the body in chunks as it arrives (bodyData: valid only during the call, so
// connect directly), and finished() exactly once — also after abort(), which may emit it before it returns.
//
// error() describes the transfer, not the HTTP status: a 404 with its body is Error::None; a 2xx whose
// connection dropped mid-body is Error::Network with the status still set.
class HttpExchange : public QObject
{
    Q_OBJECT

public:
    enum class Error { None, Network, Tls, Timeout, Cancelled };

    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit HttpExchange(QObject *parent = nullptr)
        : QObject(parent)
    {
    }

    int status() const { return m_status; }
    const Headers &headers() const { return m_headers; }
    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }
    // The closest QNetworkReply::NetworkError, so HttpFailure can tell "never reached the server" apart.
    int networkError() const { return m_networkError; }

    virtual void abort() = 0;
    // Stops taking body data (the client's buffers, then TCP, hold the sender back) until unpaused. Data may
    // still arrive while finishing. Unpausing may deliver body data before it returns.
    virtual void setPaused(bool paused) = 0;

signals:
    void headersReceived();
    void bodyData(QByteArrayView chunk);
    void finished();

protected:
    int m_status = 0;
    Headers m_headers;
    Error m_error = Error::None;
    QString m_errorString;
    int m_networkError = 0;
};
