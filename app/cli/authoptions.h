#pragma once

#include <QString>

#include <memory>

class Authorizer;
class AuthorizerFactory;
class QCommandLineParser;

// The credential options of every command that talks to a server. Secrets never come as option values (they
// would show in `ps` and shell history): they are read from a file or an environment variable, for an ad-hoc
// export (--token-file) or in place of what a stored profile keeps in the keychain (--private-key-file, …).
namespace AuthOptions {

void add(QCommandLineParser &parser);
// Ad-hoc exports (no --profile): a static bearer token from --token-file/--token-env, else no authorization.
std::unique_ptr<Authorizer> create(const QCommandLineParser &parser, QString *error);
// Feeds the secrets given on the command line to a profile's authorizer factory; false with `error` on bad input.
bool applyOverrides(const QCommandLineParser &parser, AuthorizerFactory *factory, QString *error);
// True when the command line itself carries a credential (then a journaled export need not open the keychain).
bool hasCredentials(const QCommandLineParser &parser);

} // namespace AuthOptions
