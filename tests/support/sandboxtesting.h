#pragma once

#include "sandboxprocess.h"

#include <QString>
#include <QStringList>
#include <QTest>

// What the tests that run exports against a ferry-sandbox child process share.

// A small, quick export: 60 patients, one 202 before the manifest, files of 40 resources, no request lines.
inline QStringList quickSandbox(const QStringList &extra = {})
{
    return QStringList{QStringLiteral("--patients"),
                       QStringLiteral("60"),
                       QStringLiteral("--polls"),
                       QStringLiteral("1"),
                       QStringLiteral("--retry-after"),
                       QStringLiteral("0.05"),
                       QStringLiteral("--resources-per-file"),
                       QStringLiteral("40"),
                       QStringLiteral("--quiet")} +
           extra;
}

// Declares `sandbox` and starts it with `args`, failing the test function when it cannot start.
#define START_SANDBOX(sandbox, args)                                                                                   \
    SandboxProcess sandbox;                                                                                            \
    {                                                                                                                  \
        QString startError;                                                                                            \
        QVERIFY2(sandbox.start(args, &startError), qPrintable(startError));                                            \
    }
