#pragma once

#include "export/exportjob.h"
#include "server/faultconfig.h"

#include <QHash>
#include <QList>

#include <memory>
#include <optional>

// Owns every export job of a run and the tokens that name their files in URLs. Deleted jobs stay listed (for
// /__jobs) but lose their file tokens; expired links stay known so they can answer 404/410 rather than "never
// existed".
class JobStore
{
public:
    struct FileSplit
    {
        int resourcesPerFile = 1000;
        bool onePatientPerFile = false; // Oracle: many tiny files
    };

    struct FileHit
    {
        ExportJob *job = nullptr;
        int index = -1;
        bool current = false; // false: an older link generation (refreshed since)
    };

    ExportJob &add(std::unique_ptr<ExportJob> job);
    ExportJob *find(const QByteArray &id) const;
    QList<ExportJob *> jobs() const;

    // Splits the planned data into files (outputs per type, then error, then deleted) and names them.
    void buildFiles(ExportJob &job, const FileSplit &split, const FaultConfig &faults);
    // Gives every file of the job a new URL token (and expiry); old tokens become stale.
    void assignLinks(ExportJob &job, qint64 expiresAtMs);
    std::optional<FileHit> findFile(const QByteArray &token) const;
    // Forgets the job's file tokens (DELETE): its URLs then answer 404.
    void forgetFiles(ExportJob &job);

    static QByteArray newJobId();

private:
    struct TokenTarget
    {
        QByteArray jobId;
        int index = -1;
        int generation = 0;
    };

    std::vector<std::unique_ptr<ExportJob>> m_jobs;
    QHash<QByteArray, ExportJob *> m_byId;
    QHash<QByteArray, TokenTarget> m_tokens;
};
