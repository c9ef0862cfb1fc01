#pragma once

#include <QString>

class QProcess;

// What a ferry-cli child process left behind: its exit code (-1 when it crashed or timed out) and its output.
struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;

    // Waits for the started `process` to end; after `timeoutMs` it is killed and `err` says "timed out".
    static CliRun finish(QProcess &process, int timeoutMs);
};
