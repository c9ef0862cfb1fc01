#include "settings/uisettings.h"

#include <QDir>

namespace {
QString statusKey(const QString &profileId, const char *name)
{
    return QStringLiteral("profileStatus/") + profileId + QLatin1Char('/') + QLatin1String(name);
}
} // namespace

UiSettings::UiSettings(const QString &path)
    : m_settings(path.isEmpty() ? std::make_unique<QSettings>(QStringLiteral("Ferry"), QStringLiteral("Ferry"))
                                : std::make_unique<QSettings>(path, QSettings::IniFormat))
{
}

QByteArray UiSettings::windowGeometry() const
{
    return m_settings->value(QStringLiteral("window/geometry")).toByteArray();
}

void UiSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings->setValue(QStringLiteral("window/geometry"), geometry);
}

QByteArray UiSettings::windowState() const
{
    return m_settings->value(QStringLiteral("window/state")).toByteArray();
}

void UiSettings::setWindowState(const QByteArray &state)
{
    m_settings->setValue(QStringLiteral("window/state"), state);
}

QString UiSettings::destination() const
{
    const QString folder = m_settings->value(QStringLiteral("export/destination")).toString();
    return folder.isEmpty() ? defaultDestination() : folder;
}

void UiSettings::setDestination(const QString &folder)
{
    m_settings->setValue(QStringLiteral("export/destination"), folder);
}

QString UiSettings::defaultDestination()
{
    return QDir::home().filePath(QStringLiteral("Ferry"));
}

QString UiSettings::lastProfileId() const
{
    return m_settings->value(QStringLiteral("servers/last")).toString();
}

void UiSettings::setLastProfileId(const QString &id)
{
    m_settings->setValue(QStringLiteral("servers/last"), id);
}

QString UiSettings::sandboxProfileId() const
{
    return m_settings->value(QStringLiteral("sandbox/profile")).toString();
}

void UiSettings::setSandboxProfileId(const QString &id)
{
    m_settings->setValue(QStringLiteral("sandbox/profile"), id);
}

UiSettings::CheckStatus UiSettings::checkStatus(const QString &profileId) const
{
    CheckStatus s;
    s.checkedAt = m_settings->value(statusKey(profileId, "checkedAt")).toDateTime();
    s.summary = m_settings->value(statusKey(profileId, "summary")).toString();
    s.tokenExpires = m_settings->value(statusKey(profileId, "tokenExpires")).toDateTime();
    return s;
}

void UiSettings::setCheckStatus(const QString &profileId, const CheckStatus &status)
{
    m_settings->setValue(statusKey(profileId, "checkedAt"), status.checkedAt);
    m_settings->setValue(statusKey(profileId, "summary"), status.summary);
    m_settings->setValue(statusKey(profileId, "tokenExpires"), status.tokenExpires);
}

void UiSettings::forgetProfile(const QString &profileId)
{
    m_settings->remove(QStringLiteral("profileStatus/") + profileId);
}
