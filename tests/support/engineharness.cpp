#include "engineharness.h"

#include "export/outputlayout.h"

#include <QSignalSpy>
#include <QTest>

EngineHarness::EngineHarness(const QString &scratchDir)
    : scratch(scratchDir)
    , journal(scratchDir + QStringLiteral("/jobs"))
    , history(scratchDir + QStringLiteral("/history.json"))
{
}

ExportRecord EngineHarness::groupExport(const QUrl &base, const QString &group) const
{
    ExportRecord r;
    const QDateTime now = clock.nowUtc();
    r.id = ExportRecord::newId(now);
    r.createdAt = now;
    r.profileName = QStringLiteral("sandbox");
    r.request.base = base;
    r.request.level = ExportLevel::Group;
    r.request.groupId = group;
    r.outputDir = OutputLayout::exportDirectory(scratch + QStringLiteral("/out"), r.profileName, r.request, now) +
                  QLatin1Char('-') + r.id.right(4);
    return r;
}

std::unique_ptr<ExportJob> EngineHarness::makeJob(const ExportRecord &record, const VendorProfile &profile,
                                                  Authorizer *authorizer)
{
    ExportServices services;
    services.nam = &nam;
    services.authorizer = authorizer ? authorizer : &noAuth;
    services.clock = &clock;
    services.journal = &journal;
    services.history = &history;
    return std::make_unique<ExportJob>(record, profile, services);
}

bool EngineHarness::runToEnd(ExportJob *job, int timeoutMs)
{
    QSignalSpy finished(job, &ExportJob::finished);
    if (ExportStates::isTerminal(job->state())) {
        job->resume();
    } else {
        job->start();
    }
    if (ExportStates::isTerminal(job->state()) && finished.count() > 0) {
        return true;
    }
    return finished.count() > 0 || finished.wait(timeoutMs);
}

bool EngineHarness::waitFor(ExportJob *job, ExportState state, int timeoutMs)
{
    if (job->state() == state) {
        return true;
    }
    QSignalSpy changed(job, &ExportJob::stateChanged);
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (!changed.wait(static_cast<int>(std::max<qint64>(1, deadline.remainingTime())))) {
            return job->state() == state;
        }
        if (job->state() == state) {
            return true;
        }
    }
    return job->state() == state;
}
