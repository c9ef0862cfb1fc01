#pragma once

#include "store/serverprofile.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class SecretStore;

// The server profiles, persisted as one JSON file (profiles.json, 0600, in a 0700 folder) shared by the desktop
// app and the CLI. The file never holds a secret: ServerProfile has no field for one, and fields that look like a
// secret are dropped with a warning when a hand-edited file is loaded. Secrets live in the SecretStore; removing a
// profile removes them too.
//
// Lives in one thread; not thread-safe. Writes are atomic (QSaveFile), so a crash never leaves half a file.
class ProfileStore : public QObject
{
    Q_OBJECT

public:
    // `secrets` must outlive the store. `directory` empty: defaultDirectory().
    explicit ProfileStore(SecretStore *secrets, const QString &directory = {}, QObject *parent = nullptr);
    ~ProfileStore() override;

    // $FERRY_CONFIG_DIR when set (tests, portable installs), else the per-user config folder + "/ferry" — one
    // folder for the app and the CLI whatever their QCoreApplication names.
    static QString defaultDirectory();
    QString filePath() const;

    // Reads the file; a missing file is an empty list. False with `error` set on an unreadable or corrupt file
    // (the in-memory list is left as it was). `warnings`: fields dropped because they looked like secrets.
    bool load(QString *error, QStringList *warnings = nullptr);

    const QList<ServerProfile> &profiles() const { return m_profiles; }
    std::optional<ServerProfile> profile(const QString &id) const;
    QStringList ids() const;

    // Inserts or replaces (by id) and writes the file. False with `error` set when the id is invalid or the file
    // cannot be written (the in-memory list is then unchanged).
    bool save(const ServerProfile &profile, QString *error);

    // Deletes every secret the profile may have in the SecretStore, then the profile. If a secret cannot be
    // deleted (keychain locked) the profile is kept, so the user can try again. `done(error)` runs exactly once,
    // later, with an empty error on success, unless `context` is destroyed first.
    void remove(const QString &id, QObject *context, std::function<void(const QString &error)> done);

    SecretStore *secrets() const { return m_secrets; }

signals:
    void changed();

private:
    bool write(const QList<ServerProfile> &profiles, QString *error);
    void removeSecrets(const QString &id, QStringList names, QStringList errors, QObject *context,
                       std::function<void(const QString &)> done);

    SecretStore *m_secrets;
    QString m_directory;
    QList<ServerProfile> m_profiles;
};
