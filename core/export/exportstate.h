#pragma once

#include <QString>

#include <optional>

// The states of one export (DESIGN.md "Flow of one export"). Every change goes through ExportJob::transition(),
// which journals the new state before acting on it.
//
//   Created ─► KickingOff ─► Polling ─► Downloading ─► CleaningUp ─► Completed
//                  │            │  (partial manifests start downloads while polling)
//                  └─ 200 ──────┴────────► Downloading
//   Downloading ─► Completed                       (no server clean-up)
//   Created | KickingOff | Polling | Downloading ─► Failed
//   Polling | Downloading ─► Expired                 (the server's job or files are gone)
//   any state but Completed and Cancelled ─► Cancelled
//   Failed | Expired ─► KickingOff | Polling | Downloading   (resume / retry failed files)
// CleaningUp never fails or expires: the files are verified by then, so a refused DELETE is a cleanupNote and
// the export still completes.
enum class ExportState { Created, KickingOff, Polling, Downloading, CleaningUp, Completed, Failed, Cancelled, Expired };

namespace ExportStates {
QString name(ExportState state);        // stable, for the journal: "polling"
QString displayName(ExportState state); // translated, for people: "Waiting for the server"
std::optional<ExportState> fromName(const QString &name);
bool isTerminal(ExportState state); // Completed, Failed, Cancelled, Expired
bool canTransition(ExportState from, ExportState to);
} // namespace ExportStates
