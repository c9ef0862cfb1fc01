#include "persona/athenapersona.h"

void AthenaPersona::adjustGroups(GroupRegistry &groups) const
{
    groups.clear();
    groups.add("a-1.c-" + config().athenaPractice, config().patients, "Practice " + config().athenaPractice);
}

Persona::Timings AthenaPersona::defaultTimings() const
{
    Timings t;
    t.polls = 2;
    t.jobSeconds = 60;
    t.retryAfterSeconds = 30;
    return t;
}
