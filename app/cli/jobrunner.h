#pragma once

#include "export/exportrecord.h"
#include "export/kickoffremedy.h"

#include <QObject>

#include <memory>

class Authorizer;
class ExportHistory;
class ExportJob;
class Journal;
class ProgressPrinter;
class QNetworkAccessManager;
class SignalWatcher;

// Runs one export to a terminal state (or until Ctrl-C) with progress on stderr, then reports. The composition
// root of a CLI run: owns the network manager, journal, history and the job.
class JobRunner : public QObject
{
    Q_OBJECT

public:
    enum class Action { Start, Resume, Cancel, RetryFiles, DeleteOnServer, RetryKickoff };

    JobRunner(Journal *journal, ExportHistory *history, std::unique_ptr<Authorizer> authorizer,
              QObject *parent = nullptr);
    ~JobRunner() override;

    // Runs the event loop until the job stops; returns the process exit code.
    int run(const ExportRecord &record, Action action);
    // For Action::RetryKickoff: how to send the refused kick-off again.
    void setKickoffRemedy(const KickoffRemedy &remedy) { m_remedy = remedy; }

private:
    void report();

    Journal *m_journal;
    ExportHistory *m_history;
    std::unique_ptr<Authorizer> m_authorizer;
    QNetworkAccessManager *m_nam = nullptr;
    ExportJob *m_job = nullptr;
    ProgressPrinter *m_printer = nullptr;
    SignalWatcher *m_signals = nullptr;
    bool m_interrupted = false;
    KickoffRemedy m_remedy;
};
