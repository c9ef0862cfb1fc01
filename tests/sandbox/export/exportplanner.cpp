#include "export/exportplanner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonArray>

namespace {

bool inWindow(const Population &population, const ResourceKey &key, const ExportPlanner::Input &input)
{
    const qint64 updatedMs = population.lastUpdated(key) * 1000;
    return (!input.sinceMs || updatedMs > *input.sinceMs) && (!input.untilMs || updatedMs <= *input.untilMs);
}

bool passesFilters(const Population &population, const ResourceKey &key, const QList<TypeFilter> &filters)
{
    bool any = false;
    const QByteArray type = ResourceTypes::name(key.type);
    for (const TypeFilter &f : filters) {
        if (f.type() != type) {
            continue;
        }
        if (f.matches(population, key)) {
            return true;
        }
        any = true;
    }
    return !any; // no filter for this type: everything passes
}

} // namespace

std::shared_ptr<ExportData> ExportPlanner::plan(std::shared_ptr<const Population> population, const Input &input)
{
    auto data = std::make_shared<ExportData>();
    data->population = population;
    data->render = input.render;
    data->subsetter = ElementSubsetter(input.elements);
    data->errorLines = input.errorLines;
    const Population &pop = *population;

    for (const ResourceType type : input.types) {
        ExportData::Slice slice{type, data->keys.size(), 0};
        ExportData::Slice deletedSlice{type, data->deleted.size(), 0};
        if (ResourceTypes::perPatient(type)) {
            for (const quint32 patient : input.patients) {
                const quint32 n = pop.perPatientCount(type, patient);
                for (quint32 i = 0; i < n; ++i) {
                    const ResourceKey key{patient, static_cast<quint16>(i), type, false};
                    if (inWindow(pop, key, input) && passesFilters(pop, key, input.typeFilters)) {
                        data->keys.push_back(key);
                    }
                }
                if (input.sinceMs) {
                    const quint32 gone = pop.deletedCount(type, patient);
                    for (quint32 i = 0; i < gone; ++i) {
                        const ResourceKey key{patient, static_cast<quint16>(i), type, true};
                        if (inWindow(pop, key, input)) {
                            data->deleted.push_back(key);
                        }
                    }
                }
            }
        } else {
            const auto restriction = input.sharedOnly.find(type);
            const quint32 n = pop.sharedCount(type);
            for (quint32 i = 0; i < n; ++i) {
                const ResourceKey key{i, 0, type, false};
                if (restriction != input.sharedOnly.end() && !restriction->contains(i)) {
                    continue;
                }
                if (inWindow(pop, key, input) && passesFilters(pop, key, input.typeFilters)) {
                    data->keys.push_back(key);
                }
            }
        }
        slice.end = data->keys.size();
        deletedSlice.end = data->deleted.size();
        if (slice.end > slice.begin) {
            data->slices.append(slice);
        }
        if (deletedSlice.end > deletedSlice.begin) {
            data->deletedSlices.append(deletedSlice);
        }
    }

    for (int i = 0; i < input.syntheticErrors && !data->keys.empty(); ++i) {
        const ResourceKey &key = data->keys[static_cast<size_t>(i) * 7919 % data->keys.size()];
        const QByteArray diagnostics = "Simulated processing error while exporting " + ResourceTypes::name(key.type) +
                                       '/' + pop.id(key) + " (--error-lines; the resource itself is still exported)";
        data->errorLines.append(
            operationOutcomeLine("err-synthetic-" + QByteArray::number(i + 1), "error", "processing", diagnostics));
    }
    return data;
}

QByteArray ExportPlanner::operationOutcomeLine(const QByteArray &id, const QByteArray &severity, const QByteArray &code,
                                               const QByteArray &diagnostics)
{
    QJsonObject issue{{QLatin1String("severity"), QString::fromUtf8(severity)},
                      {QLatin1String("code"), QString::fromUtf8(code)},
                      {QLatin1String("diagnostics"), QString::fromUtf8(diagnostics)}};
    QJsonObject outcome{{QLatin1String("resourceType"), QLatin1String("OperationOutcome")},
                        {QLatin1String("id"), QString::fromUtf8(id)},
                        {QLatin1String("issue"), QJsonArray{issue}}};
    return QJsonDocument(outcome).toJson(QJsonDocument::Compact);
}
