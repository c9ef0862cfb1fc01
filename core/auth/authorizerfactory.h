#pragma once

#include "auth/authorizer.h"
#include "auth/oauthauthorizer.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class Clock;
class QNetworkAccessManager;
class SecretStore;
struct ServerProfile;
struct VendorProfile;

// Builds the Authorizer a server profile calls for — the one composition point the desktop app and ferry-cli
// share. Secrets are read asynchronously from the SecretStore (no nested event loop), or taken from overrides
// that the CLI filled from an environment variable or a file (ExternalSecret).
//
// Refuses, with the sentence a person reads, a profile that cannot work: problems() errors, a secret that is not
// stored, a stored key the vendor does not accept.
class AuthorizerFactory : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(std::unique_ptr<Authorizer> authorizer, const std::optional<AuthFailure> &failure)>;

    // All three must outlive the factory and the authorizers it makes.
    AuthorizerFactory(QNetworkAccessManager *nam, SecretStore *secrets, const Clock *clock, QObject *parent = nullptr);
    ~AuthorizerFactory() override;

    // Use `value` instead of the stored secret `name` ("private-key", "client-secret", "token", "header/<name>").
    void setSecretOverride(const QString &name, const QString &value);

    // Exactly one call of `done` — authorizer or failure — later, never inside create(), unless `context` or the
    // factory is destroyed first. The authorizer has no parent; the caller owns it.
    void create(const ServerProfile &profile, const VendorProfile &vendor, QObject *context, Done done);

    // The non-secret OAuth settings of a profile: the vendor's default scope when the profile names none.
    static OAuthSettings oauthSettings(const ServerProfile &profile, const VendorProfile &vendor);

private:
    using Secrets = QHash<QString, QString>;
    void readSecrets(const ServerProfile &profile, const VendorProfile &vendor, QStringList names, Secrets secrets,
                     QObject *context, Done done);
    void build(const ServerProfile &profile, const VendorProfile &vendor, const Secrets &secrets, QObject *context,
               const Done &done);
    QString missingSecretText(const ServerProfile &profile, const QString &name) const;
    void fail(QObject *context, const Done &done, const QString &message);

    QNetworkAccessManager *m_nam;
    SecretStore *m_secrets;
    const Clock *m_clock;
    QHash<QString, QString> m_overrides;
};
