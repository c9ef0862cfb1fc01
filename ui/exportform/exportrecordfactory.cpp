#include "exportform/exportrecordfactory.h"

#include "export/exportjob.h"
#include "export/exportmanager.h"
#include "export/outputlayout.h"
#include "vendor/vendorprofile.h"

#include <QDir>
#include <QFileInfo>

ExportRecord ExportRecordFactory::make(const ServerProfile &profile, const VendorProfile &vendor,
                                       const ExportRequest &request, const Options &options, const QDateTime &nowUtc,
                                       const ExportManager *manager)
{
    ExportRecord r;
    r.id = ExportRecord::newId(nowUtc);
    r.createdAt = nowUtc;
    r.profileId = profile.id;
    r.profileName = profile.displayName;
    r.vendorId = vendor.id;
    r.clientId = profile.clientId;
    r.request = request;
    r.parallelDownloads = options.parallelDownloads;
    r.deleteAfterDownload = options.deleteAfterDownload;
    const QString destination = QDir(options.destination.trimmed()).absolutePath();
    r.outputDir = OutputLayout::exportDirectory(destination, r.profileName, r.request, nowUtc);
    // Two exports started in the same second get their own folders (the first may not have created its yet).
    auto taken = [manager](const QString &dir) {
        if (manager) {
            for (const ExportJob *job : manager->jobs()) {
                if (job->record().outputDir == dir) {
                    return true;
                }
            }
        }
        return QFileInfo::exists(dir);
    };
    const QString base = r.outputDir;
    for (int n = 2; taken(r.outputDir); ++n) {
        r.outputDir = base + QLatin1Char('-') + QString::number(n);
    }
    return r;
}
