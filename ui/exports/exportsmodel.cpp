#include "exports/exportsmodel.h"

#include "exports/exportroles.h"

#include "export/exportjob.h"
#include "export/exportmanager.h"
#include "util/durationtext.h"

#include <QLocale>

#include <algorithm>

namespace {
constexpr int kDefaultIntervalMs = 250;
constexpr qint64 kSpeedWindowMs = 1000;

bool isActive(ExportState s)
{
    return !ExportStates::isTerminal(s);
}

QString formatTime(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}
} // namespace

struct ExportsModel::Row
{
    QPointer<ExportJob> job;
    QHash<int, qint64> inflight; // bytes of files still downloading, from ExportJob::fileProgress
    qint64 lastBytes = -1;
    qint64 lastMs = 0;
    double speed = 0; // bytes per second, smoothed
    bool dirty = false;
};

ExportsModel::ExportsModel(ExportManager *manager, QObject *parent)
    : QAbstractTableModel(parent)
    , m_manager(manager)
{
    m_clock.start();
    m_tick.setInterval(kDefaultIntervalMs);
    connect(&m_tick, &QTimer::timeout, this, &ExportsModel::tick);
    if (manager) {
        for (ExportJob *j : manager->jobs()) {
            insertJob(j);
        }
        connect(manager, &ExportManager::jobAdded, this, &ExportsModel::insertJob);
        connect(manager, &ExportManager::jobRemoved, this, [this](const QString &id) {
            if (m_manager) {
                for (const auto &row : m_rows) {
                    if (row->job && row->job->id() == id) {
                        removeJob(row->job);
                        return;
                    }
                }
            }
        });
    }
}

ExportsModel::~ExportsModel() = default;

void ExportsModel::addJob(ExportJob *job)
{
    insertJob(job);
}

void ExportsModel::insertJob(ExportJob *job)
{
    if (!job || m_byJob.contains(job)) {
        return;
    }
    const int at = static_cast<int>(m_rows.size());
    beginInsertRows(QModelIndex(), at, at);
    auto row = std::make_unique<Row>();
    row->job = job;
    Row *r = row.get();
    m_rows.push_back(std::move(row));
    m_byJob.insert(job, r);
    endInsertRows();

    connect(job, &ExportJob::changed, this, [this, r] {
        // Files that reached a final state count from the record, not from their last progress signal.
        for (const FileRecord &f : r->job->record().files) {
            if (f.isFinal()) {
                r->inflight.remove(f.index);
            }
        }
        markDirty(r);
    });
    connect(job, &ExportJob::fileProgress, this, [this, r](int index, qint64 bytes) {
        r->inflight[index] = bytes;
        markDirty(r);
    });
    connect(job, &QObject::destroyed, this, [this, job] { removeJob(job); });
    markDirty(r);
}

void ExportsModel::removeJob(const ExportJob *job)
{
    const int at = rowOf(job);
    if (at < 0) {
        return;
    }
    if (m_rows[at]->job) {
        m_rows[at]->job->disconnect(this);
    }
    beginRemoveRows(QModelIndex(), at, at);
    m_byJob.remove(job);
    m_rows.erase(m_rows.begin() + at);
    endRemoveRows();
}

int ExportsModel::rowOf(const ExportJob *job) const
{
    const Row *r = m_byJob.value(job);
    if (!r) {
        return -1;
    }
    const auto it = std::find_if(m_rows.begin(), m_rows.end(), [r](const auto &row) { return row.get() == r; });
    return it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
}

void ExportsModel::markDirty(Row *row)
{
    row->dirty = true;
    m_anyDirty = true;
    if (!m_tick.isActive()) {
        m_tick.start();
    }
}

void ExportsModel::flush()
{
    tick();
}

void ExportsModel::tick()
{
    const qint64 now = m_clock.elapsed();
    int first = -1;
    int last = -1;
    bool downloading = false;
    for (int i = 0; i < static_cast<int>(m_rows.size()); ++i) {
        Row &row = *m_rows[static_cast<size_t>(i)];
        if (row.job && row.job->state() == ExportState::Downloading) {
            downloading = true;
            updateSpeed(row, now);
        } else if (row.speed != 0) {
            row.speed = 0;
            row.lastBytes = -1;
            row.dirty = true;
        }
        if (row.dirty) {
            row.dirty = false;
            first = first < 0 ? i : first;
            last = i;
        }
    }
    m_anyDirty = false;
    // Idle (nothing changed, nothing downloading whose speed must be measured): no more wake-ups until a job
    // signals again.
    if (first < 0 && !downloading) {
        m_tick.stop();
    }
    if (first >= 0) {
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
        emit updated();
    }
}

void ExportsModel::updateSpeed(Row &row, qint64 nowMs)
{
    const qint64 bytes = bytesNow(row);
    if (row.lastBytes < 0) {
        row.lastBytes = bytes;
        row.lastMs = nowMs;
        return;
    }
    if (nowMs - row.lastMs < kSpeedWindowMs) {
        return;
    }
    const double instant = double(bytes - row.lastBytes) * 1000.0 / double(nowMs - row.lastMs);
    row.speed = row.speed <= 0 ? instant : 0.7 * row.speed + 0.3 * instant;
    row.lastBytes = bytes;
    row.lastMs = nowMs;
    row.dirty = true;
}

qint64 ExportsModel::bytesNow(const Row &row)
{
    qint64 sum = 0;
    for (const FileRecord &f : row.job->record().files) {
        if (f.isFinal()) {
            sum += f.bytes;
        }
    }
    for (qint64 b : row.inflight) {
        sum += b;
    }
    return sum;
}

double ExportsModel::progressOf(const ExportRecord &r)
{
    const auto filesFraction = [&r] {
        return r.files.isEmpty() ? 0.0 : 100.0 * r.filesFinal() / double(r.files.size());
    };
    switch (r.state) {
    case ExportState::Completed:
    case ExportState::CleaningUp:
        return 100.0;
    case ExportState::Downloading:
        return r.files.isEmpty() ? -1.0 : filesFraction();
    case ExportState::Polling:
        return r.progress.percent ? *r.progress.percent : -1.0;
    case ExportState::Created:
    case ExportState::KickingOff:
        return -1.0;
    case ExportState::Failed:
    case ExportState::Cancelled:
    case ExportState::Expired:
        return filesFraction();
    }
    return -1.0;
}

double ExportsModel::overallProgress() const
{
    double sum = 0;
    int n = 0;
    for (const auto &row : m_rows) {
        if (row->job && isActive(row->job->state())) {
            const double p = progressOf(row->job->record());
            if (p >= 0) {
                sum += p;
                ++n;
            }
        }
    }
    return n > 0 ? sum / n : -1.0;
}

int ExportsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ExportsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

ExportJob *ExportsModel::job(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= static_cast<int>(m_rows.size())) {
        return nullptr;
    }
    return m_rows[static_cast<size_t>(index.row())]->job;
}

QModelIndex ExportsModel::indexOf(const ExportJob *job, int column) const
{
    const int at = rowOf(job);
    return at < 0 ? QModelIndex() : index(at, column);
}

QVariant ExportsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &row = *m_rows[static_cast<size_t>(index.row())];
    if (!row.job) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case ExportRoles::RawValue:
        return raw(row, index.column());
    case ExportRoles::Progress:
        return index.column() == Progress ? QVariant(progressOf(row.job->record())) : QVariant();
    case ExportRoles::Job:
        return QVariant::fromValue(row.job.data());
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case Files:
        case Bytes:
        case Speed:
        case Eta:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant ExportsModel::raw(const Row &row, int column) const
{
    const ExportRecord &r = row.job->record();
    switch (column) {
    case Name:
        return r.id;
    case Server:
        return r.profileName.isEmpty() ? r.request.base.host() : r.profileName;
    case Group:
        switch (r.request.level) {
        case ExportLevel::Group:
            return r.request.groupId;
        case ExportLevel::ResourceType:
            return r.request.resourceType;
        case ExportLevel::Patient:
            return tr("All patients");
        case ExportLevel::System:
            return tr("System");
        }
        return {};
    case State:
        return static_cast<int>(r.state);
    case Progress:
        return progressOf(row.job->record());
    case Status:
        // X-Progress describes the server's preparation: once files download it is stale.
        if (!r.progress.text.isEmpty() && r.state == ExportState::Polling) {
            return r.progress.text;
        }
        if (!r.activity.isEmpty() && isActive(r.state)) {
            return r.activity;
        }
        return r.message;
    case Files:
        return r.filesFinal();
    case Bytes:
        return bytesNow(row);
    case Speed:
        return row.speed;
    case Eta: {
        const int total = static_cast<int>(r.files.size());
        const int done = r.filesFinal();
        if (r.state != ExportState::Downloading || row.speed <= 0 || done <= 0 || done >= total) {
            return QVariant();
        }
        const double perFile = double(bytesNow(row)) / done;
        return qint64(perFile * (total - done) / row.speed * 1000.0);
    }
    case Started:
        return r.createdAt;
    case Expires:
        return r.expires;
    default:
        return {};
    }
}

QVariant ExportsModel::display(const Row &row, int column) const
{
    const ExportRecord &r = row.job->record();
    const QLocale locale;
    switch (column) {
    case State:
        return ExportStates::displayName(r.state);
    case Progress: {
        const double p = progressOf(row.job->record());
        if (p >= 0) {
            return tr("%1%").arg(qRound(p));
        }
        return r.progress.count ? tr("%L1 processed").arg(*r.progress.count) : QString();
    }
    case Files:
        return r.files.isEmpty() ? QString() : tr("%L1 / %L2").arg(r.filesFinal()).arg(r.files.size());
    case Bytes: {
        const qint64 b = bytesNow(row);
        return b > 0 || !r.files.isEmpty() ? locale.formattedDataSize(b) : QString();
    }
    case Speed:
        return row.speed > 0 ? tr("%1/s").arg(locale.formattedDataSize(qint64(row.speed))) : QString();
    case Eta: {
        const QVariant ms = raw(row, Eta);
        return ms.isValid() ? DurationText::format(std::chrono::milliseconds(ms.toLongLong())) : QString();
    }
    case Started:
        return formatTime(r.createdAt);
    case Expires:
        return formatTime(r.expires);
    default:
        return raw(row, column);
    }
}

QVariant ExportsModel::toolTip(const Row &row, int column) const
{
    const ExportRecord &r = row.job->record();
    switch (column) {
    case Name:
        return r.outputDir;
    case Server:
        return r.request.base.toString();
    case State:
    case Status: {
        QStringList lines;
        for (const QString &s : {r.activity, r.progress.text, r.message, r.cleanupNote}) {
            if (!s.isEmpty() && !lines.contains(s)) {
                lines << s;
            }
        }
        return lines.join(QLatin1Char('\n'));
    }
    default:
        return display(row, column);
    }
}

QVariant ExportsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Name:
        return tr("Export");
    case Server:
        return tr("Server");
    case Group:
        return tr("Group");
    case State:
        return tr("State");
    case Progress:
        return tr("Progress");
    case Status:
        return tr("Status");
    case Files:
        return tr("Files");
    case Bytes:
        return tr("Bytes");
    case Speed:
        return tr("Speed");
    case Eta:
        return tr("Time left");
    case Started:
        return tr("Started");
    case Expires:
        return tr("Expires");
    default:
        return {};
    }
}
