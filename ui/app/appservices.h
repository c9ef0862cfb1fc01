#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class AuthorizerFactory;
class Clock;
class ExportHistory;
class ExportManager;
class Journal;
class ProfileStore;
class QNetworkAccessManager;
class SecretStore;
class UiSettings;

// The core objects the desktop app's widgets observe and drive, created in one place: the network access
// manager, the secret store (keychain or session memory), the profile store, the journal, the export history and
// the ExportManager whose authorizers are built from a profile and its stored secrets. app/gui/main.cpp makes one
// with the default folders; UI tests make one over temporary folders. Widgets get a pointer; it outlives them.
class AppServices : public QObject
{
    Q_OBJECT

public:
    struct Paths
    {
        QString configDir;    // profiles.json; empty: ProfileStore::defaultDirectory()
        QString journalDir;   // empty: Journal::defaultDirectory()
        QString historyPath;  // empty: ExportHistory::defaultPath()
        QString settingsPath; // empty: the platform's QSettings
    };

    // `secrets` comes from SecretStoreProbe (or a MemorySecretStore in tests); `secretNotice` is what the probe
    // said when no keychain answered (empty when all is well). `clock` outlives this object.
    AppServices(std::unique_ptr<SecretStore> secrets, const QString &secretNotice, const Paths &paths,
                const Clock *clock, QObject *parent = nullptr);
    ~AppServices() override;

    // Reads profiles.json; returns the error to show (empty when fine). Warnings are appended to `warnings`.
    QString loadProfiles(QStringList *warnings = nullptr);

    // A profile's credentials changed (saved in the editor): the next export of it builds a fresh authorizer;
    // exports already running keep the one they have until they finish.
    void credentialsChanged(const QString &profileId);

    QNetworkAccessManager *network() const { return m_nam.get(); }
    SecretStore *secrets() const { return m_secrets.get(); }
    QString secretNotice() const { return m_secretNotice; }
    ProfileStore *profiles() const { return m_profiles.get(); }
    ExportHistory *history() const { return m_history.get(); }
    ExportManager *exports() const { return m_exports.get(); }
    AuthorizerFactory *authorizers() const { return m_authorizers.get(); }
    // A factory of its own for a dialog's one-off check: secrets typed but not saved yet (by name) override the
    // stored ones, for this factory only.
    std::unique_ptr<AuthorizerFactory> authorizersWith(const QHash<QString, QString> &pendingSecrets) const;
    UiSettings *settings() const { return m_settings.get(); }
    const Clock *clock() const { return m_clock; }

private:
    const Clock *m_clock;
    QString m_secretNotice;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<ExportHistory> m_history;
    std::unique_ptr<AuthorizerFactory> m_authorizers;
    std::unique_ptr<ExportManager> m_exports;
    std::unique_ptr<UiSettings> m_settings;
};
