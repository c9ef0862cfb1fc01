#include "persona/personafactory.h"

#include "persona/athenapersona.h"
#include "persona/ecwpersona.h"
#include "persona/epicpersona.h"
#include "persona/hapipersona.h"
#include "persona/interopiopersona.h"
#include "persona/mspersona.h"
#include "persona/oneuppersona.h"
#include "persona/oraclepersona.h"
#include "persona/veradigmpersona.h"

namespace {

struct Entry
{
    const char *name;
    const char *summary;
};

constexpr Entry kPersonas[] = {
    {"standard", "FHIR Bulk Data IG v2 (STU2) + STU3, exactly"},
    {"epic", "Epic: no lastUpdated, long ids, escaped _typeFilter commas, Epic-Client-ID, one kick-off per window"},
    {"epic-interopio", "InteropiO Epic R4 Gateway: Patient/Practitioner/Location export of staged ids"},
    {"oracle-health", "Oracle Health: tenant URLs, one export at a time, 307 to pre-signed files, tiny files"},
    {"ms-retry-after", "Retry-After in milliseconds, owner-only jobs, 404 'not available'"},
    {"veradigm", "Veradigm: Retry-After in minutes, 23 types, JWKS auth, Provenance rules"},
    {"oneup", "1upHealth: 200 + JSON while running, output[].file, header auth, no POST/DELETE"},
    {"ecw", "eClinicalWorks: RS384 only, 250 requests/minute, Retry-After 7200 on the first poll"},
    {"athena", "athenahealth: Group a-1.c-<practice> only, v1 scopes only"},
    {"hapi", "HAPI FHIR: Binary-wrapped files, no error array, 2 h expiry, jobs auto-delete"},
};

template<typename T> std::unique_ptr<Persona> make(const SandboxConfig &config)
{
    return std::make_unique<T>(config);
}

struct Maker
{
    const char *name;
    std::unique_ptr<Persona> (*create)(const SandboxConfig &);
};

constexpr Maker kMakers[] = {
    {"standard", &make<Persona>},
    {"epic", &make<EpicPersona>},
    {"epic-interopio", &make<InteropioPersona>},
    {"oracle-health", &make<OraclePersona>},
    {"ms-retry-after", &make<MsPersona>},
    {"veradigm", &make<VeradigmPersona>},
    {"oneup", &make<OneupPersona>},
    {"ecw", &make<EcwPersona>},
    {"athena", &make<AthenaPersona>},
    {"hapi", &make<HapiPersona>},
};

} // namespace

std::unique_ptr<Persona> PersonaFactory::create(const SandboxConfig &config, QString *error)
{
    const QByteArray &name = config.persona;
    for (const Maker &m : kMakers) {
        if (name == m.name) {
            return m.create(config);
        }
    }
    if (error) {
        *error = QStringLiteral("unknown persona '%1' (one of: %2)")
                     .arg(QString::fromUtf8(name), names().join(QStringLiteral(", ")));
    }
    return nullptr;
}

QStringList PersonaFactory::names()
{
    QStringList out;
    for (const Entry &e : kPersonas) {
        out.append(QLatin1String(e.name));
    }
    return out;
}

QString PersonaFactory::describe()
{
    QString out;
    for (const Entry &e : kPersonas) {
        out += QStringLiteral("  %1 %2\n").arg(QLatin1String(e.name), -16).arg(QLatin1String(e.summary));
    }
    return out;
}
