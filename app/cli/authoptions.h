#pragma once

#include <QString>

#include <memory>

class Authorizer;
class QCommandLineParser;

// The credential options every command that talks to a server accepts. Secrets never come as option values
// (they would show in `ps` and shell history): a token is read from a file or an environment variable.
namespace AuthOptions {

void add(QCommandLineParser &parser);
// Builds the authorizer the options ask for (NoAuthorizer when none); nullptr with `error` set on bad input.
std::unique_ptr<Authorizer> create(const QCommandLineParser &parser, QString *error);

} // namespace AuthOptions
