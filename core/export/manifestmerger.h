#pragma once

#include "export/exportrecord.h"
#include "export/outputlayout.h"
#include "fhir/manifest.h"

#include <QDateTime>
#include <QList>

// Folds manifests into an export's file list. Partial manifests (STU3 allowPartialManifests) repeat earlier
// entries, and pages add more, so an entry is new only when its URL is; unusable entries are kept (and reported)
// once. A refreshed manifest (fresh links after expiry) is matched to the files by kind, type and position.
namespace ManifestMerger {

// Appends the manifest's new entries as files (names from `layout`); returns their indexes.
QList<int> merge(ExportRecord &record, OutputLayout &layout, const Manifest &manifest, const QDateTime &expires);

// Gives files that are not verified the URL at the same place in `fresh`; returns the indexes whose URL changed.
QList<int> refresh(ExportRecord &record, const Manifest &fresh, const QDateTime &expires);

} // namespace ManifestMerger
