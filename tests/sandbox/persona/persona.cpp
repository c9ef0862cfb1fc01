#include "persona/persona.h"

#include "data/timeformat.h"
#include "server/outcome.h"

#include <cmath>

Persona::Persona(const SandboxConfig &config)
    : m_config(config)
{
}

Persona::~Persona() = default;

QByteArray Persona::jobIdFromRequest(const HttpRequest &request) const
{
    const QByteArray &path = request.path;
    const QByteArray prefix = statusPath(QByteArray());
    return path.startsWith(prefix) && path.size() > prefix.size() && !path.mid(prefix.size()).contains('/')
               ? path.mid(prefix.size())
               : QByteArray();
}

QByteArray Persona::fileTokenFromPath(const QByteArray &path) const
{
    const QByteArray sample = filePath("\x01");
    const qsizetype at = sample.indexOf('\x01');
    const QByteArray prefix = sample.left(at);
    const QByteArray suffix = sample.mid(at + 1);
    if (!path.startsWith(prefix) || !path.endsWith(suffix) || path.size() <= prefix.size() + suffix.size()) {
        return {};
    }
    const QByteArray token = path.mid(prefix.size(), path.size() - prefix.size() - suffix.size());
    return token.contains('/') ? QByteArray() : token;
}

QByteArrayList Persona::supportedTypes() const
{
    return ResourceTypes::names(ResourceTypes::standardTypes());
}

QList<ResourceType> Persona::defaultTypes(ExportLevel level, const QByteArray &) const
{
    QList<ResourceType> types;
    for (const QByteArray &name : supportedTypes()) {
        const std::optional<ResourceType> t = ResourceTypes::fromName(name);
        // Patient and Group exports hold the patient compartment; a system export holds everything.
        if (t && (level == ExportLevel::System || ResourceTypes::perPatient(*t))) {
            types.append(*t);
        }
    }
    return types;
}

bool Persona::levelSupported(ExportLevel level, const QByteArray &) const
{
    return level != ExportLevel::Resource;
}

void Persona::adjustGroups(GroupRegistry &) const {}

JobStore::FileSplit Persona::fileSplit() const
{
    return JobStore::FileSplit{m_config.resourcesPerFile.value_or(1000), false};
}

std::optional<HttpResponse> Persona::admitKickoff(const KickoffContext &)
{
    return std::nullopt;
}

void Persona::preparePlan(const ExportParameters &, const Population &, ExportPlanner::Input &, ExportJob &) const {}

void Persona::kickoffAccepted(const ExportJob &, const QByteArray &, HttpResponse &) const {}

double Persona::retryAfterSeconds(const ExportJob &, double configured) const
{
    return configured;
}

QByteArray Persona::progressText(const ExportJob &, double fraction) const
{
    return QByteArray::number(static_cast<int>(std::floor(fraction * 100))) + "% complete";
}

void Persona::inProgress(const ExportJob &, double, HttpResponse &) const {}

QByteArray Persona::transactionTime(const ExportJob &job) const
{
    return TimeFormat::instant(job.kickoffUtc);
}

void Persona::decorateManifest(const ExportJob &, QJsonObject &) const {}

HttpResponse Persona::unknownJob(const QByteArray &jobId) const
{
    return Outcome::response(404, "not-found", "No export job with id '" + jobId + "' exists (or it was deleted)");
}

HttpResponse Persona::deletedJob(const ExportJob &job) const
{
    return Outcome::response(404, "not-found", "The export job '" + job.id + "' was deleted");
}

std::optional<HttpResponse> Persona::deleteJob(const ExportJob &) const
{
    return std::nullopt;
}

std::optional<HttpResponse> Persona::checkRequest(const HttpRequest &, const QByteArray &, bool) const
{
    return std::nullopt;
}

Persona::FileDelivery Persona::fileDelivery(const HttpRequest &) const
{
    return FileDelivery::Direct;
}

void Persona::decorateSmartConfiguration(QJsonObject &) const {}

QString Persona::checkAuthMode(SandboxConfig::AuthMode) const
{
    return {};
}
