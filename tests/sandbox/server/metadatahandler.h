#pragma once

#include "server/sandboxcontext.h"

// The discovery endpoints a client reads before exporting: CapabilityStatement (bulk operations, resource types,
// oauth-uris when auth is on), SMART configuration, and Group search/read so a client can list groups.
class MetadataHandler
{
public:
    explicit MetadataHandler(const SandboxContext &ctx);

    HttpResponse capabilityStatement() const;
    HttpResponse smartConfiguration() const;
    HttpResponse groupSearch(const HttpRequest &request) const;
    HttpResponse groupRead(const QByteArray &id) const;

private:
    QJsonObject groupResource(const GroupRegistry::Group &group, bool withMembers) const;

    const SandboxContext &m_ctx;
};
