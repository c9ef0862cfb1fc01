#pragma once

#include "vendor/vendorprofile.h"

#include <QList>
#include <QString>

// The vendor presets shipped with Ferry (resources/vendors/*.json, compiled in as :/vendors/). The generic
// profile always exists, even if its file were missing. Loaded once; a preset that fails to parse is logged and
// left out rather than taking the others down.
class VendorRegistry
{
public:
    static const VendorRegistry &instance();

    const QList<VendorProfile> &all() const { return m_profiles; } // generic first, then by display name
    // The preset with this id, or the generic profile when unknown.
    VendorProfile profile(const QString &id) const;
    bool contains(const QString &id) const;
    QStringList ids() const;

private:
    VendorRegistry();
    QList<VendorProfile> m_profiles;
};
