#pragma once

#include "persona/persona.h"

#include <QStringList>

// Creates the persona named in the config (--persona).
class PersonaFactory
{
public:
    static std::unique_ptr<Persona> create(const SandboxConfig &config, QString *error);
    static QStringList names();
    static QString describe(); // one line per persona, for --help
};
