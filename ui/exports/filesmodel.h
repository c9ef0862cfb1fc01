#pragma once

#include "export/filerecord.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>
#include <QTimer>

#include <vector>

class ExportJob;

// The files of one export (ExportJob::record().files), one row each in manifest order: name, type, state, a
// progress bar, bytes, lines against the manifest's count, and the verification result. Rows are added as
// (partial or paged) manifests bring more files.
//
// Coalesced like ExportsModel: ExportJob::changed and fileProgress only mark the model dirty; each tick
// (updateInterval(), 250 ms) compares the rows with what was last reported and emits one dataChanged over the
// range that differs. Roles: DisplayRole, ToolTipRole, ExportRoles::RawValue, ExportRoles::Progress (Progress).
class FilesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name,     // path in the export folder: "Patient.000001.ndjson", "errors/OperationOutcome.000001.ndjson"
        Type,     // resource type; "(errors)" for error files
        State,    // waiting, downloading, verified, failed verification…
        Progress, // resources verified / manifest count; indeterminate while downloading without a count
        Bytes,    // written so far
        Lines,    // resources verified, "n / count" when the manifest gives a count
        Result,   // the verification result or why it failed; tooltip: sha256
        ColumnCount
    };
    Q_ENUM(Column)

    explicit FilesModel(QObject *parent = nullptr);

    ExportJob *job() const;
    // Shows this job's files (nullptr: none). The job is observed, not owned; its destruction clears the model.
    void setJob(ExportJob *job);

    int updateInterval() const { return m_tick.interval(); }
    void setUpdateInterval(int ms) { m_tick.setInterval(ms); }
    // True while updates are pending or an export downloads; false when idle (no timer wake-ups).
    bool isTicking() const { return m_tick.isActive(); }
    void flush(); // emits what is pending now (tests, benchmarks)

    static QString stateText(FileRecord::State state);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Live
    {
        qint64 bytes = 0;
        qint64 lines = 0;
    };
    struct Shown // what the last dataChanged reported, to find the rows that differ
    {
        FileRecord::State state = FileRecord::State::Pending;
        qint64 bytes = -1;
        qint64 lines = -1;
        int attempts = 0;
    };

    void markDirty();
    void tick();
    void syncRows();
    Shown current(int row) const;
    qint64 bytesOf(const FileRecord &f) const;
    qint64 linesOf(const FileRecord &f) const;
    double progressOf(const FileRecord &f) const;

    QPointer<ExportJob> m_job;
    int m_rows = 0;
    std::vector<Shown> m_shown;
    QHash<int, Live> m_live; // by FileRecord::index, files in flight
    QTimer m_tick;
    bool m_dirty = false;
};
