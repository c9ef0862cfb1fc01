#include "exports/filesmodel.h"

#include "exports/exportroles.h"

#include "export/exportjob.h"

#include <QLocale>

namespace {
constexpr int kDefaultIntervalMs = 250;
}

FilesModel::FilesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_tick.setInterval(kDefaultIntervalMs);
    connect(&m_tick, &QTimer::timeout, this, &FilesModel::tick);
}

ExportJob *FilesModel::job() const
{
    return m_job;
}

void FilesModel::setJob(ExportJob *job)
{
    if (job == m_job) {
        return;
    }
    beginResetModel();
    if (m_job) {
        m_job->disconnect(this);
    }
    m_job = job;
    m_live.clear();
    m_shown.clear();
    m_rows = job ? int(job->record().files.size()) : 0;
    for (int row = 0; row < m_rows; ++row) {
        m_shown.push_back(current(row));
    }
    endResetModel();
    m_dirty = false;
    if (!job) {
        m_tick.stop();
        return;
    }
    connect(job, &ExportJob::changed, this, &FilesModel::markDirty);
    connect(job, &ExportJob::fileProgress, this, [this](int index, qint64 bytes, qint64 lines) {
        m_live.insert(index, Live{bytes, lines});
        markDirty();
    });
    connect(job, &QObject::destroyed, this, [this] {
        beginResetModel();
        m_rows = 0;
        m_shown.clear();
        m_live.clear();
        endResetModel();
        m_tick.stop();
    });
}

void FilesModel::markDirty()
{
    m_dirty = true;
    if (!m_tick.isActive()) {
        m_tick.start();
    }
}

void FilesModel::flush()
{
    tick();
}

void FilesModel::syncRows()
{
    const int now = int(m_job->record().files.size());
    if (now > m_rows) {
        beginInsertRows(QModelIndex(), m_rows, now - 1);
        for (int row = m_rows; row < now; ++row) {
            m_shown.push_back(current(row));
        }
        m_rows = now;
        endInsertRows();
    } else if (now < m_rows) { // the engine never drops files; stay correct if it ever does
        beginResetModel();
        m_rows = now;
        m_shown.resize(size_t(now));
        endResetModel();
    }
}

void FilesModel::tick()
{
    if (!m_job || !m_dirty) {
        m_tick.stop(); // idle until the job signals again
        return;
    }
    m_dirty = false;
    syncRows();
    // Final files count from the record, not from their last progress signal.
    for (const FileRecord &f : m_job->record().files) {
        if (f.isFinal()) {
            m_live.remove(f.index);
        }
    }
    int first = -1;
    int last = -1;
    for (int row = 0; row < m_rows; ++row) {
        const Shown now = current(row);
        Shown &before = m_shown[size_t(row)];
        if (now.state != before.state || now.bytes != before.bytes || now.lines != before.lines ||
            now.attempts != before.attempts) {
            before = now;
            first = first < 0 ? row : first;
            last = row;
        }
    }
    if (first >= 0) {
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
    }
}

FilesModel::Shown FilesModel::current(int row) const
{
    const FileRecord &f = m_job->record().files.at(row);
    return Shown{f.state, bytesOf(f), linesOf(f), f.attempts};
}

qint64 FilesModel::bytesOf(const FileRecord &f) const
{
    const auto it = m_live.constFind(f.index);
    return it != m_live.constEnd() && !f.isFinal() ? it->bytes : f.bytes;
}

qint64 FilesModel::linesOf(const FileRecord &f) const
{
    const auto it = m_live.constFind(f.index);
    return it != m_live.constEnd() && !f.isFinal() ? it->lines : f.lines;
}

double FilesModel::progressOf(const FileRecord &f) const
{
    switch (f.state) {
    case FileRecord::State::Verified:
        return 100.0;
    case FileRecord::State::Downloading:
        if (f.count && *f.count > 0) {
            return std::min(100.0, 100.0 * double(linesOf(f)) / double(*f.count));
        }
        return -1.0;
    default:
        return 0.0;
    }
}

QString FilesModel::stateText(FileRecord::State state)
{
    switch (state) {
    case FileRecord::State::Pending:
        return tr("Waiting");
    case FileRecord::State::Downloading:
        return tr("Downloading");
    case FileRecord::State::Verified:
        return tr("Verified");
    case FileRecord::State::Failed:
        return tr("Failed");
    case FileRecord::State::Rejected:
        return tr("Failed verification");
    case FileRecord::State::Expired:
        return tr("Expired");
    case FileRecord::State::Unusable:
        return tr("Unusable");
    }
    return {};
}

int FilesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int FilesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FilesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_job ||
        index.row() >= m_job->record().files.size()) {
        return {};
    }
    const FileRecord &f = m_job->record().files.at(index.row());
    const QLocale locale;
    const int column = index.column();
    if (role == ExportRoles::Progress) {
        return column == Progress ? QVariant(progressOf(f)) : QVariant();
    }
    if (role == ExportRoles::RawValue) {
        switch (column) {
        case Name:
            return f.name;
        case Type:
            return f.type;
        case State:
            return int(f.state);
        case Progress:
            return progressOf(f);
        case Bytes:
            return bytesOf(f);
        case Lines:
            return linesOf(f);
        case Result:
            return f.message;
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        return column == Bytes || column == Lines ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
        return {};
    }
    switch (column) {
    case Name:
        return role == Qt::ToolTipRole ? f.name + QLatin1Char('\n') + f.url.toString(QUrl::RemoveQuery) : f.name;
    case Type:
        return f.kind == ManifestEntry::Kind::Error     ? tr("(errors)")
               : f.kind == ManifestEntry::Kind::Deleted ? tr("%1 (deleted)").arg(f.type)
                                                        : f.type;
    case State:
        return f.attempts > 1 && !f.isFinal() ? tr("%1 (attempt %2)").arg(stateText(f.state)).arg(f.attempts)
                                              : stateText(f.state);
    case Progress: {
        const double p = progressOf(f);
        return p >= 0 ? tr("%1%").arg(qRound(p)) : QString();
    }
    case Bytes:
        return f.state == FileRecord::State::Pending && bytesOf(f) == 0 ? QString()
                                                                        : locale.formattedDataSize(bytesOf(f));
    case Lines:
        return f.count ? tr("%L1 / %L2").arg(linesOf(f)).arg(*f.count) : locale.toString(linesOf(f));
    case Result:
        if (f.state == FileRecord::State::Verified) {
            const bool countOk = !f.count || *f.count == f.lines;
            const QString text =
                countOk ? tr("Verified") : tr("Verified; %L1 lines, manifest says %L2").arg(f.lines).arg(*f.count);
            return role == Qt::ToolTipRole ? text + QStringLiteral("\nSHA-256 ") + QString::fromLatin1(f.sha256) : text;
        }
        return f.message;
    }
    return {};
}

QVariant FilesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Name:
        return tr("File");
    case Type:
        return tr("Type");
    case State:
        return tr("State");
    case Progress:
        return tr("Progress");
    case Bytes:
        return tr("Bytes");
    case Lines:
        return tr("Resources");
    case Result:
        return tr("Verification");
    }
    return {};
}
