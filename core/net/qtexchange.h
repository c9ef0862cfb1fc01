#pragma once

#include "net/httpexchange.h"

#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class QSslError;

// An HttpExchange carried by QNetworkAccessManager: Ferry's control requests (kick-off, status, manifest, DELETE).
// The reply's read buffer is bounded by readBufferSize when it is not 0, so a slow consumer holds the sender back.
class QtExchange : public HttpExchange
{
    Q_OBJECT

public:
    static QtExchange *send(QNetworkAccessManager *nam, const QByteArray &method, const QNetworkRequest &request,
                            const QByteArray &body, qint64 readBufferSize);
    ~QtExchange() override;

    void abort() override;
    void setPaused(bool paused) override;

    // The handshake's complaints in one line ("The certificate is self-signed, and untrusted; …").
    static QString describe(const QList<QSslError> &errors);

private:
    explicit QtExchange(QNetworkReply *reply);

    void onReadyRead();
    void onFinished();
    void onSslErrors(const QList<QSslError> &errors);

    QPointer<QNetworkReply> m_reply;
    QByteArray m_chunk;
    QString m_tlsError;
    bool m_headed = false;
    bool m_aborted = false;
    bool m_paused = false;
};
