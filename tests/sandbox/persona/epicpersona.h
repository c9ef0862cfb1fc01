#pragma once

#include "persona/persona.h"

// Epic (direct): no meta.lastUpdated (so _since is ignored and nothing is reported deleted), some ids longer than
// 64 characters, commas inside a _typeFilter must be escaped (%2C or \,), the Epic-Client-ID header must name the
// authenticated client, one kick-off per client and Group within --epic-window (DELETE does not reset it), and
// Observation categories procedure/therapy/activity in a _typeFilter make the export fail (June 2025).
class EpicPersona : public Persona
{
public:
    using Persona::Persona;

    QByteArray name() const override { return "epic"; }
    KickoffRules kickoffRules() const override;
    Population::IdStyle idStyle() const override { return Population::IdStyle::EpicLong; }
    bool hasLastUpdated() const override { return false; }
    bool honoursSince() const override { return false; }
    Timings defaultTimings() const override;
    QByteArray softwareName() const override { return "Epic"; }
    QByteArray publisher() const override { return "Epic Systems Corporation"; }
    std::optional<HttpResponse> admitKickoff(const KickoffContext &ctx) override;
    void preparePlan(const ExportParameters &params, const Population &population, ExportPlanner::Input &input,
                     ExportJob &job) const override;
    std::optional<HttpResponse> checkRequest(const HttpRequest &request, const QByteArray &clientId,
                                             bool authenticated) const override;
};
