#pragma once

#include "data/resourcekey.h"
#include "data/vocabulary.h"

#include <QByteArray>

#include <optional>
#include <string>

// The synthetic world: N patients and their clinical resources, plus shared Practitioners, Organizations and
// Locations, all a pure function of the seed. Counts per patient vary (hash-derived) but never change between
// runs with the same seed. The renderer and the export filters (_since, _typeFilter) read the same facts from
// here, so the truth a test checks and the bytes a client downloads cannot disagree.
class Population
{
public:
    // EpicLong makes every fourth patient's (and shared resource's) ids longer than FHIR's 64 characters.
    enum class IdStyle { Plain, EpicLong };

    static constexpr qint64 kFirstUpdate = 1420070400; // 2015-01-01T00:00:00Z
    static constexpr qint64 kLastUpdate = 1767225599;  // 2025-12-31T23:59:59Z

    Population(quint64 seed, quint32 patientCount);

    quint64 seed() const { return m_seed; }
    quint32 patientCount() const { return m_patients; }
    IdStyle idStyle() const { return m_idStyle; }
    void setIdStyle(IdStyle style) { m_idStyle = style; }

    quint32 perPatientCount(ResourceType type, quint32 patient) const;
    quint32 sharedCount(ResourceType type) const;
    // Resources of this type that existed for the patient and were deleted (tombstones for deleted[]).
    quint32 deletedCount(ResourceType type, quint32 patient) const;

    void appendId(std::string &out, const ResourceKey &key) const;
    QByteArray id(const ResourceKey &key) const;
    std::optional<quint32> patientIndexForId(QByteArrayView id) const;
    // Index of a Patient or shared resource (Practitioner, Organization, Location) from its id.
    std::optional<quint32> indexForId(ResourceType type, QByteArrayView id) const;
    // meta.lastUpdated in epoch seconds (for a tombstone: when it was deleted).
    qint64 lastUpdated(const ResourceKey &key) const;
    // A detail value for the resource, different per salt; the renderer uses it for everything cosmetic.
    quint64 detail(const ResourceKey &key, quint64 salt) const;

    // Facts shared by the renderer and _typeFilter.
    const ObservationCategory &observationCategory(const ResourceKey &key) const;
    const VocabCode &observationCode(const ResourceKey &key) const;
    const char *observationStatus(const ResourceKey &key) const;
    const char *conditionClinicalStatus(const ResourceKey &key) const;
    const char *conditionCategory(const ResourceKey &key) const;
    const char *encounterStatus(const ResourceKey &key) const;
    const char *medicationStatus(const ResourceKey &key) const;
    const char *gender(quint32 patient) const;
    quint32 practitionerFor(const ResourceKey &key) const;
    quint32 organizationFor(const ResourceKey &key) const;
    quint32 locationFor(const ResourceKey &key) const;

private:
    bool longIds(quint32 index) const { return m_idStyle == IdStyle::EpicLong && index % 4 == 1; }
    void appendTag(std::string &out, quint32 index, ResourceType type) const;

    quint64 m_seed;
    quint32 m_patients;
    IdStyle m_idStyle = IdStyle::Plain;
};
