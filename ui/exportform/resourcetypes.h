#pragma once

#include <QStringList>

// The resource-type sets the export form offers with one click.
class ResourceTypes
{
public:
    // FHIR R4 resource types an analyst exports (clinical, administrative, financial), alphabetical.
    static QStringList all();
    // US Core 6 profiles = the USCDI v3 data classes, by resource type.
    static QStringList usCore();
    // What the preset supports (its supportedTypes), else all().
    static QStringList forVendor(const QStringList &supportedTypes);
};
