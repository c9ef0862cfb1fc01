#pragma once

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <vector>

class ExportJob;
class ExportManager;
struct ExportRecord;

// The exports of one ExportManager as a table, one row per ExportJob, in the manager's order (sort through a
// QSortFilterProxyModel on ExportRoles::RawValue). Observes the jobs, never changes them.
//
// Updates are coalesced: job signals only mark a row dirty; a timer (updateInterval(), 250 ms) emits one
// dataChanged over the dirty rows per tick and refreshes the transfer speed of downloading exports. The timer
// runs only while something changes or downloads (no wake-ups when every export is idle). Rows are
// inserted and removed at once (ExportManager::jobAdded / jobRemoved, or the job being destroyed).
//
// Roles: Qt::DisplayRole (formatted), Qt::ToolTipRole, ExportRoles::RawValue, ExportRoles::Progress (Progress
// column), ExportRoles::Job (every column).
class ExportsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name,     // the export id, which also names its journal and ends its folder
        Server,   // profile name (the FHIR base's host for ad-hoc exports)
        Group,    // group id, or the level for patient/system exports
        State,    // ExportStates::displayName; tooltip: the last message
        Progress, // painted bar: see ExportRoles::Progress
        Status,   // X-Progress verbatim while polling, else what the export is doing, else its last message
        Files,    // final / total manifest files
        Bytes,    // bytes written so far (verified files plus files in flight)
        Speed,    // bytes per second while downloading
        Eta,      // estimated time left while downloading
        Started,  // createdAt, local time
        Expires,  // the manifest's Expires, local time
        ColumnCount
    };
    Q_ENUM(Column)

    explicit ExportsModel(ExportManager *manager, QObject *parent = nullptr);
    ~ExportsModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    ExportJob *job(const QModelIndex &index) const;
    QModelIndex indexOf(const ExportJob *job, int column = Name) const;

    // Overall progress of the exports that are running, 0–100, or -1 when none runs or none can tell.
    double overallProgress() const;
    // One export's progress as the Progress column shows it: 0–100, or -1 when it cannot be told (animated).
    // Downloading: files final / total; Polling: the server's percentage; Completed: 100.
    static double progressOf(const ExportRecord &record);

    int updateInterval() const { return m_tick.interval(); }
    void setUpdateInterval(int ms) { m_tick.setInterval(ms); }
    // True while updates are pending or an export downloads; false when idle (no timer wake-ups).
    bool isTicking() const { return m_tick.isActive(); }
    // Emits the pending dataChanged now instead of at the next tick (tests, benchmarks).
    void flush();

    // Adds a job the manager does not list (benchmarks; normally rows come from the manager). Not owned.
    void addJob(ExportJob *job);

signals:
    // After every tick that changed something; overallProgress() may have changed.
    void updated();

private:
    struct Row;

    void insertJob(ExportJob *job);
    void removeJob(const ExportJob *job);
    int rowOf(const ExportJob *job) const;
    void markDirty(Row *row);
    void tick();
    void updateSpeed(Row &row, qint64 nowMs);
    static qint64 bytesNow(const Row &row);
    QVariant display(const Row &row, int column) const;
    QVariant raw(const Row &row, int column) const;
    QVariant toolTip(const Row &row, int column) const;

    QPointer<ExportManager> m_manager;
    std::vector<std::unique_ptr<Row>> m_rows;
    QHash<const ExportJob *, Row *> m_byJob;
    QTimer m_tick;
    QElapsedTimer m_clock;
    bool m_anyDirty = false;
};
