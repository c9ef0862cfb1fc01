#pragma once

#include "export/exportjob.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

class Authorizer;
class ExportHistory;
class Journal;
class QNetworkAccessManager;
class RateLimiter;

// All the exports one process runs: new ones, and those the journal remembers (which reappear on start and,
// unless they had finished, continue by themselves). Exports of the same server profile share one authorizer
// (one token cache) and one request budget. Used by the desktop app; the CLI runs one job directly.
//
// Credentials come from the host through a provider (the keychain answers asynchronously); until they arrive a
// journaled export is listed but waits.
class ExportManager : public QObject
{
    Q_OBJECT

public:
    using AuthorizerReady = std::function<void(std::shared_ptr<Authorizer> authorizer, const QString &error)>;
    // Called with the profile id of an export ("" for ad-hoc ones); must call `ready` exactly once.
    using AuthorizerProvider = std::function<void(const QString &profileId, AuthorizerReady ready)>;
    using ProfileLookup = std::function<VendorProfile(const QString &vendorId)>;

    ExportManager(QNetworkAccessManager *nam, Journal *journal, ExportHistory *history, const Clock *clock,
                  QObject *parent = nullptr);
    ~ExportManager() override;

    void setAuthorizerProvider(AuthorizerProvider provider) { m_provider = std::move(provider); }

    // Lists every journaled export and continues the ones that were active. Call once at start.
    void restore();
    // Adds and starts a new export (its record must have an id, output dir and request). When the vendor runs only
    // so many exports per client at a time (VendorProfile::maxConcurrentExports, Oracle: one) and that many
    // exports of the same server profile are still being prepared by the server, the new one waits — its activity
    // says why — and kicks off once one of them has its files ready, instead of being refused with 429.
    ExportJob *start(const ExportRecord &record);
    // Resumes, retries or cancels by id, with the profile's credentials (a journaled export has none until its
    // first action); no-ops for unknown ids. See ExportJob for what each does in which state.
    void resume(const QString &id);
    void cancel(const QString &id);
    void retryFailedFiles(const QString &id);
    void deleteOnServer(const QString &id);
    // A refused kick-off sent again leniently and/or without parameters (ExportJob::retryKickoff). False with
    // `error` for an unknown id or a remedy that does not apply; credentials are fetched first when needed.
    bool retryKickoff(const QString &id, const KickoffRemedy &remedy, QString *error);
    // Forgets an export that is not running: its journal goes, its files stay.
    bool remove(const QString &id);
    // Stops every export without touching servers (application exit); the journal keeps them resumable.
    void suspendAll();
    // Drops a cached authorizer (the profile's credentials changed).
    void forgetCredentials(const QString &profileId);

    QList<ExportJob *> jobs() const { return m_jobs; }
    ExportJob *job(const QString &id) const;
    ExportHistory *history() const { return m_history; }

signals:
    void jobAdded(ExportJob *job);
    void jobRemoved(const QString &id);

private:
    ExportJob *add(const ExportRecord &record);
    void withAuthorizer(ExportJob *job, std::function<void()> then);
    bool mustWait(const ExportJob *job) const;
    void startWaiting();

    QNetworkAccessManager *m_nam;
    Journal *m_journal;
    ExportHistory *m_history;
    const Clock *m_clock;
    AuthorizerProvider m_provider;
    QList<ExportJob *> m_jobs;
    QList<QPointer<ExportJob>> m_waiting; // started, held back by the vendor's concurrency limit (FIFO)
    QHash<QString, std::shared_ptr<Authorizer>> m_authorizers; // by profile id
    QHash<QString, std::shared_ptr<RateLimiter>> m_limiters;   // by profile id
};
