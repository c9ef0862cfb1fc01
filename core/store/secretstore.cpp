#include "store/secretstore.h"

#include <QTimer>

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
{
}

SecretStore::~SecretStore() = default;

QString SecretStore::headerSecretName(const QString &headerName)
{
    return QStringLiteral("header/") + headerName.toLower();
}

QString SecretStore::key(const QString &profileId, const QString &name)
{
    return profileId + QLatin1Char('/') + name;
}

QString SecretStore::noKeychainMessage()
{
    return tr("No system keychain is available (is gnome-keyring or KWallet running?). Secrets you enter are kept "
              "for this session only and never written to disk.");
}

QString SecretStore::lockedMessage()
{
    return tr("The system keychain is locked, or access to it was refused. Unlock it (for example by logging in "
              "again or opening your password manager) and try again.");
}

void SecretStore::deliver(const QPointer<QObject> &context, const Callback &done, const SecretResult &result)
{
    QTimer::singleShot(0, this, [guard = context, done, result] {
        if (guard) {
            done(result);
        }
    });
}
