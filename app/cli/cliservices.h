#pragma once

#include "store/serverprofile.h"

#include <QString>

#include <memory>
#include <optional>

class Authorizer;
class AuthorizerFactory;
class ProfileStore;
class QCommandLineParser;
class QNetworkAccessManager;
class SecretStore;

// What the profile-aware commands share, created on first use: the secret store chosen by probing the system
// keychain (or the session-only memory store, with its notice on stderr), the profile store, and the authorizer
// factory. The CLI is sequential, so the asynchronous core APIs are awaited here with a local event loop.
class CliServices
{
public:
    CliServices();
    ~CliServices();

    SecretStore *secrets();
    ProfileStore *profiles(QString *error);
    QNetworkAccessManager *network();

    // A profile by id or display name (case-insensitive).
    std::optional<ServerProfile> findProfile(const QString &nameOrId, QString *error);

    // Builds the profile's authorizer, with secrets from the keychain unless the command line gives them
    // (--private-key-file, --client-secret-env, …: see AuthOptions). nullptr with `error` set on failure.
    std::unique_ptr<Authorizer> authorizerFor(const ServerProfile &profile, const QCommandLineParser &parser,
                                              QString *error);

    // Awaited secret-store operations: an empty string means success.
    QString writeSecret(const QString &key, const QString &value);
    std::optional<QString> readSecret(const QString &key, QString *error);
    QString removeProfile(const QString &id);

private:
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_profiles;
    bool m_profilesLoaded = false;
};
