#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

class QNetworkRequest;

// Why credentials could not be obtained, in words a person can act on.
struct AuthFailure
{
    QString message;    // "The token endpoint refused the client: invalid_client — unknown kid"
    QString oauthError; // RFC 6749 §5.2 error code when the server sent one
    int httpStatus = 0; // 0 when no HTTP exchange happened (e.g. no key in the keychain)
    bool retryable = false;
};

// Supplies what proves Ferry's identity to one FHIR server: a bearer token, vendor headers, or nothing.
// The engine calls authorize() before each request; it completes at once while the credential is fresh and
// otherwise renews it (concurrent callers share one renewal). After a 401 the engine calls invalidate() and
// authorize() again. apply() is only ever called for requests to the FHIR server's own origin: the engine
// (RequestFactory) decides where credentials may go, never the authorizer.
//
// Lives in the thread of the engine that uses it; not thread-safe.
class Authorizer : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const std::optional<AuthFailure> &failure)>;

    explicit Authorizer(QObject *parent = nullptr);
    ~Authorizer() override;

    // Calls `done` exactly once (never synchronously inside this call) unless `context` is destroyed first.
    void authorize(QObject *context, Callback done);

    // Adds Authorization and/or vendor headers to a request bound for the FHIR server's origin.
    virtual void apply(QNetworkRequest &request) const = 0;
    // Forget the cached credential (after a 401) so the next authorize() renews it.
    virtual void invalidate() {}
    // When the current credential stops being usable (invalid QDateTime: never expires / unknown).
    virtual QDateTime expiresAt() const { return {}; }
    // True when requests can carry a credential that a 401 could be answered with by renewing.
    virtual bool canRenew() const { return false; }
    // The scopes the server granted with the current credential (space-separated), when it said; else empty.
    virtual QString grantedScope() const { return {}; }
    // Short description for logs and the UI: "SMART Backend Services (ES384, client ferry-demo)".
    virtual QString describe() const = 0;

signals:
    // Emitted after each successful renewal; carries no secret.
    void renewed(const QDateTime &expiresAt);

protected:
    // True when apply() would attach a credential that is still good for a while.
    virtual bool isFresh() const = 0;
    // Starts obtaining a new credential; must end with exactly one finishRenewal() call, later or now.
    virtual void renew() = 0;
    void finishRenewal(const std::optional<AuthFailure> &failure);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        Callback done;
    };
    QList<Waiter> m_waiters;
    bool m_renewing = false;
};
