#include "log/logfiltermodel.h"

#include "log/logmodel.h"

LogFilterModel::LogFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void LogFilterModel::setMinimumSeverity(int severity)
{
    if (severity != m_minimumSeverity) {
        m_minimumSeverity = severity;
        invalidateRowsFilter();
    }
}

void LogFilterModel::setCategory(const QString &category)
{
    if (category != m_category) {
        m_category = category;
        invalidateRowsFilter();
    }
}

void LogFilterModel::setSearchText(const QString &text)
{
    if (text != m_search) {
        m_search = text;
        invalidateRowsFilter();
    }
}

bool LogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *log = qobject_cast<const LogModel *>(sourceModel());
    if (!log || sourceParent.isValid()) {
        return true;
    }
    const LogModel::Entry &e = log->entry(sourceRow);
    if (LogModel::severity(e.type) < m_minimumSeverity) {
        return false;
    }
    if (!m_category.isEmpty() && e.category != m_category) {
        return false;
    }
    return m_search.isEmpty() || e.message.contains(m_search, Qt::CaseInsensitive) ||
           e.category.contains(m_search, Qt::CaseInsensitive);
}
