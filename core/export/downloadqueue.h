#pragma once

#include "export/filerecord.h"
#include "net/networkjob.h"

#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

class FileDownloadJob;
struct FileResult;

// Downloads the files of one export, several at once, each attempt a FileDownloadJob.
//  - Order: soonest-to-expire first, then manifest order.
//  - Retries: 429/5xx/dropped connections are retried with backoff (honouring Retry-After), resuming from the
//    .part file, up to a bounded number of attempts; then the file is Failed (its .part stays for later).
//  - Concurrency is adaptive (AIMD): it starts at the configured maximum, halves on 429/503 and pauses for the
//    server's Retry-After, and grows back by one after a run of successes. (One vendor's 20,000 tiny files
//    brought 429 storms on clients with fixed parallelism.)
// Reports every file state change through fileUpdated() so the export can journal it.
class DownloadQueue : public QObject
{
    Q_OBJECT

public:
    DownloadQueue(const NetworkContext &context, const QString &exportDir, QObject *parent = nullptr);
    ~DownloadQueue() override;

    void setMaxParallel(int n);
    int maxParallel() const { return m_max; }
    int currentLimit() const { return m_limit; }
    // From the manifest's requiresAccessToken; the request factory further limits tokens to the FHIR origin.
    void setCredentialsAllowed(bool allowed) { m_credentials = allowed; }
    // The manifest has outputOrganizedBy (STU3): Parameters header lines are allowed in files.
    void setOrganizedOutput(bool organized) { m_organizedOutput = organized; }
    // Where verified files' id hashes go, for the quality report's duplicate check (see QualityReport).
    void setIdHashFile(const QString &path) { m_idHashPath = path; }

    void enqueue(const FileRecord &file);
    void abortAll();
    bool isIdle() const;
    int running() const { return static_cast<int>(m_running.size()); }

signals:
    void fileUpdated(const FileRecord &file);
    void fileProgress(int index, qint64 bytes, qint64 lines);
    void idle();

private:
    void addPending(const FileRecord &file);
    void pump();
    void startFile(FileRecord file);
    void onFinished(FileDownloadJob *job, const FileResult &result);
    void retryLater(FileRecord file, std::chrono::milliseconds wait);
    void throttled(std::chrono::milliseconds wait);
    void writeIdHashes(int index, const std::vector<quint64> &hashes);

    NetworkContext m_context;
    QString m_exportDir;
    int m_max = 4;
    int m_limit = 4;
    int m_successesSinceThrottle = 0;
    bool m_credentials = true;
    bool m_organizedOutput = false;
    QString m_idHashPath;
    QFile m_idHashFile;
    QList<FileRecord> m_pending; // sorted: expiry, then index
    QSet<int> m_pendingIndexes;  // the indexes in m_pending
    QHash<FileDownloadJob *, FileRecord> m_running;
    QHash<int, QTimer *> m_retryTimers; // files waiting for their retry
    QTimer m_pauseTimer;                // whole queue paused after 429/503
};
