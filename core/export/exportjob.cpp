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

namespace {
constexpr int kMaxKickoffAttempts = 6;
constexpr int kMaxPollFailures = 10;
} // namespace

ExportJob::ExportJob(const ExportRecord &record, const VendorProfile &profile, const ExportServices &services,
                     QObject *parent)
    : QObject(parent)
    , m_record(record)
    , m_profile(profile)
    , m_services(services)
    , m_factory(record.request.base, profile)
    , m_policy(profile)
{
    m_factory.setAuthorizer(services.authorizer);
    m_factory.setClientId(record.clientId);
    RateLimiter *limiter = services.limiter;
    if (!limiter && profile.requestsPerMinute > 0) {
        m_ownLimiter = std::make_unique<RateLimiter>(profile.requestsPerMinute, services.clock);
        limiter = m_ownLimiter.get();
    }
    m_trace = std::make_unique<HttpTrace>(services.journal->tracePath(record.id));
    m_net = NetworkContext{services.nam, &m_factory, limiter, services.clock, m_trace.get()};
    for (const FileRecord &f : std::as_const(m_record.files)) {
        m_layout.remember(f.name);
    }
    m_fileChangeTimer.setSingleShot(true);
    m_fileChangeTimer.setInterval(kFileChangeInterval);
    connect(&m_fileChangeTimer, &QTimer::timeout, this, &ExportJob::changed);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_nextCheckAt = QDateTime();
        if (auto step = std::exchange(m_timerStep, nullptr)) {
            (this->*step)();
        }
    });
}

ExportJob::~ExportJob() = default;

int ExportJob::downloadConcurrency() const
{
    return m_queue ? m_queue->currentLimit() : 0;
}

QString ExportJob::tracePath() const
{
    m_trace->flush(); // whoever asks is about to read it
    return m_trace->path();
}

bool ExportJob::isBusy() const
{
    return m_current || m_timer.isActive() || m_qualityRunning || (m_queue && !m_queue->isIdle());
}

// ---- state bookkeeping

bool ExportJob::transition(ExportState next, const QString &message)
{
    const ExportState from = m_record.state;
    if (from != next && !ExportStates::canTransition(from, next)) {
        qCWarning(lcExport) << m_record.id << "refused transition" << ExportStates::name(from) << "->"
                            << ExportStates::name(next);
        return false;
    }
    m_record.state = next;
    if (!message.isNull()) {
        m_record.message = message;
    }
    if (ExportStates::isTerminal(next)) {
        m_record.finishedAt = m_services.clock->nowUtc();
        m_record.activity.clear();
    }
    QString error;
    if (!m_services.journal->save(m_record, &error)) {
        // A transition that cannot be recorded must not take effect: stop, say why, keep everything on disk.
        stopActivity();
        m_record.state = ExportState::Failed;
        m_record.message = tr("%1. Nothing was lost: free some space, then resume the export.").arg(error);
        qCWarning(lcExport).noquote() << m_record.id << m_record.message;
        emit stateChanged(m_record.state);
        emit changed();
        emit finished(m_record.state);
        return false;
    }
    qCInfo(lcExport).noquote() << m_record.id << ExportStates::name(from) << "->" << ExportStates::name(next)
                               << (message.isEmpty() ? QString() : QStringLiteral("- ") + message);
    emit stateChanged(next);
    emit changed();
    if (ExportStates::isTerminal(next)) {
        emit finished(next);
    }
    return true;
}

bool ExportJob::saveSnapshot()
{
    QString error;
    if (m_services.journal->save(m_record, &error)) {
        return true;
    }
    stopActivity();
    m_record.state = ExportState::Failed;
    m_record.message = tr("%1. Nothing was lost: free some space, then resume the export.").arg(error);
    emit stateChanged(m_record.state);
    emit changed();
    emit finished(m_record.state);
    return false;
}

void ExportJob::fail(const HttpFailure &failure)
{
    QString kind;
    switch (failure.kind) {
    case HttpFailure::Kind::Auth:
        kind = QStringLiteral("auth");
        break;
    case HttpFailure::Kind::Network:
    case HttpFailure::Kind::Timeout:
    case HttpFailure::Kind::Tls:
        kind = QStringLiteral("network");
        break;
    case HttpFailure::Kind::Local:
        kind = QStringLiteral("local");
        break;
    case HttpFailure::Kind::Http:
        kind = failure.status == 401 || failure.status == 403 ? QStringLiteral("auth") : QStringLiteral("server");
        break;
    case HttpFailure::Kind::Redirect:
    case HttpFailure::Kind::Protocol:
    case HttpFailure::Kind::Cancelled:
        kind = QStringLiteral("server");
        break;
    }
    failWith(FailureText::describe(failure, m_profile), kind);
}

void ExportJob::failWith(const QString &message, const QString &kind)
{
    stopActivity();
    m_record.failureKind = kind;
    transition(ExportState::Failed, message);
}

void ExportJob::note(const QString &deviation)
{
    if (!m_record.deviations.contains(deviation)) {
        m_record.deviations << deviation;
        qCInfo(lcVendor).noquote() << Redactor::url(m_record.request.base)
                                   << "deviates from the Bulk Data IG:" << deviation;
    }
}

void ExportJob::setActivity(const QString &activity)
{
    m_record.activity = activity;
    emit changed();
}

void ExportJob::schedule(milliseconds wait, void (ExportJob::*step)())
{
    m_timerStep = step;
    m_nextCheckAt = m_services.clock->nowUtc().addMSecs(wait.count());
    m_timer.start(m_services.clock->timerInterval(wait));
}

void ExportJob::stopActivity()
{
    m_timer.stop();
    m_timerStep = nullptr;
    m_nextCheckAt = QDateTime();
    if (m_current) {
        NetworkJob *job = m_current;
        m_current = nullptr;
        job->disconnect(this);
        job->abort();
        job->deleteLater();
    }
    if (m_queue) {
        m_queue->abortAll();
    }
    if (m_quality) {
        delete m_quality; // its worker thread finishes on its own; the result is dropped
        m_qualityRunning = false;
    }
}

// ---- public commands

void ExportJob::start()
{
    switch (m_record.state) {
    case ExportState::Created:
        if (const QStringList problems = m_record.request.validate(m_profile); !problems.isEmpty()) {
            failWith(problems.join(QLatin1Char(' ')), QStringLiteral("request"));
            return;
        }
        if (!m_record.createdAt.isValid()) {
            m_record.createdAt = m_services.clock->nowUtc();
        }
        kickoff();
        return;
    case ExportState::KickingOff:
        if (m_record.hasStatusUrl()) {
            poll();
        } else {
            qCWarning(lcExport) << m_record.id << "was interrupted during kick-off; sending it again";
            kickoff();
        }
        return;
    case ExportState::Polling:
        enqueueOpenFiles(); // files from partial manifests
        poll();
        return;
    case ExportState::Downloading:
        enqueueOpenFiles();
        if (!m_record.manifestComplete) {
            poll();
        }
        maybeFinish();
        return;
    case ExportState::CleaningUp:
        finalize();
        return;
    case ExportState::Completed:
    case ExportState::Failed:
    case ExportState::Cancelled:
    case ExportState::Expired:
        return;
    }
}

void ExportJob::resume()
{
    if (m_record.state != ExportState::Failed && m_record.state != ExportState::Expired) {
        start();
        return;
    }
    m_pollFailures = 0;
    m_kickoffAttempts = 0;
    if (m_record.manifestComplete) {
        retryFailedFiles();
    } else if (m_record.hasStatusUrl()) {
        if (transition(ExportState::Polling, QString())) {
            enqueueOpenFiles();
            poll();
        }
    } else {
        kickoff();
    }
}

bool ExportJob::retryKickoff(const KickoffRemedy &remedy, QString *error)
{
    if (m_record.state != ExportState::Failed || m_record.hasStatusUrl()) {
        *error = tr("Only an export whose kick-off the server refused can be sent again with changed parameters.");
        return false;
    }
    ExportRequest request = m_record.request;
    if (!remedy.apply(&request, error)) {
        return false;
    }
    if (const QStringList problems = request.validate(m_profile); !problems.isEmpty()) {
        *error = problems.join(QLatin1Char(' '));
        return false;
    }
    qCInfo(lcExport).noquote() << m_record.id << "sending the kick-off again" << remedy.describe();
    m_record.request = request;
    m_record.rejectedParameter.clear();
    m_kickoffAttempts = 0;
    kickoff();
    return true;
}

void ExportJob::retryFailedFiles()
{
    if ((m_record.state != ExportState::Failed && m_record.state != ExportState::Expired) ||
        !m_record.manifestComplete) {
        return;
    }
    for (FileRecord &f : m_record.files) {
        if (f.state == FileRecord::State::Failed || f.state == FileRecord::State::Expired ||
            f.state == FileRecord::State::Rejected) {
            f.state = FileRecord::State::Pending;
            f.attempts = 0;
            f.message.clear();
        }
    }
    if (transition(ExportState::Downloading, QString())) {
        enqueueOpenFiles();
        maybeFinish();
    }
}

void ExportJob::cancel()
{
    if (m_record.state == ExportState::Completed || m_record.state == ExportState::Cancelled || m_cancelling) {
        return;
    }
    stopActivity();
    if (!m_record.hasStatusUrl() || m_record.serverDeleted) {
        removePartialFiles();
        transition(ExportState::Cancelled, tr("Cancelled."));
        return;
    }
    m_cancelling = true;
    setActivity(tr("Cancelling: asking the server to delete the export…"));
    auto *job = new DeleteJob(m_net, m_record.statusUrl, this);
    m_current = job;
    connect(job, &DeleteJob::finished, this, [this, job](const DeleteResult &result) {
        job->deleteLater();
        m_current = nullptr;
        m_cancelling = false;
        m_record.serverDeleted = result.isSuccess();
        m_record.cleanupNote = result.isSuccess() ? tr("The server was asked to delete the export (DELETE sent).")
                                                  : FailureText::describe(result.failure, m_profile);
        removePartialFiles();
        transition(ExportState::Cancelled,
                   result.isSuccess()
                       ? tr("Cancelled; the server deleted the export.")
                       : tr("Cancelled; the server did not confirm the deletion: %1").arg(m_record.cleanupNote));
    });
    job->start();
}

void ExportJob::suspend()
{
    if (m_queue) {
        m_queue->disconnect(this); // aborted transfers are not failures; their .part files are resumed later
    }
    stopActivity();
    if (m_queue) {
        m_queue->deleteLater();
        m_queue = nullptr;
    }
    if (!ExportStates::isTerminal(m_record.state)) {
        saveSnapshot();
    }
}

void ExportJob::setAuthorizer(std::shared_ptr<Authorizer> authorizer)
{
    m_sharedAuthorizer = std::move(authorizer);
    m_factory.setAuthorizer(m_sharedAuthorizer.get());
}

void ExportJob::failCredentials(const QString &message)
{
    if (ExportStates::isTerminal(m_record.state)) {
        m_record.message = message;
        emit changed();
        return;
    }
    failWith(message, QStringLiteral("auth"));
}

void ExportJob::deleteOnServer()
{
    if (!ExportStates::isTerminal(m_record.state) || !m_record.hasStatusUrl() || m_record.serverDeleted || m_current) {
        return;
    }
    auto *job = new DeleteJob(m_net, m_record.statusUrl, this);
    m_current = job;
    connect(job, &DeleteJob::finished, this, [this, job](const DeleteResult &result) {
        job->deleteLater();
        m_current = nullptr;
        onCleanup(result, false);
    });
    job->start();
}

// ---- kick-off and polling

void ExportJob::kickoff()
{
    if (m_record.state != ExportState::KickingOff && !transition(ExportState::KickingOff)) {
        return;
    }
    m_record.kickoffAt = m_services.clock->nowUtc();
    ++m_kickoffAttempts;
    setActivity(tr("Sending the export request…"));
    auto *job = new KickoffJob(m_net, m_record.request, this);
    m_current = job;
    connect(job, &KickoffJob::finished, this, [this, job](const KickoffResult &result) {
        job->deleteLater();
        m_current = nullptr;
        onKickoff(result);
    });
    job->start();
}

void ExportJob::onKickoff(const KickoffResult &result)
{
    for (const QString &d : result.deviations) {
        note(d);
    }
    switch (result.outcome) {
    case KickoffResult::Outcome::Accepted: {
        m_record.statusUrl = result.statusUrl;
        // The status URL is journaled by this transition before anything else happens: losing it can cost a day
        // (Epic refuses a second export of the same group within 24 h).
        if (!transition(ExportState::Polling, QString())) {
            return;
        }
        const PollPolicy::Decision d = m_policy.next(result.retryAfter, m_backoffStep++);
        setActivity(tr("Export accepted; first status check in %1").arg(DurationText::format(d.wait)));
        schedule(d.wait, &ExportJob::poll);
        return;
    }
    case KickoffResult::Outcome::Completed:
        if (acceptManifest(*result.manifest, result.manifest->nextPage.isEmpty(), QDateTime())) {
            manifestDone();
        }
        return;
    case KickoffResult::Outcome::Failed:
        break;
    }
    const HttpFailure &f = result.failure;
    const bool retry = (f.isThrottle() || f.neverReachedServer()) && m_kickoffAttempts < kMaxKickoffAttempts;
    if (!retry) {
        m_record.rejectedParameter = KickoffRemedy::rejectedParameter(f, m_record.request);
        if (m_record.rejectedParameter.isEmpty()) {
            fail(f);
            return;
        }
        // Say what can be done about it: the caller offers retryKickoff() with lenient handling or without it.
        const QString p = m_record.rejectedParameter;
        failWith(FailureText::describe(f, m_profile) + QLatin1Char(' ') +
                     (m_record.request.lenient
                          ? tr("The server refused the %1 parameter even with lenient handling; the export can be "
                               "sent again without %1.")
                                .arg(p)
                          : tr("The server refused the %1 parameter; the export can be sent again with lenient "
                               "handling (Prefer: handling=lenient, the server skips what it does not support) or "
                               "without %1.")
                                .arg(p)),
                 QStringLiteral("request"));
        return;
    }
    const PollPolicy::Decision d = m_policy.next(f.retryAfter, m_kickoffAttempts);
    // Oracle's 429 "throttled" means another export of this client still runs: the preset says so in words.
    QString why = f.status ? tr("The server is busy (HTTP %1)").arg(f.status) : tr("The server is unreachable");
    if (const QString advice = f.outcome ? FailureText::vendorAdvice(f.outcome->summary(), m_profile) : QString();
        !advice.isEmpty()) {
        why = tr("HTTP %1: %2").arg(f.status).arg(advice.endsWith(QLatin1Char('.')) ? advice.chopped(1) : advice);
    }
    setActivity(tr("%1; trying again in %2 (attempt %3 of %4)")
                    .arg(why, DurationText::format(d.wait))
                    .arg(m_kickoffAttempts + 1)
                    .arg(kMaxKickoffAttempts));
    schedule(d.wait, &ExportJob::kickoff);
}

void ExportJob::poll()
{
    ++m_record.polls;
    auto *job = new StatusJob(m_net, m_record.statusUrl, tr("status check"), this);
    m_current = job;
    connect(job, &StatusJob::finished, this, [this, job](const StatusResult &result) {
        job->deleteLater();
        m_current = nullptr;
        onStatus(result);
    });
    job->start();
}

void ExportJob::onStatus(const StatusResult &result)
{
    for (const QString &d : result.deviations) {
        note(d);
    }
    switch (result.outcome) {
    case StatusResult::Outcome::InProgress: {
        m_pollFailures = 0;
        if (!result.progress.isEmpty()) {
            m_record.progress = result.progress;
        }
        if (result.manifest && !acceptManifest(*result.manifest, false, result.expires)) {
            return;
        }
        const PollPolicy::Decision d = m_policy.next(result.retryAfter, result.retryAfter ? 0 : m_backoffStep++);
        if (!d.warning.isEmpty()) {
            qCWarning(lcVendor).noquote() << d.warning;
        }
        setActivity(d.explanation.isEmpty()
                        ? tr("Server preparing the export; next check in %1").arg(DurationText::format(d.wait))
                        : tr("Server preparing the export; %1").arg(d.explanation));
        schedule(d.wait, &ExportJob::poll);
        return;
    }
    case StatusResult::Outcome::Completed:
        m_pollFailures = 0;
        m_record.progress.percent = 100.0;
        if (!acceptManifest(*result.manifest, result.manifest->nextPage.isEmpty(), result.expires)) {
            return;
        }
        if (result.manifest->nextPage.isEmpty()) {
            manifestDone();
        } else {
            m_pageUrl = result.manifest->nextPage;
            fetchPage();
        }
        return;
    case StatusResult::Outcome::Failed:
        break;
    }
    const HttpFailure &f = result.failure;
    if (f.kind == HttpFailure::Kind::Http && (f.status == 404 || f.status == 410)) {
        failWith(FailureText::describe(f, m_profile) + tr(" The server no longer knows this export; start a new one."),
                 QStringLiteral("server"));
        return;
    }
    if (!f.isRetryable() || ++m_pollFailures > kMaxPollFailures) {
        fail(f);
        return;
    }
    const PollPolicy::Decision d = m_policy.next(f.retryAfter, m_pollFailures);
    setActivity(tr("Status check failed (%1); trying again in %2 (attempt %3 of %4)")
                    .arg(f.status ? QStringLiteral("HTTP %1").arg(f.status) : Redactor::instance().text(f.detail),
                         DurationText::format(d.wait))
                    .arg(m_pollFailures + 1)
                    .arg(kMaxPollFailures + 1));
    schedule(d.wait, &ExportJob::poll);
}

void ExportJob::fetchPage()
{
    auto *job = new StatusJob(m_net, m_pageUrl, tr("manifest page"), this);
    m_current = job;
    connect(job, &StatusJob::finished, this, [this, job](const StatusResult &result) {
        job->deleteLater();
        m_current = nullptr;
        onPage(result);
    });
    job->start();
}

void ExportJob::onPage(const StatusResult &result)
{
    if (result.outcome == StatusResult::Outcome::Completed) {
        m_pollFailures = 0;
        if (!acceptManifest(*result.manifest, result.manifest->nextPage.isEmpty(), result.expires)) {
            return;
        }
        if (result.manifest->nextPage.isEmpty() || result.manifest->nextPage == m_pageUrl) {
            manifestDone();
        } else {
            m_pageUrl = result.manifest->nextPage;
            fetchPage();
        }
        return;
    }
    const bool transient = result.outcome == StatusResult::Outcome::InProgress || result.failure.isRetryable();
    if (!transient || ++m_pollFailures > kMaxPollFailures) {
        fail(result.failure);
        return;
    }
    const PollPolicy::Decision d = m_policy.next(result.retryAfter, m_pollFailures);
    setActivity(tr("Fetching the next manifest page again in %1").arg(DurationText::format(d.wait)));
    schedule(d.wait, &ExportJob::fetchPage);
}

// ---- manifest and downloads

bool ExportJob::acceptManifest(const Manifest &manifest, bool complete, const QDateTime &expires)
{
    for (const QString &d : manifest.deviations) {
        note(d);
    }
    if (m_record.manifestPages.isEmpty() || !m_record.manifestAt.isValid()) {
        m_record.manifestAt = m_services.clock->nowUtc();
        m_record.transactionTime = manifest.transactionTime;
        m_record.requiresAccessToken = manifest.requiresAccessToken;
    }
    if (expires.isValid()) {
        m_record.expires = expires;
    }
    const QList<int> added = ManifestMerger::merge(m_record, m_layout, manifest, expires);
    if (!added.isEmpty() || m_record.manifestPages.isEmpty()) {
        m_record.manifestPages.append(manifest.raw); // kept as received for manifest.json
    }
    if (complete) {
        m_record.manifestComplete = true;
    }
    if (!saveSnapshot()) {
        return false;
    }
    for (int index : added) {
        if (m_record.file(index)->state == FileRecord::State::Pending) {
            ensureQueue();
            m_queue->enqueue(*m_record.file(index));
        }
    }
    emit changed();
    return true;
}

void ExportJob::manifestDone()
{
    m_record.manifestComplete = true;
    m_record.progress.percent = 100.0;
    if (m_record.state != ExportState::Downloading && !transition(ExportState::Downloading, QString())) {
        return;
    }
    const int total = static_cast<int>(m_record.files.size());
    setActivity(m_record.expires.isValid()
                    ? tr("Downloading %n file(s); the server keeps them until %1", nullptr, total)
                          .arg(QLocale().toString(m_record.expires.toLocalTime(), QLocale::ShortFormat))
                    : tr("Downloading %n file(s)", nullptr, total));
    maybeFinish();
}
