#pragma once

#include "export/exportdata.h"
#include "export/typefilter.h"

#include <QSet>

#include <optional>

// Decides exactly which resources an export contains. Pure computation over the population; the same result
// backs the files, the manifest counts and /__truth.
class ExportPlanner
{
public:
    struct Input
    {
        QList<ResourceType> types;                     // in export order
        std::vector<quint32> patients;                 // sorted patient indexes in scope
        QHash<ResourceType, QSet<quint32>> sharedOnly; // restricts a shared type to these indexes (InteropiO)
        std::optional<qint64> sinceMs;                 // only if the persona honours _since
        std::optional<qint64> untilMs;
        QList<TypeFilter> typeFilters;
        QByteArrayList elements;
        RenderOptions render;
        QByteArrayList errorLines; // already rendered OperationOutcome lines
        int syntheticErrors = 0;   // extra "could not export" error lines (configurable)
    };

    static std::shared_ptr<ExportData> plan(std::shared_ptr<const Population> population, const Input &input);
    // One OperationOutcome line with a single issue.
    static QByteArray operationOutcomeLine(const QByteArray &id, const QByteArray &severity, const QByteArray &code,
                                           const QByteArray &diagnostics);
};
