#pragma once

#include "server/sandboxconfig.h"

#include <QStringList>

// ferry-sandbox's command line: every flag maps onto SandboxConfig. --help is written for a newcomer, grouped
// by purpose, with the benchmark command lines from README.md.
class CommandLine
{
public:
    struct Result
    {
        SandboxConfig config;
        bool exitNow = false; // --help / --help-faults / an error
        int exitCode = 0;
        QString text; // to print (help on stdout, errors on stderr)
    };

    static Result parse(const QStringList &arguments);
    static QString help();
};
