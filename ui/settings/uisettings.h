#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QSettings>
#include <QString>

#include <memory>

// The desktop app's own settings, typed (STYLE: no raw QSettings in widgets): window geometry and dock state, the
// remembered destination folder, the last selected server, whether the first-run Sandbox offer was answered, and
// each profile's last connection check. Writes go to QSettings at once (it batches them to disk itself).
class UiSettings
{
public:
    // `path` empty: the platform's usual place for "Ferry/Ferry"; else an INI file (tests).
    explicit UiSettings(const QString &path = {});

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    // The export destination: what the user chose last, else ~/Ferry.
    QString destination() const;
    void setDestination(const QString &folder);
    static QString defaultDestination();

    QString lastProfileId() const;
    void setLastProfileId(const QString &id);

    // The profile the first-run Sandbox offer created (its base URL follows the embedded server's port).
    QString sandboxProfileId() const;
    void setSandboxProfileId(const QString &id);

    // The result of the last "Check connection" of a profile, in a line, and when it ran.
    struct CheckStatus
    {
        QDateTime checkedAt;
        QString summary;
        QDateTime tokenExpires;
    };
    CheckStatus checkStatus(const QString &profileId) const;
    void setCheckStatus(const QString &profileId, const CheckStatus &status);
    void forgetProfile(const QString &profileId);

private:
    std::unique_ptr<QSettings> m_settings;
};
