#pragma once

#include <QStringList>

class CliServices;

// `ferry-cli keys generate|import|jwks`: key pairs for SMART Backend Services. The private key goes to a
// profile's keychain slot (or, when asked, to a 0600 file); the public JWKS is what the analyst registers with
// the vendor or hosts at a JWKS URL.
class KeysCommand
{
public:
    explicit KeysCommand(CliServices *services);
    int run(const QStringList &args);

private:
    int generate(const QStringList &args);
    int import(const QStringList &args);
    int jwks(const QStringList &args);

    CliServices *m_services;
};
