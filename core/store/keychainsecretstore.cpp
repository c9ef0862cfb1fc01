#include "store/keychainsecretstore.h"

#include "util/logging.h"
#include "util/redactor.h"

#include <qt6keychain/keychain.h>

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent)
    , m_service(service)
{
}

KeychainSecretStore::~KeychainSecretStore() = default;

QString KeychainSecretStore::description() const
{
    return tr("System keychain");
}

SecretResult::Status KeychainSecretStore::statusFor(int keychainError)
{
    switch (keychainError) {
    case QKeychain::NoError:
        return SecretResult::Status::Ok;
    case QKeychain::EntryNotFound:
        return SecretResult::Status::NotFound;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return SecretResult::Status::Locked;
    case QKeychain::NoBackendAvailable:
    case QKeychain::OtherError:
        return SecretResult::Status::NoBackend;
    default:
        return SecretResult::Status::Failed;
    }
}

void KeychainSecretStore::read(const QString &key, QObject *context, Callback done)
{
    run(new QKeychain::ReadPasswordJob(m_service, this), key, context, std::move(done));
}

void KeychainSecretStore::write(const QString &key, const QString &value, QObject *context, Callback done)
{
    Redactor::instance().addSecret(value);
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setTextData(value);
    run(job, key, context, std::move(done));
}

void KeychainSecretStore::remove(const QString &key, QObject *context, Callback done)
{
    run(new QKeychain::DeletePasswordJob(m_service, this), key, context, std::move(done));
}

void KeychainSecretStore::run(QKeychain::Job *job, const QString &key, QObject *context, Callback done)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this, [this, key, guard, done = std::move(done)](QKeychain::Job *j) {
        SecretResult result;
        result.status = statusFor(j->error());
        switch (result.status) {
        case SecretResult::Status::Ok:
            if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(j)) {
                result.value = read->textData();
                Redactor::instance().addSecret(result.value);
            }
            break;
        case SecretResult::Status::NotFound:
            // libsecret reports a locked keyring whose unlock prompt failed or was dismissed as "not found"
            // (measured with QtKeychain 0.13.2 and gnome-keyring 42), so say both.
            result.message = tr("Nothing is stored under %1 in the system keychain, or the keychain is locked "
                                "(unlock it and try again).")
                                 .arg(key);
            break;
        case SecretResult::Status::NoBackend:
            result.message = noKeychainMessage();
            break;
        case SecretResult::Status::Locked:
            result.message = lockedMessage();
            break;
        case SecretResult::Status::Failed:
            result.message = tr("The system keychain reported an error: %1").arg(j->errorString());
            break;
        }
        if (!result.ok() && result.status != SecretResult::Status::NotFound) {
            qCWarning(lcStore).noquote() << "keychain" << key << "error" << j->error() << j->errorString();
        }
        deliver(guard, done, result);
    });
    job->start();
}
