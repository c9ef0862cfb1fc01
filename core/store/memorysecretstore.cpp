#include "store/memorysecretstore.h"

#include "util/redactor.h"

MemorySecretStore::MemorySecretStore(QObject *parent)
    : SecretStore(parent)
{
}

MemorySecretStore::~MemorySecretStore() = default;

QString MemorySecretStore::description() const
{
    return tr("This session only (no system keychain)");
}

void MemorySecretStore::read(const QString &key, QObject *context, Callback done)
{
    SecretResult result;
    const auto it = m_values.constFind(key);
    if (it == m_values.constEnd()) {
        result.status = SecretResult::Status::NotFound;
        result.message = tr("Nothing is stored under %1 in this session.").arg(key);
    } else {
        result.value = *it;
    }
    deliver(context, done, result);
}

void MemorySecretStore::write(const QString &key, const QString &value, QObject *context, Callback done)
{
    Redactor::instance().addSecret(value);
    m_values.insert(key, value);
    deliver(context, done, SecretResult{});
}

void MemorySecretStore::remove(const QString &key, QObject *context, Callback done)
{
    SecretResult result;
    if (m_values.remove(key) == 0) {
        result.status = SecretResult::Status::NotFound;
    }
    deliver(context, done, result);
}
