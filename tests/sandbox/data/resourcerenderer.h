#pragma once

#include "data/population.h"

#include <string>

struct RenderContext;

struct RenderOptions
{
    bool lastUpdated = true; // Epic omits meta.lastUpdated
    qint64 lineBytes = 0;    // pad each resource with a text narrative up to this many bytes (0: natural size)
};

// Renders synthetic resources as single-line JSON, fast: pre-written fragments and arithmetic formatting, no
// JSON document objects. Output is a pure function of (population seed, key, options).
class ResourceRenderer
{
public:
    ResourceRenderer(const Population &population, RenderOptions options);

    // Appends one resource (no trailing newline).
    void render(const ResourceKey &key, std::string &out) const;
    // Appends the Bundle (type transaction, one DELETE entry) that a deleted[] file holds for a tombstone.
    void renderDeletion(const ResourceKey &key, std::string &out) const;

    const Population &population() const { return m_population; }
    const RenderOptions &options() const { return m_options; }

private:
    void patient(RenderContext &ctx) const;
    void practitioner(RenderContext &ctx) const;
    void organization(RenderContext &ctx) const;
    void location(RenderContext &ctx) const;
    void pad(std::string &out, size_t start) const;

    const Population &m_population;
    RenderOptions m_options;
};
