// ExportJob, second half: the files — queueing downloads, refreshing expired links, verifying completion,
// writing the summary and cleaning up on the server. The first half (exportjob.cpp) kicks off and polls.
#include "export/exportjob.h"

#include "auth/authorizer.h"
#include "export/downloadqueue.h"
#include "export/exporthistory.h"
#include "export/exportsummary.h"
#include "export/journal.h"
#include "export/kickoffremedy.h"
#include "export/manifestmerger.h"
#include "export/qualityreport.h"
#include "net/curlclient.h"
#include "net/deletejob.h"
#include "net/failuretext.h"
#include "net/httptrace.h"
#include "net/kickoffjob.h"
#include "net/ratelimiter.h"
#include "net/statusjob.h"
#include "util/clock.h"
#include "util/durationtext.h"
#include "util/logging.h"
#include "util/privatefiles.h"
#include "util/redactor.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QLocale>

using namespace std::chrono;

void ExportJob::ensureQueue()
{
    if (m_queue) {
        return;
    }
    if (!m_files) { // only an export that downloads opens connections for its files
        m_files = std::make_unique<CurlClient>();
        m_net.files = m_files.get();
    }
    m_queue = new DownloadQueue(m_net, m_record.outputDir, this);
    m_queue->setMaxParallel(m_record.parallelDownloads);
    m_queue->setCredentialsAllowed(m_record.requiresAccessToken);
    m_queue->setIdHashFile(m_services.journal->idHashPath(m_record.id));
    connect(m_queue, &DownloadQueue::fileUpdated, this, &ExportJob::onFileUpdated);
    connect(m_queue, &DownloadQueue::fileProgress, this,
            [this](int index, qint64 bytes, qint64 lines) { emit fileProgress(index, bytes, lines); });
    connect(m_queue, &DownloadQueue::idle, this, &ExportJob::maybeFinish);
}

void ExportJob::enqueueOpenFiles()
{
    for (FileRecord &f : m_record.files) {
        if (f.state == FileRecord::State::Downloading) {
            f.state = FileRecord::State::Pending; // the process stopped mid-file; its .part is resumed
        }
        if (f.state == FileRecord::State::Pending) {
            ensureQueue();
            m_queue->enqueue(f);
        }
    }
}

void ExportJob::onFileUpdated(const FileRecord &file)
{
    FileRecord *target = m_record.file(file.index);
    if (!target) {
        return;
    }
    // The queue reports on the URL it fetched; a manifest refresh may have replaced it since. A 404 on the old
    // link is then not the end of this file: fetch it again from the fresh one.
    const QUrl current = target->url;
    const QDateTime expires = target->expires;
    *target = file;
    const bool staleLink = file.url != current;
    target->url = current;
    target->expires = expires;
    if (staleLink && (file.state == FileRecord::State::Expired || file.state == FileRecord::State::Pending)) {
        target->state = FileRecord::State::Pending;
        target->attempts = 0;
    }
    // "Started downloading" changes nothing a restart needs (a file that was mid-way is resumed from its .part
    // either way), so only outcomes are journaled: one event per file, not two.
    QString error;
    if (target->state != FileRecord::State::Downloading &&
        !m_services.journal->appendFileEvent(m_record, *target, &error)) {
        failWith(tr("%1. Nothing was lost: free some space, then resume the export.").arg(error),
                 QStringLiteral("local"));
        return;
    }
    if (staleLink && target->state == FileRecord::State::Pending && m_queue) {
        m_queue->enqueue(*target);
    }
    if (target->state == FileRecord::State::Expired && !m_record.manifestRefreshed && m_record.hasStatusUrl()) {
        refreshManifest();
    }
    if (!m_fileChangeTimer.isActive()) {
        m_fileChangeTimer.start();
    }
}

void ExportJob::refreshManifest()
{
    // STU3: a client may re-fetch the manifest for fresh links once files expire. Done once per export.
    m_record.manifestRefreshed = true;
    m_refreshing = true;
    if (!saveSnapshot()) {
        return;
    }
    setActivity(tr("Some file links have expired; asking the server for fresh ones…"));
    auto *job = new StatusJob(m_net, m_record.statusUrl, tr("manifest refresh"), this);
    m_current = job;
    connect(job, &StatusJob::finished, this, [this, job](const StatusResult &result) {
        job->deleteLater();
        m_current = nullptr;
        onRefreshed(result);
    });
    job->start();
}

void ExportJob::onRefreshed(const StatusResult &result)
{
    m_refreshing = false;
    QList<int> changed;
    if (result.outcome == StatusResult::Outcome::Completed) {
        changed = ManifestMerger::refresh(m_record, *result.manifest, result.expires);
        if (result.expires.isValid()) {
            m_record.expires = result.expires;
        }
    }
    qCInfo(lcExport) << m_record.id << "manifest refresh gave" << changed.size() << "fresh link(s)";
    if (!saveSnapshot()) {
        return;
    }
    for (int index : std::as_const(changed)) {
        ensureQueue();
        m_queue->enqueue(*m_record.file(index));
    }
    maybeFinish();
}

void ExportJob::maybeFinish()
{
    if (m_record.state != ExportState::Downloading || !m_record.manifestComplete || m_refreshing ||
        (m_queue && !m_queue->isIdle())) {
        return;
    }
    if (m_record.filesFinal() < m_record.files.size()) {
        enqueueOpenFiles(); // files that were pending when the queue went idle (a refresh, a resume)
        if (m_queue && !m_queue->isIdle()) {
            return;
        }
    }
    const int expired = m_record.filesIn(FileRecord::State::Expired);
    const int failed = m_record.filesIn(FileRecord::State::Failed);
    const int rejected = m_record.filesIn(FileRecord::State::Rejected);
    const int unusable = m_record.filesIn(FileRecord::State::Unusable);
    const int verified = m_record.filesIn(FileRecord::State::Verified);
    auto firstMessage = [this](FileRecord::State state) -> QString {
        for (const FileRecord &f : std::as_const(m_record.files)) {
            if (f.state == state) {
                return f.name + QStringLiteral(": ") + f.message;
            }
        }
        return QString();
    };
    if (rejected > 0) {
        failWith(tr("%n file(s) failed verification and were set aside in rejected/ (first: %1). The %2 verified "
                    "file(s) are kept.",
                    nullptr, rejected)
                     .arg(firstMessage(FileRecord::State::Rejected))
                     .arg(verified),
                 QStringLiteral("verification"));
        return;
    }
    if (failed > 0) {
        failWith(tr("%n file(s) could not be downloaded (first: %1). The %2 verified file(s) are kept; retry the "
                    "failed files to continue where they stopped.",
                    nullptr, failed)
                     .arg(firstMessage(FileRecord::State::Failed))
                     .arg(verified),
                 QStringLiteral("network"));
        return;
    }
    if (expired > 0) {
        stopActivity();
        transition(ExportState::Expired,
                   tr("The server's links to %n file(s) expired before they could be downloaded and it offered no "
                      "fresh ones. The %1 verified file(s) are kept; start a new export for the rest.",
                      nullptr, expired)
                       .arg(verified));
        return;
    }
    if (unusable > 0) {
        failWith(tr("The manifest lists %n file(s) Ferry cannot fetch (%1). The %2 other file(s) are verified.",
                    nullptr, unusable)
                     .arg(m_record.problems.join(QStringLiteral("; ")))
                     .arg(verified),
                 QStringLiteral("server"));
        return;
    }
    finalize();
}

void ExportJob::finalize()
{
    if (m_record.qualitySummary.isEmpty()) {
        // report.json first: a completed export always has its quality report beside it.
        setActivity(tr("Checking data quality (ids, meta.lastUpdated, counts)…"));
        auto *runner = new QualityReportRunner(m_record, m_services.journal->idHashPath(m_record.id), this);
        m_quality = runner;
        m_qualityRunning = true;
        connect(runner, &QualityReportRunner::finished, this, [this](const QJsonObject &report, const QString &error) {
            m_qualityRunning = false;
            m_record.qualitySummary =
                error.isEmpty() ? QualityReport::summary(report) : tr("Quality report not written: %1").arg(error);
            finalize();
        });
        runner->start();
        return;
    }
    QString error;
    if (!ExportSummary::write(m_record, &error)) {
        failWith(error, QStringLiteral("local"));
        return;
    }
    if (m_services.history && m_record.transactionTime.isValid()) {
        if (!m_services.history->record(m_record.request, {m_record.transactionTime, m_record.id, m_record.outputDir},
                                        &error)) {
            qCWarning(lcExport).noquote() << error;
        }
    }
    const int files = static_cast<int>(m_record.files.size());
    const QString done =
        tr("%n file(s) verified in %1", nullptr, files).arg(QDir::toNativeSeparators(m_record.outputDir));
    if (!m_record.deleteAfterDownload || !m_record.hasStatusUrl() || m_record.serverDeleted) {
        transition(ExportState::Completed, done);
        return;
    }
    if (m_record.state != ExportState::CleaningUp && !transition(ExportState::CleaningUp, done)) {
        return;
    }
    setActivity(tr("Asking the server to delete its copy of the files…"));
    auto *job = new DeleteJob(m_net, m_record.statusUrl, this);
    m_current = job;
    connect(job, &DeleteJob::finished, this, [this, job](const DeleteResult &result) {
        job->deleteLater();
        m_current = nullptr;
        onCleanup(result, true);
    });
    job->start();
}

void ExportJob::onCleanup(const DeleteResult &result, bool thenComplete)
{
    switch (result.outcome) {
    case DeleteResult::Outcome::Deleted:
        m_record.cleanupNote = tr("The server's copy was deleted.");
        break;
    case DeleteResult::Outcome::AlreadyGone:
        m_record.cleanupNote = tr("The server had already removed the export.");
        break;
    case DeleteResult::Outcome::Refused:
        m_record.cleanupNote = tr("The server does not allow deleting exports; its copy expires on its own.");
        break;
    case DeleteResult::Outcome::Failed:
        m_record.cleanupNote =
            tr("The server's copy could not be deleted (%1).").arg(FailureText::describe(result.failure, m_profile));
        qCWarning(lcExport).noquote() << m_record.id << m_record.cleanupNote;
        break;
    }
    m_record.serverDeleted = result.isSuccess();
    if (thenComplete) {
        transition(ExportState::Completed, m_record.message);
    } else {
        saveSnapshot();
        emit changed();
    }
}

void ExportJob::removePartialFiles()
{
    if (m_record.outputDir.isEmpty()) {
        return;
    }
    QDirIterator it(m_record.outputDir, {QStringLiteral("*.part")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile::remove(it.next());
    }
}
