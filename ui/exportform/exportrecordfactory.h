#pragma once

#include "export/exportrecord.h"
#include "store/serverprofile.h"

#include <QDateTime>
#include <QString>

class ExportManager;
struct VendorProfile;

// Turns what the export form says into the ExportRecord ExportManager::start() takes: a new id, the profile and
// vendor, the request, and a folder of its own under the destination (DESIGN "Files on disk"), also when two
// exports start in the same second.
class ExportRecordFactory
{
public:
    struct Options
    {
        QString destination; // as typed; made absolute
        int parallelDownloads = 4;
        bool deleteAfterDownload = true;
    };

    static ExportRecord make(const ServerProfile &profile, const VendorProfile &vendor, const ExportRequest &request,
                             const Options &options, const QDateTime &nowUtc, const ExportManager *manager);
};
