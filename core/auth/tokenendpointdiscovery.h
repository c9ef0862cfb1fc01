#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

class AuthHttpJob;
class QNetworkAccessManager;
struct AuthHttpResult;

// What token endpoint discovery found, and where: the preflight shows this, the OAuth authorizers use tokenUrl.
struct TokenEndpointInfo
{
    enum class Source { None, WellKnown, CapabilityStatement, Configured };

    QUrl tokenUrl;                 // the URL Ferry will use; empty when none was found
    Source source = Source::None;  // where tokenUrl came from
    QUrl discoveredUrl;            // what the server advertised (may differ from a configured override)
    QStringList authMethods;       // token_endpoint_auth_methods_supported — informative only: never gated on
    QStringList signingAlgorithms; // token_endpoint_auth_signing_alg_values_supported
    QStringList scopesSupported;   // scopes_supported
    QStringList capabilities;      // capabilities (permission-v1 / permission-v2, client-confidential-asymmetric)
    QStringList grantTypes;        // grant_types_supported
    QStringList notes;             // one line per step: what was asked and what came back, in plain words
    bool retryable = false;        // nothing found, but only because of network trouble or a server error

    bool found() const { return tokenUrl.isValid() && !tokenUrl.isEmpty(); }
    // True when the server advertises permission-v2 and not permission-v1 (SMART v2 scopes only).
    bool prefersV2Scopes() const;
    static QString sourceName(Source source);
};

// Finds a FHIR server's OAuth token endpoint: GET [base]/.well-known/smart-configuration (read as JSON whatever its
// Content-Type), else the CapabilityStatement's oauth-uris extension (GET [base]/metadata). A configured URL (some
// vendors put a tenant in it) overrides what the server advertises; discovery still runs so the preflight can show
// both. Token URLs must be https (loopback excepted): the request carries the client's credential.
//
// One run per object: start(), then exactly one finished(), never synchronously.
class TokenEndpointDiscovery : public QObject
{
    Q_OBJECT

public:
    TokenEndpointDiscovery(QNetworkAccessManager *nam, const QUrl &fhirBase, const QUrl &configuredTokenUrl = {},
                           QObject *parent = nullptr);
    ~TokenEndpointDiscovery() override;

    void start();

    // https, or http to a loopback address (the sandbox, a local proxy).
    static bool isAcceptableTokenUrl(const QUrl &url);

signals:
    void finished(const TokenEndpointInfo &info);

private:
    QUrl endpoint(const QString &path) const;
    void onWellKnown(const AuthHttpResult &result);
    void onMetadata(const AuthHttpResult &result);
    bool acceptDiscovered(const QUrl &url, const QString &where);
    void finish();

    QNetworkAccessManager *m_nam;
    QUrl m_base;
    QUrl m_configured;
    TokenEndpointInfo m_info;
    QPointer<AuthHttpJob> m_job;
};
