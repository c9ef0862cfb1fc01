#pragma once

#include "data/elementsubsetter.h"
#include "data/population.h"
#include "data/resourcerenderer.h"

#include <QByteArrayList>
#include <QList>

#include <memory>
#include <vector>

// Everything an export contains, fixed at kick-off: which resources (as keys), which tombstones, which error
// lines, and how to render them. Immutable once built and shared (shared_ptr) with file streams, so a stream
// keeps working even if its job is deleted while a client is still downloading.
struct ExportData
{
    struct Slice
    {
        ResourceType type;
        size_t begin = 0; // into keys (or deleted)
        size_t end = 0;
    };

    std::shared_ptr<const Population> population;
    RenderOptions render;
    ElementSubsetter subsetter{QByteArrayList()};
    std::vector<ResourceKey> keys;    // live resources: by type in export order, then patient, then ordinal
    std::vector<ResourceKey> deleted; // tombstones (only when _since was honoured)
    QList<Slice> slices;
    QList<Slice> deletedSlices;
    QByteArrayList errorLines; // OperationOutcome resources, one JSON line each
};
