#pragma once

#include "store/secretstore.h"

#include <QHash>

// Session-only secrets, used when no system keychain answers. Values live in this process's memory and are gone
// when Ferry exits; nothing is ever written to disk (there is deliberately no "insecure fallback").
class MemorySecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit MemorySecretStore(QObject *parent = nullptr);
    ~MemorySecretStore() override;

    void read(const QString &key, QObject *context, Callback done) override;
    void write(const QString &key, const QString &value, QObject *context, Callback done) override;
    void remove(const QString &key, QObject *context, Callback done) override;
    bool isPersistent() const override { return false; }
    QString description() const override;

private:
    QHash<QString, QString> m_values;
};
