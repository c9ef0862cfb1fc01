#pragma once

#include "auth/noauthorizer.h"
#include "export/exporthistory.h"
#include "export/exportjob.h"
#include "export/journal.h"
#include "util/clock.h"

#include <QNetworkAccessManager>
#include <QString>
#include <QUrl>

#include <memory>

// Runs the real engine in-process against a real server for integration tests: a network manager, a journal and
// history in a scratch folder, an injectable clock. Nothing is faked below ExportJob.
class EngineHarness
{
public:
    explicit EngineHarness(const QString &scratchDir);

    // A Group export record for `base` writing under <scratch>/out; adjust its request before makeJob().
    ExportRecord groupExport(const QUrl &base, const QString &group = QStringLiteral("demo")) const;
    std::unique_ptr<ExportJob> makeJob(const ExportRecord &record,
                                       const VendorProfile &profile = VendorProfile::generic(),
                                       Authorizer *authorizer = nullptr);
    // Starts (or continues) the job and waits for a terminal state; false on timeout.
    static bool runToEnd(ExportJob *job, int timeoutMs = 60000);
    static bool waitFor(ExportJob *job, ExportState state, int timeoutMs = 60000);

    QString scratch;
    Clock clock;
    QNetworkAccessManager nam;
    Journal journal;
    ExportHistory history;
    NoAuthorizer noAuth;
};
