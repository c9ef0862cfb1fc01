#pragma once

#include "store/serverprofile.h"

#include <QStringList>

#include <optional>

class CliServices;

// `ferry-cli profiles list|show|add|remove`: server profiles shared with the desktop app. Non-secret settings go
// to the profiles file; secrets go to the system keychain, read from a file or an environment variable (never an
// option value). Without a keychain, secrets cannot be stored: `add` says so and tells how to pass them per run.
class ProfilesCommand
{
public:
    explicit ProfilesCommand(CliServices *services);
    int run(const QStringList &args);

private:
    int list();
    // The profile named by the only positional argument; nullopt with `*exit` set on --help or an error.
    std::optional<ServerProfile> namedProfile(const QStringList &args, int *exit);
    int show(const QStringList &args);
    int add(const QStringList &args);
    int remove(const QStringList &args);

    CliServices *m_services;
};
