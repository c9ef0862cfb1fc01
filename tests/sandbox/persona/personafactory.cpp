#include "persona/personafactory.h"

namespace {

struct Entry
{
    const char *name;
    const char *summary;
};

constexpr Entry kPersonas[] = {
    {"standard", "FHIR Bulk Data IG v2 (STU2) + STU3, exactly"},
};

} // namespace

std::unique_ptr<Persona> PersonaFactory::create(const SandboxConfig &config, QString *error)
{
    const QByteArray &name = config.persona;
    if (name == "standard") {
        return std::make_unique<Persona>(config);
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
