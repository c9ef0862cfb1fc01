#pragma once

#include "fhir/exportrequest.h"

#include <QDateTime>
#include <QString>

#include <optional>

// Remembers, per server and group (or level), the transactionTime of the last export that completed fully
// verified, so the next one can ask for `_since` = that time ("Since last export"). A small JSON file in the
// data directory (0600); written only after an export is complete.
class ExportHistory
{
public:
    explicit ExportHistory(const QString &path);

    struct Entry
    {
        QDateTime transactionTime;
        QString exportId;
        QString outputDir;
    };

    std::optional<Entry> last(const ExportRequest &request) const;
    bool record(const ExportRequest &request, const Entry &entry, QString *error);

    static QString key(const ExportRequest &request);
    static QString defaultPath(); // <data dir>/history.json

private:
    QString m_path;
};
