#pragma once

#include "fhir/exportrequest.h"
#include "fhir/manifest.h"

#include <QDateTime>
#include <QHash>
#include <QString>

// Where an export's files go (DESIGN.md "Files on disk"):
//   <destination>/<profile>/<group or level>/<UTC timestamp>/Patient.000001.ndjson
//                                                            errors/OperationOutcome.000001.ndjson
//                                                            deleted/Bundle.000001.ndjson
//                                                            manifest.json, export.json
// Names come from the resource type and a per-type sequence, never from URL text, and every component is
// sanitised so nothing the server sends can steer a path outside the destination.
class OutputLayout
{
public:
    static QString exportDirectory(const QString &destination, const QString &profileName, const ExportRequest &request,
                                   const QDateTime &startedUtc);

    // Assigns the next name for an entry: sequences continue across manifest pages.
    QString nextName(ManifestEntry::Kind kind, const QString &type);
    // Re-learn the sequences from names already assigned (after a restart).
    void remember(const QString &name);

    static QString safeComponent(const QString &text);

private:
    static QString prefix(ManifestEntry::Kind kind, const QString &type);
    QHash<QString, int> m_sequences;
};
