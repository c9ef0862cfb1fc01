#pragma once

#include "export/exportrecord.h"

#include <QFile>
#include <QHash>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

// Where exports survive the process. Per export: `<id>.json`, a snapshot written atomically (QSaveFile: temp
// file, fsync, rename) at every state transition, and `<id>.events`, one appended JSON line per file transition
// so 20,000 files do not rewrite a 5 MB snapshot 20,000 times. Loading replays the events newer than the
// snapshot. Directory 0700, files 0600. A write failure is returned, never swallowed: the caller must not act
// on a transition it could not record.
class Journal
{
public:
    explicit Journal(const QString &directory);
    ~Journal();

    const QString &directory() const { return m_directory; }

    bool save(ExportRecord &record, QString *error);
    bool appendFileEvent(ExportRecord &record, const FileRecord &file, QString *error);
    std::optional<ExportRecord> load(const QString &id, QString *error) const;
    QStringList ids() const; // newest first
    // Where the export's redacted HTTP trace is kept (beside its journal, removed with it).
    QString tracePath(const QString &id) const;
    // Where the hashes of the export's resource ids are kept for the quality report (removed with the journal).
    QString idHashPath(const QString &id) const;
    bool remove(const QString &id);

    // $FERRY_DATA_DIR/jobs, else <AppDataLocation>/jobs.
    static QString defaultDirectory();
    static QString dataDirectory();

private:
    QString snapshotPath(const QString &id) const;
    QString eventsPath(const QString &id) const;
    QFile *eventsFile(const QString &id, QString *error);

    QString m_directory;
    QHash<QString, std::shared_ptr<QFile>> m_events; // open append handles
};
