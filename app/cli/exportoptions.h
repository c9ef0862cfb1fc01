#pragma once

#include "export/exportrecord.h"

#include <QString>

#include <optional>

class ExportHistory;
class QCommandLineParser;
struct ServerProfile;

// The options of `ferry-cli export` and how they become an ExportRecord ready to start.
namespace ExportOptions {

void add(QCommandLineParser &parser);
// nullopt with `error` set (a sentence saying what to change) when the options do not make a valid export.
// With `profile` (--profile), the server, vendor, client id, destination, default _type and group come from it
// unless the command line says otherwise.
std::optional<ExportRecord> toRecord(const QCommandLineParser &parser, const ExportHistory &history,
                                     const ServerProfile *profile, QString *error);

QString defaultDestination();
// The --vendor help: every preset as "id = display name", and where to read more.
QString vendorHelp();

} // namespace ExportOptions
