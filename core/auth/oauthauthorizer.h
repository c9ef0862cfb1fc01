#pragma once

#include "auth/authorizer.h"

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <chrono>

class AuthHttpJob;
class Clock;
class QNetworkAccessManager;
struct AuthHttpResult;
struct TokenEndpointInfo;
struct TokenResponse;

// What every client_credentials authorizer needs besides its own credential.
struct OAuthSettings
{
    QUrl fhirBase;    // discovery starts here
    QUrl tokenUrl;    // configured override; empty: discover from the FHIR server
    QString clientId; //
    QString scope;    // space-separated, sent as is (the vendor's default when the profile has none)
};

// The token plumbing shared by SMART Backend Services and client-secret authorization (RFC 6749 §4.4): find the
// token endpoint, POST grant_type=client_credentials with the subclass's client authentication, cache the token
// and renew it ahead of expiry, explain refusals, repeat a bare HTTP 400 once after a pause.
//
// Renewal is lazy: authorize() renews when the token is within renewalMargin() of its expiry, so an export that
// sits idle for hours makes no token requests, and one that runs for days survives any number of expiries.
// Token lifetimes pass through the Clock like every other wait, so a time-scaled sandbox and Ferry agree.
class OAuthAuthorizer : public Authorizer
{
    Q_OBJECT

public:
    ~OAuthAuthorizer() override;

    void apply(QNetworkRequest &request) const override;
    void invalidate() override;
    QDateTime expiresAt() const override { return m_expiresAt; }
    bool canRenew() const override { return true; }

    // The token endpoint in use: configured, or discovered at the first renewal.
    QUrl tokenUrl() const { return m_tokenUrl; }
    // The scope the server granted with the current token (may be narrower than asked).
    QString grantedScope() const { return m_grantedScope; }
    const OAuthSettings &settings() const { return m_settings; }

    // Renew this long before expiry: a quarter of the lifetime, at most a minute — so a 5-minute token is renewed
    // after 4 minutes and a 3-second one after 2.25 s, and a request never leaves with a token about to lapse.
    static std::chrono::milliseconds renewalMargin(std::chrono::milliseconds lifetime);
    // Assumed lifetime when the server sends neither expires_in nor a JWT exp (SMART's recommended maximum).
    static constexpr std::chrono::seconds kDefaultLifetime{300};
    // Pause before repeating a token request answered with a bare HTTP 400 (logical time, Clock-scaled).
    static constexpr std::chrono::seconds kBare400Pause{3};

protected:
    // `nam` and `clock` must outlive the authorizer.
    OAuthAuthorizer(QNetworkAccessManager *nam, const Clock *clock, const OAuthSettings &settings,
                    QObject *parent = nullptr);

    struct TokenRequest
    {
        QUrl tokenUrl;
        QList<QPair<QString, QString>> form;          // grant_type and scope are already there
        QList<QPair<QByteArray, QByteArray>> headers; // e.g. Authorization: Basic …
    };
    // Adds the client's authentication to a token request; called afresh for every attempt (a new assertion and
    // jti each time). Returns false with `failure` set when it cannot (a key that cannot sign).
    virtual bool authenticate(TokenRequest &request, AuthFailure *failure) const = 0;
    // Advice appended to invalid_client and other refusals: what to check for this kind of credential.
    virtual QString credentialHint() const = 0;

    const Clock *clock() const { return m_clock; }
    bool isFresh() const override;
    void renew() override;

    // application/x-www-form-urlencoded, with every reserved character escaped ('+' included, unlike QUrlQuery).
    static QByteArray formEncode(const QList<QPair<QString, QString>> &form);

private:
    void onDiscovered(const TokenEndpointInfo &info);
    void requestToken();
    void onTokenAnswer(const AuthHttpResult &result);
    void accept(const TokenResponse &response);
    void fail(const AuthFailure &failure);

    QNetworkAccessManager *m_nam;
    const Clock *m_clock;
    OAuthSettings m_settings;
    QUrl m_tokenUrl;
    QString m_token;
    QString m_previousToken;
    QString m_grantedScope;
    QDateTime m_expiresAt;
    QDateTime m_renewAt;
    QPointer<AuthHttpJob> m_job;
    bool m_inFlight = false;
    int m_attempt = 0;
};
