#pragma once

#include "store/secretstore.h"

namespace QKeychain {
class Job;
}

// Secrets in the operating system's keychain through QtKeychain (Secret Service/KWallet on Linux, Keychain on
// macOS, Credential Manager on Windows), under the service name "Ferry". Never an insecure fallback: QtKeychain's
// plaintext option is left off (and does nothing on the libsecret path anyway).
//
// QtKeychain 0.13 on Linux reports "no keychain" as code 5 (NoBackendAvailable) or 7 (OtherError, e.g. "The name
// org.freedesktop.secrets was not provided by any .service files"); both map to NoBackend. A locked keyring is
// 4 (AccessDenied), a refused prompt 3 (AccessDeniedByUser); both map to Locked. But a read from a locked
// gnome-keyring whose unlock prompt cannot be shown comes back as 1 (EntryNotFound): the NotFound message
// therefore mentions a locked keychain too.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT

public:
    static constexpr const char *kService = "Ferry";

    // `service` other than Ferry's only for tests that must not touch a real user's entries.
    explicit KeychainSecretStore(const QString &service = QString::fromLatin1(kService), QObject *parent = nullptr);
    ~KeychainSecretStore() override;

    void read(const QString &key, QObject *context, Callback done) override;
    void write(const QString &key, const QString &value, QObject *context, Callback done) override;
    void remove(const QString &key, QObject *context, Callback done) override;
    bool isPersistent() const override { return true; }
    QString description() const override;

    // QtKeychain's error code (QKeychain::Error) as a status.
    static SecretResult::Status statusFor(int keychainError);

private:
    void run(QKeychain::Job *job, const QString &key, QObject *context, Callback done);

    QString m_service;
};
