#include "log/logmodel.h"

#include "exports/exportroles.h"

#include "util/privatefiles.h"
#include "util/redactor.h"

#include <QFile>
#include <QFont>
#include <QLocale>
#include <QPointer>

#include <algorithm>
#include <atomic>

namespace {
std::atomic<LogModel *> g_installed{nullptr};
QtMessageHandler g_previous = nullptr;

bool keep(QtMsgType type, const QString &category)
{
    return category.startsWith(QLatin1String("ferry")) || LogModel::severity(type) >= 2;
}
} // namespace

LogModel::LogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

LogModel::~LogModel()
{
    uninstall();
}

void LogModel::install()
{
    LogModel *expected = nullptr;
    if (g_installed.compare_exchange_strong(expected, this)) {
        g_previous = qInstallMessageHandler(&LogModel::handler);
    }
}

void LogModel::uninstall()
{
    LogModel *expected = this;
    if (g_installed.compare_exchange_strong(expected, nullptr)) {
        qInstallMessageHandler(g_previous);
        g_previous = nullptr;
    }
}

bool LogModel::isInstalled() const
{
    return g_installed.load() == this;
}

void LogModel::handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString category = QString::fromLatin1(context.category ? context.category : "default");
    const QString redacted = Redactor::instance().text(message);
    if (LogModel *model = g_installed.load(); model && keep(type, category)) {
        model->append(type, category, redacted);
    }
    if (g_previous) {
        g_previous(type, context, redacted);
    }
}

void LogModel::append(QtMsgType type, const QString &category, const QString &message)
{
    Entry e{QDateTime::currentDateTimeUtc(), type, category, Redactor::instance().text(message)};
    QMutexLocker lock(&m_mutex);
    m_pending.append(std::move(e));
    if (!m_flushQueued) {
        m_flushQueued = true;
        QMetaObject::invokeMethod(this, &LogModel::flush, Qt::QueuedConnection);
    }
}

void LogModel::flush()
{
    QList<Entry> batch;
    {
        QMutexLocker lock(&m_mutex);
        batch.swap(m_pending);
        m_flushQueued = false;
    }
    if (batch.isEmpty()) {
        return;
    }
    // Drop the oldest first so the table never holds more than the maximum.
    const qsizetype overflow = m_entries.size() + batch.size() - m_maximum;
    if (overflow > 0) {
        const qsizetype drop = std::min(overflow, m_entries.size());
        if (drop > 0) {
            beginRemoveRows(QModelIndex(), 0, int(drop) - 1);
            m_entries.remove(0, drop);
            endRemoveRows();
        }
        if (batch.size() > m_maximum) {
            batch.remove(0, batch.size() - m_maximum);
        }
    }
    bool newCategory = false;
    for (const Entry &e : std::as_const(batch)) {
        if (!m_categories.contains(e.category)) {
            m_categories.append(e.category);
            newCategory = true;
        }
    }
    const int first = int(m_entries.size());
    beginInsertRows(QModelIndex(), first, first + int(batch.size()) - 1);
    m_entries.append(batch);
    endInsertRows();
    if (newCategory) {
        m_categories.sort();
        emit categoriesChanged();
    }
}

void LogModel::setMaximumEntries(int maximum)
{
    m_maximum = std::max(1, maximum);
    if (m_entries.size() > m_maximum) {
        const int drop = int(m_entries.size()) - m_maximum;
        beginRemoveRows(QModelIndex(), 0, drop - 1);
        m_entries.remove(0, drop);
        endRemoveRows();
    }
}

int LogModel::severity(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 4;
    }
    return 1;
}

QString LogModel::levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return tr("Debug");
    case QtInfoMsg:
        return tr("Info");
    case QtWarningMsg:
        return tr("Warning");
    case QtCriticalMsg:
        return tr("Error");
    case QtFatalMsg:
        return tr("Fatal");
    }
    return {};
}

QString LogModel::line(const Entry &e)
{
    static const char *const kLevels[] = {"debug", "warning", "critical", "fatal", "info"};
    return e.time.toString(Qt::ISODateWithMs) + QLatin1Char(' ') + QLatin1String(kLevels[e.type]) + QLatin1Char(' ') +
           e.category + QStringLiteral(": ") + e.message;
}

QString LogModel::text() const
{
    QString out;
    for (const Entry &e : m_entries) {
        out += line(e) + QLatin1Char('\n');
    }
    return out;
}

bool LogModel::save(const QString &path, QString *error) const
{
    QFile file(path);
    if (!PrivateFiles::open(file, QIODevice::WriteOnly | QIODevice::Truncate, error)) {
        return false;
    }
    if (file.write(text().toUtf8()) < 0 || !file.flush()) {
        if (error) {
            *error = file.errorString();
        }
        return false;
    }
    return true;
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Entry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return QLocale().toString(e.time.toLocalTime().time(), QStringLiteral("HH:mm:ss.zzz"));
        case Level:
            return levelName(e.type);
        case Category:
            return e.category;
        case Message:
            return e.message;
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == Message ? e.message : line(e);
    case ExportRoles::RawValue:
        switch (index.column()) {
        case Time:
            return e.time;
        case Level:
            return severity(e.type);
        case Category:
            return e.category;
        case Message:
            return e.message;
        }
        return {};
    case Qt::FontRole:
        // Warnings and errors stand out by weight, not colour: readable in any palette.
        if (severity(e.type) >= 2) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Time:
        return tr("Time");
    case Level:
        return tr("Level");
    case Category:
        return tr("Category");
    case Message:
        return tr("Message");
    }
    return {};
}
