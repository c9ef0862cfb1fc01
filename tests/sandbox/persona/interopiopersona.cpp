#include "persona/interopiopersona.h"

#include "data/groupregistry.h"
#include "server/outcome.h"

#include <cmath>

QList<ResourceType> InteropioPersona::defaultTypes(ExportLevel level, const QByteArray &levelType) const
{
    if (level == ExportLevel::Patient) {
        return {ResourceType::Patient};
    }
    const std::optional<ResourceType> t = ResourceTypes::fromName(levelType);
    return t ? QList<ResourceType>{*t} : QList<ResourceType>{};
}

bool InteropioPersona::levelSupported(ExportLevel level, const QByteArray &levelType) const
{
    return level == ExportLevel::Patient ||
           (level == ExportLevel::Resource && (levelType == "Practitioner" || levelType == "Location"));
}

Persona::Timings InteropioPersona::defaultTimings() const
{
    Timings t;
    t.polls = 3;
    t.jobSeconds = 30;
    t.retryAfterSeconds = 5;
    return t;
}

JobStore::FileSplit InteropioPersona::fileSplit() const
{
    return JobStore::FileSplit{std::min(100, config().resourcesPerFile.value_or(100)), false};
}

std::optional<QByteArrayList> InteropioPersona::staged(const QByteArray &type, const Population &population) const
{
    if (!config().stagedDefaults) {
        const auto it = config().staged.constFind(type);
        return it == config().staged.constEnd() ? std::nullopt : std::optional<QByteArrayList>(*it);
    }
    if (type != "Patient") {
        return QByteArrayList{"*"};
    }
    // By default the demo cohort is staged, plus two identifiers Epic does not know.
    GroupRegistry groups(population.seed(), population.patientCount());
    groups.add("demo", std::min<quint32>(25, population.patientCount()));
    QByteArrayList ids;
    for (const quint32 p : groups.find("demo")->members) {
        ids.append(population.id(ResourceKey{p, 0, ResourceType::Patient, false}));
    }
    ids << "e00000-missing-1"
        << "e00000-missing-2";
    return ids;
}

void InteropioPersona::preparePlan(const ExportParameters &params, const Population &population,
                                   ExportPlanner::Input &input, ExportJob &job) const
{
    const QByteArray type = params.level == ExportLevel::Patient ? QByteArray("Patient") : params.levelType;
    const ResourceType rt = *ResourceTypes::fromName(type);
    input.types = {rt};
    const std::optional<QByteArrayList> ids = staged(type, population);
    if (!ids) {
        job.state = ExportJob::State::Failed;
        job.failureStatus = 500;
        job.failureCode = "not-found";
        job.failureDiagnostics =
            "Bulk export failed: the identifier file /sandbox-site/" + type + '/' + type + ".csv was not found";
        return;
    }
    if (ids->contains("*")) {
        return;
    }
    std::vector<quint32> patients;
    QSet<quint32> shared;
    int missing = 0;
    for (const QByteArray &id : *ids) {
        const std::optional<quint32> index = population.indexForId(rt, id);
        if (!index) {
            input.errorLines.append(ExportPlanner::operationOutcomeLine(
                "missing-" + QByteArray::number(++missing), "error", "not-found",
                "Could not retrieve " + type + '/' + id + " from Epic: resource not found"));
            continue;
        }
        patients.push_back(*index);
        shared.insert(*index);
    }
    if (rt == ResourceType::Patient) {
        std::sort(patients.begin(), patients.end());
        patients.erase(std::unique(patients.begin(), patients.end()), patients.end());
        input.patients = patients;
    } else {
        input.sharedOnly.insert(rt, shared);
    }
}

double InteropioPersona::retryAfterSeconds(const ExportJob &job, double configured) const
{
    return configured * std::max(1, job.pollsAccepted); // 5, 10, 15, ...: waits grow with each poll
}

QByteArray InteropioPersona::progressText(const ExportJob &job, double fraction) const
{
    const qint64 total = job.resourceCount() + (job.data ? job.data->errorLines.size() : 0);
    const auto done = static_cast<qint64>(std::floor(static_cast<double>(total) * fraction));
    return QByteArray::number(done) + " of " + QByteArray::number(total) + " ids processed";
}

HttpResponse InteropioPersona::deletedJob(const ExportJob &job) const
{
    return Outcome::response(500, "processing", "Bulk export request " + job.id + " was cancelled");
}
