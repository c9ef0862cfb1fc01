#pragma once

#include "net/httpresponse.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QSslError;

// How one exchange with a discovery or token endpoint ended.
struct AuthHttpResult
{
    enum class Outcome {
        Answered, // an HTTP status arrived (any status, including errors): see response
        Network,  // refused, reset, DNS, …
        Timeout,  // no data for the transfer timeout
        Tls,      // certificate or handshake problem: never ignored
        Redirect, // a redirect Ferry refuses (token POSTs are never redirected, https→http, too many)
    };
    Outcome outcome = Outcome::Network;
    HttpResponse response; // status, final URL, headers and (bounded) body when Answered
    QString error;         // what went wrong otherwise, in words

    bool isRetryable() const; // network trouble, timeouts, 408/429/5xx
};

// One HTTP exchange of the auth machinery, straight on the injected QNetworkAccessManager: Ferry's User-Agent,
// TLS errors fatal, manual redirects, no cache, a transfer timeout, a bounded body.
//
// Why not NetworkJob: a token request carries the client's credential in its body or Authorization header, so it
// must never be replayed to a redirect target (NetworkJob keeps method, body and extra headers across 307/308),
// and it must not wait for the Authorizer it is renewing or the export's request budget. Discovery GETs carry no
// credential and may follow redirects (never from https to http).
//
// Emits finished() exactly once per get()/post(), never synchronously. Destroying the job aborts the exchange
// silently. Not reusable: one exchange per job.
class AuthHttpJob : public QObject
{
    Q_OBJECT

public:
    explicit AuthHttpJob(QNetworkAccessManager *nam, QObject *parent = nullptr);
    ~AuthHttpJob() override;

    void get(const QUrl &url, const QByteArray &accept);
    void post(const QUrl &url, const QByteArray &formBody, const QList<QPair<QByteArray, QByteArray>> &headers = {});

signals:
    void finished(const AuthHttpResult &result);

private:
    void send();
    void onFinished();
    void onSslErrors(const QList<QSslError> &errors);
    void finish(const AuthHttpResult &result);

    QNetworkAccessManager *m_nam;
    QPointer<QNetworkReply> m_reply;
    QUrl m_url;
    QByteArray m_method;
    QByteArray m_body;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QString m_tlsError;
    int m_redirects = 0;
};
