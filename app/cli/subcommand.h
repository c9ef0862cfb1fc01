#pragma once

#include "exitcodes.h"

#include <QString>
#include <QStringList>

class QCommandLineParser;

// What every ferry-cli subcommand (keys, profiles, …) does alike: report a usage or local error on stderr in
// the same words, and parse its own options with --help.
namespace Subcommand {

// Prints "ferry-cli: <message>" on stderr and returns `code`.
int fail(const QString &message, int code = ExitUsage);

// Adds --help and parses `args`. Returns false when the caller should return `*exit` right away: a parse
// error (printed) or --help (help text printed).
bool parse(QCommandLineParser &parser, const QStringList &args, int *exit);

} // namespace Subcommand
