#include "vendor/vendorregistry.h"

#include "util/logging.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

const VendorRegistry &VendorRegistry::instance()
{
    static const VendorRegistry registry;
    return registry;
}

VendorRegistry::VendorRegistry()
{
    VendorProfile generic = VendorProfile::generic();
    const QStringList files = QDir(QStringLiteral(":/vendors")).entryList({QStringLiteral("*.json")}, QDir::Files);
    for (const QString &name : files) {
        QFile file(QStringLiteral(":/vendors/") + name);
        if (!file.open(QIODevice::ReadOnly)) {
            continue;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
        VendorProfile profile;
        QString error;
        if (!doc.isObject()) {
            qCWarning(lcVendor) << "vendor preset" << name << "is not valid JSON:" << parseError.errorString();
            continue;
        }
        if (!VendorProfile::fromJson(doc.object(), &profile, &error)) {
            qCWarning(lcVendor) << "vendor preset" << name << "is invalid:" << error;
            continue;
        }
        if (profile.id == QLatin1String("generic")) {
            generic = profile;
        } else {
            m_profiles.append(profile);
        }
    }
    std::sort(m_profiles.begin(), m_profiles.end(), [](const VendorProfile &a, const VendorProfile &b) {
        return a.displayName.localeAwareCompare(b.displayName) < 0;
    });
    m_profiles.prepend(generic);
}

VendorProfile VendorRegistry::profile(const QString &id) const
{
    for (const VendorProfile &p : m_profiles) {
        if (p.id == id) {
            return p;
        }
    }
    return m_profiles.first();
}

bool VendorRegistry::contains(const QString &id) const
{
    return std::any_of(m_profiles.begin(), m_profiles.end(), [&id](const VendorProfile &p) { return p.id == id; });
}

QStringList VendorRegistry::ids() const
{
    QStringList out;
    for (const VendorProfile &p : m_profiles) {
        out << p.id;
    }
    return out;
}
