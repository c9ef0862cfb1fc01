#include "preflight/preflightreport.h"

#include <QCoreApplication>

QString PreflightStep::statusName(Status status)
{
    switch (status) {
    case Status::Ok:
        return QCoreApplication::translate("PreflightStep", "OK");
    case Status::Warning:
        return QCoreApplication::translate("PreflightStep", "Warning");
    case Status::Failed:
        return QCoreApplication::translate("PreflightStep", "Failed");
    case Status::Skipped:
        break;
    }
    return QCoreApplication::translate("PreflightStep", "Skipped");
}

bool PreflightReport::hasFailures() const
{
    return std::any_of(steps.begin(), steps.end(),
                       [](const PreflightStep &s) { return s.status == PreflightStep::Status::Failed; });
}

bool PreflightReport::hasWarnings() const
{
    return std::any_of(steps.begin(), steps.end(),
                       [](const PreflightStep &s) { return s.status == PreflightStep::Status::Warning; });
}

QString PreflightReport::toText() const
{
    QString out;
    for (const PreflightStep &s : steps) {
        out += QStringLiteral("[%1] %2: %3\n").arg(PreflightStep::statusName(s.status), s.title, s.detail);
        if (!s.advice.isEmpty()) {
            out += QStringLiteral("    → %1\n").arg(s.advice);
        }
    }
    return out;
}
