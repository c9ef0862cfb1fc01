#include "export/downloadqueue.h"

#include "export/filedownloadjob.h"
#include "export/fileresult.h"
#include "net/failuretext.h"
#include "util/clock.h"
#include "util/durationtext.h"
#include "util/logging.h"
#include "util/privatefiles.h"

#include <QRandomGenerator>

using namespace std::chrono;

namespace {
constexpr int kMaxAttempts = 8;
constexpr int kSuccessesToGrow = 8;
constexpr milliseconds kFirstRetry = seconds(1);
constexpr milliseconds kMaxRetry = seconds(120);

bool earlier(const FileRecord &a, const FileRecord &b)
{
    // Soonest-to-expire first (files without Expires last), then manifest order.
    if (a.expires.isValid() != b.expires.isValid()) {
        return a.expires.isValid();
    }
    if (a.expires.isValid() && a.expires != b.expires) {
        return a.expires < b.expires;
    }
    return a.index < b.index;
}
} // namespace

DownloadQueue::DownloadQueue(const NetworkContext &context, const QString &exportDir, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_exportDir(exportDir)
{
    m_pauseTimer.setSingleShot(true);
    connect(&m_pauseTimer, &QTimer::timeout, this, &DownloadQueue::pump);
}

DownloadQueue::~DownloadQueue()
{
    abortAll();
}

void DownloadQueue::setMaxParallel(int n)
{
    m_max = std::max(1, n);
    m_limit = m_max;
    pump();
}

void DownloadQueue::enqueue(const FileRecord &file)
{
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it) {
        if (it.value().index == file.index) {
            return; // its outcome arrives through fileUpdated(); the export decides what follows
        }
    }
    // A file already waiting is replaced: after a manifest refresh it carries a fresh link. (Looked up in a set:
    // scanning the list for each of 10,000 files enqueued at once took quadratic time.)
    if (m_pendingIndexes.contains(file.index)) {
        m_pending.removeIf([&file](const FileRecord &p) { return p.index == file.index; });
    }
    if (QTimer *t = m_retryTimers.take(file.index)) {
        t->deleteLater();
    }
    addPending(file);
    pump();
}

bool DownloadQueue::isIdle() const
{
    return m_pending.isEmpty() && m_running.isEmpty() && m_retryTimers.isEmpty();
}

void DownloadQueue::addPending(const FileRecord &file)
{
    m_pending.insert(std::lower_bound(m_pending.begin(), m_pending.end(), file, earlier), file);
    m_pendingIndexes.insert(file.index);
}

void DownloadQueue::abortAll()
{
    m_pending.clear();
    m_pendingIndexes.clear();
    for (QTimer *t : std::as_const(m_retryTimers)) {
        t->deleteLater();
    }
    m_retryTimers.clear();
    m_pauseTimer.stop();
    const QList<FileDownloadJob *> jobs = m_running.keys();
    m_running.clear();
    for (FileDownloadJob *job : jobs) {
        job->disconnect(this);
        job->abort();
        job->deleteLater();
    }
}

void DownloadQueue::pump()
{
    if (m_pauseTimer.isActive()) {
        return;
    }
    while (!m_pending.isEmpty() && m_running.size() < m_limit) {
        FileRecord next = m_pending.takeFirst();
        m_pendingIndexes.remove(next.index);
        startFile(std::move(next));
    }
    if (isIdle()) {
        emit idle();
    }
}

void DownloadQueue::startFile(FileRecord file)
{
    file.state = FileRecord::State::Downloading;
    ++file.attempts;
    emit fileUpdated(file);

    FileDownloadJob::Params params;
    params.entry = file.entry();
    params.finalPath = m_exportDir + QLatin1Char('/') + file.name;
    params.credentialsAllowed = m_credentials;
    params.organizedOutput = m_organizedOutput;
    params.previous.bytes = file.bytes;
    params.previous.etag = file.etag;
    params.previous.lastModified = file.lastModified;
    params.previous.contentEncoded = file.contentEncoded;
    auto *job = new FileDownloadJob(m_context, params, this);
    m_running.insert(job, file);
    const int index = file.index;
    connect(job, &FileDownloadJob::progress, this,
            [this, index](qint64 bytes, qint64, qint64 lines) { emit fileProgress(index, bytes, lines); });
    connect(job, &FileDownloadJob::finished, this, [this, job](const FileResult &result) { onFinished(job, result); });
    job->start();
}

void DownloadQueue::onFinished(FileDownloadJob *job, const FileResult &result)
{
    FileRecord file = m_running.take(job);
    job->deleteLater();
    file.bytes = result.bytes;
    file.lines = result.lines;
    file.etag = result.partial.etag;
    file.lastModified = result.partial.lastModified;
    file.contentEncoded = result.partial.contentEncoded;
    const VendorProfile &profile = m_context.factory->profile();
    const HttpFailure failure = result.failure.value_or(HttpFailure{});
    if (result.restartedFromZero) {
        qCInfo(lcDownload).noquote() << file.name << "restarted from the beginning:" << result.restartReason;
    }

    switch (result.outcome) {
    case FileResult::Outcome::Verified:
        file.state = FileRecord::State::Verified;
        file.sha256 = result.sha256;
        file.message.clear();
        file.withoutLastUpdated = result.facts.withoutLastUpdated;
        file.idsLongerThan64 = result.facts.idsLongerThan64;
        file.outcomeCodes = result.facts.outcomeCodes;
        file.firstDiagnostics = result.facts.firstDiagnostics;
        writeIdHashes(file.index, result.facts.idHashes);
        if (++m_successesSinceThrottle >= kSuccessesToGrow && m_limit < m_max) {
            ++m_limit; // additive increase
            m_successesSinceThrottle = 0;
            qCInfo(lcDownload) << "server keeping up again; downloading" << m_limit << "at a time";
        }
        emit fileUpdated(file);
        break;
    case FileResult::Outcome::VerificationFailed:
        file.state = FileRecord::State::Rejected;
        file.message = result.verificationError ? result.verificationError->message() : QString();
        emit fileUpdated(file);
        break;
    case FileResult::Outcome::Expired:
        file.state = FileRecord::State::Expired;
        file.message = FailureText::describe(failure, profile);
        emit fileUpdated(file);
        break;
    case FileResult::Outcome::Cancelled:
        file.state = FileRecord::State::Pending;
        emit fileUpdated(file);
        break;
    case FileResult::Outcome::RetryableFailure: {
        if (failure.isThrottle()) {
            const milliseconds wait = result.retryAfter ? result.retryAfter->delay : milliseconds(kFirstRetry * 2);
            throttled(std::clamp(wait, milliseconds(kFirstRetry), kMaxRetry));
        }
        if (file.attempts >= kMaxAttempts) {
            file.state = FileRecord::State::Failed;
            file.message = FailureText::describe(failure, profile);
            emit fileUpdated(file);
            break;
        }
        const double step = double(kFirstRetry.count()) * std::pow(2.0, file.attempts - 1);
        milliseconds wait(qint64(std::min(step, double(kMaxRetry.count())) *
                                 (0.5 + 0.5 * QRandomGenerator::global()->generateDouble())));
        if (result.retryAfter) {
            wait = std::max(wait, std::min(result.retryAfter->delay, kMaxRetry));
        }
        file.state = FileRecord::State::Pending;
        file.message = FailureText::describe(failure, profile);
        qCInfo(lcDownload).noquote() << file.name << "attempt" << file.attempts << "failed:" << file.message
                                     << "- retrying in" << DurationText::format(wait);
        emit fileUpdated(file);
        retryLater(file, wait);
        break;
    }
    case FileResult::Outcome::FatalFailure:
        file.state = FileRecord::State::Failed;
        file.message = FailureText::describe(failure, profile);
        emit fileUpdated(file);
        break;
    }
    pump();
}

void DownloadQueue::retryLater(FileRecord file, milliseconds wait)
{
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    m_retryTimers.insert(file.index, timer);
    connect(timer, &QTimer::timeout, this, [this, file, timer] {
        m_retryTimers.remove(file.index);
        timer->deleteLater();
        addPending(file);
        pump();
    });
    timer->start(m_context.clock->timerInterval(wait));
}

void DownloadQueue::throttled(milliseconds wait)
{
    // Multiplicative decrease, and the whole queue pauses for what the server asked.
    const int before = m_limit;
    m_limit = std::max(1, m_limit / 2);
    m_successesSinceThrottle = 0;
    if (!m_pauseTimer.isActive() || m_pauseTimer.remainingTime() < m_context.clock->timerInterval(wait).count()) {
        m_pauseTimer.start(m_context.clock->timerInterval(wait));
    }
    if (before != m_limit) {
        qCInfo(lcDownload).noquote() << "server throttling (429/503); downloading" << m_limit << "at a time, pausing"
                                     << DurationText::format(wait);
    }
}

void DownloadQueue::writeIdHashes(int index, const std::vector<quint64> &hashes)
{
    // One append-only file per export: a record per verified file (index, count, hashes). A file verified again
    // after a restart appends a newer record; readers keep the last one per index.
    if (m_idHashPath.isEmpty()) {
        return;
    }
    if (!m_idHashFile.isOpen()) {
        m_idHashFile.setFileName(m_idHashPath);
        QString error;
        if (!PrivateFiles::open(m_idHashFile, QIODevice::WriteOnly | QIODevice::Append, &error)) {
            qCWarning(lcDownload).noquote() << "cannot keep id hashes for the quality report:" << error;
            return;
        }
    }
    const qint64 header[2] = {index, qint64(hashes.size())};
    m_idHashFile.write(reinterpret_cast<const char *>(header), sizeof header);
    m_idHashFile.write(reinterpret_cast<const char *>(hashes.data()), qint64(hashes.size() * sizeof(quint64)));
    m_idHashFile.flush();
}
