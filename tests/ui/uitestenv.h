#pragma once

#include <QTemporaryDir>

#include <memory>

class AppServices;
class MemorySecretStore;

// AppServices over a fresh temporary folder (profiles, journal, history, settings) with a session-only secret
// store, so a UI test never touches the user's files or keychain.
class UiTestEnv
{
public:
    UiTestEnv();
    ~UiTestEnv();

    AppServices *services() const { return m_services.get(); }
    // Ferry closes and starts again over the same folders (the session-only secrets are gone).
    void restart();
    MemorySecretStore *secrets() const { return m_secrets; }
    QString path(const QString &name) const { return m_dir.filePath(name); }

private:
    void create();

    QTemporaryDir m_dir;
    MemorySecretStore *m_secrets = nullptr;
    std::unique_ptr<AppServices> m_services;
};
