#pragma once

#include "auth/authservice.h"
#include "server/sandboxcontext.h"

// Kick-off of an export: refuses what the persona or the faults say to refuse, otherwise plans the export
// (which resources, fixed now) and answers 202 with the status URL in Content-Location.
class KickoffHandler
{
public:
    explicit KickoffHandler(SandboxContext &ctx);

    HttpResponse handle(const HttpRequest &request, ExportLevel level, const QByteArray &groupId,
                        const QByteArray &levelType, const AuthService::Principal &principal);

private:
    std::optional<HttpResponse> injectedFault();
    void resolvePatients(const ExportParameters &params, const std::vector<quint32> &scope, ExportPlanner::Input &input,
                         const QByteArray &groupId) const;

    SandboxContext &m_ctx;
};
