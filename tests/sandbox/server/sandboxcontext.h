#pragma once

#include "data/groupregistry.h"
#include "data/population.h"
#include "export/jobstore.h"
#include "persona/persona.h"
#include "server/sandboxclock.h"
#include "server/sandboxconfig.h"

#include <memory>

// The state every handler of one sandbox run shares: configuration (faults are live and may change at run
// time), clock, persona, data, jobs and the origins clients see. Owned by SandboxServer; handlers hold a reference.
struct SandboxContext
{
    explicit SandboxContext(SandboxConfig cfg);

    SandboxConfig config;
    SandboxClock clock;
    std::unique_ptr<Persona> persona;
    std::shared_ptr<Population> population;
    GroupRegistry groups;
    JobStore jobs;
    Persona::Timings timings; // persona defaults overridden by the command line
    QByteArray primaryOrigin; // http://127.0.0.1:PORT
    QByteArray storageOrigin; // http://localhost:PORT2
    QByteArray signingKey;    // for the storage origin's pre-signed URLs

    // Per-server fault counters (restart when faults are replaced).
    int kickoffsThrottled = 0;
    int kickoffsRejected = 0;
    int tokensRefused = 0;

    QByteArray fhirBase() const { return primaryOrigin + persona->basePath(); }
    QByteArray tokenUrl() const { return primaryOrigin + persona->tokenPath(); }
    bool authEnabled() const { return config.auth != SandboxConfig::AuthMode::None; }
    // Whether file URLs need the bearer token (false when files live on the storage origin or auth is off).
    bool filesRequireToken() const;
    QByteArray statusUrl(const ExportJob &job) const { return primaryOrigin + persona->statusPath(job.id); }
    QByteArray fileUrl(const ExportFile &file) const;
    QByteArray presignedUrl(const ExportFile &file) const;
    QByteArray presignature(const QByteArray &token, qint64 expires) const;

    // Marks the job complete and gives its files links (and their expiry).
    void completeJob(ExportJob &job);
    // Completed job whose links expired: fresh links and a new expiry, unless --no-refresh-links.
    void refreshExpiredLinks(ExportJob &job);
    qint64 fileExpiryFromNow() const;
};
