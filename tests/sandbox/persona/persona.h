#pragma once

#include "data/groupregistry.h"
#include "data/population.h"
#include "data/resourcerenderer.h"
#include "export/exportjob.h"
#include "export/exportplanner.h"
#include "export/jobstore.h"
#include "http/httprequest.h"
#include "http/httpresponse.h"
#include "server/sandboxclock.h"
#include "server/sandboxconfig.h"

#include <QJsonObject>

#include <memory>
#include <optional>

// A vendor's way of speaking bulk data. The base class IS the standard persona (Bulk Data IG v2 STU2 + STU3);
// each vendor persona overrides only where its documentation differs, so the differences are easy to read.
// Hooks are called on the server's thread; personas may keep state (Epic's kick-off window) but never touch
// sockets: they return values and responses.
class Persona
{
public:
    enum class RetryAfterUnit { Seconds, Milliseconds, Minutes };
    enum class FileDelivery { Direct, RedirectToStorage, BinaryWrapper };

    struct Timings
    {
        int polls = 2;                // 202 answers before the manifest
        double jobSeconds = 0;        // minimum job duration
        double retryAfterSeconds = 1; // Retry-After on 202
        double fileTtlSeconds = 3600; // file links live this long after completion
        double tokenTtlSeconds = 300;
        double jobTtlSeconds = -1; // the job itself is forgotten after this (-1: never)
    };

    struct KickoffContext
    {
        const HttpRequest &request;
        const ExportParameters &params;
        const QByteArray &clientId;
        const QByteArrayList &grantedScopes; // empty without auth
        const JobStore &jobs;
        const SandboxClock &clock;
    };

    explicit Persona(const SandboxConfig &config);
    Persona(const Persona &) = delete;
    Persona &operator=(const Persona &) = delete;
    virtual ~Persona();

    virtual QByteArray name() const { return "standard"; }

    // Routes (paths on the primary origin)
    virtual QByteArray basePath() const { return "/fhir"; }
    virtual QByteArray tokenPath() const { return "/auth/token"; }
    virtual QByteArray statusPath(const QByteArray &jobId) const { return basePath() + "/_jobs/" + jobId; }
    virtual QByteArray filePath(const QByteArray &token) const { return basePath() + "/_files/" + token + ".ndjson"; }
    // The job id a status request names (path, or query for HAPI), or empty; the file token a path names.
    virtual QByteArray jobIdFromRequest(const HttpRequest &request) const;
    QByteArray fileTokenFromPath(const QByteArray &path) const;

    // What the server offers
    virtual QByteArrayList supportedTypes() const;
    virtual QList<ResourceType> defaultTypes(ExportLevel level, const QByteArray &levelType) const;
    virtual bool levelSupported(ExportLevel level, const QByteArray &levelType) const;
    virtual KickoffRules kickoffRules() const { return {}; }
    virtual void adjustGroups(GroupRegistry &groups) const;
    virtual Population::IdStyle idStyle() const { return Population::IdStyle::Plain; }
    virtual bool hasLastUpdated() const { return true; }
    virtual bool honoursSince() const { return true; }
    virtual Timings defaultTimings() const { return {}; }
    virtual RetryAfterUnit retryAfterUnit() const { return RetryAfterUnit::Seconds; }
    virtual JobStore::FileSplit fileSplit() const;
    virtual QByteArray softwareName() const { return "ferry-sandbox"; }
    virtual QByteArray publisher() const { return "Ferry"; }

    // Kick-off
    virtual std::optional<HttpResponse> admitKickoff(const KickoffContext &ctx);
    // Adjusts what gets planned (InteropiO: staged ids) or fails the job up front.
    virtual void preparePlan(const ExportParameters &params, const Population &population, ExportPlanner::Input &input,
                             ExportJob &job) const;
    virtual void kickoffAccepted(const ExportJob &job, const QByteArray &statusUrl, HttpResponse &response) const;
    // true: answer the kick-off with the manifest right away (1upHealth legacy endpoint).
    virtual bool synchronousKickoff() const { return false; }

    // Status
    virtual double retryAfterSeconds(const ExportJob &job, double configured) const;
    virtual QByteArray progressText(const ExportJob &job, double fraction) const;
    // Turns the standard 202 into the vendor's in-progress answer (1upHealth: 200 + JSON).
    virtual void inProgress(const ExportJob &job, double fraction, HttpResponse &response) const;
    virtual QByteArray outputUrlKey() const { return "url"; }
    virtual bool manifestHasErrorArray() const { return true; }
    virtual QByteArray transactionTime(const ExportJob &job) const;
    virtual void decorateManifest(const ExportJob &job, QJsonObject &manifest) const;
    virtual bool ownerOnly() const { return false; }
    virtual HttpResponse unknownJob(const QByteArray &jobId) const;
    virtual HttpResponse deletedJob(const ExportJob &job) const;
    // nullopt: standard DELETE (202, job and files gone).
    virtual std::optional<HttpResponse> deleteJob(const ExportJob &job) const;

    // Every protected request (after authentication): Epic's Epic-Client-ID header, for instance.
    virtual std::optional<HttpResponse> checkRequest(const HttpRequest &request, const QByteArray &clientId,
                                                     bool authenticated) const;

    // Files
    virtual FileDelivery fileDelivery(const HttpRequest &request) const;

    // Auth
    virtual QByteArrayList signingAlgorithms() const { return {"RS384", "ES384"}; }
    virtual bool acceptsV2Scopes() const { return true; }
    virtual void decorateSmartConfiguration(QJsonObject &config) const;
    virtual QString checkAuthMode(SandboxConfig::AuthMode mode) const;
    virtual int rateLimitPerMinute() const { return 0; }

protected:
    const SandboxConfig &config() const { return m_config; }

private:
    const SandboxConfig &m_config;
};
