#pragma once

#include "data/resourcetype.h"

#include <QtGlobal>

// Names one synthetic resource (or deletion tombstone) in 8 bytes. Everything about it — id, dates, codes,
// rendered JSON — is derived from the key and the population's seed, so jobs store keys, never JSON.
struct ResourceKey
{
    quint32 owner = 0;   // patient index for per-patient types; the shared resource's own index otherwise
    quint16 ordinal = 0; // n-th resource of this type for that patient
    ResourceType type = ResourceType::Patient;
    bool deleted = false; // a tombstone for the manifest's deleted[] files, not a live resource

    friend bool operator==(const ResourceKey &, const ResourceKey &) = default;
};
static_assert(sizeof(ResourceKey) == 8);
