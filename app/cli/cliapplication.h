#pragma once

#include "cliservices.h"

#include <QCommandLineParser>
#include <QStringList>

#include <memory>

class Authorizer;
struct ExportRecord;

class ExportHistory;
class Journal;

// ferry-cli: parses the command (export, resume, cancel, retry, delete, status, list) and runs it.
class CliApplication
{
public:
    CliApplication();
    ~CliApplication();

    int run(const QStringList &arguments);

private:
    int runExport(const QStringList &args);
    int runJobCommand(const QString &command, const QStringList &args);
    int runList(const QStringList &args);
    int runStatus(const QStringList &args);
    int runSupport(const QStringList &args);
    int runVendors(const QStringList &args);
    void warnAboutVendor(const ExportRecord &record) const;
    int usage(const QString &message) const;
    void printHelp() const;
    bool parse(QCommandLineParser &parser, const QStringList &args, const QString &command);
    // The credential for a journaled export: its profile's (with command-line overrides), or the ad-hoc options.
    std::unique_ptr<Authorizer> authorizerFor(const ExportRecord &record, const QCommandLineParser &parser,
                                              QString *error);

    Journal *m_journal = nullptr;
    ExportHistory *m_history = nullptr;
    CliServices m_services;
};
