#include "export/exportmanager.h"

#include "auth/authorizer.h"
#include "auth/noauthorizer.h"
#include "export/journal.h"
#include "export/kickoffremedy.h"
#include "net/ratelimiter.h"
#include "util/logging.h"
#include "vendor/vendorregistry.h"

ExportManager::ExportManager(QNetworkAccessManager *nam, Journal *journal, ExportHistory *history, const Clock *clock,
                             QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_journal(journal)
    , m_history(history)
    , m_clock(clock)
{
}

ExportManager::~ExportManager()
{
    // Jobs reference the authorizers and limiters held here: delete them first.
    qDeleteAll(m_jobs);
}

ExportJob *ExportManager::job(const QString &id) const
{
    for (ExportJob *j : m_jobs) {
        if (j->id() == id) {
            return j;
        }
    }
    return nullptr;
}

ExportJob *ExportManager::add(const ExportRecord &record)
{
    const VendorProfile profile = VendorRegistry::instance().profile(record.vendorId);
    ExportServices services;
    services.nam = m_nam;
    services.clock = m_clock;
    services.journal = m_journal;
    services.history = m_history;
    if (profile.requestsPerMinute > 0) {
        auto &limiter = m_limiters[record.profileId];
        if (!limiter) {
            limiter = std::make_shared<RateLimiter>(profile.requestsPerMinute, m_clock);
        }
        services.limiter = limiter.get();
    }
    auto *job = new ExportJob(record, profile, services, this);
    m_jobs.append(job);
    if (profile.maxConcurrentExports > 0) {
        // Leaving KickingOff/Polling (or ending) may free the vendor's slot for a waiting export.
        connect(job, &ExportJob::stateChanged, this, &ExportManager::startWaiting, Qt::QueuedConnection);
    }
    emit jobAdded(job);
    return job;
}

void ExportManager::withAuthorizer(ExportJob *job, std::function<void()> then)
{
    const QString profileId = job->record().profileId;
    if (auto it = m_authorizers.constFind(profileId); it != m_authorizers.constEnd()) {
        job->setAuthorizer(it.value());
        then();
        return;
    }
    if (!m_provider) {
        auto none = std::make_shared<NoAuthorizer>();
        m_authorizers.insert(profileId, none);
        job->setAuthorizer(none);
        then();
        return;
    }
    QPointer<ExportJob> guard(job);
    m_provider(profileId, [this, guard, profileId, then](std::shared_ptr<Authorizer> authorizer, const QString &error) {
        if (!guard) {
            return;
        }
        if (!authorizer) {
            guard->failCredentials(error);
            return;
        }
        m_authorizers.insert(profileId, authorizer);
        guard->setAuthorizer(authorizer);
        then();
    });
}

void ExportManager::restore()
{
    for (const QString &id : m_journal->ids()) {
        if (job(id)) {
            continue;
        }
        QString error;
        const auto record = m_journal->load(id, &error);
        if (!record) {
            qCWarning(lcExport).noquote() << error;
            continue;
        }
        ExportJob *j = add(*record);
        if (!ExportStates::isTerminal(record->state)) {
            withAuthorizer(j, [j] { j->start(); });
        }
    }
}

ExportJob *ExportManager::start(const ExportRecord &record)
{
    ExportJob *j = add(record);
    if (mustWait(j)) {
        m_waiting.append(j);
        const int limit = j->profile().maxConcurrentExports;
        j->showWaiting(tr("Waiting: %1 runs only %2 per client at a time; this one starts when the server has "
                          "finished preparing the one before.")
                           .arg(j->profile().displayName, limit == 1 ? tr("one export") : tr("%1 exports").arg(limit)));
        return j;
    }
    withAuthorizer(j, [j] { j->start(); });
    return j;
}

bool ExportManager::mustWait(const ExportJob *job) const
{
    const int limit = job->profile().maxConcurrentExports;
    if (limit <= 0) {
        return false;
    }
    // The server counts an export as running while it prepares the files (Oracle answers 429 "throttled" then).
    // A started export still in Created is about to kick off (its credentials may be on their way): it counts.
    const auto onServer = [this, job](ExportJob *other) {
        const ExportState s = other->state();
        return other != job && other->record().profileId == job->record().profileId &&
               other->record().vendorId == job->record().vendorId &&
               (s == ExportState::KickingOff || s == ExportState::Polling ||
                (s == ExportState::Created && !m_waiting.contains(other)));
    };
    return std::count_if(m_jobs.begin(), m_jobs.end(), onServer) >= limit;
}

void ExportManager::startWaiting()
{
    for (qsizetype i = 0; i < m_waiting.size();) {
        ExportJob *j = m_waiting.at(i);
        if (!j || j->state() != ExportState::Created) {
            m_waiting.removeAt(i); // removed or cancelled meanwhile
            continue;
        }
        if (mustWait(j)) {
            ++i;
            continue;
        }
        m_waiting.removeAt(i);
        withAuthorizer(j, [j] { j->start(); });
        // Its kick-off takes the slot: the next waiting export is checked against it.
    }
}

void ExportManager::resume(const QString &id)
{
    if (ExportJob *j = job(id)) {
        withAuthorizer(j, [j] { j->resume(); });
    }
}

bool ExportManager::retryKickoff(const QString &id, const KickoffRemedy &remedy, QString *error)
{
    ExportJob *j = job(id);
    if (!j) {
        *error = tr("There is no export %1.").arg(id);
        return false;
    }
    if (j->state() != ExportState::Failed || j->record().hasStatusUrl()) {
        *error = tr("Only an export whose kick-off the server refused can be sent again with changed parameters.");
        return false;
    }
    ExportRequest check = j->record().request;
    if (!remedy.apply(&check, error)) {
        return false;
    }
    withAuthorizer(j, [j, remedy] {
        QString ignored; // checked above; the job re-checks and logs
        j->retryKickoff(remedy, &ignored);
    });
    return true;
}

void ExportManager::cancel(const QString &id)
{
    if (ExportJob *j = job(id)) {
        withAuthorizer(j, [j] { j->cancel(); });
    }
}

void ExportManager::retryFailedFiles(const QString &id)
{
    if (ExportJob *j = job(id)) {
        withAuthorizer(j, [j] { j->retryFailedFiles(); });
    }
}

void ExportManager::deleteOnServer(const QString &id)
{
    if (ExportJob *j = job(id)) {
        withAuthorizer(j, [j] { j->deleteOnServer(); });
    }
}

bool ExportManager::remove(const QString &id)
{
    ExportJob *j = job(id);
    if (!j || j->isBusy()) {
        return false;
    }
    m_jobs.removeOne(j);
    m_journal->remove(id);
    j->deleteLater();
    emit jobRemoved(id);
    return true;
}

void ExportManager::suspendAll()
{
    for (ExportJob *j : std::as_const(m_jobs)) {
        j->suspend();
    }
}

void ExportManager::forgetCredentials(const QString &profileId)
{
    m_authorizers.remove(profileId);
}
