#include "persona/ecwpersona.h"

Persona::Timings EcwPersona::defaultTimings() const
{
    Timings t;
    t.polls = 1;
    t.retryAfterSeconds = 120;
    return t;
}

double EcwPersona::retryAfterSeconds(const ExportJob &job, double configured) const
{
    return job.pollsAccepted == 1 ? 7200.0 : configured; // seen in the wild: two hours on the first poll
}

QString EcwPersona::checkAuthMode(SandboxConfig::AuthMode mode) const
{
    if (mode == SandboxConfig::AuthMode::None || mode == SandboxConfig::AuthMode::Smart) {
        return {};
    }
    return QStringLiteral("the ecw persona supports only SMART backend auth (RS384): --auth smart (or none)");
}
