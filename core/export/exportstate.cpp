#include "export/exportstate.h"

#include <QCoreApplication>

namespace {
struct Entry
{
    ExportState state;
    const char *name;
    const char *display;
};
constexpr Entry kStates[] = {
    {ExportState::Created, "created", QT_TRANSLATE_NOOP("ExportState", "Queued")},
    {ExportState::KickingOff, "kicking-off", QT_TRANSLATE_NOOP("ExportState", "Starting")},
    {ExportState::Polling, "polling", QT_TRANSLATE_NOOP("ExportState", "Server preparing")},
    {ExportState::Downloading, "downloading", QT_TRANSLATE_NOOP("ExportState", "Downloading")},
    {ExportState::CleaningUp, "cleaning-up", QT_TRANSLATE_NOOP("ExportState", "Cleaning up")},
    {ExportState::Completed, "completed", QT_TRANSLATE_NOOP("ExportState", "Completed")},
    {ExportState::Failed, "failed", QT_TRANSLATE_NOOP("ExportState", "Failed")},
    {ExportState::Cancelled, "cancelled", QT_TRANSLATE_NOOP("ExportState", "Cancelled")},
    {ExportState::Expired, "expired", QT_TRANSLATE_NOOP("ExportState", "Expired")},
};
} // namespace

namespace ExportStates {

QString name(ExportState state)
{
    for (const Entry &e : kStates) {
        if (e.state == state) {
            return QLatin1String(e.name);
        }
    }
    return {};
}

QString displayName(ExportState state)
{
    for (const Entry &e : kStates) {
        if (e.state == state) {
            return QCoreApplication::translate("ExportState", e.display);
        }
    }
    return {};
}

std::optional<ExportState> fromName(const QString &name)
{
    for (const Entry &e : kStates) {
        if (name == QLatin1String(e.name)) {
            return e.state;
        }
    }
    return std::nullopt;
}

bool isTerminal(ExportState state)
{
    return state == ExportState::Completed || state == ExportState::Failed || state == ExportState::Cancelled ||
           state == ExportState::Expired;
}

bool canTransition(ExportState from, ExportState to)
{
    using S = ExportState;
    if (to == S::Cancelled) {
        return from != S::Completed && from != S::Cancelled;
    }
    switch (from) {
    case S::Created:
        return to == S::KickingOff || to == S::Failed;
    case S::KickingOff:
        return to == S::Polling || to == S::Downloading || to == S::Failed;
    case S::Polling:
        return to == S::Downloading || to == S::Failed || to == S::Expired;
    case S::Downloading:
        return to == S::CleaningUp || to == S::Completed || to == S::Failed || to == S::Expired;
    case S::CleaningUp:
        return to == S::Completed;
    case S::Failed:
    case S::Expired:
        return to == S::KickingOff || to == S::Polling || to == S::Downloading;
    case S::Completed:
    case S::Cancelled:
        break;
    }
    return false;
}

} // namespace ExportStates
