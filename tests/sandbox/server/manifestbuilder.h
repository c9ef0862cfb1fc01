#pragma once

#include "server/sandboxcontext.h"

#include <QJsonObject>

// Builds the complete-status body: the Bulk Data manifest, one page of it. Pages hold --manifest-page-size
// entries (outputs first, then errors, then deleted) and link to the next with link[relation=next]; every other
// field is the same on every page (STU3).
class ManifestBuilder
{
public:
    explicit ManifestBuilder(const SandboxContext &ctx);

    int pageSize(const ExportJob &job) const;
    int pageCount(const ExportJob &job) const;
    // Entries [0, ready) may be listed (all when complete); page is 1-based.
    QJsonObject page(const ExportJob &job, int page, int ready) const;

private:
    const SandboxContext &m_ctx;
};
