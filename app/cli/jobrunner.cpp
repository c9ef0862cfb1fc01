#include "jobrunner.h"

#include "exitcodes.h"
#include "progressprinter.h"
#include "signalwatcher.h"

#include "auth/authorizer.h"
#include "export/exportjob.h"
#include "export/journal.h"
#include "util/clock.h"
#include "vendor/vendorregistry.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>

#include <unistd.h>

JobRunner::JobRunner(Journal *journal, ExportHistory *history, std::unique_ptr<Authorizer> authorizer, QObject *parent)
    : QObject(parent)
    , m_journal(journal)
    , m_history(history)
    , m_authorizer(std::move(authorizer))
{
}

JobRunner::~JobRunner() = default;

int JobRunner::run(const ExportRecord &record, Action action)
{
    m_nam = new QNetworkAccessManager(this);
    ExportServices services;
    services.nam = m_nam;
    services.authorizer = m_authorizer.get();
    services.clock = Clock::system();
    services.journal = m_journal;
    services.history = m_history;

    m_job = new ExportJob(record, VendorRegistry::instance().profile(record.vendorId), services, this);
    const ExportRecord &r = m_job->record();
    const bool interactive = ::isatty(STDERR_FILENO) == 1;
    m_printer = new ProgressPrinter(m_job, interactive, this);
    m_signals = new SignalWatcher(this);

    // The loop ends when the job has nothing in flight: terminal, or a cancel/DELETE that came back. Checked
    // one event later so a step that schedules its successor right after emitting changed() is not mistaken
    // for the end.
    QEventLoop loop;
    auto check = [this, &loop] {
        QTimer::singleShot(0, &loop, [this, &loop] {
            if (!m_job->isBusy()) {
                loop.quit();
            }
        });
    };
    connect(m_job, &ExportJob::changed, &loop, check);
    connect(m_signals, &SignalWatcher::interrupted, &loop, [this, &loop](int count) {
        if (count == 1) {
            m_interrupted = true;
            m_job->suspend();
            loop.quit();
        }
    });

    switch (action) {
    case Action::Start:
        m_job->start();
        break;
    case Action::Resume:
        m_job->resume();
        break;
    case Action::Cancel:
        m_job->cancel();
        break;
    case Action::RetryFiles:
        m_job->retryFailedFiles();
        break;
    case Action::DeleteOnServer:
        m_job->deleteOnServer();
        break;
    case Action::RetryKickoff: {
        QString error;
        if (!m_job->retryKickoff(m_remedy, &error)) {
            QTextStream(stderr) << "ferry-cli: " << error << '\n';
            return ExitUsage;
        }
        QTextStream(stderr) << tr("Sending export %1 again %2.\n").arg(r.id, m_remedy.describe());
        break;
    }
    }
    check();
    loop.exec();
    m_printer->finish();
    report();
    if (m_interrupted) {
        return ExitInterrupted;
    }
    return exitCodeFor(m_job->record());
}

void JobRunner::report()
{
    const ExportRecord &r = m_job->record();
    QTextStream err(stderr);
    QTextStream out(stdout);
    if (m_interrupted) {
        err << tr("Interrupted. Nothing was lost; the export is journaled as %1 (%2).\n"
                  "Continue with:  ferry-cli resume %1\n")
                   .arg(r.id, ExportStates::displayName(r.state));
        return;
    }
    const int verified = r.filesIn(FileRecord::State::Verified);
    switch (r.state) {
    case ExportState::Completed:
        err << tr("Completed: %1 file(s), %2, verified (line counts, resource types, SHA-256).\n")
                   .arg(verified)
                   .arg(ProgressPrinter::formatBytes(r.bytesDone()));
        if (r.transactionTime.isValid()) {
            err << tr("Server transaction time %1; the next export can use --since-last.\n")
                       .arg(r.transactionTime.toString(Qt::ISODateWithMs));
        }
        if (!r.qualitySummary.isEmpty()) {
            err << tr("Quality: %1 (report.json).\n").arg(r.qualitySummary);
        }
        if (!r.cleanupNote.isEmpty()) {
            err << r.cleanupNote << '\n';
        }
        err << tr("Files are in:\n");
        err.flush();
        out << QDir::toNativeSeparators(r.outputDir) << '\n';
        break;
    case ExportState::Failed:
    case ExportState::Expired:
        err << ExportStates::displayName(r.state) << ": " << r.message << '\n';
        if (!r.rejectedParameter.isEmpty()) {
            if (!r.request.lenient) {
                err << tr("Send it again leniently:  ferry-cli resume %1 --lenient\n").arg(r.id);
            }
            err << tr("Send it again without %2:  ferry-cli resume %1 --drop-parameter %2\n")
                       .arg(r.id, r.rejectedParameter);
        } else if (r.hasStatusUrl() || r.filesFinal() > 0) {
            err << tr("Export %1 is journaled; after fixing the cause run:  ferry-cli resume %1\n").arg(r.id);
        }
        break;
    case ExportState::Cancelled:
        err << r.message << '\n';
        break;
    default:
        if (!r.cleanupNote.isEmpty()) {
            err << r.cleanupNote << '\n';
        }
        break;
    }
    if (!r.deviations.isEmpty()) {
        err << tr("The server departed from the Bulk Data IG in %n way(s); see `ferry-cli status %1`.\n", nullptr,
                  static_cast<int>(r.deviations.size()))
                   .arg(r.id);
    }
}
