#pragma once

#include "export/exportrecord.h"
#include "export/outputlayout.h"
#include "export/pollpolicy.h"
#include "net/networkjob.h"
#include "net/requestfactory.h"
#include "vendor/vendorprofile.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <memory>

class Authorizer;
class CurlClient;
class DownloadQueue;
class ExportHistory;
class HttpTrace;
class Journal;
class RateLimiter;
struct DeleteResult;
struct KickoffRemedy;
struct KickoffResult;
struct Manifest;
struct StatusResult;

// What an export needs from its host. Everything outlives the ExportJob.
struct ExportServices
{
    QNetworkAccessManager *nam = nullptr;
    Authorizer *authorizer = nullptr; // null: open server
    const Clock *clock = nullptr;
    Journal *journal = nullptr;
    ExportHistory *history = nullptr; // optional: "since last export"
    RateLimiter *limiter = nullptr;   // optional, shared by the exports of one server
};

// One bulk export from kick-off to verified files, as an explicit state machine (ExportState). Every transition
// goes through transition(), which writes the journal before the new state takes effect, so a killed process
// continues where it stopped: start() on a record loaded from the journal resumes polling the saved status URL,
// skips verified files and resumes partial ones.
//
// Widgets and the CLI only observe it (stateChanged/changed/finished) and call start/cancel/resume. Lives in one
// thread; all waiting is timer-driven (no busy loops).
class ExportJob : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds kFileChangeInterval{100};

    ExportJob(const ExportRecord &record, const VendorProfile &profile, const ExportServices &services,
              QObject *parent = nullptr);
    ~ExportJob() override;

    const ExportRecord &record() const { return m_record; }
    ExportState state() const { return m_record.state; }
    QString id() const { return m_record.id; }
    const VendorProfile &profile() const { return m_profile; }
    // The redacted HTTP trace of this export (support bundles).
    QString tracePath() const;
    // When the next status check is due (invalid when none is scheduled).
    QDateTime nextCheckAt() const { return m_nextCheckAt; }
    int downloadConcurrency() const;
    // True while a request is in flight, a wait is scheduled or files are downloading.
    bool isBusy() const;

    void start();            // Created: kick off. A journaled active state: continue from there.
    void cancel();           // DELETE on the server, then Cancelled
    void resume();           // Failed/Expired: continue with what is known (poll, retry files, or kick off)
    void retryFailedFiles(); // Failed/Expired with a complete manifest: fetch the files that did not verify
    // A kick-off the server refused (record().rejectedParameter names the parameter when it said which): send it
    // again with Prefer: handling=lenient and/or without some parameters. The changed request is journaled with
    // the new kick-off. False with `error` set when the export is not such a failure or the remedy is invalid.
    bool retryKickoff(const KickoffRemedy &remedy, QString *error);
    void deleteOnServer(); // an explicit clean-up for a finished export
    // Stop all activity without touching the server: the journal keeps the state, and start() later continues
    // (the CLI's Ctrl-C, closing the desktop app).
    void suspend();
    // The credential may arrive after construction (the keychain answers asynchronously). The job shares it, so the
    // owner may drop or replace its copy (new credentials saved) while this export still runs with the old one.
    void setAuthorizer(std::shared_ptr<Authorizer> authorizer);
    // Credentials could not be obtained before the export could even start or continue.
    void failCredentials(const QString &message);
    // A new export held back before its kick-off (ExportManager: the vendor's one-at-a-time rule): says why.
    void showWaiting(const QString &why) { setActivity(why); }

signals:
    void stateChanged(ExportState state);
    // Anything in record() changed. State transitions and activity emit it at once; per-file updates are coalesced
    // to at most one emission per kFileChangeInterval (an export of 20,000 files would otherwise emit 40,000 times,
    // and every observer re-reads the record each time).
    void changed();
    // A file in flight: bytes written and resources verified so far (compare with the manifest's count). Frequent;
    // observers coalesce.
    void fileProgress(int index, qint64 bytes, qint64 lines);
    void finished(ExportState state); // entered a terminal state

private:
    bool transition(ExportState next, const QString &message = QString());
    bool saveSnapshot();
    void fail(const HttpFailure &failure);
    void failWith(const QString &message, const QString &kind);
    void note(const QString &deviation);
    void setActivity(const QString &activity);
    void schedule(std::chrono::milliseconds wait, void (ExportJob::*step)());
    void stopActivity();

    void kickoff();
    void onKickoff(const KickoffResult &result);
    void poll();
    void onStatus(const StatusResult &result);
    void fetchPage();
    void onPage(const StatusResult &result);
    bool acceptManifest(const Manifest &manifest, bool complete, const QDateTime &expires);
    void manifestDone();
    void ensureQueue();
    void enqueueOpenFiles();
    void onFileUpdated(const FileRecord &file);
    void refreshManifest();
    void onRefreshed(const StatusResult &result);
    void maybeFinish();
    void finalize();
    void onCleanup(const DeleteResult &result, bool thenComplete);
    void removePartialFiles();

    ExportRecord m_record;
    VendorProfile m_profile;
    ExportServices m_services;
    RequestFactory m_factory;
    std::shared_ptr<Authorizer> m_sharedAuthorizer; // keeps alive what m_factory points at (ExportManager's jobs)
    std::unique_ptr<RateLimiter> m_ownLimiter;
    std::unique_ptr<HttpTrace> m_trace;
    std::unique_ptr<CurlClient> m_files; // the file downloads' connections, kept alive from one file to the next
    NetworkContext m_net;
    PollPolicy m_policy;
    OutputLayout m_layout;
    DownloadQueue *m_queue = nullptr;
    QPointer<NetworkJob> m_current; // the one protocol step in flight (kick-off, status, page, DELETE)
    QTimer m_timer;
    QTimer m_fileChangeTimer; // coalesces changed() for file updates
    void (ExportJob::*m_timerStep)() = nullptr;
    QDateTime m_nextCheckAt;
    QUrl m_pageUrl;
    int m_kickoffAttempts = 0;
    int m_pollFailures = 0;
    int m_backoffStep = 0;
    bool m_refreshing = false;
    bool m_cancelling = false;
    bool m_qualityRunning = false;
    QPointer<QObject> m_quality; // the quality report being computed
};
